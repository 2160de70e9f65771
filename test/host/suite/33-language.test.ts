// IntelliSense that speaks Sugar, in the real workbench: a .sugar file against the simulator's
// schema. Completion through Ctrl+Space read off the suggest widget's rows, a hover through the
// keyboard read off the hover widget, schema warnings in the file's diagnostics, and a quick fix
// through Ctrl+. that rewrites a misspelt field. The completion list is also the README picture
// (test-output/host/completion.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import { addActiveConnection, closeEditors } from './exploreHelpers';
import { artifactsDir, driver, eventually, needsDriver, run, sim } from './helpers';

const NAME = 'Language (admin)';
const PLATFORM = 'language_tests';
const SUGGEST_ROWS = '.editor-widget.suggest-widget .monaco-list-row';
const HOVER = '.monaco-hover .hover-contents';
const ACTION_ROWS = '.action-widget .monaco-list-row';

const FILE_LINES = [
  'GET /Accounts?fields=ind',
  '',
  '### a filter',
  'POST /Accounts/filter',
  'Content-Type: application/json',
  '',
  '{"filter": [{"nope": "x"}, {"industry": {"$in": ["Banking"]}}, {"billing_adress_city": "Paris"}]}',
];

describe('language: completion, hover and quick fixes in .sugar files', () => {
  let s: Simulator;
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;

  const schemaWarnings = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Sugar schema');

  before(async () => {
    s = await sim();
    await addActiveConnection(s, NAME, PLATFORM);
    const file = path.join(artifactsDir, 'intellisense.sugar');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, FILE_LINES.join('\n') + '\n');
    uri = vscode.Uri.file(file);
    doc = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'sugar');
  });

  after(async () => {
    await closeEditors();
  });

  it('warns of an unknown field in a filter body in Sugar\'s words, once the schema has loaded in the background', async () => {
    const warnings = await eventually(schemaWarnings, (d) => d.length >= 2, 'the schema warnings of the filter body', 20_000);
    const nope = warnings.find((d) => d.message === 'Unknown field nope');
    assert.ok(nope, `no "Unknown field nope" in ${JSON.stringify(warnings.map((d) => d.message))}`);
    assert.strictEqual(nope.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(nope.range), '"nope"');
    assert.ok(warnings.some((d) => d.message === 'Unknown field billing_adress_city'));
    assert.ok(!warnings.some((d) => /industry/.test(d.message)), 'a known field was flagged');
  });

  it('offers industry after fields=ind when Ctrl+Space is pressed (the suggest widget\'s rows)', async function () {
    needsDriver(this);
    editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, FILE_LINES[0].length, 0, FILE_LINES[0].length);
    const viaApi = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, FILE_LINES[0].length));
    assert.ok(viaApi.items.some((i) => i.label === 'industry'), 'the provider offers industry');
    await driver.waitFor('.part.editor .monaco-editor.focused', { timeoutMs: 10_000 });
    // A key pressed while the workbench moves focus can be lost: press again until the widget shows.
    let rows: string[] = [];
    for (let attempt = 0; attempt < 3 && !rows.some((row) => /\bindustry\b/.test(row)); attempt++) {
      await driver.keyboard('Control+Space');
      rows = await driver.until(() => driver.send<string[]>({ op: 'texts', selector: SUGGEST_ROWS }), (t) => t.some((row) => /\bindustry\b/.test(row)), 5_000).catch(() => rows);
    }
    assert.ok(rows.some((row) => /\bindustry\b/.test(row)), `suggest rows: ${JSON.stringify(rows)}`);
    assert.ok(!rows.some((row) => /^\s*name\b/.test(row)), 'rows not matching "ind" are filtered out');
    // The details of the focused row (Ctrl+Space again) for the picture.
    await driver.keyboard('Control+Space');
    await driver.wait(400);
    const file = await driver.screenshot('completion.png');
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is suspiciously small');
    await driver.keyboard('Escape');
    await driver.keyboard('Escape');
  });

  it('shows a field\'s label, type and options on hover (keyboard: Ctrl+K Ctrl+I)', async function () {
    const character = FILE_LINES[6].indexOf('industry') + 3;
    const viaApi = await eventually(
      () => Promise.resolve(vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(6, character))),
      (h) => Array.isArray(h) && h.some((x) => x.contents.some((c) => /industry_dom/.test(typeof c === 'string' ? c : c.value))),
      'a hover naming the dropdown',
    );
    assert.ok(viaApi.length > 0);
    needsDriver(this);
    editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(6, character, 6, character);
    editor.revealRange(new vscode.Range(6, character, 6, character));
    await driver.waitFor('.part.editor .monaco-editor.focused', { timeoutMs: 10_000 });
    await driver.wait(300);
    assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, 6, 'the cursor is on the body line');
    await driver.keyboard(['Control+K', 'Control+I']);
    const texts = await driver.until(() => driver.send<string[]>({ op: 'texts', selector: HOVER }), (t) => t.some((x) => /Industry/.test(x) && /enum/.test(x)), 10_000);
    assert.ok(texts.some((x) => /industry_dom/.test(x) && /length 50/.test(x)), `hover: ${JSON.stringify(texts)}`);
    await driver.keyboard('Escape');
  });

  it('offers the closest field as a quick fix (Ctrl+.) and applies it', async function () {
    const misspelt = schemaWarnings().find((d) => d.message === 'Unknown field billing_adress_city')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, misspelt.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => a.title === 'Change to "billing_address_city"'), `actions: ${JSON.stringify(actions.map((a) => a.title))}`);
    needsDriver(this);
    editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(misspelt.range.start.translate(0, 2), misspelt.range.start.translate(0, 2));
    await driver.keyboard('Control+.');
    const rows = await driver.until(() => driver.send<string[]>({ op: 'texts', selector: ACTION_ROWS }), (t) => t.some((x) => x.includes('billing_address_city')), 10_000);
    const index = rows.findIndex((x) => x.includes('Change to "billing_address_city"'));
    assert.ok(index >= 0, `quick fixes: ${JSON.stringify(rows)}`);
    await driver.click(ACTION_ROWS, { index });
    await eventually(() => doc.lineAt(6).text, (t) => t.includes('{"billing_address_city": "Paris"}'), 'the fix applied');
    await eventually(schemaWarnings, (d) => !d.some((x) => /billing/.test(x.message)), 'the warning gone after the fix');
    await run('workbench.action.files.revert');
  });
});
