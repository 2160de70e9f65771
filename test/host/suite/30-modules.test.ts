// The Modules node (issue 12 §2) and the module commands (§6) in the real extension host against
// the in-host simulator, driven through the workbench (the tree first: nothing is fetched before
// the node is expanded); Accounts > Fields > industry with its label and dropdown values (found with Find
// Field…); Links; Records with the count and Load More; the three commands checked against the
// simulator's data; the picture of the expanded node (test-output/host/modules.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import { DROPDOWNS } from '../../sim/schema/lang';
import type { TreeRow } from '../driverClient';
import type { DriverCommand } from '../driverProtocol';
import { addLoggedInAdmin, block, childrenOf, clickRow, closeEditors, collapseBelow, expandBelow, focusConnection, waitForBlock, type Row } from './exploreHelpers';
import { copied, driver, eventually, needsDriver, rejects, rememberSecret, run, sim } from './helpers';

const NAME = 'Modules (admin)';
const PLATFORM = 'modules_tests';
const MODULES = ['Accounts', 'Cases', 'Contacts', 'Leads', 'Notes', 'Opportunities', 'Users'];

interface Description {
  module: string;
  fields: Array<{ name: string; type: string; label: string; required: boolean; options?: Array<{ key: string; label: string }>; relatedModule?: string; link?: string }>;
  links: Array<{ name: string; module: string; relationship: string }>;
}
interface Found {
  records: Array<Record<string, unknown>>;
  nextOffset: number;
}

const isModules = (r: TreeRow) => r.level === 2 && r.label === 'Modules';
const isModule = (name: string) => (r: TreeRow) => r.level === 3 && r.label === name;
const isSection = (label: string) => (r: TreeRow) => r.level === 4 && r.label === label;

describe('modules: the Modules node and the module commands', () => {
  let s: Simulator;
  let id: string;

  before(async () => {
    s = await sim();
    id = await addLoggedInAdmin(s, NAME, PLATFORM);
    await closeEditors();
  });

  describe('the tree', () => {
    it('shows a Modules row that fetches nothing until it is expanded, then lists the modules', async function () {
      needsDriver(this);
      const before = s.counters.requests.metadata ?? 0;
      await focusConnection(NAME);
      const { children } = await waitForBlock(NAME, (_r, c) => c.some(isModules), 'a Modules row');
      assert.ok(children.find(isModules)!.expanded === false, 'the Modules row is not collapsed');
      await driver.wait(500);
      assert.strictEqual(s.counters.requests.metadata ?? 0, before, 'GET /metadata before the Modules row was expanded');
      await expandBelow(NAME, isModules, 'Modules');
      const { children: after } = await waitForBlock(NAME, (_r, c) => childrenOf(c, isModules).length === MODULES.length, 'the module rows');
      assert.deepStrictEqual(childrenOf(after, isModules).map((r) => r.label), MODULES);
      assert.ok((s.counters.requests.metadata ?? 0) > before, 'no GET /metadata when the Modules row was expanded');
      await eventually(async () => (await block(NAME)).children.find(isModules)?.description, (d) => d === `${MODULES.length} modules`, 'the Modules row counts the modules');
    });

    it('Accounts > Fields: Find Field… "Industry" reveals industry with its label and dropdown values', async function () {
      needsDriver(this);
      await expandBelow(NAME, isModule('Accounts'), 'Accounts');
      const { children } = await waitForBlock(NAME, (_r, c) => c.some(isSection('Fields')) && c.some(isSection('Records')), 'the sections of Accounts');
      const fieldCount = (await run<Description>('sugar.describeModule', id, 'Accounts')).fields.length;
      assert.strictEqual(children.find(isSection('Fields'))!.description, String(fieldCount));
      await expandBelow(NAME, isSection('Fields'), 'Fields');
      await waitForBlock(NAME, (_r, c) => childrenOf(c, isSection('Fields')).length > 5, 'field rows');
      // The user's way to a field: the Fields row's context menu, Find Field…, type, Enter.
      await vscode.env.clipboard.writeText('unchanged');
      const fields = (await block(NAME)).children.find(isSection('Fields')) as Row;
      await clickRow(fields, 'label', 'right');
      await driver.waitFor('.context-view .action-label[aria-label="Find Field…"]');
      await driver.wait(300); // a click right after the menu opens is dropped by the menu
      await driver.click('.context-view .action-label[aria-label="Find Field…"]');
      await driver.waitFor('.quick-input-widget input', { state: 'visible' });
      await eventually(async () => (await driver.texts('.quick-input-widget .monaco-list-row')).length, (n) => n > 5, 'the fields in the quick pick');
      await driver.type('Industry');
      await eventually(async () => (await driver.texts('.quick-input-widget .monaco-list-row'))[0] ?? '', (t) => t.startsWith('industryIndustry'), 'industry (label Industry) first in the quick pick');
      const pickRow = (await driver.texts('.quick-input-widget .monaco-list-row'))[0];
      assert.match(pickRow, /Industry/);
      assert.match(pickRow, /Dropdown: industry_dom/);
      await driver.keyboard('Enter');
      assert.strictEqual(await eventually(() => Promise.resolve(vscode.env.clipboard.readText()), (t) => t !== 'unchanged', 'the field name on the clipboard'), 'industry');
      const isIndustry = (r: TreeRow) => r.level === 5 && r.label === 'industry';
      const { children: shown } = await waitForBlock(NAME, (_r, c) => c.find(isIndustry)?.expanded === true && childrenOf(c, isIndustry).length > 3, 'industry revealed with its values');
      const industry = shown.find(isIndustry)!;
      assert.strictEqual(industry.description, 'enum · Industry');
      assert.strictEqual(industry.selected, true, 'the revealed field is selected');
      const values = childrenOf(shown, isIndustry).map((r) => r.label);
      const expected = DROPDOWNS.industry_dom.map(([key, label]) => `${key || '(empty)'} — ${label || '(empty)'}`);
      assert.deepStrictEqual(values, expected.slice(0, values.length), 'the dropdown values in Sugar\'s order');
      assert.ok(values.includes('Banking — Banking'), JSON.stringify(values));

      // The picture for the README: Accounts > Fields with industry's values.
      await driver.send({ op: 'sideBarWidth', width: 480 } as unknown as DriverCommand).catch(() => undefined);
      await run('notifications.clearAll');
      await driver.wait(500);
      const file = await driver.screenshot('modules.png');
      assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is suspiciously small');
      console.log(`      screenshot: ${file}`);
    });

    it('Accounts > Links: name, related module, relationship, one or many', async function () {
      needsDriver(this);
      await collapseBelow(NAME, isSection('Fields'), 'Fields');
      await expandBelow(NAME, isSection('Links'), 'Links');
      const { children } = await waitForBlock(NAME, (_r, c) => childrenOf(c, isSection('Links')).length > 3, 'link rows');
      const links = childrenOf(children, isSection('Links'));
      const text = (name: string) => links.find((r) => r.label === name)?.description;
      assert.strictEqual(text('contacts'), 'Contacts · accounts_contacts · many');
      assert.strictEqual(text('member_of'), 'Accounts · member_accounts · one');
      const described = (await run<Description>('sugar.describeModule', id, 'Accounts')).links.map((l) => l.name);
      assert.deepStrictEqual(links.map((r) => r.label), described.slice(0, links.length));
      await collapseBelow(NAME, isSection('Links'), 'Links');
      await collapseBelow(NAME, isModule('Accounts'), 'Accounts');
    });

    it('Contacts > Records: newest first with the count; Load More brings the rest', async function () {
      needsDriver(this);
      this.timeout(90_000);
      const all = await run<Found>('sugar.findRecords', id, { module: 'Contacts', fields: ['name'], maxNum: 200, orderBy: 'date_modified:DESC' });
      const names = all.records.map((r) => String(r.name));
      assert.ok(names.length > 20 && names.length <= 40, `the test needs 21 to 40 Contacts, the simulator has ${names.length}`);
      await expandBelow(NAME, isModule('Contacts'), 'Contacts');
      await expandBelow(NAME, isSection('Records'), 'Records');
      const { children } = await waitForBlock(NAME, (_r, c) => c.find(isSection('Records'))?.description === `${names.length} records` && childrenOf(c, isSection('Records')).length > 3, 'the Records row with its count and rows');
      const shown = childrenOf(children, isSection('Records')).map((r) => r.label);
      const first = shown.filter((label) => label !== 'Load More');
      assert.ok(first.length <= 20, `${first.length} records on the first page`);
      assert.deepStrictEqual(first, names.slice(0, first.length), 'the first records, newest first');
      if (shown.length > 20) assert.strictEqual(shown[20], 'Load More', 'the row after the first page');
      // To Load More as a keyboard user: focus the Records row (its context menu), go down 21 rows, Enter.
      await clickRow(children.find(isSection('Records'))!, 'label', 'right');
      await driver.waitFor('.context-view .action-label');
      await driver.keyboard('Escape');
      for (let i = 0; i < 21; i++) await driver.keyboard('ArrowDown');
      const focused = await eventually(async () => (await driver.texts('.part.sidebar .monaco-list-row.focused .label-name')).join(''), (t) => t.length > 0, 'a focused row');
      assert.strictEqual(focused, 'Load More', 'the 21st row below Records');
      await driver.keyboard('Enter');
      // The rows below Records, by label (what the side bar renders of them).
      const recordRows = async () => childrenOf((await block(NAME)).children, isSection('Records')).map((r) => r.label);
      // The next page takes Load More's place: the 21st record, where the focus is.
      await eventually(recordRows, (labels) => labels.includes(names[20]) && !labels.includes('Load More'), `the 21st record "${names[20]}" in place of Load More`);
      // Down to the last record from the 21st (focused by a right click): the list scrolls along.
      const rows21 = childrenOf((await block(NAME)).children, isSection('Records'));
      // (A record row has no context menu of its own in this branch: the right click only focuses
      // it, and Escape would clear the list's focus.)
      await clickRow(rows21.find((r) => r.label === names[20])!, 'label', 'right');
      await driver.wait(300);
      for (let i = 21; i < names.length; i++) await driver.keyboard('ArrowDown');
      const after = await eventually(recordRows, (labels) => labels.includes(names[names.length - 1]), `the last record "${names[names.length - 1]}" after Load More`);
      assert.deepStrictEqual(after.slice(-(names.length - 20)), names.slice(20), 'the second page, in order, below the first');
      await collapseBelow(NAME, isSection('Records'), 'Records');
      await collapseBelow(NAME, isModule('Contacts'), 'Contacts');
    });

    it('a failed load is a row that explains it, and Reload tries again', async function () {
      needsDriver(this);
      this.timeout(60_000);
      // A proxy's HTML 502 for the first page of Leads.
      s.injectFault({ type: 'html502', pathIncludes: '/Leads?fields=', times: 1 });
      await expandBelow(NAME, isModule('Leads'), 'Leads');
      await expandBelow(NAME, isSection('Records'), 'Records');
      const { children } = await waitForBlock(NAME, (_r, c) => childrenOf(c, isSection('Records')).length > 0, 'a row below Records');
      const [problem] = childrenOf(children, isSection('Records'));
      assert.match(problem.label, /502/);
      assert.match(problem.label, /Reload \(↻\) to try again\.$/);
      assert.strictEqual(await driver.count('.notifications-toasts .notification-toast'), 0, 'a popup beside the error row');
      // Reload from the Records row's context menu: the first page this time.
      await clickRow(children.find(isSection('Records'))!, 'label', 'right');
      await driver.waitFor('.context-view .action-label[aria-label="Reload"]');
      await driver.wait(300); // a click right after the menu opens is dropped by the menu
      await driver.click('.context-view .action-label[aria-label="Reload"]');
      const first = (await run<Found>('sugar.findRecords', id, { module: 'Leads', fields: ['name'], maxNum: 1, orderBy: 'date_modified:DESC' })).records[0];
      await waitForBlock(NAME, (_r, c) => childrenOf(c, isSection('Records'))[0]?.label === String(first.name), `the newest Lead "${String(first.name)}" after Reload`);
      await collapseBelow(NAME, isSection('Records'), 'Records');
      await collapseBelow(NAME, isModule('Leads'), 'Leads');
    });
  });

  describe('the commands', () => {
    it('sugar.listModules answers the module names, sorted', async () => {
      assert.deepStrictEqual(await run<string[]>('sugar.listModules', id), MODULES);
    });

    it('a sudo session has its own Modules row; sugar.listModules takes its id', async function () {
      const sudoId = await run<string>('sugar.sudo', id, 'jim');
      rememberSecret(await copied('sugar.copyAccessToken', sudoId));
      try {
        assert.deepStrictEqual(await run<string[]>('sugar.listModules', sudoId), MODULES);
        if (!driver.available) return;
        await focusConnection(NAME);
        const isSudo = (r: TreeRow) => r.level === 2 && r.label === 'Sudo: jim';
        await expandBelow(NAME, isSudo, 'Sudo: jim');
        const { children } = await waitForBlock(NAME, (_r, c) => childrenOf(c, isSudo).length > 0, 'a row below the sudo session');
        assert.deepStrictEqual(childrenOf(children, isSudo).map((r) => r.label), ['Modules']);
      } finally {
        await run('sugar.endSudo', sudoId);
      }
    });

    it('sugar.describeModule answers fields with labels and options in Sugar\'s order, relate fields and links', async () => {
      const accounts = await run<Description>('sugar.describeModule', id, 'Accounts');
      assert.strictEqual(accounts.module, 'Accounts');
      const industry = accounts.fields.find((f) => f.name === 'industry');
      assert.deepStrictEqual(industry, { name: 'industry', type: 'enum', label: 'Industry', required: false, options: DROPDOWNS.industry_dom.map(([key, label]) => ({ key, label })) });
      assert.deepStrictEqual(accounts.fields.find((f) => f.name === 'name'), { name: 'name', type: 'name', label: 'Name', required: true });
      assert.deepStrictEqual(accounts.links.find((l) => l.name === 'contacts'), { name: 'contacts', module: 'Contacts', relationship: 'accounts_contacts' });
      const contacts = await run<Description>('sugar.describeModule', id, 'Contacts');
      const accountName = contacts.fields.find((f) => f.name === 'account_name')!;
      assert.strictEqual(accountName.relatedModule, 'Accounts');
      assert.strictEqual(accountName.link, 'accounts');
      const error = await rejects('sugar.describeModule', id, 'Nope');
      assert.match(error.message, /no module "Nope"/);
    });

    it('sugar.findRecords answers {records, nextOffset} as the server did; Sugar\'s 422 rejects with its explanation', async () => {
      const found = await run<Found>('sugar.findRecords', id, { module: 'Accounts', filter: [{ industry: 'Banking' }], fields: ['name', 'industry'], maxNum: 3, orderBy: 'name:ASC' });
      assert.strictEqual(found.records.length, 3);
      assert.ok(found.records.every((r) => r.industry === 'Banking' && r._module === 'Accounts'), JSON.stringify(found.records));
      assert.strictEqual(found.nextOffset, 3);
      const all = await run<Found>('sugar.findRecords', id, { module: 'Accounts', filter: [{ industry: 'Banking' }], maxNum: 100 });
      assert.strictEqual(all.nextOffset, -1);
      assert.deepStrictEqual(found.records.map((r) => r.name), all.records.map((r) => String(r.name)).sort().slice(0, 3));
      const error = await rejects('sugar.findRecords', id, { module: 'Accounts', filter: [{ nope: 'x' }] });
      assert.match(error.message, /Unknown field nope/);
    });
  });

  after(async () => {
    if (driver.available) await driver.keyboard('Escape').catch(() => undefined);
    await closeEditors().catch(() => undefined);
    if (id) {
      await run('sugar.logout', id).catch(() => undefined);
      await run('sugar.deleteConnection', id).catch(() => undefined);
    }
  });
});
