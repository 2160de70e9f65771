// Issue 12 §4, the filter builder's records in the tree, through the workbench as a user meets it:
// Filter Records… from the palette, answered with the keyboard (Accounts → Industry is any of
// Banking, Energy, Finance, Technology → order by name → Show in the Tree); then the Records row
// of Accounts, revealed, says it is filtered, how and how many, and lists the filtered records
// (compared with the simulator's answer to the same filter); Load More brings the rest of the
// filter; a logout and login clear the filter; the Records row's filter button starts the
// builder for Accounts; Clear Filter (its inline button) lists every record again.
// Only the set-up (a logged-in connection) and the logout/login use commands with arguments.
import * as assert from 'assert';
import * as fs from 'fs';
import type { TreeRow } from '../driverClient';
import type { DriverCommand } from '../driverProtocol';
import { block, childrenOf, clickRow, clickRowAction, closeEditors, collapseBelow, expandBelow, focusConnection, listRows, send, waitForBlock, type Row } from './exploreHelpers';
import { accountsIndustryFromPalette, answerScreens, ENTER, useLoggedInAdmin } from './filterHelpers';
import { artifactsDir, copied, driver, eventually, rememberSecret, run, type SessionState } from './helpers';
import { checkRow, enter, pick, screenTitled } from './quickInput';

const NAME = 'Filter tree (admin)';
const PLATFORM = 'filter_tree_tests';
const INDUSTRIES = ['Banking', 'Energy', 'Finance', 'Technology'];
const SUMMARY = `Industry is any of ${INDUSTRIES.join(', ')}`;

const isModules = (r: TreeRow) => r.level === 2 && r.label === 'Modules';
const isAccounts = (r: TreeRow) => r.level === 3 && r.label === 'Accounts';
const isRecords = (r: TreeRow) => r.level === 4 && (r.label === 'Records' || r.label === 'Records (filtered)');

/** The Records row of Accounts and the labels of the rows below it that the side bar renders. */
async function records(): Promise<{ row?: Row; labels: string[] }> {
  const { children } = await block(NAME);
  return { row: children.find(isRecords), labels: childrenOf(children, isRecords).map((r) => r.label) };
}

/**
 * The record rows the side bar renders, when only Accounts' Records is open at that depth: read
 * without the connection's or the Records row, which scroll out of view below a long list.
 */
async function recordRowsInView(): Promise<string[]> {
  return (await listRows()).filter((r) => r.level === 5).map((r) => r.label);
}

describe('filter builder: the filtered records in the tree', () => {
  const c = useLoggedInAdmin(NAME, PLATFORM);

  /** Names of Accounts as the simulator answers the filter API (not through the tree's code). */
  async function accountNames(body: Record<string, unknown>): Promise<string[]> {
    const answer = await send({ connection: c.id, method: 'POST', path: '/Accounts/filter', body: { fields: 'name', max_num: 200, ...body } });
    assert.strictEqual(answer.status, 200);
    return (answer.body.records as Array<{ name: string }>).map((r) => r.name);
  }

  it('Show in the Tree: the Records row of Accounts is revealed, says filtered, how and how many, and lists the filtered records; Load More brings the rest', async function () {
    this.timeout(150_000);
    const expected = await accountNames({ filter: [{ industry: { $in: INDUSTRIES } }], order_by: 'name:ASC' });
    assert.ok(expected.length > 20 && expected.length <= 40, `the test needs 21 to 40 matching Accounts, the simulator has ${expected.length}`);
    await closeEditors(); // the answer just asked for, in a response tab
    // The connection open, its Modules row not yet expanded: the reveal must open the way.
    await focusConnection(NAME);
    await waitForBlock(NAME, (_r, c) => c.some(isModules) && !c.some(isAccounts), 'a collapsed Modules row');

    await accountsIndustryFromPalette(NAME, 'is any of');
    await screenTitled(/^Filter Accounts: value of Industry is any of/);
    await driver.keyboard('ArrowDown');
    for (const industry of INDUSTRIES) await checkRow(industry);
    await enter();
    await answerScreens([
      [new RegExp(`^Filter Accounts: 1 condition · ${expected.length} records$`), 'Done'],
      [/^Filter Accounts: fields to return/, ENTER],
      [/^Filter Accounts: order/, 'Name'],
      [/^Filter Accounts: order by name/, 'Ascending'],
    ]);
    const result = await screenTitled(/^Filter Accounts: result/);
    assert.ok(result.rows[0].includes('Show in the Tree'), `the first choice: ${result.rows.join(' | ')}`);
    await pick('Show in the Tree');

    // Revealed: Modules > Accounts > Records (filtered), selected, with the first page below it.
    const shown = await eventually(records, (r) => r.row?.label === 'Records (filtered)' && r.row.expanded === true && r.labels.length > 3 && r.row.description.endsWith('records'), 'the filtered Records row of Accounts, expanded, with its count', 30_000);
    assert.strictEqual(shown.row!.description, `${SUMMARY} · ${expected.length} records`);
    assert.strictEqual(shown.row!.selected, true, 'the revealed Records row is selected');
    const firstPage = shown.labels.filter((label) => label !== 'Load More');
    assert.ok(firstPage.length <= 20, `${firstPage.length} records on the first page`);
    assert.deepStrictEqual(firstPage, expected.slice(0, firstPage.length), 'the filtered records, ordered by name');
    if (shown.labels.length > 20) assert.strictEqual(shown.labels[20], 'Load More', 'the row after the first page');
    // The picture for the README: the filtered Records row with its first page.
    await driver.send({ op: 'sideBarWidth', width: 520 } as unknown as DriverCommand).catch(() => undefined);
    await driver.wait(500);
    fs.mkdirSync(artifactsDir, { recursive: true });
    const shot = await driver.screenshot('filter-tree.png');
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot is suspiciously small');
    console.log(`      screenshot: ${shot}`);

    // Load More as a keyboard user: the Records row has the focus; 21 rows down is Load More.
    for (let i = 0; i < 21; i++) await driver.keyboard('ArrowDown');
    const focused = await eventually(async () => (await driver.texts('.part.sidebar .monaco-list-row.focused .label-name')).join(''), (t) => t.length > 0, 'a focused row');
    assert.strictEqual(focused, 'Load More', 'the 21st row below Records');
    await driver.keyboard('Enter');
    await eventually(recordRowsInView, (labels) => labels.includes(expected[20]) && !labels.includes('Load More'), `the 21st match "${expected[20]}" in place of Load More`);
    // Down to the last match from the 21st (focused by a right click: Load More's row, which had
    // the focus, is gone): the list scrolls along.
    const row21 = (await listRows()).find((r) => r.level === 5 && r.label === expected[20])!;
    await clickRow(row21, 'label', 'right');
    await driver.wait(300);
    for (let i = 21; i < expected.length; i++) await driver.keyboard('ArrowDown');
    const after = await eventually(recordRowsInView, (labels) => labels.includes(expected[expected.length - 1]), `the last match "${expected[expected.length - 1]}"`);
    assert.deepStrictEqual(after.slice(-(expected.length - 20)), expected.slice(20), 'the second page of the same filter, in order, below the first');
    // Back to the top of the list (the connection's row) to close the Records row.
    await driver.keyboard('Home');
    await waitForBlock(NAME, (_r, c) => c.some(isRecords), 'the Records row in view again');
    await collapseBelow(NAME, isRecords, 'Records');
  });

  it('a logout and a new login clear the filter: Records lists every record again', async function () {
    this.timeout(60_000);
    await run('sugar.logout', c.id);
    const state = await run<SessionState>('sugar.login', c.id);
    assert.strictEqual(state.status, 'active');
    rememberSecret(await copied('sugar.copyAccessToken', c.id), await copied('sugar.copyRefreshToken', c.id));
    await focusConnection(NAME);
    await expandBelow(NAME, isModules, 'Modules');
    await expandBelow(NAME, isAccounts, 'Accounts');
    const newest = await accountNames({ order_by: 'date_modified:DESC', max_num: 20 });
    await expandBelow(NAME, isRecords, 'Records');
    const shown = await eventually(records, (r) => r.labels.length > 3, 'the Records rows after a new login', 30_000);
    assert.strictEqual(shown.row!.label, 'Records');
    assert.deepStrictEqual(shown.labels.slice(0, 5), newest.slice(0, 5), 'the newest records, unfiltered');
    await collapseBelow(NAME, isRecords, 'Records');
  });

  it("the Records row's filter button starts the builder for Accounts; Clear Filter (inline) lists every record again", async function () {
    this.timeout(120_000);
    const banking = await accountNames({ filter: [{ industry: 'Banking' }], order_by: 'date_modified:DESC' });
    const total = (await send({ connection: c.id, method: 'GET', path: '/Accounts/count' })).body.record_count as number;
    const newest = await accountNames({ order_by: 'date_modified:DESC', max_num: 20 });
    // A click on the row selects it (and opens it): its inline buttons show on a selected row.
    await clickRow((await eventually(records, (r) => !!r.row, 'the Records row')).row!);
    const row = (await eventually(records, (r) => r.row?.selected === true, 'the Records row selected')).row!;
    await clickRowAction(row, 'filter');
    // No module step: the builder knows the module from the row.
    await answerScreens([
      [/^Filter Accounts: field$/, 'Industry'],
      [/^Filter Accounts: operator for Industry/, 'is'],
      [/^Filter Accounts: value of Industry is$/, 'Banking'],
      [new RegExp(`^Filter Accounts: 1 condition · ${banking.length} records$`), 'Done'],
      [/^Filter Accounts: fields to return/, ENTER],
      [/^Filter Accounts: order/, "Sugar's default"],
      [/^Filter Accounts: result/, 'Show in the Tree'],
    ]);
    // The rows come first, the row's count when the count has come.
    const filtered = await eventually(records, (r) => r.row?.label === 'Records (filtered)' && r.labels.length === banking.length && r.row.description.endsWith('records'), `the ${banking.length} Banking Accounts and their count`, 30_000);
    assert.strictEqual(filtered.row!.description, `Industry is Banking · ${banking.length} records`);
    assert.deepStrictEqual(filtered.labels, banking, 'the Banking Accounts, newest first, no Load More');

    await clickRowAction(filtered.row!, 'clear-all');
    const cleared = await eventually(records, (r) => r.row?.label === 'Records' && r.row.description === `${total} records` && r.labels.length > banking.length, 'every record again, with the count', 30_000);
    assert.deepStrictEqual(cleared.labels.filter((l) => l !== 'Load More'), newest.slice(0, cleared.labels.filter((l) => l !== 'Load More').length), 'the newest records, unfiltered');
    await collapseBelow(NAME, isRecords, 'Records');
    await collapseBelow(NAME, isAccounts, 'Accounts');
  });
});
