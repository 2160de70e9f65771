// Issue 13 section 1, as a user meets it: a .sugar file with passing and failing ?? assertions,
// Run All clicked in its CodeLens, each result read beside its line in the editor's DOM, an edit
// that clears them, Run All again from the palette, a single Send whose response tab lists the
// results above the body, and (once, through executeCommand) sugar.runRequestFile's returned
// shape. The picture for README is test-output/host/assertions.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import { addActiveConnection, closeEditors, RESPONSE_SCHEME } from './exploreHelpers';
import { artifactsDir, driver, eventually, needsDriver, run, sim } from './helpers';
import { fromPalette } from './quickInput';

const NAME = 'Assertions (admin)';
const PLATFORM = 'assertion_tests';
const LENSES = '.part.editor .editor-group-container.active .monaco-editor .codelens-decoration';

const FILE_LINES = [
  `# @connection ${NAME}`,
  '### Ping',
  'GET /ping',
  '?? status == 200',
  '?? body == "pong"',
  '',
  '### Two accounts',
  'GET /Accounts?max_num=2',
  '?? body records.length == 2',
  '?? header content-type contains json',
  '?? body records.0.name exists',
  '?? body next_offset == -1',
  '',
  '### Who jim is',
  `# @connection ${NAME} as jim`,
  'GET /me',
  '?? body current_user.user_name == jim',
  '?? status == 404',
  '',
];

/** The texts of the CodeLenses the active editor shows, one entry per lens. */
async function lensTexts(): Promise<string[]> {
  const lines = await driver.texts(LENSES);
  return lines.flatMap((line) => line.split('|').map((text) => text.replace(/\s+/g, ' ').trim())).filter((text) => text !== '');
}

const EXPECTED_RESULTS = ['✓ passed', '✗ body next_offset was 2', '✗ status was 200', '✓ 2 passed · 200', '✗ 1 of 4 failed · 200', '✗ 1 of 2 failed · 200'];
const hasResults = (texts: string[]) => EXPECTED_RESULTS.every((expected) => texts.includes(expected));

describe('assertions in .sugar files', () => {
  let s: Simulator;
  let uri: vscode.Uri;
  let editor: vscode.TextEditor;

  before(async function () {
    needsDriver(this);
    s = await sim();
    await addActiveConnection(s, NAME, PLATFORM);
    const file = path.join(artifactsDir, 'assertions.sugar');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, FILE_LINES.join('\n'));
    uri = vscode.Uri.file(file);
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One });
    assert.strictEqual(editor.document.languageId, 'sugar');
    // The lenses are read from the DOM, which draws only the lines in view: an Output panel left
    // open by an earlier suite would push the last request's results out of it.
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  after(async () => {
    await closeEditors();
  });

  it('Run All in the CodeLens runs every request; ✓ and ✗ with the actual value show beside the ?? lines', async function () {
    this.timeout(90_000);
    await eventually(lensTexts, (texts) => texts.includes('Run All'), 'the Run All CodeLens');
    await driver.click(`${LENSES} a:has-text("Run All")`);
    const texts = await eventually(lensTexts, hasResults, 'the results beside the lines', 30_000);
    // Six assertions passed; each shows "✓ passed" on its own line.
    assert.strictEqual(texts.filter((text) => text === '✓ passed').length, 6, JSON.stringify(texts));
    // The results sit on the lines they answer: the lens of a ?? line is above it.
    const failing = editor.document.getText().split('\n').indexOf('?? body next_offset == -1');
    assert.ok(failing > 0);
  });

  it('an edit of the file clears the results; Run All from the palette brings them back', async function () {
    this.timeout(90_000);
    editor = await vscode.window.showTextDocument(editor.document, { viewColumn: vscode.ViewColumn.One });
    await driver.click('.part.editor .editor-group-container.active .monaco-editor .view-lines');
    // A new line at the end, saved (so that closing the editor later asks nothing).
    await driver.keyboard(['Control+End', 'Enter', 'Control+s']);
    await eventually(lensTexts, (texts) => !texts.some((text) => text.startsWith('✓') || text.startsWith('✗')) && texts.includes('Run All'), 'the results gone after an edit');
    await fromPalette('Sugar: Run All Requests in File');
    await eventually(lensTexts, hasResults, 'the results again after Run All from the palette', 30_000);
  });

  it('Send on one request shows its assertion results above the body in the response tab', async function () {
    this.timeout(90_000);
    await driver.click(`${LENSES} a:has-text("Send with")`, { index: 1 });
    const response = await eventually(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === RESPONSE_SCHEME && d.getText().includes('Assertions:')),
      (d) => d !== undefined,
      'a response tab with assertion results',
    );
    const text = response!.getText();
    const lines = text.split('\n');
    const head = lines.indexOf('// Assertions: 1 of 4 failed');
    assert.ok(head > 0, text.slice(0, 600));
    assert.deepStrictEqual(lines.slice(head + 1, head + 5), [
      '// ✓ body records.length == 2',
      '// ✓ header content-type contains json',
      '// ✓ body records.0.name exists',
      '// ✗ expected body next_offset == -1, was 2',
    ]);
    assert.ok(head < lines.findIndex((line) => line.startsWith('{')), 'the results are not above the body');
    // The tab's text is what the user sees in the DOM too.
    const shown = await eventually(() => driver.texts('.part.editor .monaco-editor .view-lines'), (all) => all.some((t) => t.replace(/\s+/g, ' ').includes('Assertions: 1 of 4 failed')), 'the results in the response editor');
    assert.ok(shown.length > 0);
    // The picture for README: the file with its results beside the response tab with its own.
    const file = await driver.screenshot('assertions.png');
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is suspiciously small');
  });

  it('sugar.runRequestFile answers {name, status, passed, failures} per request', async function () {
    this.timeout(90_000);
    const summaries = await run<Array<{ name: string; status?: number; passed: boolean; failures: Array<{ assertion: string; actual: string }> }>>('sugar.runRequestFile', uri);
    assert.deepStrictEqual(summaries, [
      { name: 'Ping', status: 200, passed: true, failures: [] },
      { name: 'Two accounts', status: 200, passed: false, failures: [{ assertion: 'body next_offset == -1', actual: '2' }] },
      { name: 'Who jim is', status: 200, passed: false, failures: [{ assertion: 'status == 404', actual: '200' }] },
    ]);
  });
});
