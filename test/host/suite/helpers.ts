// Shared by the host suites (test/host/suite, test/host/suite-restart): the extension's contract
// as seen from a test, the in-host simulator, the clipboard, the workbench rows, and the list of
// every secret the run handed out (for the leak searches at the end).
import * as assert from 'assert';
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEMO_USERS, startSimulator, type Simulator } from '../../sim/index';
import { driver, type StatusBarItem, type TreeRow } from '../driverClient';

export const EXTENSION_ID = 'sugar-rest-explorer.sugar-rest-explorer';
/** The project root (this file compiles to out/test/host/suite/helpers.js). */
export const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
/** Where screenshots and hand-over files go (the runner passes SUGAR_HOST_ARTIFACTS). */
export const artifactsDir = process.env.SUGAR_HOST_ARTIFACTS || path.join(projectRoot, 'test-output', 'host');
/** The runner's file of secrets to search its folders for; it deletes the file afterwards. Per run
 *  (the runner puts it into the run's temp folder), so that runs side by side do not mix. */
export const secretsFile = process.env.SUGAR_HOST_SECRETS_FILE || path.join(artifactsDir, 'secrets.json');
/** What the first phase hands the restart phase (hashes of tokens, never the tokens). */
export const handoffFile = process.env.SUGAR_HOST_HANDOFF_FILE || path.join(artifactsDir, 'restart-handoff.json');
export const API = 'v11_24';
/** The main connection of the suite (and of the README screenshot). */
export const MAIN = 'Simulator (admin)';

export type Status = 'loggedOut' | 'active' | 'expiringSoon' | 'accessExpired' | 'refreshExpired' | 'endedElsewhere' | 'error';

export interface SessionState {
  connectionId: string;
  status: Status;
  username?: string;
  platform?: string;
  accessExpiresAt?: number;
  refreshExpiresAt?: number;
  sudo: Array<{ id: string; userName: string; accessExpiresAt: number }>;
  error?: unknown;
}

export interface ExplorerApi {
  sessionState(id: string): SessionState;
  connections(): Promise<Array<{ id: string; name: string }>>;
}

export interface AddConnection {
  name: string;
  instanceUrl: string;
  username: string;
  password?: string;
  rememberPassword?: boolean;
  platform?: string;
  clientId?: string;
  clientSecret?: string;
  apiVersion?: string;
  tlsVerify?: boolean;
  caCertificate?: string;
}

export async function explorer(): Promise<ExplorerApi> {
  const ext = vscode.extensions.getExtension<ExplorerApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  const api = await ext.activate();
  assert.ok(api && typeof api.sessionState === 'function' && typeof api.connections === 'function', 'activate() did not return {sessionState, connections}');
  return api;
}

export function run<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

/** Runs a command that must reject; resolves to the error. */
export async function rejects(command: string, ...args: unknown[]): Promise<Error> {
  let answer: unknown;
  try {
    answer = await run(command, ...args);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  assert.fail(`${command} resolved (${typeof answer}) where it should have rejected`);
}

// ---- the in-host simulator and the secrets of the run -------------------------------------

const canary = (what: string) => `${what}-${randomBytes(9).toString('hex')}`;

/** Distinct passwords and client secrets, so a leak search cannot confuse them with user names. */
export const credentials = {
  adminPassword: canary('AdminPw'),
  jimPassword: canary('JimPw'),
  sallyPassword: canary('SallyPw'),
  wrongPassword: canary('WrongPw'),
  clientId: 'explorer-client',
  clientSecret: canary('explorer-secret'),
};

const secrets = new Set<string>(Object.values(credentials).filter((v) => v !== 'explorer-client'));

/** Adds values the leak searches must not find anywhere. */
export function rememberSecret(...values: string[]): void {
  for (const v of values) if (v) secrets.add(v);
}

let simPromise: Promise<Simulator> | undefined;

/** The suite's own Sugar simulator, in this (extension host) process. */
export function sim(): Promise<Simulator> {
  simPromise ??= startSimulator({
    quiet: true,
    users: DEMO_USERS.map((u) =>
      u.userName === 'admin' ? { ...u, password: credentials.adminPassword }
        : u.userName === 'jim' ? { ...u, password: credentials.jimPassword }
          : u.userName === 'sally' ? { ...u, password: credentials.sallyPassword }
            : u,
    ),
    clients: { sugar: '', [credentials.clientId]: credentials.clientSecret },
  });
  return simPromise;
}

export async function closeSim(): Promise<void> {
  if (!simPromise) return;
  const s = await simPromise;
  for (const v of s.issuedSecrets()) secrets.add(v);
  await s.close();
}

/** Every secret so far: the passwords and client secret, every token the simulator issued. */
export async function allSecrets(): Promise<string[]> {
  if (simPromise) for (const v of (await simPromise).issuedSecrets()) secrets.add(v);
  return [...secrets].filter((v) => v.length >= 8);
}

/** For the runner's search of the folders only it can read completely (the browser profile). */
export async function writeSecretsFile(): Promise<void> {
  const values = await allSecrets();
  let earlier: string[] = [];
  try {
    earlier = (JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as { secrets: string[] }).secrets;
  } catch {
    /* first writer */
  }
  fs.mkdirSync(path.dirname(secretsFile), { recursive: true });
  fs.writeFileSync(secretsFile, JSON.stringify({ secrets: [...new Set([...earlier, ...values])] }), { mode: 0o600 });
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// ---- talking to the simulator as a client would --------------------------------------------

export interface Answer {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** GET /rest/<v>/me with the token in the OAuth-Token header. */
export async function me(instanceUrl: string, token: string): Promise<Answer> {
  const res = await fetch(`${instanceUrl}/rest/${API}/me`, { headers: { 'OAuth-Token': token } });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

export function currentUser(answer: Answer): string | undefined {
  return answer.json?.current_user?.user_name;
}

// ---- clipboard ----------------------------------------------------------------------------

/** Runs a copy command and answers what it put on the clipboard (a sentinel proves it changed). */
export async function copied(command: string, id: string, ...rest: unknown[]): Promise<string> {
  // Without an id the command would ask (a quick pick) and the test would hang until its timeout.
  assert.ok(typeof id === 'string' && id.length > 0, `${command}: no connection id (did an earlier test fail?)`);
  const sentinel = `sentinel-${randomBytes(6).toString('hex')}`;
  await vscode.env.clipboard.writeText(sentinel);
  const answer = await run(command, id, ...rest);
  assert.strictEqual(answer, undefined, `${command} should resolve with undefined`);
  const text = await vscode.env.clipboard.readText();
  assert.notStrictEqual(text, sentinel, `${command}(${id}) did not write the clipboard`);
  assert.ok(text.trim().length > 0, `${command}(${id}) wrote an empty clipboard`);
  return text;
}

// ---- waiting for state --------------------------------------------------------------------

/** Polls until `check` holds (the extension and the workbench update asynchronously). */
export async function eventually<T>(read: () => T | Promise<T>, check: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > end) assert.fail(`${what}: still not so after ${timeoutMs} ms; last seen ${describe(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value, (k, v) => (/token/i.test(k) ? '<token>' : v));
    return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
  } catch {
    return String(value);
  }
}

// ---- the workbench ------------------------------------------------------------------------

export const VIEW = 'Connections';
export const VIEW_ID = 'sugar.connections';
/** The rows of the side bar's expanded panes: with the Sugar container showing, its Connections rows, in the order rows() answers them. */
export const ROWS = '.part.sidebar .pane.expanded .monaco-list-row';

export async function openSugarView(): Promise<void> {
  // A window still restoring its layout (a second window opened by a test) can show its side bar a
  // moment after the click meant to open it, and that click then closes it: look again, and open
  // it again while it is hidden.
  for (let attempt = 0; attempt < 5; attempt++) {
    await driver.openView('Sugar');
    await driver.wait(500);
    if (await driver.waitFor('.part.sidebar', { state: 'visible', timeoutMs: 3_000 }).then(() => true, () => false)) break;
  }
  await driver.waitFor('.part.sidebar .monaco-list-row, .part.sidebar .welcome-view', { state: 'attached' }).catch(() => undefined);
}

/** The rendered rows of the Connections view (by its id, so a hidden header does not matter). */
export async function rows(): Promise<TreeRow[]> {
  const byId = await driver.treeRows(VIEW_ID);
  return byId.length ? byId : driver.treeRows(VIEW);
}

/** The connection's top-level row and the rows below it (up to the next top-level row). */
export function connectionBlock(all: TreeRow[], name: string): { row?: TreeRow; children: TreeRow[] } {
  const i = all.findIndex((r) => r.level === 1 && r.label === name);
  if (i < 0) return { children: [] };
  const children: TreeRow[] = [];
  for (let j = i + 1; j < all.length && all[j].level > 1; j++) children.push(all[j]);
  return { row: all[i], children };
}

export async function waitForRow(name: string, check: (row: TreeRow, children: TreeRow[]) => boolean, what: string, timeoutMs = 15_000) {
  return eventually(
    async () => connectionBlock(await rows(), name),
    (b) => !!b.row && check(b.row, b.children),
    `row "${name}": ${what}`,
    timeoutMs,
  );
}

/** Expands (or collapses) a connection's row by clicking its twistie in the real tree. */
export async function setExpanded(name: string, expanded: boolean): Promise<void> {
  const all = await rows();
  const index = all.findIndex((r) => r.level === 1 && r.label === name);
  assert.ok(index >= 0, `no row "${name}" in the tree: ${all.map((r) => r.label).join(', ')}`);
  if (all[index].expanded === expanded) return;
  assert.notStrictEqual(all[index].expanded, undefined, `row "${name}" cannot expand (no children)`);
  // The Sugar container is the one showing in the side bar: its rows are ROWS, in this order.
  // A click can be dropped (or land on a re-used row) while the list re-renders on a busy machine:
  // read the rows again and click again, up to three times.
  for (let attempt = 1; ; attempt++) {
    const now = await rows();
    const at = now.findIndex((r) => r.level === 1 && r.label === name);
    if (now[at]?.expanded === expanded) return;
    await driver.click(`${ROWS} .monaco-tl-twistie`, { index: at });
    try {
      await waitForRow(name, (r) => r.expanded === expanded, expanded ? 'expanded' : 'collapsed', attempt < 3 ? 5_000 : 15_000);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export async function statusItem(): Promise<StatusBarItem | undefined> {
  return (await driver.statusBar()).find((i) => /sugar\.status$/.test(i.id));
}

export async function waitForStatus(check: (text: string | undefined) => boolean, what: string, timeoutMs = 15_000) {
  return eventually(async () => (await statusItem())?.text, check, `status bar: ${what}`, timeoutMs);
}

/** Skips the current test where there is no workbench driver (e.g. under @vscode/test-electron). */
/**
 * The command palette's entries for a search, as the user sees them: what the when-clauses of
 * package.json (and the context keys behind them) let through. The palette is closed again.
 */
export async function paletteEntries(search: string): Promise<string[]> {
  await vscode.commands.executeCommand('workbench.action.showCommands');
  try {
    await driver.waitFor('.quick-input-widget input', { state: 'visible' });
    await driver.type(search);
    // The list filters as the text arrives: read it once it has settled on the same entries twice.
    let previous: string | undefined;
    return await eventually(
      async () => (await driver.texts('.quick-input-widget .monaco-list-row')).map((text) => text.split('\n')[0].trim()),
      (entries) => {
        const settled = JSON.stringify(entries) === previous;
        previous = JSON.stringify(entries);
        return settled;
      },
      `the palette's entries for "${search}"`,
    );
  } finally {
    await driver.keyboard('Escape').catch(() => undefined);
  }
}

export function needsDriver(ctx: Mocha.Context): void {
  if (!driver.available) ctx.skip();
}

/** Deletes every connection (so a test starts from a known tree). */
export async function deleteAll(): Promise<void> {
  const api = await explorer();
  for (const c of await api.connections()) await run('sugar.deleteConnection', c.id);
}

export { driver };
