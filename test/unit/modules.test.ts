/**
 * The core of the Modules node and the module commands (issue 12 §2, §6) against the simulator
 * over real sockets: describeModule's contract, the module rows, record pages with Load More and
 * the count, findRecords with Sugar's 422, and hostile record answers.
 */
import assert from 'node:assert/strict';
import { describeModule, fieldDetail, moduleRows, optionText } from '../../src/core/schema/moduleView';
import { findRecordsRequest, findRecordsResult, MAX_RECORDS_SHOWN, parseRecordPage, RecordList, recordPageRequest, titleField } from '../../src/core/schema/recordPages';
import type { SchemaIndex } from '../../src/core/schema/schemaIndex';
import { SchemaSource, type SchemaCacheStore } from '../../src/core/schema/schemaSource';
import type { ApiResponse } from '../../src/core/sugar/client';
import { SugarError } from '../../src/core/sugar/errors';
import { DROPDOWNS } from '../sim/schema/lang';
import { SEED_COUNTS } from '../sim/data/seed';
import { makeWorld, needsSimulator, type World } from '../support/world';

const noCache: SchemaCacheStore = { read: async () => undefined, write: async () => undefined };

describe('modules: describeModule, module rows, record pages, findRecords', function () {
  this.timeout(30000);
  let world: World;
  let index: SchemaIndex;
  const request = (r: Parameters<World['engine']['request']>[1], signal?: AbortSignal) => world.engine.request(world.connectionId, r, signal);

  before(async function () {
    needsSimulator(this, 'compares with the simulator\'s vardefs and counts its requests');
    world = await makeWorld();
    await world.engine.login(world.connectionId);
    index = await new SchemaSource(noCache).get('k', request);
  });
  after(() => world?.close());

  it('describeModule: fields with labels, dropdown options in Sugar\'s order, relate fields and links', () => {
    const accounts = describeModule(index.module('Accounts')!);
    assert.equal(accounts.module, 'Accounts');
    const industry = accounts.fields.find((f) => f.name === 'industry')!;
    assert.equal(industry.type, 'enum');
    assert.equal(industry.label, 'Industry');
    assert.equal(industry.required, false);
    assert.deepEqual(industry.options, DROPDOWNS.industry_dom.map(([key, label]) => ({ key, label })));
    assert.deepEqual(accounts.fields.find((f) => f.name === 'name'), { name: 'name', type: 'name', label: 'Name', required: true });
    assert.ok(!accounts.fields.some((f) => f.type === 'link'), 'links are listed as links, not as fields');
    assert.deepEqual(accounts.links.find((l) => l.name === 'contacts'), { name: 'contacts', module: 'Contacts', relationship: 'accounts_contacts' });
    // Keys and labels differ here: both are kept, in Sugar's order.
    const priority = describeModule(index.module('Cases')!).fields.find((f) => f.name === 'priority')!;
    assert.deepEqual(priority.options, DROPDOWNS.case_priority_dom.map(([key, label]) => ({ key, label })));
    const accountName = describeModule(index.module('Contacts')!).fields.find((f) => f.name === 'account_name')!;
    assert.equal(accountName.relatedModule, 'Accounts');
    assert.equal(accountName.link, 'accounts');
    // The answer is plain data: it survives being passed between extensions.
    assert.deepEqual(JSON.parse(JSON.stringify(accounts)), accounts);
  });

  it('module rows: one per module, sorted, with the counts of fields and links', () => {
    const rows = moduleRows(index);
    assert.deepEqual(rows.map((r) => r.name), ['Accounts', 'Cases', 'Contacts', 'Leads', 'Notes', 'Opportunities', 'Users']);
    const accounts = rows[0];
    const module = index.module('Accounts')!;
    assert.equal(accounts.fieldCount, module.fields.length);
    assert.equal(accounts.linkCount, module.links.length);
    assert.match(accounts.description, new RegExp(`${module.fields.length} fields, ${module.links.length} links`));
    assert.equal(optionText({ key: '', label: '' }), '(empty) — (empty)');
    assert.equal(optionText({ key: 'P1', label: 'High' }), 'P1 — High');
    assert.match(fieldDetail(module.field('industry')!), /^Label: Industry · Length: 50 · Dropdown: industry_dom \(31 values\)$/);
  });

  it('records: the first page newest first with the count, Load More by next_offset to the end, no row twice', async () => {
    const list = new RecordList('Cases', titleField(index.module('Cases')), request);
    await list.loadFirst();
    assert.equal(list.count, SEED_COUNTS.Cases);
    assert.equal(list.records.length, 20);
    assert.equal(list.nextOffset, 20);
    const dates = list.records.map((r) => r.dateModified!);
    assert.deepEqual([...dates].sort().reverse(), dates, 'newest first');
    assert.ok(list.records.every((r) => r.name && r.name !== r.id), 'records are named by their name field');
    world.sim!.resetCounters();
    // Two clicks on Load More while the page loads: one request.
    await Promise.all([list.loadMore(), list.loadMore()]);
    assert.equal(world.sim!.counters.requests.records, 1);
    assert.equal(list.records.length, 40);
    assert.equal(new Set(list.records.map((r) => r.id)).size, 40);
    assert.equal(list.hasMore, false);
    assert.equal(list.nextOffset, -1);
    const all = await request({ method: 'GET', path: '/Cases', query: { max_num: 100, fields: 'name' } });
    assert.deepEqual(new Set(list.records.map((r) => r.id)), new Set((all.json as { records: Array<{ id: string }> }).records.map((r) => r.id)));
  });

  it('records of Users are named by full_name; the request asks only for the title and date', async () => {
    assert.equal(titleField(index.module('Users')), 'full_name');
    assert.deepEqual(recordPageRequest('Users', 'full_name', 40).query, { fields: 'full_name,date_modified', max_num: 20, order_by: 'date_modified:DESC', offset: 40 });
    const list = new RecordList('Users', 'full_name', request);
    await list.loadFirst();
    assert.ok(list.records.some((r) => r.name === 'Jim Brennan' || /\s/.test(r.name)), JSON.stringify(list.records.slice(0, 3)));
  });

  it('findRecords: POST /<M>/filter answers {records, nextOffset}; Sugar\'s 422 rejects with its explanation', async () => {
    const result = findRecordsResult(await request(findRecordsRequest({ module: 'Accounts', filter: [{ industry: 'Banking' }], fields: ['name', 'industry'], maxNum: 4, orderBy: 'name:ASC' })), 'Accounts');
    assert.equal(result.records.length, 4);
    assert.ok((result.records as Array<{ industry: string }>).every((r) => r.industry === 'Banking'));
    const names = (result.records as Array<{ name: string }>).map((r) => r.name);
    assert.deepEqual([...names].sort(), names);
    assert.equal(result.nextOffset, 4);
    const bad = await request(findRecordsRequest({ module: 'Accounts', filter: { nope: 'x' } }));
    assert.throws(() => findRecordsResult(bad, 'Accounts'), (error: unknown) => error instanceof SugarError && error.status === 422 && /Unknown field nope/.test(error.message));
    assert.throws(() => findRecordsRequest({ module: '../oauth2/token' }), /is not a module name/);
  });

  it('a hostile record answer: junk rows skipped, an id listed once, long names cut, at most MAX_RECORDS_SHOWN rows, a non-list explained', () => {
    const answer = (json: unknown, status = 200): ApiResponse => ({ status, headers: {}, json, isJson: true, text: '', sizeBytes: 0, timeMs: 0 });
    const rows = [null, 5, 'x', { name: 'no id' }, { id: 'a', name: 'x'.repeat(10_000) }, { id: 'a', name: 'twice' }, ...Array.from({ length: 1000 }, (_, i) => ({ id: `r${i}`, name: { nested: true } }))];
    const page = parseRecordPage(answer({ records: rows, next_offset: 'soon' }), 'name', 'GET /Accounts');
    assert.equal(page.records[0].id, 'a');
    assert.equal(page.records[0].name.length, 200);
    assert.ok(page.records.length <= MAX_RECORDS_SHOWN);
    assert.equal(page.records[1].name, 'r0', 'a name that is not text shows the id (and id "a" is listed once)');
    assert.equal(page.nextOffset, -1);
    assert.throws(() => parseRecordPage(answer({ records: 'none' }), 'name', 'GET /Accounts'), /GET \/Accounts answered 200 without the expected JSON/);
  });
});
