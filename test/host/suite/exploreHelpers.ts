// Helpers of the API explorer's host tests (10-explorer.test.ts): the response tabs, and rows of
// the real tree below a connection (the API node, its groups and endpoints, the History node).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeRow } from '../driverClient';
import { connectionBlock, driver, eventually, ROWS, rows, run } from './helpers';

export const RESPONSE_SCHEME = 'sugar-response';

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

// ---- rows below a connection --------------------------------------------------------------

/** Index (among ROWS, in rows() order) of the first row below connection `name` that `match` accepts. */
export async function indexBelow(name: string, match: (row: TreeRow) => boolean): Promise<{ index: number; row: TreeRow }> {
  const all = await rows();
  const top = all.findIndex((r) => r.level === 1 && r.label === name);
  assert.ok(top >= 0, `no row "${name}" in the tree: ${all.map((r) => r.label).join(', ')}`);
  const { children } = connectionBlock(all, name);
  const k = children.findIndex(match);
  assert.ok(k >= 0, `no matching row below "${name}": ${children.map((c) => `${'  '.repeat(c.level - 2)}${c.label} [${c.description}]`).join(' | ')}`);
  return { index: top + 1 + k, row: children[k] };
}

/** Expands the row below `name` that `match` accepts, by clicking its twistie in the real tree. */
export async function expandBelow(name: string, match: (row: TreeRow) => boolean, what: string): Promise<void> {
  const found = await eventually(
    async () => {
      const { children } = connectionBlock(await rows(), name);
      return children.find(match);
    },
    (r) => r !== undefined,
    `row ${what} below "${name}"`,
  );
  if (found!.expanded === true) return;
  assert.notStrictEqual(found!.expanded, undefined, `row ${what} below "${name}" cannot expand (no children)`);
  const { index } = await indexBelow(name, match);
  await driver.click(`${ROWS} .monaco-tl-twistie`, { index });
  await eventually(
    async () => connectionBlock(await rows(), name).children.find(match),
    (r) => r?.expanded === true,
    `row ${what} below "${name}" expanded`,
  );
}

/** Collapses the row below `name` that `match` accepts (if it is expanded). */
export async function collapseBelow(name: string, match: (row: TreeRow) => boolean, what: string): Promise<void> {
  const { children } = connectionBlock(await rows(), name);
  const found = children.find(match);
  if (!found || found.expanded !== true) return;
  const { index } = await indexBelow(name, match);
  await driver.click(`${ROWS} .monaco-tl-twistie`, { index });
  await eventually(
    async () => connectionBlock(await rows(), name).children.find(match),
    (r) => r?.expanded !== true,
    `row ${what} below "${name}" collapsed`,
  );
}

/** The rows directly below the first row below `name` that `parent` accepts (one level deeper). */
export function childrenOf(children: TreeRow[], parent: (row: TreeRow) => boolean): TreeRow[] {
  const i = children.findIndex(parent);
  if (i < 0) return [];
  const level = children[i].level;
  const out: TreeRow[] = [];
  for (let j = i + 1; j < children.length && children[j].level > level; j++) if (children[j].level === level + 1) out.push(children[j]);
  return out;
}

/** Collapses every expanded top-level row except `keep` (so the rows of interest fit the side bar). */
export async function collapseOthers(keep: string): Promise<void> {
  for (let guard = 0; guard < 30; guard++) {
    const all = await rows();
    const index = all.findIndex((r) => r.level === 1 && r.label !== keep && r.expanded === true);
    if (index < 0) return;
    await driver.click(`${ROWS} .monaco-tl-twistie`, { index });
    await eventually(async () => (await rows())[index], (r) => r?.expanded !== true, `row "${all[index].label}" collapsed`);
  }
}
