// Issue 11, items 8, 11 and 12, through the workbench as a user meets them: responses of a .sugar
// file sent with Ctrl+Alt+R open beside it in one reused tab, the tab's title-bar buttons (Copy
// Body, Re-run, Save As), plain tab titles, the log's wording, History rows and Search History….
// Only the set-up uses commands with arguments (adding, logging in, a first request).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import type { TreeRow } from '../driverClient';
import {
  addLoggedInAdmin, childrenOf, clickRow, closeEditors, collapseBelow, expandBelow, focusConnection, parseResponseTab, RESPONSE_SCHEME, send, waitForBlock,
} from './exploreHelpers';
import { API, artifactsDir, copied, driver, eventually, needsDriver, rememberSecret, run, sim } from './helpers';
import { closeQuickInput, fromPalette, readQuickInput } from './quickInput';

const NAME = 'Responses (admin)';
const PLATFORM = 'responses_tests';
const ACTIVE_GROUP = '.part.editor .editor-group-container.active';

const isApi = (r: TreeRow) => r.level === 2 && r.label === 'API' && /endpoints/.test(r.description);
const isHistory = (r: TreeRow) => r.level === 2 && r.label === 'History';

/** The response tabs of every editor group. */
function responseTabs(): Array<{ tab: vscode.Tab; group: vscode.TabGroup; uri: vscode.Uri }> {
  return vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.flatMap((tab) => (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RESPONSE_SCHEME ? [{ tab, group, uri: tab.input.uri }] : [])),
  );
}

const responseDocument = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());

/** Writes a request file under the artifacts and opens it in the first group, the cursor on `line`. */
async function openRequestFile(name: string, lines: string[], line: number): Promise<vscode.TextEditor> {
  const file = path.join(artifactsDir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join('\n'));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { viewColumn: vscode.ViewColumn.One });
  editor.selection = new vscode.Selection(line, 0, line, 0);
  return editor;
}

/** Ctrl+Alt+R in the editor (the keybinding of "Send Request from File"). */
async function pressSend(): Promise<void> {
  await driver.click(`${ACTIVE_GROUP} .monaco-editor .view-lines`);
  await driver.keyboard('Control+Alt+r');
}

const createdId = (doc: vscode.TextDocument) => (parseResponseTab(doc.getText()).json as { id: string }).id;

describe('responses beside the request, plain titles, History rows and search', () => {
  let s: Simulator;
  let id: string;

  before(async function () {
    needsDriver(this);
    s = await sim();
    id = await addLoggedInAdmin(s, NAME, PLATFORM);
    await run('sugar.setActiveConnection', id);
    await closeEditors();
  });

  afterEach(async () => {
    await closeQuickInput().catch(() => undefined);
  });

  describe('item 8: where responses open', () => {
    it('Ctrl+Alt+R in a .sugar file opens the response beside it, the cursor stays in the file, the next send reuses the tab', async function () {
      this.timeout(90_000);
      await closeEditors();
      const editor = await openRequestFile('responses.sugar', ['### A note', 'POST /Notes', 'Content-Type: application/json', '', '{"name": "Response tab note"}', ''], 1);
      await pressSend();
      const [first] = await eventually(() => responseTabs(), (tabs) => tabs.length > 0 && !!responseDocument(tabs[0].uri), 'a response tab');
      assert.notStrictEqual(first.group.viewColumn, vscode.ViewColumn.One, 'the response covers the request file: it opened in the same group');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the response took the focus from the request file');
      assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === editor.document.uri.toString()), 'the request file is hidden');
      const firstId = createdId(responseDocument(first.uri)!);

      await pressSend();
      await eventually(() => createdId(responseDocument(first.uri)!), (next) => next !== firstId, 'the same tab showing the second note');
      const tabs = responseTabs();
      assert.strictEqual(tabs.length, 1, `response tabs after two sends: ${tabs.map((t) => t.tab.label).join(', ')}`);
      assert.strictEqual(vscode.window.tabGroups.all.length, 2, 'a third group opened');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    });

    it('the response tab has a plain title (no .jsonc) and is JSON with comments', async () => {
      const [tab] = responseTabs();
      const labels = await driver.texts('.part.editor .tab .label-name');
      assert.ok(labels.includes('POST Notes'), `tab labels: ${JSON.stringify(labels)}`);
      assert.ok(!labels.some((l) => /\.(jsonc|txt)$/.test(l)), `a tab title ends in an extension: ${JSON.stringify(labels)}`);
      assert.strictEqual(responseDocument(tab.uri)!.languageId, 'jsonc');
    });

    it('its title bar offers Copy Response Body, Re-run and Save As, and they work', async function () {
      this.timeout(90_000);
      const [tab] = responseTabs();
      await driver.click(`.part.editor .tab:has-text("${tab.tab.label}")`);
      await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme, (scheme) => scheme === RESPONSE_SCHEME, 'the response tab active');
      const doc = responseDocument(tab.uri)!;
      const shownId = createdId(doc);

      await vscode.env.clipboard.writeText('unchanged');
      await driver.click(`${ACTIVE_GROUP} .editor-actions .action-label[aria-label="Copy Response Body"]`);
      const copiedBody = await eventually(() => Promise.resolve(vscode.env.clipboard.readText()), (t) => t !== 'unchanged', 'the body on the clipboard');
      assert.deepStrictEqual(JSON.parse(copiedBody), parseResponseTab(doc.getText()).json);

      await driver.click(`${ACTIVE_GROUP} .editor-actions .action-label[aria-label="Re-run Request of This Response"]`);
      await eventually(() => createdId(responseDocument(tab.uri)!), (next) => next !== shownId, 'the tab showing the re-run\'s new note');
      assert.strictEqual(responseTabs().length, 1, 'Re-run opened another tab');

      // The save dialog proposes "<title>.json" in the workspace folder: Enter accepts it.
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(folder, 'the host opened no workspace folder');
      const target = path.join(folder, 'POST Notes.json');
      fs.rmSync(target, { force: true });
      await driver.click(`${ACTIVE_GROUP} .editor-actions .action-label[aria-label="Save Response As…"]`);
      await driver.waitFor('.quick-input-widget input', { state: 'visible' });
      // The dialog fills its box after it shows (a pause before acting, not an assertion).
      await driver.wait(500);
      await driver.keyboard('Enter');
      const saved = await eventually(() => (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : ''), (text) => text.length > 0, `the saved file ${target}`);
      assert.deepStrictEqual(JSON.parse(saved), parseResponseTab(responseDocument(tab.uri)!.getText()).json);
    });

    it('with sugar.keepEveryResponse each response keeps a tab of its own, titled with its status', async function () {
      this.timeout(90_000);
      await vscode.workspace.getConfiguration('sugar').update('keepEveryResponse', true, vscode.ConfigurationTarget.Global);
      try {
        await closeEditors();
        await openRequestFile('responses.sugar', ['### A note', 'POST /Notes', 'Content-Type: application/json', '', '{"name": "Kept note"}', ''], 1);
        await pressSend();
        await eventually(() => responseTabs(), (tabs) => tabs.length === 1, 'one response tab');
        await pressSend();
        await eventually(() => responseTabs(), (tabs) => tabs.length === 2, 'two response tabs');
        const labels = await eventually(() => driver.texts('.part.editor .tab .label-name'), (l) => l.filter((x) => x.startsWith('POST Notes')).length === 2, 'two "POST Notes" tab labels');
        assert.deepStrictEqual(labels.filter((x) => x.startsWith('POST Notes')), ['POST Notes · 200', 'POST Notes · 200']);
      } finally {
        await vscode.workspace.getConfiguration('sugar').update('keepEveryResponse', undefined, vscode.ConfigurationTarget.Global);
        await closeEditors();
      }
    });
  });

  describe('item 12: History rows and Search History…', () => {
    it('a row reads "GET /Accounts/a:b", then "404 · <time> · ?max_num=1"; clicking it focuses its open response, no copy', async function () {
      this.timeout(90_000);
      await closeEditors();
      // Set-up: the request as the tree sends a typed record id (fillPath encodes ":").
      const answer = await send({ connection: id, method: 'GET', path: '/Accounts/a%3Ab', query: { max_num: 1 } });
      assert.strictEqual(answer.status, 404);
      const editor = await openRequestFile('other.sugar', ['GET /me', ''], 0);
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
      const tabsBefore = responseTabs();
      assert.strictEqual(tabsBefore.length, 1);

      await focusConnection(NAME);
      await collapseBelow(NAME, isApi, 'API');
      await expandBelow(NAME, isHistory, 'History');
      const { children } = await waitForBlock(NAME, (_r, c) => childrenOf(c, isHistory).length > 0, 'History entries');
      const newest = childrenOf(children, isHistory)[0];
      assert.strictEqual(newest.label, 'GET /Accounts/a:b');
      assert.match(newest.description, /^404 · \d{1,2}:\d{2}( [AP]M)? · \?max_num=1$/);

      await clickRow(newest);
      await eventually(() => vscode.window.activeTextEditor?.document.uri.toString(), (uri) => uri === tabsBefore[0].uri.toString(), 'the open response focused');
      assert.strictEqual(responseTabs().length, 1, 'clicking the History row opened a copy of the response');
    });

    it('Search History… from the History row\'s menu filters on the status; Enter shows that response', async function () {
      this.timeout(90_000);
      await closeEditors();
      await send({ connection: id, method: 'GET', path: '/Accounts', query: { max_num: 2 } });
      await closeEditors();
      const { children } = await waitForBlock(NAME, (_r, c) => c.some(isHistory), 'the History row');
      await clickRow(children.find(isHistory)!, 'label', 'right');
      await driver.waitFor('.context-view .action-label[aria-label="Search History…"]');
      // A click right after the menu opens is dropped by the menu (a pause before acting, not an assertion).
      await driver.wait(300);
      await driver.click('.context-view .action-label[aria-label="Search History…"]');
      const screen = await eventually(readQuickInput, (q) => !!q && q.rows.length > 1, 'the History search list');
      assert.strictEqual(screen!.title, `History of ${NAME}`);
      assert.ok(screen!.rows[0].startsWith('GET /Accounts'), `first row: ${screen!.rows[0]}`);
      await driver.type('404');
      await eventually(readQuickInput, (q) => !!q && q.rows.length > 0 && q.rows.every((r) => r.startsWith('GET /Accounts/a:b')), 'only the 404 row left');
      await driver.keyboard('Enter');
      const doc = await eventually(() => vscode.window.activeTextEditor?.document, (d) => d?.uri.scheme === RESPONSE_SCHEME, 'the response of the 404 request');
      const { comments } = parseResponseTab(doc!.getText());
      assert.strictEqual(comments[0], `GET ${s.url}/rest/${API}/Accounts/a%3Ab?max_num=1`);
      assert.match(comments[1], /^404 /);
    });
  });

  describe('item 11: request editors and the log read like the user\'s words', () => {
    it('POST /<module> from the tree opens a request editor named after its request ("POST Accounts"), not its first line', async function () {
      this.timeout(90_000);
      await closeEditors();
      await focusConnection(NAME);
      await collapseBelow(NAME, isHistory, 'History');
      await expandBelow(NAME, isApi, 'API');
      const isModule = (r: TreeRow) => r.level === 3 && r.label === '<module>';
      await expandBelow(NAME, isModule, '<module>');
      const isCreate = (r: TreeRow) => r.level === 4 && r.label === 'POST /<module>';
      const { children } = await waitForBlock(NAME, (_r, c) => c.some(isCreate), 'a row POST /<module>');
      await clickRow(children.find(isCreate)!);
      await driver.waitFor('.quick-input-widget input', { state: 'visible' });
      await driver.type('Accounts');
      await driver.keyboard('Enter');
      const editor = await eventually(() => vscode.window.activeTextEditor, (e) => e?.document.languageId === 'sugar' && e.document.isUntitled, 'an untitled .sugar request editor');
      try {
        const label = await eventually(() => driver.texts(`${ACTIVE_GROUP} .tab.active .label-name`), (l) => l.length === 1, 'the active tab label');
        // VS Code shows an untitled file's name without its extension in some versions.
        assert.match(label[0], /^POST Accounts(\.sugar)?$/);
        assert.ok(editor!.document.getText().includes('\nPOST /Accounts\n'));
      } finally {
        await collapseBelow(NAME, isModule, '<module>');
        await collapseBelow(NAME, isApi, 'API');
        await vscode.window.showTextDocument(editor!.document);
        await run('workbench.action.revertAndCloseActiveEditor');
      }
    });

    it('the log names the connection, not its id, and a validation message carries no "[session]" tag', async function () {
      this.timeout(90_000);
      await closeEditors();
      await openRequestFile('missing.sugar', ['GET /Accounts/{{nope}}', ''], 0);
      await pressSend();
      const sudoId = await run<string>('sugar.sudo', id, 'jim');
      rememberSecret(await copied('sugar.copyAccessToken', sudoId));
      await fromPalette('Sugar: Show Log');
      const lines = await eventually(
        // The editor renders spaces as no-break spaces.
        async () => (await driver.texts('.part.panel .view-lines')).join('\n').replace(/\u00a0/g, ' ').split('\n'),
        (l) => l.some((x) => x.includes('Acting as jim')) && l.some((x) => x.includes('{{nope}}')),
        'the validation and sudo lines in the log',
      );
      const acting = lines.find((x) => x.includes('Acting as jim'))!;
      assert.ok(acting.includes(`through "${NAME}"`), `the log line reads ${JSON.stringify(acting)}`);
      assert.ok(!acting.includes(id), `the log line names the connection by its id: ${acting}`);
      const validation = lines.filter((x) => x.includes('{{nope}}'));
      assert.ok(validation.length > 0, `no log line of the validation error in ${JSON.stringify(lines.slice(-12))}`);
      for (const line of validation) assert.ok(!/\[session\]/.test(line), `the log line is tagged: ${line}`);
      await run('sugar.endSudo', sudoId);
    });
  });

  after(async () => {
    await driver.keyboard('Escape').catch(() => undefined);
    await vscode.workspace.getConfiguration('sugar').update('keepEveryResponse', undefined, vscode.ConfigurationTarget.Global).then(undefined, () => undefined);
    await closeEditors().catch(() => undefined);
    if (id) {
      await run('sugar.logout', id).catch(() => undefined);
      await run('sugar.deleteConnection', id).catch(() => undefined);
    }
  });
});
