// What the bench's preload (hostPreload.ts) records inside the extension host, what the in-host
// bench index (hostIndex.ts) writes for the runner (hostBench.ts), and the env names
// that connect the three. Types and constants only: this file is loaded in three processes.

/** Absolute path of the extension's real entry point (dist/extension.js), set by the runner. */
export const ENV_MAIN = 'SUGAR_BENCH_EXTENSION_MAIN';
/** Write a CPU profile of loading and activating the extension to this file (diagnosis). */
export const ENV_PROFILE_ACTIVATION = 'SUGAR_BENCH_PROFILE_ACTIVATION';
/** 'activation' or 'scale': what the in-host suite measures in this host start. */
export const ENV_MODE = 'SUGAR_BENCH_MODE';
/** Where the in-host suite writes its JSON answer. */
export const ENV_OUT = 'SUGAR_BENCH_OUT';
/** JSON of an AddConnection: after measuring, add it and log in (so later starts find a stored session). */
export const ENV_ADD_CONNECTION = 'SUGAR_BENCH_ADD_CONNECTION';
/** Scale mode: path of a JSON file with the ScaleSetup (the environment travels in the workbench URL: no room for it there). */
export const ENV_SCALE = 'SUGAR_BENCH_SCALE';

export interface ScaleSetup {
  instanceUrl: string;
  apiVersion: string;
  connections: number;
  /** Password logins the runner made on the simulator, one user each: the first sessions.length connections are logged in with them. */
  sessions: Array<{ userName: string; password: string; answer: { access_token: string; expires_in: number; refresh_token?: string; refresh_expires_in?: number; download_token?: string } }>;
  /** The user of the connections that are not logged in. */
  idleUser: { userName: string; password: string };
  /** Write a CPU profile of the repeated tree builds here (diagnosis; off by default). */
  profileFile?: string;
}

export interface SecretCall {
  op: string;
  /** The key (never the value): sugar.profiles, sugar.session.<id>, ... */
  key: string;
  /** performance.now() in the extension host. */
  at: number;
}

export interface TimerInfo {
  /** Set by code in dist/extension.js, in dist/undici.js, or by VS Code's API code called from them. */
  origin: 'extension' | 'undici' | 'vscode';
  kind: 'timeout' | 'interval';
  delayMs: number;
  createdAt: number;
}

/** Kept on globalThis.__sugarBench in the extension host by the preload. */
export interface BenchHostState {
  pid: number;
  nodeVersion: string;
  /** performance.now() when the preload ran (the extension host process had just started). */
  preloadAt: number;
  main: string;
  undici: string;
  errors: string[];
  /** Filled when VS Code requires dist/extension.js. */
  load?: {
    /** performance.now() when VS Code's require of dist/extension.js began and ended. */
    start: number;
    end: number;
    /** Date.now() at start, to line up with VS Code's own performance marks (ms resolution). */
    startEpochMs: number;
    activateCalled?: number;
    /** When activate() returned (its synchronous part). */
    activateReturned?: number;
    activateResolved?: number;
    activateFailed?: string;
    /** The extension's require('vscode') calls during the load (each goes through VS Code's module interceptor). */
    vscodeRequires?: { count: number; totalMs: number; firstMs: number };
    /** require.cache keys that appeared between the start of loading and activate() resolved. */
    modulesLoadedDuringActivation?: string[];
    undiciLoadedAtActivation?: boolean;
  };
  /** Every SecretStorage call of the extension (context.secrets), from activate() on. */
  secretCalls: SecretCall[];
  /** Timers created by code in dist/extension.js or dist/undici.js, as weak references. */
  timers: Array<{ ref: WeakRef<object>; info: TimerInfo }>;
  /** AbortSignal.timeout() signals created by that code (their Node-internal timers are not visible otherwise). */
  timeoutSignals: Array<{ ref: WeakRef<AbortSignal>; origin: 'extension' | 'undici'; delayMs: number; createdAt: number }>;
  /** The extension's context.secrets (counted). */
  secrets?: Record<string, unknown>;
  /** The Connections view's TreeDataProvider, as passed to vscode.window.createTreeView. */
  tree?: unknown;
  gc?: () => void;
}

/** Live timers of the extension: created by its code, not fired (or re-armed), not cleared. */
export function liveTimers(state: BenchHostState): TimerInfo[] {
  const live: TimerInfo[] = [];
  for (const { ref, info } of state.timers) {
    const timer = ref.deref() as { _destroyed?: boolean } | undefined;
    if (timer && timer._destroyed === false) live.push(info);
  }
  return live;
}

export function pendingTimeoutSignals(state: BenchHostState): number {
  return state.timeoutSignals.filter(({ ref }) => {
    const signal = ref.deref();
    return signal !== undefined && !signal.aborted;
  }).length;
}

export interface ActivationAnswer {
  mode: 'activation';
  preloadActive: boolean;
  hostNode: string;
  errors: string[];
  /** Was the extension active before the bench asked (i.e. activated by VS Code's own event)? */
  activatedBeforeBench: boolean;
  /** When the bench index was loaded, relative to the start of loading the extension (ms). */
  indexLoadedAfterLoadStartMs?: number;
  /** Precise (performance.now()) figures from the preload, ms. */
  loadMs?: number;
  /** The extension's require('vscode') calls while loading: how many, and their time (part of loadMs). */
  vscodeRequires?: { count: number; totalMs: number; firstMs: number };
  /** From the end of the require to the activate() call: VS Code building the context. */
  hostGapMs?: number;
  activateSyncMs?: number;
  activateAsyncMs?: number;
  /** The extension's own time: loading its code + activate() to resolved, without the host's gap (VS Code's "activation time"). */
  ownMs?: number;
  /** From the start of loading dist/extension.js to activate() resolved: the budgeted figure. */
  totalMs?: number;
  /** The same span from VS Code's own performance marks (Date.now(), 1 ms resolution). */
  marks?: { loadMs: number; ownMs: number; totalMs: number; names: string[] };
  /** Other extensions that VS Code activated in this host, from the same marks (the in-run baseline). */
  otherExtensions: Array<{ id: string; loadMs: number; ownMs: number; totalMs: number }>;
  secretReadsDuringActivation: number;
  secretCallsDuringActivation: SecretCall[];
  /** In the second after activation. */
  secretCallsAfterActivation: SecretCall[];
  undiciLoadedAtActivation?: boolean;
  undiciLoadedOneSecondLater: boolean;
  modulesLoadedDuringActivation: string[];
  liveTimersAfterOneSecond: TimerInfo[];
  timeoutSignalsAfterOneSecond: number;
  bundleBytes: number;
  connections: number;
  addedConnection?: { id: string; status: string };
}

export interface ScaleAnswer {
  mode: 'scale';
  preloadActive: boolean;
  errors: string[];
  gcAvailable: boolean;
  connections: number;
  loggedIn: number;
  /** Writing the stored state (profiles and sessions) into SecretStorage, until the extension lists every connection. */
  storeMs: number;
  /** Reading every connection's session (api.loadSessionState for all, concurrently: what activation starts at each start-up). */
  loadSessionsMs: number;
  /** Whole-tree builds: the first one, then repeated ones; ms. */
  firstBuildMs: number;
  buildsMs: number[];
  nodes: number;
  nodesByKind: Record<string, number>;
  heapBefore: number;
  heapAfter: number;
  /** Live timers at rest (4.5 s after the last build, past undici's keep-alive of idle sockets), by who set them. */
  liveTimers: TimerInfo[];
  /** Live timers right after the builds. */
  timersAfterBuilds: TimerInfo[];
  /** Timeout entries of process.getActiveResourcesInfo() (ref'd timers of the whole host). */
  activeTimeoutResourcesBefore: number;
  activeTimeoutResourcesAfter: number;
  timeoutSignalsPending: number;
  /** SecretStorage calls of the extension from the baseline on (the bench's own writes not counted). */
  secretCalls: { get: number; store: number; delete: number };
  profileWritten?: string;
}
