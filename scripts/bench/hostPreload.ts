// Preloaded (node --require) into code-server's processes by the bench, so that it is in the
// extension host before VS Code loads the extension. How it gets there: the runner sets
// NODE_OPTIONS=--require=<this file> for code-server; VS Code removes NODE_OPTIONS from the
// extension host's environment but forks the extension host with the server's process.execArgv,
// so in every process that is not an extension host this file adds itself to process.execArgv.
//
// In the extension host it observes, and changes nothing the extension does:
// - Module._load: the moment VS Code's require of dist/extension.js starts and ends (the real
//   file, loaded by VS Code itself), and activate()'s call, return and resolution: VS Code gets a
//   module object whose activate() calls the real one with the real context and hands back its
//   result. performance.now() resolution, where VS Code's own marks have Date.now()'s 1 ms.
// - context.secrets: get/store/delete/keys are counted (keys only, never values).
// - setTimeout/setInterval and AbortSignal.timeout(): the ones created by code in dist/ are kept
//   as weak references, to count the live ones later.
// - vscode.window.createTreeView of the extension's own API object: the Connections view's
//   TreeDataProvider is kept, so the bench suite can build the whole tree through it.
// - global.gc, through v8.setFlagsFromString('--expose-gc'), for heap figures.
import * as path from 'path';
import type { BenchHostState, TimerInfo } from './hostProtocol';
import { ENV_MAIN, ENV_PROFILE_ACTIVATION } from './hostProtocol';

const self = __filename;

function isExtensionHost(): boolean {
  return process.argv.includes('--type=extensionHost');
}

if (!isExtensionHost()) {
  const flag = `--require=${self}`;
  if (!process.execArgv.includes(flag)) process.execArgv.push(flag);
} else {
  try {
    install();
  } catch (error) {
    // Never break the extension host: the bench reports the preload as missing.
    console.error(`[sugar-bench] preload failed: ${(error as Error).stack ?? error}`);
  }
}

function install(): void {
  const main = process.env[ENV_MAIN];
  if (!main) return;
  const mainPath = path.resolve(main);
  const undiciPath = path.join(path.dirname(mainPath), 'undici.js');
  const state: BenchHostState = {
    pid: process.pid,
    nodeVersion: process.version,
    preloadAt: performance.now(),
    main: mainPath,
    undici: undiciPath,
    errors: [],
    secretCalls: [],
    timers: [],
    timeoutSignals: [],
  };
  (globalThis as { __sugarBench?: BenchHostState }).__sugarBench = state;

  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('v8') as typeof import('v8')).setFlagsFromString('--expose-gc');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    state.gc = (require('vm') as typeof import('vm')).runInNewContext('gc') as () => void;
  } catch (error) {
    state.errors.push(`gc not available: ${(error as Error).message}`);
  }

  // ---- who created a timer: its direct caller in dist/extension.js or dist/undici.js, or VS Code's
  // API code working for the extension (a frame of dist/ further out: e.g. a tree view's debounce).
  const originOf = (skip: Function): TimerInfo['origin'] | undefined => {
    const prepare = Error.prepareStackTrace;
    const limit = Error.stackTraceLimit;
    let sites: NodeJS.CallSite[] = [];
    try {
      Error.stackTraceLimit = 30;
      Error.prepareStackTrace = (_error, callSites) => callSites;
      const holder: { stack?: unknown } = {};
      Error.captureStackTrace(holder, skip);
      sites = (holder.stack as NodeJS.CallSite[]) ?? [];
    } finally {
      Error.prepareStackTrace = prepare;
      Error.stackTraceLimit = limit;
    }
    const files = sites.map((site) => site.getFileName());
    if (files[0] === mainPath) return 'extension';
    if (files[0] === undiciPath) return 'undici';
    return files.some((file) => file === mainPath || file === undiciPath) ? 'vscode' : undefined;
  };

  const g = globalThis as unknown as Record<string, unknown>;
  const wrapTimer = (name: 'setTimeout' | 'setInterval', kind: TimerInfo['kind']) => {
    const original = g[name] as (...args: unknown[]) => object;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const timer = original.apply(this, args);
      const origin = originOf(wrapped);
      if (origin && timer && typeof timer === 'object') {
        state.timers.push({ ref: new WeakRef(timer), info: { origin, kind, delayMs: Number(args[1]) || 0, createdAt: performance.now() } });
      }
      return timer;
    };
    // Keep util.promisify(setTimeout) and friends working.
    Object.assign(wrapped, original);
    for (const symbol of Object.getOwnPropertySymbols(original)) {
      (wrapped as unknown as Record<symbol, unknown>)[symbol] = (original as unknown as Record<symbol, unknown>)[symbol];
    }
    g[name] = wrapped;
  };
  wrapTimer('setTimeout', 'timeout');
  wrapTimer('setInterval', 'interval');

  const originalSignalTimeout = AbortSignal.timeout.bind(AbortSignal);
  const signalTimeout = (delay: number): AbortSignal => {
    const signal = originalSignalTimeout(delay);
    const origin = originOf(signalTimeout);
    if (origin === 'extension' || origin === 'undici') state.timeoutSignals.push({ ref: new WeakRef(signal), origin, delayMs: delay, createdAt: performance.now() });
    return signal;
  };
  AbortSignal.timeout = signalTimeout;

  // ---- the extension's load and activation -----------------------------------------------------
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const nodeLoad = Module._load;
  let substitute: unknown;

  Module._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
    if (typeof request !== 'string' || !request.endsWith('extension.js') || path.resolve(request) !== mainPath) {
      return nodeLoad.call(this, request, parent, isMain);
    }
    if (substitute) return substitute;
    const before = new Set(Object.keys(require.cache));
    const profiler = startProfiler(process.env[ENV_PROFILE_ACTIVATION]);
    const load: NonNullable<BenchHostState['load']> = { start: performance.now(), end: 0, startEpochMs: Date.now() };
    state.load = load;

    // VS Code's own interceptor (which answers require('vscode')) wraps this function, so it is
    // in place now: one more wrapper on top of it sees the API object the extension gets.
    const vscodeLoad = Module._load;
    const onTop = function (this: unknown, innerRequest: string, innerParent: { filename?: string } | undefined, innerIsMain: boolean) {
      if (innerRequest !== 'vscode' || innerParent?.filename !== mainPath) return vscodeLoad.call(this, innerRequest, innerParent, innerIsMain);
      const started = performance.now();
      const answer = vscodeLoad.call(this, innerRequest, innerParent, innerIsMain);
      const took = performance.now() - started;
      load.vscodeRequires = { count: (load.vscodeRequires?.count ?? 0) + 1, totalMs: (load.vscodeRequires?.totalMs ?? 0) + took, firstMs: load.vscodeRequires?.firstMs ?? took };
      watchTreeViews(answer);
      return answer;
    };
    Module._load = onTop as typeof Module._load;
    let real: { activate?: (context: unknown) => unknown; deactivate?: () => unknown };
    try {
      real = nodeLoad.call(this, request, parent, isMain) as typeof real;
    } finally {
      if (Module._load === onTop) Module._load = vscodeLoad;
      load.end = performance.now();
    }
    const finish = () => {
      load.activateResolved = performance.now();
      load.modulesLoadedDuringActivation = Object.keys(require.cache).filter((key) => !before.has(key));
      load.undiciLoadedAtActivation = require.cache[undiciPath] !== undefined;
      profiler?.();
    };
    substitute = {
      activate(this: unknown, context: { secrets?: Record<string, unknown> }) {
        load.activateCalled = performance.now();
        countSecretCalls(context.secrets);
        state.secrets = context.secrets;
        let result: unknown;
        try {
          result = real.activate?.call(this, context);
        } finally {
          load.activateReturned = performance.now();
        }
        return Promise.resolve(result).then(
          (value) => {
            finish();
            return value;
          },
          (error: unknown) => {
            finish();
            load.activateFailed = String((error as Error)?.stack ?? error);
            throw error;
          },
        );
      },
      deactivate(this: unknown) {
        return real.deactivate?.call(this);
      },
    };
    return substitute;
  } as typeof Module._load;

  /** A CPU profile from here to stop(), through the inspector of this process (its posts run synchronously). */
  function startProfiler(file: string | undefined): (() => void) | undefined {
    if (!file) return undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const inspector = require('inspector') as typeof import('inspector');
      const session = new inspector.Session();
      session.connect();
      session.post('Profiler.enable');
      session.post('Profiler.setSamplingInterval', { interval: 50 });
      session.post('Profiler.start');
      return () =>
        session.post('Profiler.stop', (error, result) => {
          if (error) state.errors.push(`profiler: ${error.message}`);
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          else (require('fs') as typeof import('fs')).writeFileSync(file, JSON.stringify(result.profile));
          session.disconnect();
        });
    } catch (error) {
      state.errors.push(`profiler: ${(error as Error).message}`);
      return undefined;
    }
  }

  function countSecretCalls(secrets: Record<string, unknown> | undefined): void {
    if (!secrets) {
      state.errors.push('context.secrets missing');
      return;
    }
    for (const op of ['get', 'store', 'delete', 'keys']) {
      const original = secrets[op];
      if (typeof original !== 'function') continue;
      try {
        secrets[op] = function (this: unknown, ...args: unknown[]) {
          state.secretCalls.push({ op, key: typeof args[0] === 'string' ? args[0] : '', at: performance.now() });
          return (original as (...a: unknown[]) => unknown).apply(secrets, args);
        };
      } catch (error) {
        state.errors.push(`cannot count context.secrets.${op}: ${(error as Error).message}`);
      }
    }
  }

  function watchTreeViews(api: unknown): void {
    const window = (api as { window?: Record<string, unknown> } | undefined)?.window;
    const create = window?.createTreeView as ((viewId: string, options: { treeDataProvider: unknown }) => unknown) | undefined;
    if (!window || typeof create !== 'function' || (create as { __sugarBench?: boolean }).__sugarBench) return;
    const wrapped = function (this: unknown, viewId: string, options: { treeDataProvider: unknown }) {
      const view = create.call(this, viewId, options);
      if (viewId === 'sugar.connections') state.tree = options.treeDataProvider;
      return view;
    };
    (wrapped as { __sugarBench?: boolean }).__sugarBench = true;
    try {
      window.createTreeView = wrapped;
    } catch (error) {
      state.errors.push(`cannot watch createTreeView: ${(error as Error).message}`);
    }
  }
}
