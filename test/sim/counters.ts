/**
 * What tests assert on: how many requests of each kind reached the simulator and what came of the
 * auth flows. Plain numbers, so a test can snapshot, act, and compare.
 */
import type { SimCounters } from './types';

export function newCounters(): SimCounters {
  return {
    requests: {},
    loginsIssued: 0,
    loginsRejected: 0,
    refreshesIssued: 0,
    refreshesRejected: 0,
    refreshesWithoutPlatform: 0,
    sudoIssued: 0,
    logouts: 0,
    apiUnauthorized: 0,
  };
}

/** Resets in place: callers (and the `counters` getter) may hold the object. */
export function resetCounters(c: SimCounters): void {
  Object.assign(c, newCounters());
}

export function countRequest(c: SimCounters, kind: string): void {
  c.requests[kind] = (c.requests[kind] ?? 0) + 1;
}
