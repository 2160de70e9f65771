// Starts code-server (the VS Code server, on Node 24) with a fresh user-data-dir.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { codeServerEntry, nodeBin } from './paths';

export interface CodeServerOptions {
  /** Temp folder for config, user data, extensions and XDG dirs. */
  tmpRoot: string;
  /** Extra user settings, merged over the seeded ones. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server (and so for the extension host). */
  env?: Record<string, string>;
  /** Every output line of the server. */
  onLine?: (line: string) => void;
  startTimeoutMs?: number;
  /** Fixed port (default: any free one). A second run on the same port and folders sees the same
   *  browser origin, so the browser-side state (globalState, SecretStorage) is found again. */
  port?: number;
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** Leave out `--vscode-option enable-smoke-test-driver` (e.g. for a person's workbench). */
  noTestDriver?: boolean;
  /** Extra command-line arguments (after the usual ones). */
  extraArgs?: string[];
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  userDataDir: string;
  extensionsDir: string;
  pid: number;
  /** Ends the server and everything it started (its own process group). */
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic in tests. */
export const seededSettings: Record<string, unknown> = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'git.enabled': false,
  'window.restoreWindows': 'none',
};

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  for (const f of [nodeBin, codeServerEntry]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run scripts/install-host.sh`);
  }
  const userDataDir = path.join(opts.tmpRoot, 'user');
  const extensionsDir = path.join(opts.tmpRoot, 'exts');
  const xdgConfig = path.join(opts.tmpRoot, 'xdg-config');
  const xdgData = path.join(opts.tmpRoot, 'xdg-data');
  const config = path.join(opts.tmpRoot, 'config.yaml');
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, xdgConfig, xdgData]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  // A reused user-data-dir keeps what is already in its settings (an extension may have written there).
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    /* none yet, or not plain JSON */
  }
  fs.writeFileSync(settingsFile, JSON.stringify({ ...seededSettings, ...opts.settings, ...existing }, null, 2) + '\n');

  const args = [
    codeServerEntry,
    '--bind-addr', `${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}`,
    '--auth', 'none',
    '--config', config,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without this the test payload in the URL is silently ignored.
    ...(opts.noTestDriver ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
    ...(opts.extraArgs ?? []),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Whatever the caller's shell had must not leak into the server / extension host.
  for (const k of Object.keys(env)) {
    if (k.startsWith('npm_') || k.startsWith('VSCODE_') || k === 'NODE_OPTIONS' || k === 'PORT') delete env[k];
  }
  Object.assign(env, {
    XDG_CONFIG_HOME: xdgConfig,
    XDG_DATA_HOME: xdgData,
    ...opts.env,
  });

  const child = spawn(nodeBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // detached: its own process group, so stop() can end the extension host with it. The other
  // side of that: it would outlive this process, so end it when this process exits.
  live.add(child);
  child.once('exit', () => live.delete(child));
  installExitHook();
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));

  const port = await new Promise<number>((resolve, reject) => {
    const recent: string[] = [];
    const timer = setTimeout(() => fail(new Error(`code-server did not start within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(new Error(`${err.message}\n${recent.join('\n')}`));
    };
    const onLine = (line: string) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      opts.onLine?.(line);
      const m = /HTTP server listening on https?:\/\/[^:\s]+:(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    lines(child, onLine);
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`code-server exited early (code ${code}, signal ${signal})`)));
  });

  return {
    port,
    origin: `http://${!opts.host || opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${port}`,
    userDataDir,
    extensionsDir,
    pid: child.pid!,
    async stop() {
      if (exited) return;
      killGroup(child, 'SIGTERM');
      const t = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(t);
      // The extension host may outlive the server by a moment; it is in the same group.
      killGroup(child, 'SIGKILL');
    },
  };
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

/** Kills the process group the child leads (detached: true made it a group leader). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        onLine(buf.slice(0, i).replace(/\r$/, ''));
        buf = buf.slice(i + 1);
      }
    });
    stream?.on('end', () => {
      if (buf) onLine(buf);
      buf = '';
    });
  }
}
