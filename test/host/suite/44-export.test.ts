// Export Request… and Export File to Postman… in the real workbench against the in-host simulator:
// a .sugar request's Export… CodeLens → Python, a History row's context menu → JavaScript, the
// "with Token" choice, and sugar.exportRequest / sugar.exportFileToPostman called with arguments.
// No export may hold a token unless the user picked "with Token".
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import type { TreeRow } from '../driverClient';
import { addActiveConnection, childrenOf, clickRow, closeEditors, collapseBelow, expandBelow, focusConnection, send, waitForBlock } from './exploreHelpers';
import { API, artifactsDir, copied, credentials, driver, eventually, explorer, needsDriver, rememberSecret, run, sim } from './helpers';
import { pick } from './quickInput';

const NAME = 'Export (admin)';
const PLATFORM = 'export_tests';
const MASKED = '<access token: Sugar: Copy Access Token>';
const isApi = (r: TreeRow) => r.level === 2 && r.label === 'API' && /endpoints/.test(r.description);
const isHistory = (r: TreeRow) => r.level === 2 && r.label === 'History';

/** The untitled editor an export opened, once it is active. */
async function exportedEditor(language: string): Promise<vscode.TextEditor> {
  const editor = await eventually(
    () => vscode.window.activeTextEditor,
    (e) => !!e && e.document.isUntitled && e.document.languageId === language,
    `an untitled ${language} editor with the export`,
  );
  return editor!;
}

/** Closes the (dirty) untitled export without the save prompt. */
async function discard(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await run('workbench.action.revertAndCloseActiveEditor');
}

describe('export: requests as code and Postman collections', () => {
  let s: Simulator;
  let id: string;
  let token: string;

  before(async () => {
    s = await sim();
    await explorer();
    id = await addActiveConnection(s, NAME, PLATFORM);
    token = await copied('sugar.copyAccessToken', id);
    rememberSecret(token);
  });

  const noSecret = (text: string, what: string): void => {
    for (const secret of [token, credentials.adminPassword]) assert.ok(!text.includes(secret), `${what} holds a secret`);
  };

  it('a .sugar request → its Export… CodeLens → Python (requests): the code in a Python editor, token masked', async function () {
    needsDriver(this);
    this.timeout(90_000);
    await closeEditors();
    const file = path.join(artifactsDir, 'export.sugar');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [`# @connection ${NAME}`, '### Create an account', 'POST /Accounts', 'Content-Type: application/json', '', '{"name": "Exported From Sugar File", "industry": "{{industry}}"}', ''].join('\n'));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    await eventually(
      () => Promise.resolve(vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)),
      (l) => Array.isArray(l) && l.some((x) => x.command?.command === 'sugar.exportRequest'),
      'the Export… CodeLens',
    );
    // Its own lens, not "Send with Export (admin)": the title with its ellipsis.
    await driver.click('.codelens-decoration a:has-text("Export…")');
    await pick('Python');
    const editor = await exportedEditor('python');
    try {
      const text = editor.document.getText();
      assert.ok(text.includes('import requests'), text);
      assert.ok(text.includes(`"${s.url}/rest/${API}/Accounts"`), text);
      assert.ok(text.includes('requests.post('), text);
      assert.ok(text.includes(`"OAuth-Token": "${MASKED}"`), text);
      assert.ok(text.includes('Exported From Sugar File') && text.includes('{{industry}}'), text);
      noSecret(text, 'the Python export');
    } finally {
      await discard(editor);
    }
  });

  it('a History row → context menu → Export Request… → JavaScript (fetch); → cURL with Token copies the runnable line', async function () {
    needsDriver(this);
    this.timeout(120_000);
    await closeEditors();
    await send({ connection: id, method: 'GET', path: '/Accounts', query: { max_num: 3, fields: 'name' } });
    await focusConnection(NAME);
    await collapseBelow(NAME, isApi, 'API');
    await expandBelow(NAME, isHistory, 'History');
    const menu = async () => {
      const { children } = await waitForBlock(NAME, (_r, c) => childrenOf(c, isHistory)[0]?.description.endsWith('?max_num=3&fields=name') === true, 'the newest History entry');
      await clickRow(childrenOf(children, isHistory)[0], 'label', 'right');
      const item = '.context-view .action-label[aria-label="Export Request…"]';
      await driver.waitFor(item);
      // A click right after the menu opens is dropped by the menu (a pause before acting, not a timed assertion).
      await driver.wait(300);
      await driver.click(item);
    };
    await menu();
    await pick('JavaScript');
    const editor = await exportedEditor('javascript');
    try {
      const text = editor.document.getText();
      assert.ok(text.includes(`const url = '${s.url}/rest/${API}/Accounts?max_num=3&fields=name';`), text);
      assert.ok(text.includes(`'OAuth-Token': '${MASKED}'`), text);
      assert.ok(text.includes('await fetch(url, options)'), text);
      noSecret(text, 'the JavaScript export');
    } finally {
      await discard(editor);
    }

    // The token in clear only by the user's explicit choice: "cURL with Token", its copy button.
    await vscode.env.clipboard.writeText('unchanged');
    await menu();
    await driver.waitFor('.quick-input-widget input', { state: 'visible' });
    await driver.type('cURL with Token');
    await eventually(
      async () => (await driver.texts('.quick-input-widget .monaco-list-row')).map((t) => t.split('\n')[0].trim()),
      (rows) => rows[0]?.startsWith('cURL with Token') === true,
      'the entry "cURL with Token" first',
    );
    await driver.click('.quick-input-widget .monaco-list-row[data-index="0"] .action-label.codicon-copy');
    const line = await eventually(() => Promise.resolve(vscode.env.clipboard.readText()), (t) => t !== 'unchanged', 'the cURL line on the clipboard');
    try {
      assert.match(line, /^curl -sS /);
      assert.ok(line.includes(`'${s.url}/rest/${API}/Accounts?max_num=3&fields=name'`), line);
      const current = await copied('sugar.copyAccessToken', id);
      rememberSecret(current);
      assert.ok(line.includes(`'OAuth-Token: ${current}'`), 'the line "with Token" lacks the session\'s token');
    } finally {
      await vscode.env.clipboard.writeText('cleared');
    }
  });

  it('sugar.exportRequest with arguments answers the text, token masked; sugar.exportFileToPostman writes a v2.1 collection', async () => {
    const request = { connection: id, method: 'POST', path: '/Accounts', query: { erased_fields: true }, body: { name: 'Contract Co' } };
    const csharp = await run<string>('sugar.exportRequest', request, 'csharp');
    assert.ok(csharp.includes('HttpMethod.Post') && csharp.includes(`${s.url}/rest/${API}/Accounts?erased_fields=true`) && csharp.includes(MASKED), csharp);
    noSecret(csharp, 'the C# export');
    const collection = JSON.parse(await run<string>('sugar.exportRequest', request, 'postman'));
    assert.strictEqual(collection.info.schema, 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    assert.deepStrictEqual(collection.variable.map((v: { key: string; value: string }) => [v.key, v.value]), [['base_url', `${s.url}/rest/${API}`], ['token', '']]);
    assert.strictEqual(collection.item[0].request.url.raw, '{{base_url}}/Accounts?erased_fields=true');
    noSecret(JSON.stringify(collection), 'the Postman export');

    const file = path.join(artifactsDir, 'export-file.sugar');
    fs.writeFileSync(file, [`# @connection ${NAME}`, '### List', 'GET /Accounts?max_num=2', '', '### Me', 'GET /me', ''].join('\n'));
    const target = vscode.Uri.file(path.join(artifactsDir, 'export-file.postman_collection.json'));
    const written = await run<string>('sugar.exportFileToPostman', vscode.Uri.file(file), target);
    assert.strictEqual(written, target.toString());
    const saved = fs.readFileSync(target.fsPath, 'utf8');
    noSecret(saved, 'the saved collection');
    assert.deepStrictEqual(JSON.parse(saved).item.map((i: { name: string }) => i.name), ['List', 'Me']);
  });
});
