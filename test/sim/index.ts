/**
 * The Sugar simulator: a real HTTP and HTTPS server on loopback that behaves like a Sugar instance
 * as /work/shared/sugar-api.md describes it. Used by unit tests, host tests, `npm run sim` and
 * `npm run test:live`.
 */
export type { SimCounters, SimFault, SimFaultType, SimOptions, SimSessionInfo, SimUser, Simulator } from './types';
export { DEMO_USERS } from './users';
export { DEFAULT_PLATFORMS } from './platforms';
export { startSimulator } from './simulator';
