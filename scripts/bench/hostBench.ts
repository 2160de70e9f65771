// Figures 1 (activation) and 4 (scale of connections): measured inside the real VS Code 1.139
// extension host (code-server), through the host harness (test/host/runner/run.ts) with the
// bench's own in-host index (hostIndex.ts) in place of the mocha index.
//
// Method for activation. VS Code activates the extension on its own (onStartupFinished) right
// after the host's eager extensions, before a test runner could install anything, so the timing
// has to be in place before the host starts: hostPreload.ts is preloaded into the extension host
// (see there how) and timestamps, with performance.now(), the start of VS Code's require of the
// real dist/extension.js and the resolution of activate()'s promise. That span is the budgeted
// figure: it contains loading and evaluating the bundle, VS Code building the
// ExtensionContext (which runs in parallel with the require and is usually done when the
// require ends) and activate() until its promise resolves. VS Code's own marks
// (code/extHost/willLoadExtensionCode → didActivateExtension, Date.now(), 1 ms resolution) measure
// the same span and are reported beside it, with the same marks of every other extension the host
// activated (the built-in ones: the baseline of the same host starts).
//
// The extension under test is the bench's copy of the production build (packageBench.ts:
// buildAndSnapshot), given to the host as its extensionDevelopmentPath.
//
// Host starts: one on a fresh profile (nothing stored: what every new user and every start
// without a session pays), which then adds one connection to a simulator in this process and logs
// in; then `starts` more on the same user data, browser profile and port (a person restarting VS
// Code with a logged-in connection). The budget's median is over those starts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { hostInstalled, installScript, projectRoot } from '../../test/host/runner/paths';
import { runHostTests, type HostTestResult } from '../../test/host/runner/run';
import { DEMO_USERS, startSimulator, type Simulator } from '../../test/sim/index';
import { silentLogger } from '../../src/core/ports';
import { SugarClient } from '../../src/core/sugar/client';
import { DEFAULT_NETWORK, UndiciHttpDispatcher } from '../../src/core/sugar/http';
import { ENV_ADD_CONNECTION, ENV_MAIN, ENV_PROFILE_ACTIVATION, ENV_MODE, ENV_OUT, ENV_SCALE, type ActivationAnswer, type ScaleAnswer, type ScaleSetup } from './hostProtocol';
import { filesUnder, freePort } from '../hostFiles';

export const EXTENSION_ID = 'sugar-rest-explorer.sugar-rest-explorer';
const preload = path.join(projectRoot, 'out', 'scripts', 'bench', 'hostPreload.js');
const benchIndex = path.join(projectRoot, 'out', 'scripts', 'bench', 'hostIndex.js');
const artifactsDir = path.join(projectRoot, 'test-output', 'bench', 'host');

export interface HostStart<T> {
  answer?: T;
  error?: string;
  durationMs: number;
  /** The extension's activation line from the extension host log (the activation event). */
  activationLine?: string;
  /** Requests the simulator saw while this host ran (before the bench's own additions), by kind. */
  simRequests?: Record<string, number>;
}

export interface ActivationRun {
  fresh: HostStart<ActivationAnswer>;
  restarts: Array<HostStart<ActivationAnswer>>;
}


/** "ExtensionService#_doActivateExtension <id>, startup: false, activationEvent: 'onStartupFinished'" of this start. */
function activationLine(userDataDir: string, since: number): string | undefined {
  const logs = filesUnder(path.join(userDataDir, 'logs')).filter((f) => /exthost\d*[\\/]remoteexthost\.log$/.test(f) && fs.statSync(f).mtimeMs >= since - 1000);
  for (const file of logs.sort().reverse()) {
    const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.includes(`_doActivateExtension ${EXTENSION_ID}`));
    if (line) return line.replace(/^.*ExtensionService#_doActivateExtension /, '');
  }
  return undefined;
}

function requestsSince(sim: Simulator, before: Record<string, number>): Record<string, number> {
  const diff: Record<string, number> = {};
  for (const [kind, count] of Object.entries(sim.counters.requests)) if (count > (before[kind] ?? 0)) diff[kind] = count - (before[kind] ?? 0);
  return diff;
}

export function ensureHost(log: (line: string) => void): void {
  if (hostInstalled()) return;
  log('installing the VS Code host (scripts/install-host.sh, about 2 minutes the first time)');
  const r = spawnSync('bash', [installScript], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/install-host.sh failed (exit ${r.status})`);
}

export function checkPrerequisites(extensionDir: string): string | undefined {
  for (const f of [path.join(extensionDir, 'dist', 'extension.js'), preload, benchIndex]) {
    if (!fs.existsSync(f)) return `${path.relative(projectRoot, f)} is missing (npm run build -- --production && npm run compile-tests)`;
  }
  return undefined;
}

async function hostStart<T>(
  extensionDir: string,
  label: string,
  mode: 'activation' | 'scale',
  extraEnv: Record<string, string>,
  where: { tmpRoot: string; port: number },
  verbose: boolean,
  sim?: Simulator,
): Promise<HostStart<T>> {
  const out = path.join(artifactsDir, `${label}.json`);
  fs.rmSync(out, { force: true });
  const lines: string[] = [];
  const started = Date.now();
  const before = sim ? { ...sim.counters.requests } : {};
  let result: HostTestResult;
  try {
    result = await runHostTests({
      extensionDevelopmentPath: extensionDir,
      extensionTestsPath: benchIndex,
      env: {
        // VS Code removes NODE_OPTIONS from the extension host's environment; the preload carries
        // itself over through process.execArgv (see hostPreload.ts).
        NODE_OPTIONS: `--require=${preload}`,
        [ENV_MAIN]: path.join(extensionDir, 'dist', 'extension.js'),
        [ENV_MODE]: mode,
        [ENV_OUT]: out,
        ...extraEnv,
      },
      artifactsDir,
      timeoutMs: mode === 'scale' ? 300_000 : 90_000,
      onOutput: (line) => {
        lines.push(line);
        if (verbose) console.log(`    [host] ${line}`);
      },
      tmpRoot: where.tmpRoot,
      port: where.port,
    });
  } catch (error) {
    return { error: (error as Error).message, durationMs: Date.now() - started };
  }
  const simRequests = sim ? requestsSince(sim, before) : undefined;
  const start: HostStart<T> = {
    durationMs: Date.now() - started,
    activationLine: activationLine(result.userDataDir, started),
    simRequests,
  };
  if (fs.existsSync(out)) start.answer = JSON.parse(fs.readFileSync(out, 'utf8')) as T;
  if (result.exitCode !== 0 || !start.answer) {
    const tail = lines.filter((l) => l.trim()).slice(-12).join('\n      ');
    start.error = `${label}: host run failed (exit ${result.exitCode}${result.error ? `, ${result.error}` : ''})${tail ? `\n      ${tail}` : ''}`;
  }
  return start;
}

export async function runActivation(extensionDir: string, starts: number, verbose: boolean, progress: (line: string) => void, profileFile?: string): Promise<ActivationRun> {
  const sim = await startSimulator({ quiet: true });
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-bench-'));
  let ok = false;
  try {
    const port = await freePort();
    const admin = DEMO_USERS.find((u) => u.userName === 'admin')!;
    const connection = { name: 'Bench (admin)', instanceUrl: sim.url, username: admin.userName, password: admin.password, rememberPassword: true, platform: 'custom_api' };
    const fresh = await hostStart<ActivationAnswer>(extensionDir, 'activation-fresh', 'activation', { [ENV_ADD_CONNECTION]: JSON.stringify(connection) }, { tmpRoot, port }, verbose, sim);
    progress(`host start 0 (fresh profile): ${describe(fresh)}`);
    const restarts: Array<HostStart<ActivationAnswer>> = [];
    if (!fresh.error) {
      for (let i = 1; i <= starts; i++) {
        const start = await hostStart<ActivationAnswer>(extensionDir, `activation-${i}`, 'activation', {}, { tmpRoot, port }, verbose, sim);
        restarts.push(start);
        progress(`host start ${i} (stored, logged-in connection): ${describe(start)}`);
        if (start.error && i >= 2 && restarts.every((r) => r.error)) break;
      }
      if (profileFile) {
        // One more start, not counted: profiling slows what it watches.
        const start = await hostStart<ActivationAnswer>(extensionDir, 'activation-profiled', 'activation', { [ENV_PROFILE_ACTIVATION]: profileFile }, { tmpRoot, port }, verbose, sim);
        progress(`host start ${starts + 1} (profiled, not counted): ${describe(start)}`);
      }
    }
    ok = !fresh.error && restarts.every((r) => !r.error);
    return { fresh, restarts };
  } finally {
    await sim.close();
    if (ok) fs.rmSync(tmpRoot, { recursive: true, force: true });
    else progress(`kept ${tmpRoot} (a host start failed)`);
  }
}

function describe(start: HostStart<ActivationAnswer>): string {
  if (start.error) return `FAILED: ${start.error}`;
  const a = start.answer!;
  return `${a.totalMs?.toFixed(2) ?? 'n/a'} ms (load ${a.loadMs?.toFixed(2)}, host ${a.hostGapMs?.toFixed(2)}, activate ${a.activateSyncMs?.toFixed(2)} + ${a.activateAsyncMs?.toFixed(2)}), marks ${a.marks?.totalMs ?? 'n/a'} ms, ${a.secretReadsDuringActivation} secret read(s), ${start.activationLine ?? 'activation event not found in the log'}`;
}

export interface ScaleRun extends HostStart<ScaleAnswer> {
  setup: { connections: number; loggedIn: number };
  /** What the simulator saw from the extension (the bench's own logins not counted), by kind. */
  extensionRequests?: Record<string, number>;
}

/**
 * Figure 4 in one host start on a fresh profile: the in-host index writes 1,000 connections and
 * 200 sessions (password logins made here, on a simulator of this process, one user each: Sugar
 * keeps one session per user and platform) and builds the tree through the extension's provider.
 */
export async function runScale(extensionDir: string, connections: number, loggedIn: number, verbose: boolean, profileFile?: string): Promise<ScaleRun> {
  const users = Array.from({ length: loggedIn }, (_, i) => ({ userName: `bench${String(i + 1).padStart(4, '0')}`, password: `pw-bench-${i + 1}` }));
  const sim = await startSimulator({
    quiet: true,
    users: [...DEMO_USERS, ...users.map((u) => ({ ...u, fullName: `Bench ${u.userName}`, type: 'user' as const, status: 'Active' as const }))],
  });
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-bench-'));
  const http = new UndiciHttpDispatcher();
  try {
    const client = new SugarClient(http, silentLogger);
    const apiVersion = 'v11_24';
    const target = { instanceUrl: sim.url, apiVersion, clientId: 'sugar', clientSecret: '', platform: 'custom_api', network: DEFAULT_NETWORK };
    const sessions = [];
    for (const user of users) sessions.push({ ...user, answer: await client.passwordLogin(target, user.userName, user.password) });
    const setup: ScaleSetup = { instanceUrl: sim.url, apiVersion, connections, sessions, idleUser: { userName: 'jim', password: 'jim' }, profileFile };
    // In a file: the host's environment travels in the workbench's URL, with no room for this.
    const setupFile = path.join(tmpRoot, 'scale-setup.json');
    fs.writeFileSync(setupFile, JSON.stringify(setup), { mode: 0o600 });
    const before = { ...sim.counters.requests };
    const start = await hostStart<ScaleAnswer>(extensionDir, 'scale', 'scale', { [ENV_SCALE]: setupFile }, { tmpRoot, port: await freePort() }, verbose);
    return { ...start, setup: { connections, loggedIn }, extensionRequests: requestsSince(sim, before) };
  } finally {
    await http.close();
    await sim.close();
    // Also when the run failed: the setup file holds the simulator's passwords and tokens.
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}
