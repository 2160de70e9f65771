/**
 * The simulator and the `sugar-rest` command, each in a process of its own, as a CI job runs
 * them: the simulator is reached over HTTP (its /__sim control routes), the command through its
 * arguments, environment, exit code and output.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SimProcess {
  url: string;
  httpsUrl: string;
  /** A /__sim control route, e.g. control('GET', 'sessions'). */
  control<T = unknown>(method: 'GET' | 'POST' | 'DELETE', action: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `node out/test/sim/main.js` on free ports; `args` as its --help lists them (e.g. --user). */
export async function startSimProcess(args: string[] = []): Promise<SimProcess> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'sim', 'main.js'), '--port', '0', '--https-port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  const urls = await new Promise<{ url: string; httpsUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator did not start: ${printed}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}: ${printed}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const url = /HTTP instance URL:\s+(\S+)/.exec(printed)?.[1];
      const httpsUrl = /HTTPS instance URL:\s+(\S+)/.exec(printed)?.[1];
      if (url && httpsUrl) {
        clearTimeout(timer);
        resolve({ url, httpsUrl });
      }
    });
  });
  child.stdout!.resume();
  return {
    ...urls,
    control: async <T>(method: string, action: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${urls.url}/__sim/${action}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
      if (!response.ok) throw new Error(`/__sim/${action} answered ${response.status}`);
      return (await response.json()) as T;
    },
    close: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  /** The whole environment besides PATH: nothing of the test runner's own (SUGAR_* of live mode) leaks in. */
  env: Record<string, string>;
  /** Called with stdout so far, each time more arrives (e.g. to interrupt the run at a given line). */
  onStdout?(stdout: string, child: ChildProcess): void;
}

/** Runs `node <script> <args>` to its end. */
export function runCli(script: string, args: string[], options: CliRunOptions): Promise<CliRun> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...(process.env.SYSTEMROOT ? { SYSTEMROOT: process.env.SYSTEMROOT } : {}), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    options.onStdout?.(stdout, child);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
