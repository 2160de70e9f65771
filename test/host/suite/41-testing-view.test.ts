// Issue 13, section 2, as a user meets it: a .sugar file with assertions in VS Code's Testing view,
// one test per request; Run Tests from the view's title bar; a passed and a failed icon, the
// failure's message with the actual value in Test Results and in the peek on its line; Debug,
// which opens each answer in its response tab and logs each request; and cancelling a run whose
// request hangs on the server, which ends the run at once. Only the set-up uses commands with
// arguments (the connection). The Testing view is also the README picture (testing.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import { addLoggedInAdmin, closeEditors, RESPONSE_SCHEME } from './exploreHelpers';
import { driver, eventually, needsDriver, sim } from './helpers';
import { filesUnder } from './logFiles';

const NAME = 'Testing (admin)';
const PLATFORM = 'testing_view_tests';
const TITLE_ACTION = (label: string) => `.part.sidebar .title-actions .action-label[aria-label^="${label}"]`;
const EXPLORER_ROWS = '.part.sidebar .test-explorer .monaco-list-row';
const RESULT_ROWS = '.part.panel .test-output-peek-tree .monaco-list-row';

const CHECKS = [
  `# @connection ${NAME}`,
  '### Who am I',
  'GET /me',
  '?? status == 200',
  '?? body current_user.user_name == admin',
  '',
  '### Expects sally',
  'GET /me',
  '?? body current_user.user_name == "sally"',
  '',
];

const FAILING_LINE = CHECKS.indexOf('?? body current_user.user_name == "sally"');

const SLOW = [`# @connection ${NAME}`, '### Slow', 'GET /ping?testing-view=hang', '?? status == 200', '', '### After', 'GET /ping/whattimeisit', '?? status == 200', ''];

/** The explorer's rows (aria-label "<label> (<state>)…"), in no particular order. */
const explorerLabels = () => driver.attributes(EXPLORER_ROWS, 'aria-label').then((labels) => labels.filter((l): l is string => l !== null));
const row = (labels: string[], label: string) => labels.find((l) => l === label || l.startsWith(`${label} (`));

/** Expands a file's row in the Testing view by its twistie (again if a click is dropped while the tree re-renders). */
async function expandFile(file: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const labels = await eventually(explorerLabels, (l) => !!row(l, file), `the row of ${file} in the Testing view`, 20_000);
    const index = labels.indexOf(row(labels, file)!);
    const expanded = (await driver.attributes(EXPLORER_ROWS, 'aria-expanded'))[index];
    if (expanded === 'true') return;
    await driver.click(`${EXPLORER_ROWS} .monaco-tl-twistie`, { index });
    try {
      await eventually(async () => (await driver.attributes(`${EXPLORER_ROWS}[aria-label^="${file}"]`, 'aria-expanded'))[0], (e) => e === 'true', `${file} expanded`, 5_000);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * Shows the Testing view by its activity-bar entry, as a user does (its title carries a badge
 * after a failed run: "Testing - 1 failed tests"); not clicked when showing (a click would hide it).
 */
async function openTesting(): Promise<void> {
  const title = await driver.texts('.part.sidebar .title-label h2');
  if (title[0]?.trim() === 'Testing') return;
  await driver.click('.part.activitybar .action-item .action-label[aria-label^="Testing"]');
  await driver.waitFor('.part.sidebar .test-explorer');
}

/** The number of result icons of a kind on the explorer row whose aria-label starts so. */
const iconsOn = (labelStart: string, icon: 'passed' | 'failed' | 'skipped') => driver.count(`${EXPLORER_ROWS}[aria-label^="${labelStart}"] .codicon-testing-${icon}-icon`);

/** The extension's log as written to disk so far (its LogOutputChannel's Sugar.log). */
function sugarLog(): string {
  const userData = process.env.SUGAR_HOST_USER_DATA_DIR;
  if (!userData) return '';
  return filesUnder(path.join(userData, 'logs')).filter((file) => file.endsWith(`${path.sep}Sugar.log`)).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

describe('Testing view: .sugar files with assertions as tests', () => {
  let s: Simulator;
  let folder: string;

  before(async function () {
    needsDriver(this);
    s = await sim();
    await addLoggedInAdmin(s, NAME, PLATFORM);
    await closeEditors();
    folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('the host opened no workspace folder');
    fs.writeFileSync(path.join(folder, 'checks.sugar'), CHECKS.join('\n'));
  });

  after(async () => {
    s?.clearFaults();
    for (const file of ['checks.sugar', 'slow.sugar']) fs.rmSync(path.join(folder, file), { force: true });
    await closeEditors();
  });

  it('lists the file and one test per request when the Testing view opens (activity bar)', async function () {
    this.timeout(60_000);
    await openTesting();
    await expandFile('checks.sugar');
    const labels = await eventually(explorerLabels, (l) => !!row(l, 'Who am I') && !!row(l, 'Expects sally'), 'the two requests below checks.sugar');
    assert.ok(!labels.some((l) => /Slow/.test(l)), `rows: ${JSON.stringify(labels)}`);
  });

  it('Run Tests: a passed and a failed icon, the failure with the actual value in Test Results and in the peek on its line', async function () {
    this.timeout(90_000);
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'checks.sugar')));
    await openTesting();
    await expandFile('checks.sugar');
    await driver.click(TITLE_ACTION('Run Tests'));
    await eventually(() => iconsOn('Expects sally', 'failed'), (n) => n === 1, 'a failed icon on "Expects sally"', 30_000);
    assert.strictEqual(await iconsOn('Who am I', 'passed'), 1, `rows: ${JSON.stringify(await explorerLabels())}`);
    assert.strictEqual(await iconsOn('checks.sugar', 'failed'), 1, 'the file row shows its failed request');

    // Test Results (the panel opens as the run starts): the failed test's row carries its message.
    const results = await eventually(() => driver.texts(RESULT_ROWS), (t) => t.some((x) => x.includes('Expects sally') && x.includes('was "admin"')), 'the failure in Test Results', 20_000);
    const failure = results.find((x) => x.includes('Expects sally'))!;
    assert.match(failure, /expected body current_user\.user_name == "sally", was "admin"/);
    assert.ok(results.some((x) => /^Who am I/.test(x.trim())), `Test Results rows: ${JSON.stringify(results)}`);

    // In the open file, the failing assertion's line carries the failure (actual != expected); a click on it peeks at the message.
    const widget = await eventually(() => driver.texts('.part.editor .test-error-content-widget'), (t) => t.length === 1, 'the failure beside its line', 10_000);
    assert.strictEqual(widget[0].trim(), '"admin" != "sally"');
    await driver.click('.part.editor .test-error-content-widget');
    await eventually(() => vscode.window.activeTextEditor?.selection.active.line, (line) => line === FAILING_LINE, 'the peek on the failing assertion\'s line', 10_000);
    const peek = await eventually(() => driver.texts('.part.editor .test-output-peek'), (t) => t.some((x) => /sally/.test(x) && /admin/.test(x)), 'the peek with the expected and the actual value', 20_000);
    assert.ok(peek.some((x) => x.includes('expected body current_user.user_name == "sally", was "admin"')), `peek: ${JSON.stringify(peek).slice(0, 800)}`);
    await driver.wait(500);
    const picture = await driver.screenshot('testing.png');
    assert.ok(fs.statSync(picture).size > 10_000, 'the screenshot is suspiciously small');
    await driver.keyboard('Escape');
  });

  it('Debug Tests also opens each answer in its response tab and logs each request', async function () {
    this.timeout(90_000);
    await closeEditors();
    await openTesting();
    await driver.click(TITLE_ACTION('Debug Tests'));
    const responseTabs = () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RESPONSE_SCHEME);
    await eventually(responseTabs, (tabs) => tabs.length >= 2, 'a response tab per request', 30_000);
    await eventually(sugarLog, (log) => /Testing: ✔ Who am I → 200/.test(log) && /Testing: ✘ Expects sally → 200 .*was "admin"/.test(log), 'a log line per request', 20_000);
  });

  it('lists a request typed into the open file as a test before it is saved, and forgets it when the file is reverted', async function () {
    this.timeout(60_000);
    await closeEditors();
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'checks.sugar')));
    editor.selection = new vscode.Selection(editor.document.lineCount, 0, editor.document.lineCount, 0);
    await openTesting();
    await expandFile('checks.sugar');
    await driver.click('.part.editor .editor-group-container.active .monaco-editor .view-lines');
    await driver.keyboard('Control+End');
    await driver.type('\n### Typed in\nGET /ping\n?? status == 200\n');
    await eventually(explorerLabels, (l) => !!row(l, 'Typed in'), 'the typed request listed', 15_000);
    assert.ok(vscode.window.activeTextEditor?.document.isDirty, 'the file was saved');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await eventually(explorerLabels, (l) => !row(l, 'Typed in') && !!row(l, 'Expects sally'), 'the typed request gone after the revert', 15_000);
  });

  it('Cancel Test Run stops a run whose request hangs on the server at once: it and the rest are skipped', async function () {
    this.timeout(90_000);
    await closeEditors();
    await openTesting();
    s.injectFault({ type: 'hang', pathIncludes: 'testing-view=hang', times: 1 });
    fs.writeFileSync(path.join(folder, 'slow.sugar'), SLOW.join('\n'));
    await expandFile('slow.sugar');
    await eventually(explorerLabels, (l) => !!row(l, 'Slow') && !!row(l, 'After'), 'the requests of slow.sugar');
    const faulted = s.counters.requests.faulted ?? 0;
    await driver.click(TITLE_ACTION('Run Tests'));
    // The hanging request has reached the server: the run waits on it.
    await eventually(() => s.counters.requests.faulted ?? 0, (n) => n === faulted + 1, 'the slow request sent', 30_000);
    await driver.click(TITLE_ACTION('Cancel Test Run'));
    // The server never answers: the run can only end because the request was aborted.
    await eventually(() => driver.count(TITLE_ACTION('Cancel Test Run')), (n) => n === 0, 'the run ended', 10_000);
    await eventually(async () => [await iconsOn('Slow', 'skipped'), await iconsOn('After', 'skipped')], (n) => n[0] === 1 && n[1] === 1, 'Slow and After skipped', 10_000);
  });
});
