// Runs a mocha suite inside a real VS Code extension host (code-server) while a headless
// chromium shows the real workbench, and lets the tests drive that workbench (workbenchDriver).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, Browser } from './browser';
import { startCodeServer, CodeServer } from './codeServer';
import { isNoise, mochaCounts } from './hostOutput';
import { projectRoot } from './paths';
import { startWorkbenchDriver, WorkbenchDriver } from './workbenchDriver';

export interface HostTestOptions {
  /** Folder of the extension under test (its package.json). */
  extensionDevelopmentPath: string;
  /** The compiled mocha index inside the host, a module exporting run(): Promise<void>. */
  extensionTestsPath: string;
  /** Folder opened in the workbench; default an empty temp folder. */
  workspaceFolder?: string;
  /** Environment for the extension host (SUGAR_TEST_DRIVER_URL, SUGAR_HOST_ARTIFACTS and SUGAR_HOST_USER_DATA_DIR are added). */
  env?: Record<string, string>;
  /** Where screenshots go; default <project>/test-output/host. */
  artifactsDir?: string;
  /** Whole run, from starting code-server to the test index's exit; default 180 s. */
  timeoutMs?: number;
  /** Called with the page before it opens the workbench (e.g. to listen to its console). */
  onPageReady?(page: Page): void | Promise<void>;
  /** Extra user settings seeded into <userDataDir>/User/settings.json. */
  settings?: Record<string, unknown>;
  /** Remove the temp folders at the end (default false: kept for post-run leak searches). */
  cleanup?: boolean;
  /** Each test output line as it arrives; default: written to stdout. Pass null for silence. */
  onOutput?: ((line: string) => void) | null;
  /** Also stream code-server's output, browser console errors and noise lines. */
  verbose?: boolean;
  /** Browser viewport; default 1400x900. */
  viewport?: { width: number; height: number };
  /**
   * Use this folder (created when missing) instead of a new temp folder. A second run with the
   * same folder and the same `port` finds the first run's user data, browser profile and
   * workspace again: an extension host restart, as a person sees it.
   */
  tmpRoot?: string;
  /** code-server's port (default: any free one). The browser keeps its state per origin. */
  port?: number;
}

export interface HostTestResult {
  /** The test index's exit code (0: all passed); 124 on timeout, 1 when the run could not start. */
  exitCode: number;
  passed: number;
  failed: number;
  pending: number;
  timedOut: boolean;
  /** Why the run failed when it is not (only) failing tests. */
  error?: string;
  /** Server side: User/settings.json, logs/<time>/exthost1/<publisher>.<name>/*.log. */
  userDataDir: string;
  /** Browser side, complete once the browser is closed (it is, when this resolves): IndexedDB holds globalState. */
  browserProfileDir: string;
  /** Parent of both, with the workspace folder when none was given. */
  tmpRoot: string;
  artifactsDir: string;
  /** code-server's port (0 when it did not start). */
  port: number;
  /** Screenshots taken through the driver. */
  screenshots: string[];
  /** Test output lines (noise filtered out). */
  logs: string[];
  /** Everything: code-server output, browser console, noise, tagged. */
  fullLog: string[];
  durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 180_000;

export async function runHostTests(opts: HostTestOptions): Promise<HostTestResult> {
  const started = Date.now();
  const tmpRoot = opts.tmpRoot ? path.resolve(opts.tmpRoot) : fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-host-'));
  fs.mkdirSync(tmpRoot, { recursive: true });
  const artifactsDir = path.resolve(opts.artifactsDir ?? path.join(projectRoot, 'test-output', 'host'));
  fs.mkdirSync(artifactsDir, { recursive: true });
  const workspaceFolder = path.resolve(opts.workspaceFolder ?? path.join(tmpRoot, 'workspace'));
  fs.mkdirSync(workspaceFolder, { recursive: true });
  const extensionDevelopmentPath = path.resolve(opts.extensionDevelopmentPath);
  const extensionTestsPath = path.resolve(opts.extensionTestsPath);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const out = opts.onOutput === undefined ? (line: string) => process.stdout.write(line + '\n') : opts.onOutput;
  const logs: string[] = [];
  const fullLog: string[] = [];
  const note = (tag: string, line: string, show = !!opts.verbose) => {
    fullLog.push(`[${tag}] ${line}`);
    if (show) out?.(`[${tag}] ${line}`);
  };

  const result: HostTestResult = {
    exitCode: 1, passed: 0, failed: 0, pending: 0, timedOut: false,
    userDataDir: path.join(tmpRoot, 'user'),
    browserProfileDir: path.join(tmpRoot, 'browser-profile'),
    tmpRoot, artifactsDir, port: 0, screenshots: [], logs, fullLog, durationMs: 0,
  };

  let server: CodeServer | undefined;
  let driver: WorkbenchDriver | undefined;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;

  // Resolved by codeAutomationExit, by the timeout, or by a crash of the page.
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let done = false;
  const end = (code: number) => {
    if (!done) {
      done = true;
      finish(code);
    }
  };

  const tearDown = async () => {
    if (timer) clearTimeout(timer);
    // Browser first: then its profile folder (IndexedDB) is complete on disk.
    await browser?.close().catch((e: Error) => note('runner', `closing the browser: ${e.message}`, true));
    await server?.stop().catch((e: Error) => note('runner', `stopping code-server: ${e.message}`, true));
    await driver?.close().catch(() => undefined);
  };

  try {
    timer = setTimeout(() => {
      result.timedOut = true;
      result.error = `host tests timed out after ${Math.round(timeoutMs / 1000)} s`;
      note('runner', result.error, true);
      end(124);
    }, timeoutMs);

    driver = await startWorkbenchDriver({ artifactsDir, log: (l) => note('driver', l) });
    const hostEnv: Record<string, string> = {
      ...opts.env,
      SUGAR_TEST_DRIVER_URL: driver.url,
      SUGAR_HOST_ARTIFACTS: artifactsDir,
      // Where settings.json and the extension logs land, for leak searches inside the host.
      SUGAR_HOST_USER_DATA_DIR: result.userDataDir,
    };

    server = await startCodeServer({
      tmpRoot,
      settings: opts.settings,
      // Also given to the server process, which the extension host inherits from, so a
      // test sees them even if the payload's extensionEnvironment were dropped.
      env: hostEnv,
      port: opts.port,
      onLine: (l) => note('code-server', l),
    });
    result.port = server.port;
    note('runner', `code-server on ${server.origin} (pid ${server.pid}), user data ${server.userDataDir}`);

    browser = await launchBrowser({
      tmpRoot,
      viewport: opts.viewport,
      headless: process.env.SUGAR_HOST_HEADED !== '1',
    });
    const page = browser.page;
    driver.setPage(page);

    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = (Array.isArray(args) ? args.map(String).join(' ') : String(args)).replace(/\n$/, '');
      if (isNoise(text)) {
        note('noise', text);
        return;
      }
      for (const line of text.split('\n')) {
        logs.push(line);
        fullLog.push(`[host:${type}] ${line}`);
        out?.(line);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      note('runner', `test index exited with ${code}`);
      end(typeof code === 'number' ? code : 1);
    });
    page.on('pageerror', (e) => note('page-error', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') note('browser-console', m.text());
    });
    page.on('crash', () => {
      result.error = 'the workbench page crashed';
      note('runner', result.error, true);
      end(1);
    });
    await opts.onPageReady?.(page);

    const remote = (p: string) => `vscode-remote://127.0.0.1:${server!.port}${p}`;
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
      // SUGAR_HOST_VIA_PAYLOAD only travels this way: a test can check the payload arrived.
      ['extensionEnvironment', JSON.stringify({ ...hostEnv, SUGAR_HOST_VIA_PAYLOAD: '1' })],
    ];
    const url =
      `${server.origin}/?folder=${encodeURIComponent(workspaceFolder)}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    note('runner', `opening ${url}`);
    // The same window without extensionTestsPath: VS Code's DialogService refuses modal dialogs
    // (prompt() throws, confirm() answers yes) in a window whose payload runs extension tests.
    const untested = payload.filter(([key]) => key !== 'extensionTestsPath');
    driver.setWindowOpener(async (ms) => {
      const second = await browser!.context.newPage();
      second.on('pageerror', (e) => note('page-error', `second window: ${e.message}`));
      await second.goto(`${server!.origin}/?folder=${encodeURIComponent(workspaceFolder)}&payload=${encodeURIComponent(JSON.stringify(untested))}`, { waitUntil: 'domcontentloaded', timeout: ms });
      await second.locator('.part.statusbar').first().waitFor({ state: 'visible', timeout: ms });
      return second;
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    result.exitCode = await finished;
  } catch (e) {
    result.error = (e as Error).message;
    note('runner', `host run failed: ${result.error}`, true);
    result.exitCode = 1;
  } finally {
    await tearDown();
  }

  const counts = mochaCounts(logs);
  result.passed = counts.passed;
  result.failed = counts.failed;
  result.pending = counts.pending;
  if (result.exitCode !== 0 && result.failed === 0) {
    // The index failed before mocha reported (load error, timeout, crash): count it as one failure.
    result.failed = 1;
    if (!result.error) {
      result.error = counts.seen
        ? `test index exited with ${result.exitCode}`
        : `test index exited with ${result.exitCode} before mocha reported (see the output above)`;
    }
  }
  result.screenshots = driver ? [...driver.screenshots] : [];
  result.durationMs = Date.now() - started;
  if (opts.cleanup) fs.rmSync(tmpRoot, { recursive: true, force: true });
  return result;
}
