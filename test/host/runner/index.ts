// The host test runner's public surface (see test/host/README.md).
export { runHostTests } from './run';
export type { HostTestOptions, HostTestResult } from './run';
export { hostDir, hostInstalled, installScript, projectRoot } from './paths';
export { selectors } from './workbenchDriver';
