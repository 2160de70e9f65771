// Issue 13, section 4 (import): a Postman collection in the style of Sugar's "Sugar RESTful API
// Collection" imported through the palette (the file and folder dialogs answered as a user does),
// one imported request sent from its CodeLens with its @variables filled in, and a curl command
// pasted into a .sugar editor becoming a request without its token. Only the set-up uses
// commands with arguments (adding and logging in the connection).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import { addActiveConnection, closeEditors } from './exploreHelpers';
import { driver, eventually, needsDriver, projectRoot, run, sim } from './helpers';
import { answer, fromPalette, readQuickInput, screenTitled } from './quickInput';

const NAME = 'Import (admin)';
const PLATFORM = 'import_tests';
const ACTIVE_GROUP = '.part.editor .editor-group-container.active';
const FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'postman', 'sugar-rest-api.postman_collection.json');

/** The simple file dialog (a quick input whose box holds a path) with this title. */
async function dialogTitled(title: string): Promise<void> {
  await screenTitled(title);
  // The dialog fills its box after it shows (a pause before acting, not an assertion).
  await driver.wait(500);
}

describe('import: a Postman collection and pasted curl commands become .sugar requests', () => {
  let s: Simulator;
  let workspace: string;
  let target: string;

  before(async function () {
    needsDriver(this);
    s = await sim();
    await addActiveConnection(s, NAME, PLATFORM);
    workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(workspace, 'the host opened no workspace folder');
    fs.mkdirSync(path.join(workspace, 'postman'), { recursive: true });
    fs.copyFileSync(FIXTURE, path.join(workspace, 'postman', 'sugar-rest-api.postman_collection.json'));
    target = path.join(workspace, 'imported');
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target);
  });

  after(async () => {
    await closeEditors();
  });

  it('imports the collection from the palette: one file per folder, the login left out, a request sent from its CodeLens', async function () {
    this.timeout(120_000);
    await fromPalette('Sugar: Import Postman Collection');
    await dialogTitled('Import Postman Collection');
    await answer(path.join(workspace, 'postman', 'sugar-rest-api.postman_collection.json'));
    await dialogTitled('Write the .sugar files into which folder?');
    await answer(`${target}/`);
    // Enter on a folder's path opens it in the dialog; Enter again (OK) picks it.
    const accounts = path.join(target, 'Accounts.sugar');
    for (let attempt = 0; attempt < 3 && !fs.existsSync(accounts); attempt++) {
      await driver.wait(500);
      if (!fs.existsSync(accounts) && (await readQuickInput())) await driver.keyboard('Enter');
    }
    await eventually(() => fs.readdirSync(target).sort(), (files) => files.length === 4, 'the imported files');
    assert.deepStrictEqual(fs.readdirSync(target).sort(), ['Accounts.sugar', 'Contacts.sugar', 'Sugar RESTful API Collection.sugar', 'System.sugar']);
    const text = fs.readFileSync(accounts, 'utf8');
    assert.match(text, /"Login" \(POST \/oauth2\/token\)/, 'the top of the file names the login it left out');
    assert.ok(!/OAuth-Token:/.test(text), 'a token header in the imported file');
    assert.match(text, /^@max_num = 5$/m);

    const uri = vscode.Uri.file(accounts);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'sugar');
    const lenses = await eventually(
      () => Promise.resolve(vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)),
      (l) => Array.isArray(l) && l.filter((x) => x.command?.command === 'sugar.sendFileRequest').length === 6,
      'six "Send with" CodeLenses',
    );
    const listLine = doc.getText().split('\n').findIndex((line) => line.startsWith('GET /Accounts?max_num='));
    const lens = lenses.find((x) => x.command?.command === 'sugar.sendFileRequest' && x.range.start.line === listLine);
    assert.ok(lens, `no CodeLens on line ${listLine}`);
    assert.strictEqual(lens.command!.title, `$(play) Send with ${NAME}`);
    const sent = await run<{ status: number; body: { records: unknown[] } }>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.strictEqual(sent.status, 200);
    assert.ok(sent.body.records.length > 0 && sent.body.records.length <= 5, `{{max_num}} = 5: ${sent.body.records.length} records`);
  });

  it('turns a curl command pasted into a .sugar editor into a request, its token left out', async function () {
    this.timeout(90_000);
    await closeEditors();
    const file = path.join(workspace, 'pasted.sugar');
    fs.writeFileSync(file, '# pasted requests\n\n');
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const curl = `curl 'https://acme.sugarondemand.com/rest/v11_1/Accounts?max_num=2' \\\n  -H 'OAuth-Token: pasted-token-canary' \\\n  -H 'Accept: application/json'`;
    await driver.setClipboard(curl);
    await driver.click(`${ACTIVE_GROUP} .monaco-editor .view-lines`);
    await driver.waitFor('.part.editor .monaco-editor.focused', { timeoutMs: 10_000 });
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await driver.keyboard('Control+v');
    const converted = await eventually(() => doc.getText(), (t) => t.includes('GET /Accounts?max_num=2'), 'the pasted command converted to a request');
    assert.ok(!converted.includes('pasted-token-canary'), 'the token of the pasted command is in the file');
    assert.ok(!/^curl/m.test(converted), 'the curl command is still in the file');
    assert.match(converted, /^# The token header of the command is left out/m);
    const [request] = (await run<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).filter((x) => x.command?.command === 'sugar.sendFileRequest');
    const sent = await run<{ status: number; body: { records: unknown[] } }>(request.command!.command, ...(request.command!.arguments ?? []));
    assert.strictEqual(sent.status, 200);
    assert.strictEqual(sent.body.records.length, 2);
    await run('workbench.action.files.revert');
  });

  it('Paste cURL as Request (palette) opens a new .sugar editor when none is active', async function () {
    this.timeout(60_000);
    await closeEditors();
    await vscode.env.clipboard.writeText(`curl -X POST https://h.example/rest/v11_1/Accounts --json '{"name":"From curl"}' -u admin:pw-canary`);
    await fromPalette('Sugar: Paste cURL as Request');
    const editor = await eventually(() => vscode.window.activeTextEditor, (e) => e?.document.languageId === 'sugar' && e.document.isUntitled, 'an untitled .sugar editor');
    const text = editor!.document.getText();
    assert.match(text, /^POST \/Accounts$/m);
    assert.match(text, /"name": "From curl"/);
    assert.ok(!text.includes('pw-canary'));
    await run('workbench.action.revertAndCloseActiveEditor');
  });
});
