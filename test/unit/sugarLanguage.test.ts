/**
 * IntelliSense for `.sugar` files against an index read from the simulator over a real socket:
 * completion at each kind of place (path, query, record body, filter conditions, operators,
 * dropdown values, variables), hovers, and warnings in Sugar's own words with their quick fixes.
 */
import assert from 'node:assert/strict';
import { MAX_VARIABLE_NAMES, responseVariableNames } from '../../src/core/explore/responseVariables';
import type { SchemaIndex } from '../../src/core/schema/schemaIndex';
import { SchemaSource, type SchemaCacheStore } from '../../src/core/schema/schemaSource';
import { closestName, schemaWarnings } from '../../src/core/schema/sugarDiagnostics';
import { completionDocumentation, sugarCompletions, sugarHover, type CatalogEndpoint, type LanguageInput } from '../../src/core/schema/sugarLanguage';
import { makeWorld, needsSimulator, type World } from '../support/world';

class MemoryCache implements SchemaCacheStore {
  private readonly files = new Map<string, string>();
  async read(key: string): Promise<string | undefined> {
    return this.files.get(key);
  }
  async write(key: string, text: string): Promise<void> {
    this.files.set(key, text);
  }
}

/** `|` marks the cursor; the rest is the file. */
function at(marked: string, index?: SchemaIndex, catalog?: CatalogEndpoint[]): LanguageInput {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the text marks the cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length }, index, catalog };
}

const CATALOG: CatalogEndpoint[] = [
  { method: 'GET', path: '/<module>/filter', summary: 'Lists filtered records.' },
  { method: 'GET', path: '/<module>/:record/link/:link_name', summary: 'Related records.' },
  { method: 'GET', path: '/<module>/count' },
  { method: 'GET', path: '/me' },
  { method: 'GET', path: '/ping' },
  { method: 'POST', path: '/oauth2/token' },
];

describe('sugar language: completion, hover and warnings from the schema', function () {
  this.timeout(30000);
  let world: World;
  let index: SchemaIndex;
  before(async function () {
    needsSimulator(this, 'reads the simulator\'s schema');
    world = await makeWorld();
    await world.engine.login(world.connectionId);
    index = await new SchemaSource(new MemoryCache()).get('k', (request, signal) => world.engine.request(world.connectionId, request, signal));
  });
  after(() => world?.close());

  const labels = (input: LanguageInput): string[] => sugarCompletions(input)?.items.map((i) => i.label) ?? [];

  describe('completion', () => {
    it('offers module names after the method, and /help paths while no index is loaded', () => {
      const modules = labels(at('GET /Acc|', index, CATALOG));
      assert.ok(modules.includes('Accounts') && modules.includes('Contacts'), modules.join());
      assert.ok(modules.includes('me') && modules.includes('ping'), 'routes from /help too');
      assert.ok(!modules.includes('oauth2'), 'only routes of the same method');
      const withoutIndex = labels(at('GET /|', undefined, CATALOG));
      assert.deepEqual(withoutIndex.sort(), ['me', 'ping']);
      const answer = sugarCompletions(at('GET /Acc|ounts?max_num=1', index))!;
      assert.deepEqual(answer.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 13 } }, 'the whole segment is replaced');
    });

    it('offers the next path segments from /help, and link names after /link/', () => {
      assert.deepEqual(labels(at('GET /Accounts/|', index, CATALOG)).sort(), ['count', 'filter']);
      const links = labels(at('GET /Accounts/abc-1/link/|', index, CATALOG));
      assert.ok(links.includes('contacts') && links.includes('opportunities'), links.join());
      assert.ok(!links.includes('name'), 'links, not fields');
      const enumFields = labels(at('GET /Accounts/enum/|', index));
      assert.ok(enumFields.includes('industry') && !enumFields.includes('name'));
    });

    it('offers fields in fields= and order_by=, on the request line and continuation lines', () => {
      const answer = sugarCompletions(at('### x\nGET /Accounts?max_num=2&fields=name,ind|', index))!;
      const industry = answer.items.find((i) => i.label === 'industry')!;
      assert.ok(industry.detail?.startsWith('Industry · enum'), industry.detail);
      assert.match(completionDocumentation(industry, index)!, /dropdown `industry_dom`/, 'made when shown');
      assert.deepEqual(answer.range, { start: { line: 1, character: 36 }, end: { line: 1, character: 39 } });
      assert.ok(labels(at('GET /Contacts\n  &order_by=last_|', index)).includes('last_name'));
      assert.deepEqual(labels(at('GET /Contacts?order_by=last_name:d|', index)), ['asc', 'desc']);
      assert.ok(labels(at('GET /Accounts?max|', index)).includes('max_num'));
      assert.equal(sugarCompletions(at('GET /Accounts?q=ind|', index)), undefined, 'not every query value is a field');
    });

    it('offers fields as keys of a record body, with required ones first', () => {
      const answer = sugarCompletions(at('POST /Accounts\nContent-Type: application/json\n\n{\n  "na|"\n}', index))!;
      const name = answer.items.find((i) => i.label === 'name')!;
      assert.equal(name.insertText, '"name"');
      assert.equal(name.filterText, '"name"');
      assert.ok(name.sortText!.startsWith('0'), 'required');
      assert.deepEqual(answer.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } }, 'the key with its quotes');
      assert.ok(labels(at('PUT /Contacts/abc\n\n{"first_name": "A", |}', index)).includes('last_name'));
      assert.ok(labels(at('POST /Accounts/abc/link/contacts\n\n{|}', index)).includes('last_name'), 'a related record: the linked module\'s fields');
    });

    it('offers fields, $or and macros in filter conditions, and only operators valid for the type', () => {
      const conditions = labels(at('POST /Accounts/filter\n\n{"filter": [{"$or": [{|}]}]}', index));
      assert.ok(conditions.includes('industry') && conditions.includes('$and') && conditions.includes('$owner'));
      const top = labels(at('POST /Accounts/filter\n\n{"|"}', index));
      assert.ok(top.includes('filter') && top.includes('max_num') && !top.includes('industry'));
      const dateOps = labels(at('POST /Accounts/filter\n\n{"filter": [{"date_entered": {"|"}}]}', index));
      assert.ok(dateOps.includes('$dateBetween') && dateOps.includes('$last_x_days'));
      assert.ok(!dateOps.includes('$starts'));
      const enumOps = labels(at('POST /Accounts/filter\n\n{"filter": [{"industry": {|}}]}', index));
      assert.deepEqual(enumOps.slice(0, 2), ['$in', '$not_in']);
      const related = labels(at('POST /Contacts/filter\n\n{"filter": [{"accounts.industry": {"$|"}}]}', index));
      assert.ok(related.includes('$in'), 'a related field through its link');
    });

    it('offers dropdown keys as values, and $dateRange names', () => {
      const direct = sugarCompletions(at('POST /Accounts/filter\n\n{"filter": [{"industry": "Ba|"}]}', index))!;
      const banking = direct.items.find((i) => i.label === 'Banking')!;
      assert.equal(banking.insertText, '"Banking"');
      const inList = labels(at('POST /Accounts/filter\n\n{"filter": [{"account_type": {"$in": ["Customer", |]}}]}', index));
      assert.ok(inList.includes('Investor') && !inList.includes('Banking'));
      assert.ok(labels(at('PUT /Accounts/x\n\n{"industry": "|"}', index)).includes('Retail'));
      assert.ok(labels(at('POST /Accounts/filter\n\n{"filter": [{"date_entered": {"$dateRange": "|"}}]}', index)).includes('last_7_days'));
      assert.ok(labels(at('POST /Accounts/filter\n\n{"fields": "name,ind|"}', index)).includes('industry'), 'a fields list in the body');
    });

    it('offers variables inside {{ and nothing Sugar-specific elsewhere', () => {
      assert.ok(labels(at('GET /Accounts/{{rec|', index)).includes('records.0.id'));
      assert.ok(labels(at('PUT /Accounts/x\n\n{"name": "{{|"}', index)).includes('response'));
      assert.equal(sugarCompletions(at('# just a comment|\nGET /ping', index)), undefined);
      assert.equal(sugarCompletions(at('GET /ping\nX-Header: a|', index)), undefined);
    });

    it("offers the keys of the file's last JSON response as variables, the first record's too; secrets and long values are not previewed", () => {
      const previous = {
        next_offset: 20,
        records: [{ id: 'a1', name: 'Acme', download_token: 'x'.repeat(10) }, { id: 'b2' }],
        access_token: 'tok-123',
        'bad key': 1,
        note: 'y'.repeat(100),
      };
      const variables = responseVariableNames(previous);
      const answer = sugarCompletions({ ...at('GET /Accounts/{{|', index), variables })!;
      assert.deepEqual(answer.items.map((i) => i.label), ['response', 'next_offset', 'records', 'access_token', 'note', 'records.0.id', 'records.0.name', 'records.0.download_token']);
      const detail = (label: string) => answer.items.find((i) => i.label === label)?.detail;
      assert.equal(detail('next_offset'), '20 in the previous response');
      assert.equal(detail('records.0.name'), '"Acme" in the previous response');
      assert.equal(detail('records'), 'list of 2 in the previous response');
      assert.equal(detail('access_token'), 'string in the previous response', 'a credential is not shown');
      assert.equal(detail('records.0.download_token'), 'string in the previous response');
      assert.equal(detail('note'), 'string in the previous response', 'a long value is not shown');
      // Before any response: the usual names; a string answer: response alone; a huge one: bounded.
      assert.deepEqual(responseVariableNames(undefined), []);
      assert.ok(labels(at('GET /Accounts/{{|', index)).includes('records.0.id'));
      assert.deepEqual(responseVariableNames('pong').map(([name]) => name), ['response']);
      const huge = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
      assert.equal(responseVariableNames(huge).length, MAX_VARIABLE_NAMES);
    });
  });

  describe('hover', () => {
    it('shows a field\'s label, type, required, length and options, and a dropdown key\'s label', () => {
      const field = sugarHover(at('GET /Accounts?fields=indu|stry', index))!;
      assert.match(field.markdown, /\*\*industry\*\*: Industry/);
      assert.match(field.markdown, /type `enum` · optional · length 50 · dropdown `industry_dom`/);
      assert.match(field.markdown, /`Apparel`/);
      assert.match(sugarHover(at('POST /Accounts\n\n{"na|me": "x"}', index))!.markdown, /required · length 150/);
      const option = sugarHover(at('POST /Cases/filter\n\n{"filter": [{"priority": "P|1"}]}', index))!;
      assert.match(option.markdown, /\*\*P1\*\*: High/);
      assert.match(sugarHover(at('GET /Accounts/1/link/cont|acts', index))!.markdown, /link to Contacts/);
      assert.equal(sugarHover(at('GET /Accounts?fields=nope|', index)), undefined);
    });
  });

  describe('warnings', () => {
    it('an unknown field in a filter, with the closest name as the quick fix', () => {
      const text = 'POST /Accounts/filter\nContent-Type: application/json\n\n{\n  "filter": [{"nope": "x"}, {"$or": [{"industy": {"$in": ["Banking"]}}]}]\n}';
      const warnings = schemaWarnings(text, index);
      assert.deepEqual(warnings.map((w) => w.message), ['Unknown field nope', 'Unknown field industy']);
      assert.deepEqual(warnings[0].range, { start: { line: 4, character: 14 }, end: { line: 4, character: 20 } });
      assert.equal(warnings[0].replacement, undefined, 'nothing close to "nope"');
      assert.equal(warnings[1].replacement, '"industry"');
    });

    it('operators: unknown ones in Sugar\'s words, known ones not valid for the type', () => {
      const text = 'POST /Accounts/filter\n\n{"filter": [{"name": {"$strats": "A"}}, {"date_entered": {"$starts": "2020"}}, {"$bogus": 1}]}';
      const warnings = schemaWarnings(text, index);
      assert.equal(warnings[0].message, 'Did not recognize the operand: $strats');
      assert.equal(warnings[0].replacement, '"$starts"');
      assert.match(warnings[1].message, /^\$starts is not an operator for datetime fields/);
      assert.equal(warnings[2].message, 'Did not recognize the operand: $bogus');
      assert.equal(warnings.length, 3);
    });

    it('an unknown module, query fields, order_by and record keys; good requests have none', () => {
      const text = [
        'GET /Acounts?fields=name',
        '###',
        'GET /Accounts?fields=name,industy&order_by=nmae:desc',
        '###',
        'PUT /Accounts/x',
        '',
        '{"name": "A", "biling_address_city": "B", "id": "x"}',
        '###',
        'GET /me',
        '###',
        'POST /Contacts/filter',
        '',
        '{"filter": [{"accounts.industry": "Banking", "last_name": {"$starts": "A"}}], "max_num": 2}',
      ].join('\n');
      const warnings = schemaWarnings(text, index);
      assert.deepEqual(warnings.map((w) => [w.message, w.replacement, w.range.start.line, w.range.start.character]), [
        ['Unknown module Acounts: Sugar answers 404 "Could not find a route"', 'Accounts', 0, 5],
        ['Unknown field industy', 'industry', 2, 26],
        ['Non existing field: nmae in module: Accounts', 'name', 2, 43],
        ['Unknown field biling_address_city', '"billing_address_city"', 6, 14],
      ]);
    });

    it('closest names stay within a small distance', () => {
      assert.equal(closestName('industy', ['industry', 'name']), 'industry');
      assert.equal(closestName('zzzzzz', ['industry', 'name']), undefined);
      assert.equal(closestName('x', ['y', 'name']), 'y');
    });
  });
});
