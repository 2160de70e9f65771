// Records as documents in the real workbench against the in-host simulator: a record opened
// from the palette (connection, module, record picks), edited with keystrokes and saved with
// Ctrl+S (the server changes only that field), an edit conflict made on the server in between
// (the diff opens; the save after it keeps the other change), Sugar's 422 as a diagnostic on the
// field's line, a new record from its template, Related Records, and Delete after its question.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import { addLoggedInAdmin, closeEditors } from './exploreHelpers';
import { API, copied, driver, eventually, explorer, needsDriver, run, sim } from './helpers';
import { fromPalette, pick } from './quickInput';

const NAME = 'Records (admin)';
const PLATFORM = 'records_tests';
const SCHEME = 'sugar-record';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('records: open, edit, save, conflict, new, related, delete', function () {
  this.timeout(90_000);
  let s: Simulator;
  let id: string;
  let token: string;
  let accountId: string;

  /** The simulator's REST API as another client would use it. */
  async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${s.url}/rest/${API}${path}`, {
      method,
      headers: { 'OAuth-Token': token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Json };
  }

  const activeRecord = (): vscode.TextEditor => {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.scheme === SCHEME, `the active editor is ${editor?.document.uri.toString()}, not a record`);
    return editor;
  };

  /** Selects the value of a top-level string field (inside its quotes) in the editor, then focuses it. */
  async function selectValue(editor: vscode.TextEditor, field: string): Promise<number> {
    const lines = editor.document.getText().split('\n');
    const line = lines.findIndex((l) => l.startsWith(`  "${field}": "`));
    assert.ok(line >= 0, `no line for "${field}"`);
    const start = lines[line].indexOf(': "') + 3;
    const end = lines[line].lastIndexOf('"');
    const shown = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    // The selection reaches the workbench after a round trip: keys typed before it would land at the old cursor.
    const selected = new Promise<void>((resolve) => {
      const listener = vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document === shown.document && e.selections[0]?.isEqual(wanted)) {
          listener.dispose();
          resolve();
        }
      });
      setTimeout(() => {
        listener.dispose();
        resolve();
      }, 3000);
    });
    const wanted = new vscode.Selection(line, start, line, end);
    shown.selection = wanted;
    await selected;
    await driver.wait(300);
    return line;
  }

  async function save(document: vscode.TextDocument): Promise<void> {
    await eventually(() => document.isDirty, (dirty) => dirty, 'the typing in the record');
    try {
      JSON.parse(document.getText());
    } catch {
      assert.fail(`the typing left text that is not JSON: ${document.getText().slice(0, 400)}`);
    }
    await driver.keyboard('Control+s');
  }

  before(async () => {
    s = await sim();
    await explorer();
    id = await addLoggedInAdmin(s, NAME, PLATFORM);
    token = await copied('sugar.copyAccessToken', id);
    const created = await rest('POST', '/Accounts', { name: 'Records Host Co', industry: 'Energy', description: 'first' });
    accountId = created.json.id;
    await closeEditors();
  });

  after(async () => {
    await closeEditors();
    if (id) await run('sugar.deleteConnection', id);
  });

  it('opens a record from the palette: connection, module and record picks; the tab names all three', async function () {
    needsDriver(this);
    await fromPalette('Sugar: Open Record…');
    await pick(NAME);
    await pick('Accounts');
    await pick('Records Host Co');
    await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme, (scheme) => scheme === SCHEME, 'a record editor');
    const editor = activeRecord();
    assert.strictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.label, `Accounts · Records Host Co · ${NAME}.json`);
    const shown = JSON.parse(editor.document.getText()) as Json;
    assert.strictEqual(shown.id, accountId);
    assert.strictEqual(shown.industry, 'Energy');
    const again = await run<vscode.Uri>('sugar.openRecord', id, 'Accounts', accountId);
    assert.strictEqual(again.toString(), editor.document.uri.toString(), 'a second open shows the same editor');
  });

  it('an edit typed into the editor and saved with Ctrl+S changes that field alone on the server', async function () {
    needsDriver(this);
    const before = (await rest('GET', `/Accounts/${accountId}`)).json;
    const editor = activeRecord();
    await selectValue(editor, 'industry');
    await driver.type('Banking');
    await save(editor.document);
    const after = await eventually(async () => (await rest('GET', `/Accounts/${accountId}`)).json, (r) => r.industry === 'Banking', 'the server has the new industry');
    const rest_ = (r: Json) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'industry' && k !== 'date_modified'));
    assert.deepStrictEqual(rest_(after), rest_(before), 'the save changed other fields');
    // The editor then shows the server's answer, saved.
    await eventually(() => editor.document.getText(), (text) => (JSON.parse(text) as Json).date_modified === after.date_modified && !editor.document.isDirty, "the editor showing the server's answer");
  });

  it('a record changed on the server before the save: the diff opens, and the save after it keeps both changes', async function () {
    needsDriver(this);
    const editor = activeRecord();
    const document = editor.document;
    await rest('PUT', `/Accounts/${accountId}`, { description: 'changed elsewhere' });
    await selectValue(editor, 'name');
    await driver.type('Records Host Renamed');
    await save(document);
    const diff = await eventually(
      () => vscode.window.tabGroups.activeTabGroup.activeTab?.input,
      (input) => input instanceof vscode.TabInputTextDiff && input.modified.toString() === document.uri.toString(),
      'a diff of the server version and the editor',
    ) as vscode.TabInputTextDiff;
    assert.strictEqual(diff.original.scheme, SCHEME);
    assert.match(diff.original.path, /^\/server\//);
    assert.strictEqual((await rest('GET', `/Accounts/${accountId}`)).json.name, 'Records Host Co', 'the conflicting save changed the server');
    const server = JSON.parse((await vscode.workspace.openTextDocument(diff.original)).getText()) as Json;
    assert.strictEqual(server.description, 'changed elsewhere');
    // The editor now holds the server's version with the user's name on top.
    await eventually(() => JSON.parse(document.getText()) as Json, (r) => r.description === 'changed elsewhere' && r.name === 'Records Host Renamed', 'the merged version in the editor');
    await driver.screenshot('records/conflict-diff.png');
    await driver.keyboard('Control+s');
    const after = await eventually(async () => (await rest('GET', `/Accounts/${accountId}`)).json, (r) => r.name === 'Records Host Renamed', 'the renamed record on the server');
    assert.strictEqual(after.description, 'changed elsewhere', "the save after the conflict undid the other client's change");
  });

  it("Sugar's 422 for an emptied required field: a diagnostic on that field's line", async function () {
    needsDriver(this);
    await closeEditors();
    const uri = await run<vscode.Uri>('sugar.openRecord', id, 'Accounts', accountId);
    const editor = await eventually(() => vscode.window.activeTextEditor, (e) => e?.document.uri.toString() === uri.toString(), 'the record editor');
    const line = await selectValue(editor!, 'name');
    await driver.keyboard('Delete');
    await save(editor!.document);
    const diagnostics = await eventually(() => vscode.languages.getDiagnostics(uri), (d) => d.some((x) => x.source === 'Sugar'), 'a Sugar diagnostic');
    const found = diagnostics.find((x) => x.source === 'Sugar')!;
    assert.strictEqual(found.range.start.line, line);
    assert.match(found.message, /^name: .*validation errors/i);
    assert.strictEqual((await rest('GET', `/Accounts/${accountId}`)).json.name, 'Records Host Renamed');
    await run('workbench.action.files.revert');
  });

  it('New Record opens the required fields; saving creates the record', async function () {
    needsDriver(this);
    await fromPalette('Sugar: New Record…');
    await pick(NAME);
    await pick('Accounts');
    const editor = await eventually(() => vscode.window.activeTextEditor, (e) => !!e && e.document.uri.path.startsWith('/new/'), 'a new record editor');
    assert.deepStrictEqual(JSON.parse(editor!.document.getText()), { name: '' });
    await selectValue(editor!, 'name');
    await driver.type('Records New Co');
    await save(editor!.document);
    const found = await eventually(async () => (await rest('GET', '/Accounts?filter[0][name]=Records New Co')).json.records as Json[], (r) => r.length === 1, 'the created record');
    await eventually(() => JSON.parse(editor!.document.getText()) as Json, (r) => r.id === found[0].id, 'the editor showing the created record');
  });

  it('Related Records: a link, then a related record, opened as a record editor', async function () {
    needsDriver(this);
    const contact = ((await rest('GET', '/Contacts?max_num=20&fields=account_id,name')).json.records as Json[]).find((c) => c.account_id);
    assert.ok(contact, 'no seeded contact with an account');
    await run('sugar.openRecord', id, 'Accounts', contact.account_id);
    await fromPalette('Sugar: Related Records…');
    await pick('contacts');
    await pick(contact.name);
    const editor = await eventually(() => vscode.window.activeTextEditor, (e) => !!e && e.document.uri.path.includes('/Contacts/'), 'a Contacts record editor');
    assert.strictEqual((JSON.parse(editor!.document.getText()) as Json).id, contact.id);
  });

  it('a Notes record shows Download and Upload in its title bar; a file uploaded and downloaded comes back byte for byte', async function () {
    needsDriver(this);
    await closeEditors();
    const accounts = await run<vscode.Uri>('sugar.openRecord', id, 'Accounts', accountId);
    await eventually(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === accounts.toString(), 'the Accounts editor');
    await driver.waitFor('.part.editor .editor-group-container.active .editor-actions .codicon-references', { state: 'visible' });
    assert.strictEqual(await driver.count('.part.editor .editor-group-container.active .editor-actions .codicon-cloud-download'), 0, 'Download File on a module without file fields');
    const note = (await rest('POST', '/Notes', { name: 'Records file note' })).json;
    const uri = await run<vscode.Uri>('sugar.openRecord', id, 'Notes', note.id);
    await eventually(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === uri.toString(), 'the Notes editor');
    await driver.waitFor('.part.editor .editor-group-container.active .editor-actions .codicon-cloud-download', { state: 'visible' });
    assert.strictEqual(await driver.count('.part.editor .editor-group-container.active .editor-actions .codicon-cloud-upload'), 1);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-records-'));
    try {
      const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
      fs.writeFileSync(path.join(folder, 'upload.bin'), bytes);
      await run('sugar.uploadRecordFile', id, 'Notes', note.id, 'filename', path.join(folder, 'upload.bin'));
      await eventually(() => JSON.parse(vscode.window.activeTextEditor!.document.getText()) as Json, (r) => r.filename === 'upload.bin', 'the editor showing the uploaded file name');
      const byToken = s.counters.requests.byDownloadToken ?? 0;
      const saved = await run<{ file: string; sizeBytes: number }>('sugar.downloadRecordFile', id, 'Notes', note.id, 'filename', path.join(folder, 'download.bin'));
      assert.strictEqual(saved.sizeBytes, bytes.length);
      assert.strictEqual(s.counters.requests.byDownloadToken ?? 0, byToken + 1, 'the download went by the session\'s download_token');
      assert.ok(fs.readFileSync(path.join(folder, 'download.bin')).equals(bytes), 'the downloaded file differs from the uploaded one');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('Delete Record from the palette asks first (the test workbench refuses the modal: that is Cancel, nothing is deleted)', async function () {
    needsDriver(this);
    await closeEditors();
    const uri = await run<vscode.Uri>('sugar.openRecord', id, 'Accounts', accountId);
    await eventually(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === uri.toString(), 'the record editor');
    await fromPalette('Sugar: Delete Record');
    await driver.wait(1000);
    assert.strictEqual((await rest('GET', `/Accounts/${accountId}`)).status, 200, 'deleted without an answer to the question');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the editor closed without an answer');
  });

  it('Delete Record called with the record deletes it without asking and closes its editor', async () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    assert.deepStrictEqual(await run('sugar.deleteRecord', id, 'Accounts', accountId), { id: accountId });
    assert.strictEqual((await rest('GET', `/Accounts/${accountId}`)).status, 404);
    await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri?.toString()), (open) => !open, 'the editor closed');
  });
});
