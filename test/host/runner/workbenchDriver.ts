// A small HTTP endpoint on loopback that lets tests running INSIDE the extension host read and
// click the real workbench: they POST a JSON command, this acts on the playwright page.
// Its URL reaches the host as SUGAR_TEST_DRIVER_URL (see run.ts and ../driverClient.ts).
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { DriverCommand, StatusBarItem, TreeRow } from '../driverProtocol';

export interface WorkbenchDriver {
  /** http://127.0.0.1:PORT/ */
  url: string;
  setPage(page: Page): void;
  /** How openWindow opens the second window (a page of the same browser, same origin). */
  setWindowOpener(open: (timeoutMs: number) => Promise<Page>): void;
  /** Screenshots taken so far (absolute paths). */
  screenshots: string[];
  close(): Promise<void>;
}

export interface DriverOptions {
  /** Relative screenshot paths are resolved here. */
  artifactsDir: string;
  /** Default timeout of a click / wait, ms. */
  actionTimeoutMs?: number;
  log?: (line: string) => void;
}

/** Workbench DOM selectors (VS Code 1.139 as served by code-server 4.139). */
export const selectors = {
  activityBarItem: '.part.activitybar .action-item',
  /** A view pane: header .pane-header (its h3.title is the view name), rows in .pane-body. */
  pane: '.part.sidebar .pane, .part.auxiliarybar .pane, .part.panel .pane',
  treeRow: '.monaco-list-row',
  statusBarItem: '#workbench\\.parts\\.statusbar .statusbar-item',
};

/** The page's clipboard, as `evaluate` sees it (this file is compiled without the DOM library). */
type BrowserClipboard = { navigator: { clipboard: { writeText(text: string): Promise<void> } } };

export async function startWorkbenchDriver(opts: DriverOptions): Promise<WorkbenchDriver> {
  let page: Page | undefined;
  // The second window (openWindow), which commands act on while it is open.
  let second: Page | undefined;
  let openWindow: ((timeoutMs: number) => Promise<Page>) | undefined;
  const screenshots: string[] = [];
  const timeout = opts.actionTimeoutMs ?? 10_000;
  // One command at a time: page actions are not meant to interleave.
  let queue: Promise<unknown> = Promise.resolve();

  const handle = async (cmd: DriverCommand): Promise<unknown> => {
    if (!page) throw new Error('the workbench page is not ready');
    if (cmd.op === 'openWindow') {
      if (!openWindow) throw new Error('this run opens no second window');
      await second?.close();
      second = await openWindow(cmd.timeoutMs ?? 60_000);
      return true;
    }
    if (cmd.op === 'closeWindow') {
      await second?.close();
      second = undefined;
      return true;
    }
    const p = second ?? page;
    switch (cmd.op) {
      case 'texts':
        return p.$$eval(cmd.selector, (els) => els.map((e) => (e as El).innerText));
      case 'attributes':
        return p.$$eval(
          cmd.selector,
          (els, name) => els.map((e) => e.getAttribute(name)),
          cmd.name,
        );
      case 'count':
        return p.locator(cmd.selector).count();
      case 'html':
        return p.$$eval(cmd.selector, (els) => els.map((e) => e.outerHTML));
      case 'click':
        await p.locator(cmd.selector).nth(cmd.index ?? 0).click({ timeout: cmd.timeoutMs ?? timeout, button: cmd.button });
        return true;
      case 'waitFor':
        await p.locator(cmd.selector).nth(0).waitFor({ state: cmd.state ?? 'visible', timeout: cmd.timeoutMs ?? timeout });
        return true;
      case 'screenshot': {
        const file = path.resolve(opts.artifactsDir, cmd.path);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await p.screenshot({ path: file, fullPage: false });
        screenshots.push(file);
        opts.log?.(`screenshot: ${file}`);
        return file;
      }
      case 'treeRows':
        return treeRows(p, cmd.view);
      case 'statusBar':
        return statusBar(p);
      case 'openView':
        return openView(p, cmd.containerTitle, cmd.timeoutMs ?? timeout);
      case 'keyboard':
        for (const k of Array.isArray(cmd.keys) ? cmd.keys : [cmd.keys]) await p.keyboard.press(k);
        return true;
      case 'type':
        await p.keyboard.type(cmd.text);
        return true;
      case 'wait':
        await p.waitForTimeout(cmd.ms);
        return true;
      case 'clipboard':
        // The page may write the system clipboard only with this permission (headless: its own clipboard).
        await p.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(p.url()).origin });
        await p.evaluate((text) => (globalThis as unknown as BrowserClipboard).navigator.clipboard.writeText(text), cmd.text);
        return true;
      // Not in driverProtocol (yet): { op: 'sideBarWidth', width } drags the side bar's sash
      // until the side bar is that wide (for screenshots where descriptions show in full).
      case 'sideBarWidth' as DriverCommand['op']:
        return sideBarWidth(p, (cmd as unknown as { width: number }).width);
      default:
        throw new Error(`unknown op ${JSON.stringify((cmd as { op?: unknown }).op)}`);
    }
  };

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const run = async () => {
        let cmd: DriverCommand;
        try {
          cmd = JSON.parse(body) as DriverCommand;
        } catch {
          return { ok: false, error: 'body is not JSON' };
        }
        try {
          return { ok: true, result: await handle(cmd) };
        } catch (e) {
          opts.log?.(`driver ${cmd.op} failed: ${(e as Error).message}`);
          return { ok: false, error: (e as Error).message };
        }
      };
      const next = queue.then(run, run);
      queue = next;
      void next.then((answer) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    setPage: (p) => (page = p),
    setWindowOpener: (open) => (openWindow = open),
    screenshots,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The rendered rows of a tree view; `view` is the view's name (header title) or id. */
async function treeRows(page: Page, view?: string): Promise<TreeRow[]> {
  return page.evaluate(
    ({ view, paneSel, rowSel }) => {
      const doc = (globalThis as unknown as { document: El }).document;
      const panes = Array.from(doc.querySelectorAll(paneSel)).filter((pane) => {
        if (!view) return true;
        const header = pane.querySelector('.pane-header');
        const title = header?.querySelector('.title')?.textContent?.trim();
        // The header's icon element carries the class view-<view id>.
        const icon = header?.querySelector('.icon');
        return title === view || header?.getAttribute('aria-label') === `${view} Section` || !!icon?.classList.contains(`view-${view}`);
      });
      const out: TreeRowOut[] = [];
      for (const pane of panes) {
        // Only expanded, visible panes have rows worth reporting.
        if (!pane.classList.contains('expanded')) continue;
        const viewName = pane.querySelector('.pane-header .title')?.textContent?.trim() ?? '';
        for (const row of Array.from(pane.querySelectorAll(rowSel))) {
          const label =
            row.querySelector('.label-name')?.textContent?.trim() ??
            row.querySelector('.monaco-icon-label')?.textContent?.trim() ??
            row.innerText.trim();
          out.push({
            view: viewName,
            label,
            description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
            ariaLabel: row.getAttribute('aria-label') ?? '',
            level: Number(row.getAttribute('aria-level') ?? '1'),
            expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
            selected: row.classList.contains('selected'),
            text: row.innerText.trim(),
          });
        }
      }
      return out;
      type TreeRowOut = {
        view: string; label: string; description: string; ariaLabel: string; level: number;
        expanded: boolean | undefined; selected: boolean; text: string;
      };
    },
    { view, paneSel: selectors.pane, rowSel: selectors.treeRow },
  );
}

async function statusBar(page: Page): Promise<StatusBarItem[]> {
  return page.$$eval(selectors.statusBarItem, (els) =>
    els
      .filter((e) => (e as El).offsetParent !== null || (e as El).innerText.trim() !== '')
      .map((e) => {
        const label = e.querySelector('a, .statusbar-item-label');
        return {
          id: e.id,
          text: (e as El).innerText.trim(),
          ariaLabel: label?.getAttribute('aria-label') ?? e.getAttribute('aria-label') ?? '',
          left: e.classList.contains('left'),
        };
      }),
  );
}

/** Drags the vertical sash at the side bar's right edge so that the side bar gets `width` px. */
async function sideBarWidth(page: Page, width: number): Promise<number> {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar) throw new Error('the side bar is not showing');
  const sashes = page.locator('.monaco-sash.vertical');
  const n = await sashes.count();
  for (let i = 0; i < n; i++) {
    const box = await sashes.nth(i).boundingBox();
    if (!box || Math.abs(box.x + box.width / 2 - (bar.x + bar.width)) > 6 || box.height < bar.height / 2) continue;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + (width - bar.width) / 2, y, { steps: 4 });
    await page.mouse.move(x + (width - bar.width), y, { steps: 4 });
    await page.mouse.up();
    // Off the sash, or it stays highlighted in the next screenshot.
    await page.mouse.move(x + (width - bar.width) + 300, y + 200);
    await page.waitForTimeout(400);
    return (await page.locator('.part.sidebar').boundingBox())?.width ?? 0;
  }
  throw new Error('no sash at the side bar\'s edge');
}

/** The bits of the DOM the page functions use (the project compiles without lib "dom"). */
interface El {
  id: string;
  innerText: string;
  textContent: string | null;
  outerHTML: string;
  offsetParent: unknown;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

/**
 * Clicks the activity-bar entry whose label is `title` (or `title (keybinding)`), unless that
 * container is already showing: clicking the active entry would hide the side bar.
 */
async function openView(page: Page, title: string, timeoutMs: number): Promise<boolean> {
  const items = page.locator(selectors.activityBarItem);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await items.evaluateAll(
      (els, title) =>
        els.map((li) => {
          const label = (li as unknown as El).querySelector('.action-label')?.getAttribute('aria-label') ?? '';
          return {
            match: label === title || label.startsWith(`${title} (`),
            active: (li as unknown as El).getAttribute('aria-selected') === 'true',
          };
        }),
      title,
    );
    const i = states.findIndex((s) => s.match);
    if (i >= 0) {
      const sidebarVisible = await page.locator('.part.sidebar').isVisible();
      if (!(states[i].active && sidebarVisible)) await items.nth(i).click({ timeout: timeoutMs });
      return true;
    }
    if (Date.now() > deadline) throw new Error(`no activity-bar entry titled "${title}"`);
    await page.waitForTimeout(100);
  }
}
