/**
 * The filter builder's results in the tree (issue 12 §4): a module's record list with a filter,
 * against the simulator over real sockets. The pages come from POST /<M>/filter with the filter,
 * Load More by next_offset with the same filter, the count from POST /<M>/filter/count; clearing
 * the filter lists every record again; an answer to a filter replaced meanwhile is dropped. And
 * what the Records row says.
 */
import assert from 'node:assert/strict';
import { buildFilter } from '../../src/core/schema/filterBuilder';
import { filteredCountRequest, filteredPageRequest, recordsRowText, SUMMARY_SHOWN_CHARS, type RecordFilter } from '../../src/core/schema/recordFilter';
import { RecordList, RECORD_PAGE_SIZE } from '../../src/core/schema/recordPages';
import type { ApiRequest } from '../../src/core/sugar/client';
import { SEED_COUNTS } from '../sim/data/seed';
import { makeWorld, needsSimulator, type World } from '../support/world';

/** Four of the ten industries the seed deals round: 24 of the 60 Accounts, more than a page. */
const INDUSTRIES = ['Banking', 'Energy', 'Finance', 'Technology'];
const FOUR_INDUSTRIES: RecordFilter = {
  filter: buildFilter([{ join: 'and', condition: { field: 'industry', operator: '$in', value: INDUSTRIES } }]),
  summary: 'Industry is any of Banking, Energy, Finance, Technology',
  orderBy: { field: 'name', direction: 'ASC' },
};

describe('records in the tree with a filter', function () {
  this.timeout(30000);
  let world: World;
  const sent: ApiRequest[] = [];
  const request = (r: ApiRequest, signal?: AbortSignal) => {
    sent.push(r);
    return world.engine.request(world.connectionId, r, signal);
  };
  /** Every Account in the simulator with the fields the test compares. */
  const allAccounts = async (): Promise<Array<{ id: string; name: string; industry: string }>> =>
    ((await request({ method: 'GET', path: '/Accounts', query: { max_num: 200, fields: 'name,industry' } })).json as { records: Array<{ id: string; name: string; industry: string }> }).records;

  before(async function () {
    needsSimulator(this, "compares with the simulator's seed records");
    world = await makeWorld();
    await world.engine.login(world.connectionId);
  });
  after(() => world?.close());
  beforeEach(() => {
    sent.length = 0;
  });

  it('lists the filtered records by POST /<M>/filter, Load More by next_offset with the same filter, the count of the filter; clearing lists all again', async () => {
    const matching = (await allAccounts()).filter((a) => INDUSTRIES.includes(a.industry));
    assert.ok(matching.length > RECORD_PAGE_SIZE && matching.length <= 2 * RECORD_PAGE_SIZE, `the test needs 21 to 40 matches, the seed has ${matching.length}`);
    const byName = matching.map((a) => a.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sent.length = 0;

    const list = new RecordList('Accounts', 'name', request);
    list.setFilter(FOUR_INDUSTRIES);
    await list.loadFirst();
    assert.equal(list.count, matching.length, 'the count of the filter, not of the module');
    assert.equal(list.records.length, RECORD_PAGE_SIZE);
    assert.deepEqual(list.records.map((r) => r.name), byName.slice(0, RECORD_PAGE_SIZE), 'the first page in the builder\'s order (name ascending)');
    assert.deepEqual(sent.map((r) => `${r.method} ${r.path}`).sort(), ['POST /Accounts/filter', 'POST /Accounts/filter/count']);
    assert.deepEqual(sent.find((r) => r.path === '/Accounts/filter/count')!.body, { filter: FOUR_INDUSTRIES.filter });

    sent.length = 0;
    await list.loadMore();
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].body, { filter: FOUR_INDUSTRIES.filter, fields: 'name,date_modified', max_num: RECORD_PAGE_SIZE, order_by: 'name:ASC', offset: RECORD_PAGE_SIZE });
    assert.deepEqual(list.records.map((r) => r.name), byName, 'Load More brought the rest of the filter, nothing else');
    assert.equal(list.hasMore, false);
    assert.deepEqual(new Set(list.records.map((r) => r.id)), new Set(matching.map((a) => a.id)));

    list.setFilter(undefined);
    assert.equal(list.loaded, false, 'a new filter starts from the first page');
    await list.loadFirst();
    assert.equal(list.count, SEED_COUNTS.Accounts);
    assert.ok(list.records.some((r) => !matching.some((a) => a.id === r.id)), 'unfiltered again');
    assert.equal(list.filter, undefined);
  });

  it("an answer to a filter replaced while it loaded is dropped; the new filter's rows show", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    // The first filter's requests wait until the second filter has been set and loaded.
    const slow = async (r: ApiRequest, signal?: AbortSignal) => {
      if (JSON.stringify(r.body ?? '').includes('Banking') && held++ < 2) await gate;
      return request(r, signal);
    };
    const list = new RecordList('Accounts', 'name', slow);
    list.setFilter(FOUR_INDUSTRIES);
    const first = list.loadFirst();
    const energyOnly: RecordFilter = { filter: [{ industry: 'Energy' }], summary: 'Industry is Energy' };
    list.setFilter(energyOnly);
    await list.loadFirst();
    release();
    await first;
    const energy = (await allAccounts()).filter((a) => a.industry === 'Energy');
    assert.equal(list.count, energy.length);
    assert.deepEqual(new Set(list.records.map((r) => r.id)), new Set(energy.map((a) => a.id)), 'the late answer of the first filter did not overwrite the rows');
    assert.equal(list.filter, energyOnly);
  });

  it('a filter Sugar refuses (422) fails the load with its explanation; the list stays unloaded to try again', async () => {
    const list = new RecordList('Accounts', 'name', request);
    list.setFilter({ filter: [{ nope: 'x' }], summary: 'nope is x' });
    await assert.rejects(list.loadFirst(), /Unknown field nope/);
    assert.equal(list.loaded, false);
    assert.match(list.error ?? '', /Unknown field nope/);
  });

  it('the requests: the filter in the body, the title and date asked for, newest first without an order', () => {
    const filter: RecordFilter = { filter: [{ industry: 'Banking' }], summary: 'Industry is Banking' };
    assert.deepEqual(filteredPageRequest('Users', 'full_name', filter, 0, 20), {
      method: 'POST',
      path: '/Users/filter',
      body: { filter: [{ industry: 'Banking' }], fields: 'full_name,date_modified', max_num: 20, order_by: 'date_modified:DESC' },
    });
    assert.equal((filteredPageRequest('Users', 'full_name', filter, 40, 20).body as { offset?: number }).offset, 40);
    assert.deepEqual(filteredCountRequest('Cases', filter), { method: 'POST', path: '/Cases/filter/count', body: { filter: [{ industry: 'Banking' }] } });
  });

  it('a module name that is not one never reaches a path', async () => {
    const list = new RecordList('../oauth2/token', 'name', request);
    list.setFilter({ filter: [], summary: 'all' });
    await assert.rejects(list.loadFirst(), /is not a module name/);
    assert.equal(sent.length, 0);
  });

  it('the Records row says it is filtered, how, and the count; the summary is cut, the tooltip has all and says the filter is kept in memory only', () => {
    assert.deepEqual(recordsRowText('Accounts', 60, undefined).label, 'Records');
    assert.equal(recordsRowText('Accounts', 60, undefined).description, '60 records');
    assert.equal(recordsRowText('Accounts', undefined, undefined).description, 'newest first');
    const shown = recordsRowText('Accounts', 12, { filter: [], summary: 'Industry is any of Banking, Energy' });
    assert.equal(shown.label, 'Records (filtered)');
    assert.equal(shown.description, 'Industry is any of Banking, Energy · 12 records');
    assert.match(shown.tooltip, /^Filtered: Industry is any of Banking, Energy\n/);
    assert.match(shown.tooltip, /newest first/);
    assert.match(shown.tooltip, /in memory only/);
    const one = recordsRowText('Accounts', 1, { filter: [], summary: 'x', orderBy: { field: 'name', direction: 'ASC' } });
    assert.equal(one.description, 'x · 1 record');
    assert.match(one.tooltip, /ordered by name ascending/);
    const long = 'Name starts with A or '.repeat(20);
    const cut = recordsRowText('Accounts', undefined, { filter: [], summary: long });
    assert.equal(cut.description.length, SUMMARY_SHOWN_CHARS);
    assert.ok(cut.description.endsWith('…'));
    assert.ok(cut.tooltip.includes(long));
  });
});
