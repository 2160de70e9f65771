// Issue 12 §4, the filter builder, through the workbench as a user meets it: Filter Records… from
// the palette, every screen answered with the keyboard (Accounts → Industry → is any of → Banking
// and Energy checked with Space → Done → fields → order → a .sugar file), the count in the title
// as the condition is added, the written request's text, and its CodeLens sending it (12 records).
// Only the set-up (a logged-in connection) uses commands with arguments.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activeResponse, closeEditors, parseResponseTab, send } from './exploreHelpers';
import { accountsIndustryFromPalette, useLoggedInAdmin } from './filterHelpers';
import { API, artifactsDir, driver, eventually, openSugarView, run } from './helpers';
import { checkRow, enter, pick, readQuickInput, screenTitled } from './quickInput';

const NAME = 'Filter (admin)';
const PLATFORM = 'filter_tests';

describe('filter builder: Filter Records… through the keyboard', () => {
  const c = useLoggedInAdmin(NAME, PLATFORM);

  it('Accounts → Industry is any of Banking, Energy → a .sugar file whose CodeLens answers 12 records', async function () {
    this.timeout(120_000);
    // The Sugar view beside the builder (for the README picture).
    await openSugarView();
    await accountsIndustryFromPalette(NAME, 'is any of');

    // The value step: the dropdown's keys with their labels, several may be checked.
    const valueScreen = await screenTitled(/^Filter Accounts: value of Industry is any of/);
    assert.ok(valueScreen.rows.some((r) => r.startsWith('Banking')) && !valueScreen.rows.some((r) => r === ''), `rows: ${valueScreen.rows.join(' | ')}`);
    // In a multi-select list the down arrow moves into the list, where Space checks a row.
    await driver.keyboard('ArrowDown');
    await checkRow('Banking');
    await checkRow('Energy');
    fs.mkdirSync(artifactsDir, { recursive: true });
    const shot = await driver.screenshot('filter-builder.png');
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot is suspiciously small');
    console.log(`      screenshot: ${shot}`);
    await enter();

    // The count of the filter so far comes into the title without holding the screen up.
    const next = await screenTitled(/^Filter Accounts: 1 condition/);
    assert.ok(next.rows.some((r) => r.includes('Add another condition (and)')) && next.rows.some((r) => r.includes('Add another condition (or)')), `rows: ${next.rows.join(' | ')}`);
    await screenTitled(/^Filter Accounts: 1 condition · 12 records$/);
    await pick('Done');

    const fieldsScreen = await screenTitled(/^Filter Accounts: fields to return/);
    assert.ok(fieldsScreen.rows.length > 5, 'the module\'s fields are listed');
    await enter(); // Name is checked already
    await screenTitled(/^Filter Accounts: order ·/);
    await pick('Name');
    await screenTitled(/^Filter Accounts: order by name/);
    await pick('Ascending');
    await screenTitled(/^Filter Accounts: result/);
    await pick('Write the request');

    const editor = await eventually(() => vscode.window.activeTextEditor, (e) => e?.document.languageId === 'sugar' && e.document.isUntitled, 'an untitled .sugar document');
    const doc = editor!.document;
    try {
      const body = { filter: [{ industry: { $in: ['Banking', 'Energy'] } }], fields: 'name', order_by: 'name:ASC', max_num: 20 };
      const expected = [
        `# @connection ${NAME}`,
        '### Accounts: Industry is any of Banking, Energy',
        'POST /Accounts/filter',
        'Content-Type: application/json',
        '',
        JSON.stringify(body, null, 2),
        '',
      ].join('\n');
      assert.strictEqual(doc.getText(), expected);
      await eventually(readQuickInput, (q) => q === undefined, 'the builder closed after writing the request');

      const lenses = await eventually(
        () => Promise.resolve(vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)),
        (l) => Array.isArray(l) && l.some((x) => x.command?.command === 'sugar.sendFileRequest'),
        'the "Send with" CodeLens of the written request',
      );
      const lens = lenses.find((x) => x.command?.command === 'sugar.sendFileRequest')!;
      const answer = await run<{ status: number; body: { records: Array<{ id: string; name: string }> } }>(lens.command!.command, ...(lens.command!.arguments ?? []));
      assert.strictEqual(answer.status, 200);
      assert.strictEqual(answer.body.records.length, 12);
      const names = answer.body.records.map((r) => r.name);
      assert.deepStrictEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'ordered by name');
      const direct = await send({ connection: c.id, method: 'POST', path: '/Accounts/filter', body: { filter: [{ industry: { $in: ['Banking', 'Energy'] } }], max_num: 100 } });
      assert.deepStrictEqual(answer.body.records.map((r) => r.id).sort(), (direct.body.records as Array<{ id: string }>).map((r) => r.id).sort());
    } finally {
      await vscode.window.showTextDocument(doc);
      await run('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('from a module row ({connection, module}): Industry is Banking → the records in a response tab', async function () {
    this.timeout(90_000);
    await closeEditors();
    // What a module row or a Records node hands the command (set-up by argument, the rest by keys).
    const answered = run<{ status: number; body: { records: Array<{ id: string; industry?: string }> } }>('sugar.filterRecords', { connection: c.id, module: 'Accounts' });
    await screenTitled(/^Filter Accounts: field$/, 30_000);
    await pick('Industry');
    await screenTitled(/^Filter Accounts: operator for Industry/);
    await pick('is');
    const value = await screenTitled(/^Filter Accounts: value of Industry is$/);
    assert.ok(value.rows.some((r) => r.startsWith('Energy')), `rows: ${value.rows.join(' | ')}`);
    await pick('Banking');
    await screenTitled(/^Filter Accounts: 1 condition · 6 records$/);
    await pick('Done');
    await screenTitled(/^Filter Accounts: fields to return/);
    await driver.type('Industry');
    await eventually(readQuickInput, (q) => !!q && (q.rows[0] ?? '').startsWith('Industry'), 'the Industry row');
    await driver.keyboard('ArrowDown');
    await driver.keyboard('Space');
    await enter();
    await screenTitled(/^Filter Accounts: order/);
    await pick("Sugar's default");
    await screenTitled(/^Filter Accounts: result/);
    await pick('Show the records');
    const result = await answered;
    assert.strictEqual(result.status, 200);
    assert.strictEqual(result.body.records.length, 6);
    assert.ok(result.body.records.every((r) => r.industry === 'Banking'), 'industry was asked for and is Banking');
    const tab = parseResponseTab(activeResponse().getText());
    assert.strictEqual(tab.comments[0], `POST ${c.sim.url}/rest/${API}/Accounts/filter`);
    assert.deepStrictEqual(tab.json, result.body);
  });
});
