// The in-host half of `npm run bench`: runHostTests loads this file as the extension tests
// index (instead of the mocha index, so that no test framework loads while the extension
// activates) and calls run(). It reads what the preload (hostPreload.ts) recorded while VS Code
// loaded and activated the extension, measures what SUGAR_BENCH_MODE asks, writes one JSON
// answer to SUGAR_BENCH_OUT and resolves (exit code 0) or rejects (1).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ENV_ADD_CONNECTION,
  ENV_MODE,
  ENV_OUT,
  ENV_SCALE,
  liveTimers,
  pendingTimeoutSignals,
  type ActivationAnswer,
  type BenchHostState,
  type ScaleAnswer,
  type ScaleSetup,
  type SecretCall,
} from './hostProtocol';

const EXTENSION_ID = 'sugar-rest-explorer.sugar-rest-explorer';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const state = (globalThis as { __sugarBench?: BenchHostState }).__sugarBench;
const indexLoadedAt = performance.now();

export async function run(): Promise<void> {
  const mode = process.env[ENV_MODE];
  try {
    if (mode === 'activation') write(await activation());
    else if (mode === 'scale') write(await scale());
    else throw new Error(`${ENV_MODE} must be activation or scale, not ${mode}`);
    console.log(`bench ${mode}: done`);
  } catch (error) {
    console.error(`bench ${mode}: ${(error as Error).stack ?? error}`);
    throw error;
  }
}

function write(answer: ActivationAnswer | ScaleAnswer): void {
  const out = process.env[ENV_OUT];
  if (!out) throw new Error(`${ENV_OUT} is not set`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(answer, null, 2));
}

/** Waits for VS Code's own activation (onStartupFinished); asks for it only if it never came. */
async function activated(): Promise<{ before: boolean; api: unknown }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not in this host`);
  const until = Date.now() + 20_000;
  while (!ext.isActive && Date.now() < until) await sleep(10);
  const before = ext.isActive;
  const api = await ext.activate();
  while (state?.load && state.load.activateResolved === undefined && !state.load.activateFailed) await sleep(5);
  return { before, api };
}

interface Mark {
  name: string;
  startTime: number;
}

function vscodeMarks(): Mark[] {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Mark[] } }).MonacoPerformanceMarks;
  return perf ? perf.getMarks() : [];
}

/**
 * Per extension, from VS Code's marks (Date.now(), 1 ms): loading its code; its own time (loading
 * + activate() to resolved, without the wait for its context: what "Show Running Extensions"
 * calls activation time); and load start to activated.
 */
function activationsFromMarks(marks: Mark[]): Map<string, { loadMs: number; ownMs: number; totalMs: number }> {
  const at = new Map(marks.map((m) => [m.name, m.startTime]));
  const result = new Map<string, { loadMs: number; ownMs: number; totalMs: number }>();
  for (const m of marks) {
    const id = /^code\/extHost\/willLoadExtensionCode\/(.+)$/.exec(m.name)?.[1];
    if (!id) continue;
    const loaded = at.get(`code/extHost/didLoadExtensionCode/${id}`);
    const willActivate = at.get(`code/extHost/willActivateExtension/${id}`);
    const activated = at.get(`code/extHost/didActivateExtension/${id}`);
    if (loaded === undefined || willActivate === undefined || activated === undefined) continue;
    result.set(id, { loadMs: loaded - m.startTime, ownMs: loaded - m.startTime + activated - willActivate, totalMs: activated - m.startTime });
  }
  return result;
}

function between(calls: SecretCall[], from: number, to: number): SecretCall[] {
  return calls.filter((c) => c.at >= from && c.at <= to);
}

async function activation(): Promise<ActivationAnswer> {
  const { before, api } = await activated();
  const load = state?.load;
  const resolvedAt = load?.activateResolved ?? performance.now();
  // The second after activation: what start-up costs beyond activate() (reads, timers, network).
  await sleep(1000);
  const marks = vscodeMarks();
  const fromMarks = activationsFromMarks(marks);
  const own = fromMarks.get(EXTENSION_ID);
  const calls = state?.secretCalls ?? [];
  const during = load?.activateCalled !== undefined ? between(calls, load.activateCalled, resolvedAt) : [];
  const after = calls.filter((c) => c.at > resolvedAt);
  const main = state?.main ?? path.resolve(__dirname, '..', '..', '..', 'dist', 'extension.js');
  const projectRoot = path.dirname(path.dirname(main));
  const undici = path.join(path.dirname(main), 'undici.js');
  const activateSyncMs = load?.activateReturned !== undefined && load.activateCalled !== undefined ? load.activateReturned - load.activateCalled : undefined;
  const activateAsyncMs = load?.activateResolved !== undefined && load.activateReturned !== undefined ? load.activateResolved - load.activateReturned : undefined;
  const answer: ActivationAnswer = {
    mode: 'activation',
    preloadActive: !!state,
    hostNode: process.version,
    errors: [...(state?.errors ?? []), ...(load?.activateFailed ? [load.activateFailed] : [])],
    activatedBeforeBench: before,
    indexLoadedAfterLoadStartMs: load ? indexLoadedAt - load.start : undefined,
    loadMs: load ? load.end - load.start : undefined,
    vscodeRequires: load?.vscodeRequires,
    hostGapMs: load?.activateCalled !== undefined ? load.activateCalled - load.end : undefined,
    activateSyncMs,
    activateAsyncMs,
    ownMs: load && activateSyncMs !== undefined && activateAsyncMs !== undefined ? load.end - load.start + activateSyncMs + activateAsyncMs : undefined,
    totalMs: load?.activateResolved !== undefined ? load.activateResolved - load.start : undefined,
    marks: own ? { ...own, names: marks.filter((m) => m.name.endsWith(EXTENSION_ID)).map((m) => m.name) } : undefined,
    otherExtensions: [...fromMarks].filter(([id]) => id !== EXTENSION_ID).map(([id, v]) => ({ id, ...v })),
    secretReadsDuringActivation: during.filter((c) => c.op === 'get').length,
    secretCallsDuringActivation: during,
    secretCallsAfterActivation: after,
    undiciLoadedAtActivation: load?.undiciLoadedAtActivation,
    undiciLoadedOneSecondLater: require.cache[undici] !== undefined,
    modulesLoadedDuringActivation: (load?.modulesLoadedDuringActivation ?? []).filter((f) => f.startsWith(projectRoot)),
    liveTimersAfterOneSecond: state ? liveTimers(state) : [],
    timeoutSignalsAfterOneSecond: state ? pendingTimeoutSignals(state) : 0,
    bundleBytes: fs.statSync(main).size,
    connections: (await (api as { connections(): Promise<unknown[]> }).connections()).length,
  };
  const add = process.env[ENV_ADD_CONNECTION];
  if (add) {
    // For the next host starts: a stored connection with a live session.
    const id = await vscode.commands.executeCommand<string>('sugar.addConnection', JSON.parse(add));
    const session = await vscode.commands.executeCommand<{ status: string }>('sugar.login', id);
    answer.addedConnection = { id, status: session.status };
    await sleep(1000); // the background GET /me and /metadata after the login, and their writes
  }
  return answer;
}

type Node = { kind: string };

/**
 * 1,000 connections, 200 logged in, as a user has them stored: the profile list and the sessions
 * are written into SecretStorage in the extension's own formats (its compiled modules make them),
 * then every session is read through the extension's API, as each start-up does. Going through
 * sugar.addConnection instead costs about a minute here: each add reads and rewrites the whole list.
 */
async function scale(): Promise<ScaleAnswer> {
  const { api } = await activated();
  await sleep(500);
  const gc = state?.gc;
  const heap = () => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const timeoutResources = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  // The bench's own modules and data must not count as the extension's heap: loaded before the
  // baseline, and the stored state built in a function whose locals are gone when it returns.
  const formats = storageFormats();
  const heapBefore = heap();
  const resourcesBefore = timeoutResources();
  const stored = await storeConnections(api as Explorer, formats);
  const secretsBefore = stored.secretsBefore;
  await sleep(2000); // what loading sessions starts in the background (server info per session)

  const tree = state?.tree as vscode.TreeDataProvider<Node> | undefined;
  if (!tree) throw new Error('the Connections tree provider was not captured (preload missing?)');
  const nodesByKind: Record<string, number> = {};
  // The whole tree: getTreeItem for every node, getChildren for every node that can expand,
  // except the API and Modules nodes, whose children come from the instance's /help page and
  // /metadata (network requests).
  const build = async (count: boolean): Promise<number> => {
    let nodes = 0;
    const walk = async (parent?: Node): Promise<void> => {
      const children = (await tree.getChildren(parent)) ?? [];
      for (const child of children) {
        nodes++;
        if (count) nodesByKind[child.kind] = (nodesByKind[child.kind] ?? 0) + 1;
        const item = await tree.getTreeItem(child);
        if (item.collapsibleState && child.kind !== 'api' && child.kind !== 'modules') await walk(child);
      }
    };
    await walk();
    return nodes;
  };
  let started = performance.now();
  const nodes = await build(true);
  const firstBuildMs = performance.now() - started;
  const profileFile = stored.profileFile;
  const profiler = profileFile ? await startProfiler() : undefined;
  const buildsMs: number[] = [];
  for (let i = 0; i < 9; i++) {
    started = performance.now();
    await build(false);
    buildsMs.push(performance.now() - started);
  }
  if (profiler && profileFile) await profiler.stop(profileFile);

  // Right after the builds, the HTTP stack may still hold sockets of the requests that loading
  // the sessions started; at rest (past undici's keep-alive of an idle socket) only what stays.
  const timersAfterBuilds = state ? liveTimers(state) : [];
  await sleep(4500);
  const heapAfter = heap();
  const calls = (state?.secretCalls ?? []).slice(secretsBefore);
  return {
    mode: 'scale',
    preloadActive: !!state,
    errors: state?.errors ?? [],
    gcAvailable: !!gc,
    connections: stored.connections,
    loggedIn: stored.loggedIn,
    storeMs: stored.storeMs,
    loadSessionsMs: stored.loadSessionsMs,
    firstBuildMs,
    buildsMs,
    nodes,
    nodesByKind,
    heapBefore,
    heapAfter,
    liveTimers: state ? liveTimers(state) : [],
    timersAfterBuilds,
    activeTimeoutResourcesBefore: resourcesBefore,
    activeTimeoutResourcesAfter: timeoutResources(),
    timeoutSignalsPending: state ? pendingTimeoutSignals(state) : 0,
    secretCalls: {
      get: calls.filter((c) => c.op === 'get').length,
      store: calls.filter((c) => c.op === 'store').length,
      delete: calls.filter((c) => c.op === 'delete').length,
    },
    profileWritten: profileFile,
  };
}

interface Explorer {
  connections(): Promise<unknown[]>;
  loadSessionState(id: string): Promise<{ status: string }>;
}

function storageFormats() {
  const out = path.resolve(__dirname, '..', '..');
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ...(require(path.join(out, 'src', 'core', 'profiles', 'profile')) as typeof import('../../src/core/profiles/profile')),
    ...(require(path.join(out, 'src', 'core', 'profiles', 'profileStore')) as typeof import('../../src/core/profiles/profileStore')),
    ...(require(path.join(out, 'src', 'core', 'session', 'sessionEngine')) as typeof import('../../src/core/session/sessionEngine')),
    ...(require(path.join(out, 'src', 'core', 'session', 'storedSession')) as typeof import('../../src/core/session/storedSession')),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Writes the profile list and the sessions into SecretStorage in the extension's own formats,
 * waits until the extension lists every connection, then reads every session through its API.
 */
async function storeConnections(explorer: Explorer, formats: ReturnType<typeof storageFormats>) {
  const { createProfile, storedForm, SessionEngine, serializeSession, tokensFromAnswer } = formats;
  const setup = JSON.parse(fs.readFileSync(process.env[ENV_SCALE] ?? '', 'utf8')) as ScaleSetup;
  const secrets = state?.secrets as { store(key: string, value: string): Thenable<void> } | undefined;
  if (!secrets) throw new Error('context.secrets was not captured (preload missing?)');
  const storeStarted = performance.now();
  const profiles = Array.from({ length: setup.connections }, (_, i) => {
    const user = setup.sessions[i] ?? setup.idleUser;
    return createProfile({
      name: `bench ${String(i + 1).padStart(4, '0')}`,
      instanceUrl: setup.instanceUrl,
      username: user.userName,
      password: user.password,
      rememberPassword: true,
      platform: 'custom_api',
    }).profile;
  });
  const now = Date.now();
  // Sessions first: nothing reads the session of a connection it does not know yet.
  await Promise.all(
    setup.sessions.map(({ userName, answer }, i) =>
      secrets.store(
        SessionEngine.storeKey(profiles[i].id),
        serializeSession({ v: 1, username: userName, platform: 'custom_api', clientId: profiles[i].clientId, instanceUrl: profiles[i].instanceUrl, apiVersion: setup.apiVersion, tokens: tokensFromAnswer(answer, now), sudo: {} }),
      ),
    ),
  );
  // One record per connection (its secrets), then the list, as the extension stores them.
  const records = storedForm(profiles);
  const [listKey, list] = records.pop()!;
  await Promise.all(records.map(([key, value]) => secrets.store(key, value)));
  await secrets.store(listKey, list);
  const until = Date.now() + 20_000;
  while ((await explorer.connections()).length !== setup.connections) {
    if (Date.now() > until) throw new Error(`the extension does not list the ${setup.connections} stored connections`);
    await sleep(20);
  }
  const storeMs = performance.now() - storeStarted;
  // The bench's own writes are not the extension's calls.
  const secretsBefore = state?.secretCalls.length ?? 0;
  const started = performance.now();
  const states = await Promise.all(profiles.map((p) => explorer.loadSessionState(p.id)));
  const loadSessionsMs = performance.now() - started;
  const loggedIn = states.filter((s) => s.status === 'active').length;
  if (loggedIn !== setup.sessions.length) throw new Error(`${loggedIn} sessions active, ${setup.sessions.length} stored`);
  return { connections: profiles.length, loggedIn, storeMs, loadSessionsMs, secretsBefore, profileFile: setup.profileFile };
}

/** A CPU profile through the inspector of this (extension host) process. */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const inspector = require('inspector') as typeof import('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return {
    stop: async (file: string) => {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
