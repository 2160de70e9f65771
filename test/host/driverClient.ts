// Used by tests running INSIDE the extension host to read and click the real workbench through
// the runner (runner/workbenchDriver.ts). Needs SUGAR_TEST_DRIVER_URL, which runHostTests puts
// into the host's environment. Uses global fetch (the host runs on Node 24).
import type { DriverAnswer, DriverCommand, StatusBarItem, TreeRow } from './driverProtocol';

export type { StatusBarItem, TreeRow } from './driverProtocol';

export class DriverClient {
  /** Without a url, SUGAR_TEST_DRIVER_URL is read at each call. */
  constructor(private readonly fixedUrl?: string) {}

  get url(): string {
    const url = this.fixedUrl ?? process.env.SUGAR_TEST_DRIVER_URL;
    if (!url) throw new Error('SUGAR_TEST_DRIVER_URL is not set: run these tests with runHostTests (scripts/run-host-tests)');
    return url;
  }

  /** True when a driver is there (runHostTests); false e.g. under @vscode/test-electron. */
  get available(): boolean {
    return !!(this.fixedUrl ?? process.env.SUGAR_TEST_DRIVER_URL);
  }

  async send<T = unknown>(cmd: DriverCommand): Promise<T> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(cmd),
    });
    const answer = (await res.json()) as DriverAnswer;
    if (!answer.ok) throw new Error(`workbench driver ${cmd.op}: ${answer.error}`);
    return answer.result as T;
  }

  texts(selector: string): Promise<string[]> {
    return this.send({ op: 'texts', selector });
  }
  attributes(selector: string, name: string): Promise<(string | null)[]> {
    return this.send({ op: 'attributes', selector, name });
  }
  count(selector: string): Promise<number> {
    return this.send({ op: 'count', selector });
  }
  html(selector: string): Promise<string[]> {
    return this.send({ op: 'html', selector });
  }
  async click(selector: string, opts: { index?: number; button?: 'left' | 'right' | 'middle'; timeoutMs?: number } = {}): Promise<void> {
    await this.send({ op: 'click', selector, ...opts });
  }
  async waitFor(selector: string, opts: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeoutMs?: number } = {}): Promise<void> {
    await this.send({ op: 'waitFor', selector, ...opts });
  }
  /** Saves a PNG; a relative path lands in the run's artifacts folder. Resolves to the absolute path. */
  screenshot(path: string): Promise<string> {
    return this.send({ op: 'screenshot', path });
  }
  /** Rendered rows of the expanded view panes, or of one view (by name or id). */
  treeRows(view?: string): Promise<TreeRow[]> {
    return this.send({ op: 'treeRows', view });
  }
  statusBar(): Promise<StatusBarItem[]> {
    return this.send({ op: 'statusBar' });
  }
  /** Clicks the activity-bar entry of a view container (by its title, e.g. "Fixture"). */
  async openView(containerTitle: string, timeoutMs?: number): Promise<void> {
    await this.send({ op: 'openView', containerTitle, timeoutMs });
  }
  async keyboard(keys: string | string[]): Promise<void> {
    await this.send({ op: 'keyboard', keys });
  }
  async type(text: string): Promise<void> {
    await this.send({ op: 'type', text });
  }
  /** Puts text on the browser's clipboard, so that Ctrl+V in the workbench pastes it. */
  async setClipboard(text: string): Promise<void> {
    await this.send({ op: 'clipboard', text });
  }
  async wait(ms: number): Promise<void> {
    await this.send({ op: 'wait', ms });
  }
  /** A second window without the tests (it shows modal dialogs); later commands act on it. */
  async openWindow(timeoutMs?: number): Promise<void> {
    await this.send({ op: 'openWindow', timeoutMs });
  }
  async closeWindow(): Promise<void> {
    await this.send({ op: 'closeWindow' });
  }

  /**
   * Polls `read` until `check` accepts its value (the workbench renders asynchronously).
   * Resolves to the accepted value; rejects with the last value seen after `timeoutMs`.
   */
  async until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
    const end = Date.now() + timeoutMs;
    let last: T | undefined;
    for (;;) {
      last = await read();
      if (check(last)) return last;
      if (Date.now() > end) {
        throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** The driver of this run: `import { driver } from '../driverClient'; await driver.treeRows()`. */
export const driver = new DriverClient();
