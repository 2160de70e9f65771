// Figures 2 (request overhead) and 3 (concurrency on an expired token), in plain Node, in this
// process: the Sugar simulator, and the session engine composed as src/extension.ts composes it
// (ProfileStore, ProfileConnections, SugarClient on UndiciHttpDispatcher, a FileLock), with two
// stand-ins for what only VS Code has: secrets in memory (the engine and the profile store cache
// what they read, so the store is not on the request path) and a log that redacts every line the
// way the "Sugar" LogOutputChannel does and then drops it (the channel's own append is not counted).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Agent, request as undiciRequest } from 'undici';
import { systemClock, type Clock, type Logger } from '../../src/core/ports';
import { createProfile } from '../../src/core/profiles/profile';
import { MemoryCache, ProfileConnections } from '../../src/core/profiles/profileConnections';
import { ProfileStore } from '../../src/core/profiles/profileStore';
import { FileLock } from '../../src/core/session/fileLock';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import { SugarClient } from '../../src/core/sugar/client';
import { UndiciHttpDispatcher } from '../../src/core/sugar/http';
import { redactSecrets } from '../../src/core/sugar/redact';
import { startSimulator, type Simulator } from '../../test/sim/index';
import { MemorySecretStore } from '../../test/support/stores';
import { median, percentile, sum } from './stats';

/** Redacts like src/vscode/log.ts (RedactingLog) and drops the line. */
class RedactingDropLog implements Logger {
  lines = 0;
  constructor(private readonly knownSecrets: () => Iterable<string>) {}
  private write(message: string): void {
    if (redactSecrets(message, this.knownSecrets()).length >= 0) this.lines++;
  }
  trace(message: string): void {
    this.write(message);
  }
  debug(message: string): void {
    this.write(message);
  }
  info(message: string): void {
    this.write(message);
  }
  warn(message: string): void {
    this.write(message);
  }
  error(message: string): void {
    this.write(message);
  }
}

/** A clock that can be moved forward, as the tests move the engine's clock (test/support/clock.ts). */
class MovableClock implements Clock {
  offsetMs = 0;
  now(): number {
    return systemClock.now() + this.offsetMs;
  }
}

interface EngineWorld {
  engine: SessionEngine;
  client: SugarClient;
  http: UndiciHttpDispatcher;
  clock: MovableClock;
  connectionId: string;
  lockDir: string;
  close(): Promise<void>;
}

async function engineWorld(sim: Simulator, user: { userName: string; password: string }): Promise<EngineWorld> {
  const store = new MemorySecretStore();
  const profiles = new ProfileStore(store);
  const clock = new MovableClock();
  let engine: SessionEngine | undefined;
  const log = new RedactingDropLog(() => [...(engine?.knownSecrets() ?? []), ...profiles.knownSecrets()]);
  const http = new UndiciHttpDispatcher();
  const client = new SugarClient(http, log);
  const connections = new ProfileConnections(profiles, client, new MemoryCache());
  const lockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-bench-locks-'));
  engine = new SessionEngine({ store, clock, logger: log, client, connections, lock: new FileLock(lockDir), fetchUserAfterLogin: false });
  const { profile } = createProfile({ name: `bench ${user.userName}`, instanceUrl: sim.url, username: user.userName, password: user.password, rememberPassword: true, platform: 'custom_api' });
  await profiles.add(profile);
  await engine.login(profile.id);
  return {
    engine,
    client,
    http,
    clock,
    connectionId: profile.id,
    lockDir,
    close: async () => {
      engine!.dispose();
      await http.close();
      fs.rmSync(lockDir, { recursive: true, force: true });
    },
  };
}

export interface LayerTimes {
  medianMs: number;
  p90Ms: number;
  totalMs: number;
}

export interface OverheadResult {
  requests: number;
  /** engine.request(): the figure. */
  engine: LayerTimes;
  /** undici.request() with a keep-alive Agent: the baseline. */
  raw: LayerTimes;
  /** The layers between, for finding where an overhead comes from: UndiciHttpDispatcher.send() and SugarClient.request(). */
  http: LayerTimes;
  client: LayerTimes;
  ratioMedian: number;
  ratioTotal: number;
  rounds: number;
}

export interface ConcurrencyResult {
  requests: number;
  rounds: number;
  validMs: number[];
  expiredMs: number[];
  validMedianMs: number;
  expiredMedianMs: number;
  ratio: number;
  /** Per expired round, as the simulator counted them. */
  refreshesIssued: number[];
  refreshesRejected: number[];
  /** Requests that rejected or answered anything but 200, over all rounds. */
  failed: number;
  failures: string[];
}

/** The proxy variables would send the engine (not the raw calls) through a proxy: both go direct. */
function withoutProxyEnvironment(): () => void {
  const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const name of names) delete process.env[name];
  return () => {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  };
}

/**
 * 2: sequential GET /ping, through engine.request() and through undici.request() with a keep-alive
 * Agent (the same token, URL and headers; the body read and parsed as JSON, as the engine does).
 * Also through the two layers between them (UndiciHttpDispatcher.send, SugarClient.request), to
 * show where an overhead comes from. All warmed up, then rounds of 50 per side, the order of the
 * sides rotating each round, so that drift (GC, CPU frequency, other processes) hits all alike.
 * Per-request times with performance.now(); each side makes `total` requests.
 */
export async function requestOverhead(total = 500, roundSize = 50, warmup = 200): Promise<OverheadResult> {
  const restore = withoutProxyEnvironment();
  const sim = await startSimulator({ quiet: true });
  const world = await engineWorld(sim, { userName: 'admin', password: 'admin' });
  const agent = new Agent();
  try {
    const token = await world.engine.accessToken(world.connectionId);
    const target = await world.engine.targetFor(world.connectionId);
    const url = `${sim.url}/rest/${target.apiVersion}/ping`;
    const headers = { accept: 'application/json', 'oauth-token': token };
    const check = (side: string, status: number, json: unknown) => {
      if (status !== 200 || json !== 'pong') throw new Error(`${side}: GET /ping answered ${status}`);
    };

    const sides: Record<'engine' | 'client' | 'http' | 'raw', () => Promise<number>> = {
      engine: async () => {
        const started = performance.now();
        const response = await world.engine.request(world.connectionId, { method: 'GET', path: '/ping' });
        const elapsed = performance.now() - started;
        check('engine', response.status, response.json);
        return elapsed;
      },
      client: async () => {
        const started = performance.now();
        const response = await world.client.request(target, token, { method: 'GET', path: '/ping' });
        const elapsed = performance.now() - started;
        check('client', response.status, response.json);
        return elapsed;
      },
      http: async () => {
        const started = performance.now();
        const answer = await world.http.send({ method: 'GET', url, headers, network: target.network });
        const json = JSON.parse(answer.body.toString('utf8')) as unknown;
        const elapsed = performance.now() - started;
        check('http', answer.status, json);
        return elapsed;
      },
      raw: async () => {
        const started = performance.now();
        const answer = await undiciRequest(url, { method: 'GET', headers, dispatcher: agent });
        const json = JSON.parse(await answer.body.text()) as unknown;
        const elapsed = performance.now() - started;
        check('undici', answer.statusCode, json);
        return elapsed;
      },
    };
    const names = Object.keys(sides) as Array<keyof typeof sides>;
    for (let i = 0; i < warmup; i++) for (const name of names) await sides[name]();
    const times: Record<keyof typeof sides, number[]> = { engine: [], client: [], http: [], raw: [] };
    const rounds = Math.ceil(total / roundSize);
    for (let round = 0; round < rounds; round++) {
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) for (let i = 0; i < roundSize && times[name].length < total; i++) times[name].push(await sides[name]());
    }
    const summary = (values: number[]): LayerTimes => ({ medianMs: median(values), p90Ms: percentile(values, 90), totalMs: sum(values) });
    const engine = summary(times.engine);
    const raw = summary(times.raw);
    return {
      requests: total,
      engine,
      raw,
      http: summary(times.http),
      client: summary(times.client),
      ratioMedian: engine.medianMs / raw.medianMs,
      ratioTotal: engine.totalMs / raw.totalMs,
      rounds,
    };
  } finally {
    await agent.close().catch(() => undefined);
    await world.close();
    await sim.close();
    restore();
  }
}

/**
 * 3: `count` concurrent engine.request(GET /ping) on a valid access token, and the same on an
 * expired one (expired on the simulator and for the engine's clock, as world.expireAccess() does);
 * wall time from the first call to the last answer. One unmeasured round of each first (sockets).
 */
export async function concurrency(count = 1000, rounds = 9): Promise<ConcurrencyResult> {
  const restore = withoutProxyEnvironment();
  const sim = await startSimulator({ quiet: true });
  const world = await engineWorld(sim, { userName: 'jim', password: 'jim' });
  const failures: string[] = [];
  let failed = 0;
  const burst = async (): Promise<number> => {
    const started = performance.now();
    const settled = await Promise.allSettled(Array.from({ length: count }, () => world.engine.request(world.connectionId, { method: 'GET', path: '/ping' })));
    const elapsed = performance.now() - started;
    for (const outcome of settled) {
      const problem = outcome.status === 'rejected' ? String((outcome.reason as Error)?.message ?? outcome.reason) : outcome.value.status !== 200 ? `HTTP ${outcome.value.status}` : undefined;
      if (problem) {
        failed++;
        if (failures.length < 5) failures.push(problem);
      }
    }
    return elapsed;
  };
  const expire = () => {
    sim.expireAccessTokens();
    world.clock.offsetMs += 2 * 3600_000;
  };
  try {
    await burst();
    expire();
    await burst();
    failed = 0;
    failures.length = 0;
    const validMs: number[] = [];
    const expiredMs: number[] = [];
    const refreshesIssued: number[] = [];
    const refreshesRejected: number[] = [];
    for (let round = 0; round < rounds; round++) {
      validMs.push(await burst());
      expire();
      const issued = sim.counters.refreshesIssued;
      const rejected = sim.counters.refreshesRejected;
      expiredMs.push(await burst());
      refreshesIssued.push(sim.counters.refreshesIssued - issued);
      refreshesRejected.push(sim.counters.refreshesRejected - rejected);
    }
    const validMedianMs = median(validMs);
    const expiredMedianMs = median(expiredMs);
    return { requests: count, rounds, validMs, expiredMs, validMedianMs, expiredMedianMs, ratio: expiredMedianMs / validMedianMs, refreshesIssued, refreshesRejected, failed, failures };
  } finally {
    await world.close();
    await sim.close();
    restore();
  }
}
