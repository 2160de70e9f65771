/**
 * The schema index and its source against the simulator over real sockets: fields, labels,
 * dropdowns and links from /metadata and /lang, the cache shared by windows revalidated with one
 * conditional request, and hostile metadata that must not throw or hang.
 */
import assert from 'node:assert/strict';
import { buildSchemaIndex } from '../../src/core/schema/schemaIndex';
import { SchemaSource, type SchemaCacheStore } from '../../src/core/schema/schemaSource';
import { makeWorld, needsSimulator, type World } from '../support/world';

class MemorySchemaCache implements SchemaCacheStore {
  readonly files = new Map<string, string>();
  async read(key: string): Promise<string | undefined> {
    return this.files.get(key);
  }
  async write(key: string, text: string): Promise<void> {
    this.files.set(key, text);
  }
}

describe('schema index', function () {
  this.timeout(30000);
  let world: World;
  before(async function () {
    needsSimulator(this, 'counts the metadata requests');
    world = await makeWorld();
    await world.engine.login(world.connectionId);
  });
  after(() => world?.close());

  const requester = () => (request: Parameters<World['engine']['request']>[1], signal?: AbortSignal) => world.engine.request(world.connectionId, request, signal);

  it('knows modules, fields with labels and dropdowns, relate fields and links', async () => {
    const source = new SchemaSource(new MemorySchemaCache());
    const index = await source.get('k', requester());
    assert.deepEqual(['Accounts', 'Cases', 'Contacts', 'Leads', 'Notes', 'Opportunities', 'Users'].every((m) => index.moduleNames.includes(m)), true);
    const accounts = index.module('Accounts')!;
    const industry = accounts.field('industry')!;
    assert.equal(industry.label, 'Industry');
    assert.equal(industry.optionsName, 'industry_dom');
    assert.deepEqual(industry.options!.slice(0, 3), [{ key: '', label: '' }, { key: 'Apparel', label: 'Apparel' }, { key: 'Banking', label: 'Banking' }]);
    assert.equal(accounts.field('name')!.required, true);
    assert.equal(accounts.field('name')!.len, 150);
    assert.equal(accounts.field('regions_c')!.custom, true);
    assert.equal(index.module('Contacts')!.field('account_name')!.relatedModule, 'Accounts');
    assert.deepEqual(accounts.linkNamed('contacts'), { name: 'contacts', module: 'Contacts', relationship: 'accounts_contacts', kind: 'many' });
    assert.equal(index.module('Contacts')!.linkNamed('accounts')!.kind, 'one');
    assert.equal(index.module('Cases')!.field('priority')!.options![0].label, 'High');
    const dateOps = index.operatorsFor('date').map((o) => o.operator);
    assert.ok(dateOps.includes('$dateBetween') && dateOps.includes('$dateRange') && !dateOps.includes('$starts'));
    assert.deepEqual(index.operatorsFor('enum').slice(0, 2).map((o) => o.operator), ['$in', '$not_in']);
  });

  it('a second window revalidates the shared cache with one 304, and a schema change is picked up', async () => {
    const cache = new MemorySchemaCache();
    await new SchemaSource(cache).get('k', requester());
    world.sim!.resetCounters();
    const other = await new SchemaSource(cache).get('k', requester());
    assert.equal(world.sim!.counters.requests.metadata, 1);
    assert.equal(world.sim!.counters.requests.lang ?? 0, 0, 'labels come from the cache');
    assert.ok(other.module('Accounts')!.field('industry')!.options!.length > 10);
    world.sim!.addCustomField('Accounts', 'tier_c', 'varchar');
    const changed = await new SchemaSource(cache).get('k', requester());
    assert.ok(changed.module('Accounts')!.field('tier_c'));
    assert.notEqual(changed.hash, other.hash);
  });

  it('shares one load between callers asking at once', async () => {
    const source = new SchemaSource(new MemorySchemaCache());
    world.sim!.resetCounters();
    const [a, b] = await Promise.all([source.get('k', requester()), source.get('k', requester())]);
    assert.equal(a, b);
    assert.equal(world.sim!.counters.requests.metadata, 1);
  });

  it('survives hostile metadata: wrong shapes, huge counts, no labels', () => {
    const fields: Record<string, unknown> = { _hash: 'x', a: null, b: 'text', c: { type: 5, vname: { x: 1 } }, d: { type: 'enum', options: 'missing_dom' } };
    for (let i = 0; i < 10_000; i++) fields[`f${i}`] = { type: 'varchar' };
    const index = buildSchemaIndex({ _hash: 7, modules: { _hash: 'h', M: { fields }, N: 'nope', O: { fields: [1, 2] } }, filters: { operators: { meta: 'x' } } }, { mod_strings: 3 });
    const m = index.module('M')!;
    assert.equal(m.field('c')!.type, 'varchar');
    assert.equal(m.field('c')!.label, 'c');
    assert.equal(m.field('d')!.options, undefined);
    assert.ok(m.fields.length <= 3000);
    assert.equal(index.hash, '');
    assert.throws(() => buildSchemaIndex('not metadata', {}), /no modules/);
  });
});
