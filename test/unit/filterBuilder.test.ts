/**
 * The filter builder's pure part (values per type, the filter JSON from and/or steps, the .sugar
 * text) and what it builds sent to the simulator over real sockets: the records that come back
 * must be exactly those the conditions describe.
 */
import assert from 'node:assert/strict';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import {
  buildFilter, countRequestBody, dateShortcuts, describeCondition, filterRequestBody, judgeValue, localDay, readRecordCount, readValue,
  sugarFileText, valueKindFor, type FilterRequest, type JoinedCondition, type ValueKind,
} from '../../src/core/schema/filterBuilder';
import { LatestOnly } from '../../src/core/schema/latestOnly';
import { makeWorld, needsSimulator, type World } from '../support/world';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const and = (field: string, operator: string, value?: JoinedCondition['condition']['value']): JoinedCondition => ({ join: 'and', condition: { field, operator, value } });
const or = (field: string, operator: string, value?: JoinedCondition['condition']['value']): JoinedCondition => ({ join: 'or', condition: { field, operator, value } });
const industry = { type: 'enum', options: [{ key: '', label: '' }, { key: 'Banking', label: 'Banking' }, { key: 'Energy', label: 'Energy' }] };

describe('filter builder', () => {
  describe('values per type', () => {
    it('asks for the value each operator wants on each field type', () => {
      const enumIn = valueKindFor(industry, '$in');
      assert.equal(enumIn.kind, 'option');
      assert.equal(enumIn.kind === 'option' && enumIn.many, true);
      assert.deepEqual(enumIn.kind === 'option' && enumIn.options.map((o) => o.key), ['Banking', 'Energy'], 'the blank key is "is empty", not a row');
      assert.deepEqual(valueKindFor(industry, '$equals'), { kind: 'option', many: false, options: industry.options.slice(1) });
      assert.deepEqual(valueKindFor({ type: 'multienum', options: industry.options }, '$contains').kind === 'option' && (valueKindFor({ type: 'multienum', options: industry.options }, '$contains') as Json).many, true);
      assert.deepEqual(valueKindFor(industry, '$empty'), { kind: 'none' });
      assert.deepEqual(valueKindFor({ type: 'date' }, '$dateBetween'), { kind: 'date', count: 2 });
      assert.deepEqual(valueKindFor({ type: 'datetime' }, '$gte'), { kind: 'date', count: 1 });
      assert.deepEqual(valueKindFor({ type: 'date' }, '$dateRange'), { kind: 'dateRange' });
      assert.deepEqual(valueKindFor({ type: 'date' }, '$last_x_days'), { kind: 'days' });
      assert.deepEqual(valueKindFor({ type: 'currency' }, '$between'), { kind: 'number', count: 2 });
      assert.deepEqual(valueKindFor({ type: 'int' }, '$in'), { kind: 'list', numbers: true });
      assert.deepEqual(valueKindFor({ type: 'varchar' }, '$in'), { kind: 'list', numbers: false });
      assert.deepEqual(valueKindFor({ type: 'name' }, '$starts'), { kind: 'text' });
      assert.deepEqual(valueKindFor({ type: 'bool' }, '$equals'), { kind: 'bool' });
    });

    it('judges typed values: real days as YYYY-MM-DD, numbers, bounded lists', () => {
      const date: ValueKind = { kind: 'date', count: 1 };
      assert.equal(judgeValue(date, '2024-02-29'), undefined);
      for (const bad of ['2023-02-29', '2024-13-01', '2024-6-1', '01/06/2024', '', '2024-06-01x']) assert.ok(judgeValue(date, bad), `accepted ${bad}`);
      assert.ok(judgeValue({ kind: 'number', count: 1 }, '12,5'));
      assert.equal(judgeValue({ kind: 'number', count: 1 }, '-12.5'), undefined);
      assert.ok(judgeValue({ kind: 'days' }, '0'));
      assert.equal(judgeValue({ kind: 'days' }, '30'), undefined);
      assert.ok(judgeValue({ kind: 'list', numbers: false }, ' , ,'));
      assert.match(judgeValue({ kind: 'list', numbers: true }, '1, x') ?? '', /"x" is not a number/);
      assert.ok(judgeValue({ kind: 'list', numbers: false }, Array.from({ length: 101 }, (_, i) => `v${i}`).join(',')), '101 items');
      assert.ok(judgeValue({ kind: 'text' }, 'x'.repeat(1001)), 'a 1001-character value');
      assert.deepEqual(readValue({ kind: 'list', numbers: false }, ' Acme Corp , Globex ,'), ['Acme Corp', 'Globex']);
      assert.deepEqual(readValue({ kind: 'list', numbers: true }, '1, 2.5'), [1, 2.5]);
      assert.equal(readValue({ kind: 'days' }, ' 7 '), 7);
      assert.equal(readValue({ kind: 'bool' }, 'true'), true);
    });

    it('offers date shortcuts relative to the local day', () => {
      const now = new Date(2024, 2, 1, 9).getTime(); // 1 March 2024, local
      const shortcuts = Object.fromEntries(dateShortcuts(now).map((s) => [s.label, s.value]));
      assert.equal(shortcuts.today, '2024-03-01');
      assert.equal(shortcuts.yesterday, '2024-02-29');
      assert.equal(shortcuts['start of this year'], '2024-01-01');
      assert.equal(localDay(now), '2024-03-01');
    });
  });

  describe('the filter JSON', () => {
    it('ANDs at the top, puts "or" groups in one $or with $and inside, and sends no value for $empty', () => {
      assert.deepEqual(buildFilter([]), []);
      assert.deepEqual(buildFilter([and('industry', '$in', ['Banking', 'Energy']), and('name', '$starts', 'A')]), [{ industry: { $in: ['Banking', 'Energy'] } }, { name: { $starts: 'A' } }]);
      assert.deepEqual(buildFilter([and('a', '$equals', 1), or('b', '$empty'), and('c', '$gt', 2)]), [
        { $or: [{ a: { $equals: 1 } }, { $and: [{ b: { $empty: '' } }, { c: { $gt: 2 } }] }] },
      ]);
      assert.deepEqual(countRequestBody([and('x', '$equals', 'y')]), { filter: [{ x: { $equals: 'y' } }] });
      assert.equal(readRecordCount({ record_count: 12 }), 12);
      for (const bad of [null, 'x', { record_count: '12' }, { record_count: -1 }, {}]) assert.equal(readRecordCount(bad), undefined);
    });

    it('describes a condition with option labels', () => {
      const kind = valueKindFor({ type: 'enum', options: [{ key: 'Bank', label: 'Banking & Finance' }] }, '$in');
      assert.equal(describeCondition('Industry', 'is any of', kind, ['Bank']), 'Industry is any of Banking & Finance');
      assert.equal(describeCondition('Closed', 'between dates', { kind: 'date', count: 2 }, ['2024-06-01', '2024-06-30']), 'Closed between dates 2024-06-01 and 2024-06-30');
    });

    it('writes a .sugar request that the request-file parser reads back whole', () => {
      const request: FilterRequest = { module: 'Accounts', conditions: [and('industry', '$in', ['Banking', 'Energy'])], fields: ['name', 'industry'], orderBy: { field: 'name', direction: 'ASC' }, maxNum: 50 };
      const text = sugarFileText(request, { connection: 'Sim\n(admin)', sudoUser: 'jim', title: 'Accounts: Industry is any of Banking, Energy' });
      const [parsed, ...more] = parseRequestFile(text);
      assert.equal(more.length, 0);
      assert.deepEqual(parsed.errors, []);
      assert.equal(parsed.method, 'POST');
      assert.equal(parsed.path, '/Accounts/filter');
      assert.equal(parsed.headers['Content-Type'], 'application/json');
      assert.deepEqual(parsed.connection, { name: 'Sim (admin)', sudoUser: 'jim' });
      assert.deepEqual(JSON.parse(parsed.body!), { filter: [{ industry: { $in: ['Banking', 'Energy'] } }], fields: 'name,industry', order_by: 'name:ASC', max_num: 50 });
      assert.ok(text.includes('\n  "filter": [\n'), 'the body is pretty-printed');
      assert.equal(filterRequestBody({ ...request, maxNum: 1e9 }).max_num, 1000);
    });
  });

  describe('LatestOnly', () => {
    it('delivers only the newest answer and aborts the older work', async () => {
      const latest = new LatestOnly<number>();
      const delivered: number[] = [];
      const aborted: number[] = [];
      const releases: Array<() => void> = [];
      const work = (n: number) => (signal: AbortSignal) =>
        new Promise<number>((resolve) => {
          signal.addEventListener('abort', () => aborted.push(n));
          releases.push(() => resolve(n));
        });
      latest.run(work(1), (n) => delivered.push(n));
      latest.run(work(2), (n) => delivered.push(n));
      releases[1]();
      releases[0]();
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(delivered, [2]);
      assert.deepEqual(aborted, [1]);
      latest.run(work(3), (n) => delivered.push(n));
      latest.cancel();
      releases[2]();
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(delivered, [2]);
    });
  });

  describe('against the simulator', function () {
    this.timeout(30000);
    let world: World;
    before(async function () {
      needsSimulator(this, 'knows which records the seed holds');
      world = await makeWorld();
      await world.engine.login(world.connectionId);
    });
    after(() => world?.close());

    const post = async (path: string, body: unknown): Promise<Json> => {
      const response = await world.engine.request(world.connectionId, { method: 'POST', path, body });
      assert.equal(response.status, 200, response.text.slice(0, 300));
      return response.json;
    };
    const records = async (module: string, conditions: JoinedCondition[], fields: string[]): Promise<Json[]> =>
      (await post(`/${module}/filter`, filterRequestBody({ module, conditions, fields, maxNum: 1000 }))).records;

    it('industry is any of Banking, Energy: 12 Accounts, and the count agrees', async () => {
      const conditions = [and('industry', '$in', ['Banking', 'Energy'])];
      const found = await records('Accounts', conditions, ['name', 'industry']);
      assert.equal(found.length, 12);
      assert.ok(found.every((r) => r.industry === 'Banking' || r.industry === 'Energy'));
      assert.equal(readRecordCount(await post('/Accounts/filter/count', countRequestBody(conditions))), 12);
    });

    it('the .sugar file\'s body, sent as written, answers the same 12 records', async () => {
      const text = sugarFileText({ module: 'Accounts', conditions: [and('industry', '$in', ['Banking', 'Energy'])], fields: ['name'], orderBy: { field: 'name', direction: 'DESC' }, maxNum: 20 }, { connection: 'x', title: 't' });
      const [request] = parseRequestFile(text);
      const answer = await post(request.path, JSON.parse(request.body!));
      assert.equal(answer.records.length, 12);
      const names = answer.records.map((r: Json) => r.name);
      assert.deepEqual(names, [...names].sort((a, b) => b.localeCompare(a)), 'ordered by name, descending');
    });

    it('a date range: $dateBetween gives exactly the Opportunities closing in June 2024', async () => {
      const all = await records('Opportunities', [], ['date_closed']);
      const june = all.filter((r) => typeof r.date_closed === 'string' && r.date_closed >= '2024-06-01' && r.date_closed <= '2024-06-30');
      assert.ok(june.length > 0 && june.length < all.length, 'the seed has some, not all, in June');
      const found = await records('Opportunities', [and('date_closed', '$dateBetween', ['2024-06-01', '2024-06-30'])], ['date_closed']);
      assert.deepEqual(found.map((r) => r.id).sort(), june.map((r) => r.id).sort());
      const before = await records('Opportunities', [and('date_closed', '$dateRange', 'before_today')], ['date_closed']);
      assert.equal(before.length, all.filter((r) => r.date_closed && r.date_closed < localDay(Date.now())).length);
    });

    it('"or" and "and": (Banking and name starts with W) or Energy', async () => {
      const all = await records('Accounts', [], ['name', 'industry']);
      const expected = all.filter((r) => (r.industry === 'Banking' && r.name.toLowerCase().startsWith('w')) || r.industry === 'Energy');
      const found = await records('Accounts', [and('industry', '$equals', 'Banking'), and('name', '$starts', 'W'), or('industry', '$in', ['Energy'])], ['name', 'industry']);
      assert.deepEqual(found.map((r) => r.id).sort(), expected.map((r) => r.id).sort());
      assert.ok(found.length > 6, 'the six in Energy and at least one Banking account starting with W');
      const either = await records('Accounts', [and('name', '$starts', 'acme'), or('industry', '$in', ['Energy'])], ['name']);
      assert.equal(either.length, 5 + 6);
    });
  });
});
