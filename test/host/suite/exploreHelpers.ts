// Helpers of the API explorer's host tests (10-explorer.test.ts): the response tabs, and rows of
// the real tree below a connection (the API node, its groups and endpoints, the History node).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeRow } from '../driverClient';
import type { Simulator } from '../../sim/index';
import { copied, credentials, driver, eventually, openSugarView, rememberSecret, ROWS, rows, run, type SessionState } from './helpers';

export const RESPONSE_SCHEME = 'sugar-response';

/** A connection of admin's on a platform of its own, logged in and active, with no editor open. */
/** An admin connection on its own platform, logged in; its tokens join the leak search. */
export async function addLoggedInAdmin(s: Simulator, name: string, platform: string): Promise<string> {
  s.registerPlatform(platform);
  const id = await run<string>('sugar.addConnection', {
    name, instanceUrl: s.url, username: 'admin', password: credentials.adminPassword, rememberPassword: true, platform,
  });
  const state = await run<SessionState>('sugar.login', id);
  assert.strictEqual(state.status, 'active');
  rememberSecret(await copied('sugar.copyAccessToken', id), await copied('sugar.copyRefreshToken', id));
  return id;
}

export async function addActiveConnection(s: Simulator, name: string, platform: string): Promise<string> {
  const id = await addLoggedInAdmin(s, name, platform);
  await run('sugar.setActiveConnection', id);
  await closeEditors();
  return id;
}

/** A test's own connection gone again: logged out (its session ended on the server) and deleted. */
export async function removeConnection(id: string): Promise<void> {
  await run('sugar.logout', id).catch(() => undefined);
  await run('sugar.deleteConnection', id).catch(() => undefined);
}

/** What sugar.sendRequest answers. */
export interface Sent {
  status: number;
  headers: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  timeMs: number;
}

export interface SendArgument {
  connection: string;
  method: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  headers?: Record<string, string>;
}

export function send(arg: SendArgument): Promise<Sent> {
  return run<Sent>('sugar.sendRequest', arg);
}

/** The active editor's document, which must be a response tab. */
export function activeResponse(): vscode.TextDocument {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'no active editor after the request');
  assert.strictEqual(editor.document.uri.scheme, RESPONSE_SCHEME, `the active editor is ${editor.document.uri.toString()}, not a response tab`);
  return editor.document;
}

/** Waits until the active editor is a response tab other than `previous` (a URI string). */
export async function nextResponse(previous: string | undefined, what: string, timeoutMs = 15_000): Promise<vscode.TextDocument> {
  await eventually(
    () => vscode.window.activeTextEditor?.document.uri.toString(),
    (uri) => !!uri && uri !== previous && uri.startsWith(`${RESPONSE_SCHEME}:`),
    `a new response tab (${what})`,
    timeoutMs,
  );
  return activeResponse();
}

export function activeUri(): string | undefined {
  return vscode.window.activeTextEditor?.document.uri.toString();
}

/** The response tab's parts: its comment lines (without `// `) and the JSON below them. */
export function parseResponseTab(text: string): { comments: string[]; json: unknown } {
  const lines = text.split('\n');
  let i = 0;
  const comments: string[] = [];
  while (i < lines.length && lines[i].startsWith('//')) comments.push(lines[i++].replace(/^\/\/ ?/, ''));
  const rest = lines.slice(i).join('\n');
  let json: unknown;
  try {
    json = JSON.parse(rest);
  } catch (e) {
    assert.fail(`the response tab is not valid JSON after its // lines: ${(e as Error).message}; it starts ${JSON.stringify(rest.slice(0, 200))}`);
  }
  return { comments, json };
}

export async function closeEditors(): Promise<void> {
  await run('workbench.action.closeAllEditors');
}

// ---- rows of the Connections view, in list order ------------------------------------------
//
// The list keeps its rendered rows in the DOM in no guaranteed order (rows are reused as the tree
// changes), so the rows are put in list order by their `data-index`, and clicks aim at that index.

export type Row = TreeRow & { index: number };

/** The rendered rows of the Connections view, in list order, each with its list index. */
export async function listRows(): Promise<Row[]> {
  for (let attempt = 0; ; attempt++) {
    const [all, indexes] = await Promise.all([rows(), driver.attributes(ROWS, 'data-index')]);
    // Read at two moments: retry when the tree re-rendered in between.
    if (all.length === indexes.length && indexes.every((i) => i !== null)) {
      return all.map((r, k) => ({ ...r, index: Number(indexes[k]) })).sort((a, b) => a.index - b.index);
    }
    if (attempt > 20) assert.fail(`the Connections rows (${all.length}) and the side bar's rows (${indexes.length}) differ: is another view open?`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A connection's top-level row and the rows below it, in list order. */
export async function block(name: string): Promise<{ row?: Row; children: Row[] }> {
  const all = await listRows();
  const i = all.findIndex((r) => r.level === 1 && r.label === name);
  if (i < 0) return { children: [] };
  const children: Row[] = [];
  for (let j = i + 1; j < all.length && all[j].level > 1; j++) children.push(all[j]);
  return { row: all[i], children };
}

export async function waitForBlock(name: string, check: (row: Row, children: Row[]) => boolean, what: string, timeoutMs = 15_000) {
  return eventually(() => block(name), (b) => !!b.row && check(b.row, b.children), `row "${name}": ${what}`, timeoutMs);
}

const rowSelector = (index: number) => `${ROWS}[data-index="${index}"]`;

/** Clicks a row's label (runs its command), or its twistie, or (right button) opens its context menu. */
export async function clickRow(row: Row, part: 'label' | 'twistie' = 'label', button?: 'right'): Promise<void> {
  await driver.click(`${rowSelector(row.index)} ${part === 'twistie' ? '.monaco-tl-twistie' : '.monaco-tl-contents'}`, { button });
}

/** Clicks one of a row's inline actions (e.g. codicon `debug-rerun`). */
export async function clickRowAction(row: Row, codicon: string): Promise<void> {
  await driver.click(`${rowSelector(row.index)} .action-label.codicon-${codicon}`);
}

/** Expands or collapses the connection's top-level row by its twistie. */
export async function setConnectionExpanded(name: string, expanded: boolean): Promise<void> {
  const { row } = await waitForBlock(name, () => true, 'present');
  if (row!.expanded === expanded) return;
  assert.notStrictEqual(row!.expanded, undefined, `row "${name}" cannot expand (no children)`);
  await clickUntil(
    async () => (await waitForBlock(name, () => true, 'present')).row!,
    (r) => r.expanded === expanded,
    `row "${name}" ${expanded ? 'expanded' : 'collapsed'}`,
  );
}

/**
 * A twistie click can be dropped while the list re-renders (seen on a busy 2-core machine):
 * read the row again, click again, up to three times, before giving up.
 */
async function clickUntil(read: () => Promise<Row>, done: (row: Row) => boolean, what: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await clickRow(await read(), 'twistie');
    try {
      await eventually(read, done, what, attempt < 3 ? 5_000 : 15_000);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Expands (or collapses) the row below connection `name` that `match` accepts, by its twistie. */
export async function setExpandedBelow(name: string, match: (row: TreeRow) => boolean, expanded: boolean, what: string): Promise<void> {
  const { children } = await waitForBlock(name, (_r, c) => c.some(match), `a row ${what}`);
  const found = children.find(match)!;
  if (found.expanded === expanded || (!expanded && found.expanded === undefined)) return;
  assert.notStrictEqual(found.expanded, undefined, `row ${what} below "${name}" cannot expand (no children)`);
  await clickUntil(
    async () => (await waitForBlock(name, (_r, c) => c.some(match), `a row ${what}`)).children.find(match)!,
    (row) => row.expanded === expanded,
    `row ${what} below "${name}" ${expanded ? 'expanded' : 'collapsed'}`,
  );
}

export const expandBelow = (name: string, match: (row: TreeRow) => boolean, what: string) => setExpandedBelow(name, match, true, what);
export const collapseBelow = (name: string, match: (row: TreeRow) => boolean, what: string) => setExpandedBelow(name, match, false, what);

/** The rows directly below the first row that `parent` accepts (one level deeper), in list order. */
export function childrenOf<T extends TreeRow>(children: T[], parent: (row: TreeRow) => boolean): T[] {
  const i = children.findIndex(parent);
  if (i < 0) return [];
  const level = children[i].level;
  const out: T[] = [];
  for (let j = i + 1; j < children.length && children[j].level > level; j++) if (children[j].level === level + 1) out.push(children[j]);
  return out;
}

/** Collapses every expanded top-level row except `keep` (so the rows of interest fit the side bar). */
export async function collapseOthers(keep: string): Promise<void> {
  for (let guard = 0; guard < 30; guard++) {
    const open = (await listRows()).find((r) => r.level === 1 && r.label !== keep && r.expanded === true);
    if (!open) return;
    await clickRow(open, 'twistie');
    await eventually(async () => (await listRows()).find((r) => r.level === 1 && r.label === open.label), (r) => r?.expanded !== true, `row "${open.label}" collapsed`);
  }
}

/** The Sugar view showing, the other connections collapsed, `name` expanded. */
export async function focusConnection(name: string): Promise<void> {
  await openSugarView();
  await collapseOthers(name);
  await setConnectionExpanded(name, true);
}
