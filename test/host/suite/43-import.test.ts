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
import { credentials, driver, eventually, explorer, needsDriver, projectRoot, rememberSecret, run, sim } from './helpers';
import { answerEachScreen, enter, fromPalette, readQuickInput, screenTitled } from './quickInput';

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

/**
 * Types a path into the dialog titled `title` and presses Enter. The dialog lists each folder as
 * the path is typed; an Enter that lands while it is still doing so is taken for the folder
 * ("Please select a file."): then the path is typed again, up to three times.
 */
async function choosePath(title: string, file: string): Promise<void> {
  await dialogTitled(title);
  for (let attempt = 1; ; attempt++) {
    await driver.keyboard('Control+a');
    await driver.type(file);
    await driver.wait(500);
    await driver.keyboard('Enter');
    const gone = await eventually(readQuickInput, (q) => q?.title !== title, `the dialog "${title}" closed`, 3_000).then(() => true, () => false);
    if (gone || attempt === 3) return;
  }
}

describe('import: a Postman collection and pasted curl commands become .sugar requests', () => {
  let s: Simulator;
  let workspace: string;

  before(async function () {
    needsDriver(this);
    s = await sim();
    await addActiveConnection(s, NAME, PLATFORM);
    workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(workspace, 'the host opened no workspace folder');
    fs.mkdirSync(path.join(workspace, 'postman'), { recursive: true });
    fs.copyFileSync(FIXTURE, path.join(workspace, 'postman', 'sugar-rest-api.postman_collection.json'));
    for (const name of fs.readdirSync(workspace)) if (name.endsWith('.sugar')) fs.rmSync(path.join(workspace, name));
  });

  after(async () => {
    await closeEditors();
  });

  it('imports the collection from the palette: one file per folder, the login left out, a request sent from its CodeLens', async function () {
    this.timeout(120_000);
    await fromPalette('Sugar: Import Postman Collection');
    await choosePath('Import Postman Collection', path.join(workspace, 'postman', 'sugar-rest-api.postman_collection.json'));
    // The folder dialog opens on the workspace folder: Enter picks it.
    await dialogTitled('Write the .sugar files into which folder?');
    await enter();
    const accounts = path.join(workspace, 'Accounts.sugar');
    const written = await eventually(() => fs.readdirSync(workspace).filter((name) => name.endsWith('.sugar')).sort(), (files) => files.length === 4, 'the imported files');
    assert.deepStrictEqual(written, ['Accounts.sugar', 'Contacts.sugar', 'Sugar RESTful API Collection.sugar', 'System.sugar']);
    await eventually(() => vscode.window.activeTextEditor?.document.uri.fsPath, (shown) => shown === path.join(workspace, 'Sugar RESTful API Collection.sugar'), 'the first file written shown');
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
    const file = path.join(workspace, 'postman', 'pasted.sugar');
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

  it('imports a Postman environment as a connection: the wizard prefilled, the password typed, and it logs in', async function () {
    this.timeout(120_000);
    await closeEditors();
    s.registerPlatform('import_env');
    const environment = JSON.parse(fs.readFileSync(path.join(path.dirname(FIXTURE), 'sugar-dev.postman_environment.json'), 'utf8')) as { name: string; values: Array<{ key: string; value: string }> };
    const envPassword = 'env-file-password-canary';
    // The leak searches after the run look for it everywhere (settings, logs, storage, the browser profile).
    rememberSecret(envPassword);
    const values: Record<string, string> = { url: s.url, username: 'admin', platform: 'import_env', password: envPassword, rest_endpoint: '' };
    environment.name = 'Sugar Dev (imported)';
    for (const entry of environment.values) entry.value = values[entry.key] ?? entry.value;
    const file = path.join(workspace, 'postman', 'sugar-dev.postman_environment.json');
    fs.writeFileSync(file, JSON.stringify(environment, null, 2));
    await fromPalette('Sugar: Import Postman Environment as Connection');
    await choosePath('Import Postman Environment', file);
    // Enter on every prefilled answer; only the password is typed.
    await answerEachScreen([[/password of admin/, credentials.adminPassword]]);
    await enter();
    const api = await explorer();
    const added = await eventually(async () => (await api.connections()).find((c) => c.name === 'Sugar Dev (imported)'), (c) => !!c, 'the connection from the environment');
    const state = await run<{ status: string; platform?: string }>('sugar.login', added!.id);
    assert.strictEqual(state.status, 'active');
    assert.strictEqual(state.platform, 'import_env', 'the platform of the environment');
    await run('sugar.deleteConnection', added!.id);
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
