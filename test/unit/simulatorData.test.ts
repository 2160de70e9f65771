/**
 * The simulator's data API against shared/sugar-data-api.md, over real sockets: metadata (filters,
 * hashes, ETag, the 412 flow), labels and dropdowns, the filter API with its 422 answers, records
 * with the edit conflict, links, files and /bulk. The metadata features build on these answers.
 */
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../sim';

const V = 'v11_24';
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

async function call(sim: Simulator, method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: RequestInit['body'] } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers['OAuth-Token'] = o.token;
  let body: RequestInit['body'] = o.raw;
  if (o.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const r = await fetch(`${sim.url}/rest/${V}${path}`, { method, headers, body });
  const text = await r.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

async function token(sim: Simulator, user = 'jim'): Promise<{ access_token: string; download_token: string }> {
  const r = await call(sim, 'POST', '/oauth2/token', { body: { grant_type: 'password', client_id: 'sugar', client_secret: '', username: user, password: user, platform: 'custom_api' } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

function error(r: Res, status: number, label: string, message?: string): void {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error, label, r.text);
  if (message !== undefined) assert.equal(r.json.error_message, message);
}

describe('Sugar simulator: data API', function () {
  this.timeout(30000);
  let sim: Simulator;
  let t: string;
  before(async () => {
    sim = await startSimulator({ quiet: true });
    t = (await token(sim)).access_token;
  });
  after(() => sim?.close());

  describe('metadata and labels', () => {
    it('answers every section with its own _hash, vardefs under modules.<M>.fields', async () => {
      const r = await call(sim, 'GET', '/metadata', { token: t });
      assert.equal(r.status, 200);
      for (const section of ['modules', 'full_module_list', 'currencies', 'relationships', 'server_info', 'labels', 'filters', 'config']) {
        assert.match(r.json[section]._hash, /^[0-9a-f]{32}$/, section);
      }
      for (const m of ['Accounts', 'Contacts', 'Leads', 'Opportunities', 'Cases', 'Notes', 'Users']) assert.ok(r.json.modules[m]._hash, m);
      const industry = r.json.modules.Accounts.fields.industry;
      assert.deepEqual([industry.type, industry.options, industry.vname], ['enum', 'industry_dom', 'LBL_INDUSTRY']);
      assert.equal(r.json.modules.Accounts.fields.contacts.type, 'link');
      assert.equal(r.json.modules.Accounts.fields.contacts.link_type, undefined, 'to-many links have no link_type');
      assert.equal(r.json.modules.Contacts.fields.account_name.module, 'Accounts');
      assert.equal(r.json.modules.Accounts.fields.regions_c.type, 'multienum');
      assert.equal(r.headers.get('etag'), r.json._hash);
    });

    it('filters by type and module, answers only hashes, leaves out what the client has, and 304s on the ETag', async () => {
      const full = (await call(sim, 'GET', '/metadata', { token: t })).json;
      const some = (await call(sim, 'GET', '/metadata?type_filter=modules,relationships,nonsense&module_filter=Cases', { token: t })).json;
      assert.deepEqual(Object.keys(some).sort(), ['_hash', 'modules', 'relationships']);
      assert.deepEqual(Object.keys(some.modules).sort(), ['Cases', '_hash']);
      assert.ok(Object.values(some.relationships).filter((x: Json) => typeof x === 'object').every((x: Json) => x.checked === 1 && (x.lhs_module === 'Cases' || x.rhs_module === 'Cases')));
      const hashes = (await call(sim, 'GET', '/metadata?only_hash=1&type_filter=modules,labels', { token: t })).json;
      assert.deepEqual(hashes.labels, { _hash: full.labels._hash });
      assert.deepEqual(hashes.modules.Accounts, { _hash: full.modules.Accounts._hash });
      const known = (await call(sim, 'GET', `/metadata?type_filter=modules,labels&labels=${full.labels._hash}&modules[Accounts]=${full.modules.Accounts._hash}`, { token: t })).json;
      assert.equal(known.labels, undefined);
      assert.equal(known.modules.Accounts, undefined);
      assert.ok(known.modules.Contacts);
      const cached = await call(sim, 'GET', '/metadata?type_filter=modules', { token: t, headers: { 'If-None-Match': full._hash } });
      assert.equal(cached.status, 304);
      assert.equal(cached.text, '');
    });

    it('changes the hash when the schema changes, and answers 412 to a stale X-Metadata-Hash', async () => {
      const before = (await call(sim, 'GET', '/metadata?only_hash=1', { token: t })).json;
      assert.equal((await call(sim, 'GET', '/Accounts?max_num=1', { token: t, headers: { 'X-Metadata-Hash': before._hash } })).status, 200);
      sim.addCustomField('Accounts', 'tier_c', 'enum', { options: 'account_type_dom' });
      const stale = await call(sim, 'GET', '/Accounts?max_num=1', { token: t, headers: { 'X-Metadata-Hash': before._hash } });
      error(stale, 412, 'metadata_out_of_date', 'Your metadata or user hash did not match the server. Please resync your metadata.');
      const after = (await call(sim, 'GET', '/metadata?only_hash=1', { token: t })).json;
      assert.notEqual(after._hash, before._hash);
      assert.notEqual(after.modules.Accounts._hash, before.modules.Accounts._hash);
      assert.equal(after.modules.Contacts._hash, before.modules.Contacts._hash, 'other modules keep their hash');
      assert.equal((await call(sim, 'GET', '/metadata', { token: t, headers: { 'If-None-Match': before._hash } })).status, 200);
      const fresh = (await call(sim, 'GET', '/metadata?type_filter=modules&module_filter=Accounts', { token: t })).json;
      assert.equal(fresh.modules.Accounts.fields.tier_c.type, 'enum');
    });

    it('answers labels and dropdowns from /lang, in order with ordered=1, and one dropdown from /<M>/enum/<field>', async () => {
      const lang = (await call(sim, 'GET', '/lang/en_us', { token: t })).json;
      assert.equal(lang.mod_strings.Accounts.LBL_INDUSTRY, 'Industry');
      assert.equal(lang.app_strings.LBL_NAME, 'Name');
      assert.equal(lang.app_list_strings.industry_dom.Banking, 'Banking');
      assert.equal(lang.app_list_strings.case_priority_dom.P1, 'High');
      assert.match(lang._hash, /^[0-9a-f]{32}$/);
      const ordered = (await call(sim, 'GET', '/lang/en_us?ordered=1', { token: t })).json;
      assert.deepEqual(ordered.app_list_strings.probability_dom.map((x: [string, string]) => x[0]), ['10', '20', '50', '100', '0']);
      const e = await call(sim, 'GET', '/Cases/enum/priority', { token: t });
      assert.deepEqual(e.json, { P1: 'High', P2: 'Medium', P3: 'Low' });
      error(await call(sim, 'GET', '/Cases/enum/nope', { token: t }), 404, 'not_found', 'field not found');
      error(await call(sim, 'GET', '/Cases/enum/name', { token: t }), 404, 'not_found', 'options not found');
    });
  });

  describe('the filter API', () => {
    const filter = (module: string, body: unknown): Promise<Res> => call(sim, 'POST', `/${module}/filter`, { token: t, body });

    it('filters with $starts, $in, $or/$and, dates and related fields; pages with next_offset', async () => {
      const banking = await filter('Accounts', { filter: [{ industry: 'Banking' }], fields: 'name,industry', max_num: 100 });
      assert.equal(banking.status, 200, banking.text);
      assert.equal(banking.json.records.length, 6);
      assert.ok(banking.json.records.every((r: Json) => r.industry === 'Banking' && !('phone_office' in r) && 'assigned_user_id' in r));
      const either = await filter('Accounts', { filter: [{ $or: [{ name: { $starts: 'acme' } }, { industry: { $in: ['Energy'] } }] }], max_num: 100 });
      assert.ok(either.json.records.every((r: Json) => r.name.startsWith('Acme') || r.industry === 'Energy'));
      assert.equal(either.json.records.length, 5 + 6, 'five Acme accounts, six in Energy, none both');
      const count = await call(sim, 'POST', '/Accounts/filter/count', { token: t, body: { filter: [{ $or: [{ name: { $starts: 'acme' } }, { industry: { $in: ['Energy'] } }] }] } });
      assert.deepEqual(count.json, { record_count: 11 });
      const dated = await filter('Opportunities', { filter: [{ date_closed: { $dateBetween: ['2024-06-01', '2024-06-30'] } }], fields: 'date_closed', max_num: 100 });
      assert.ok(dated.json.records.length > 0 && dated.json.records.every((r: Json) => r.date_closed >= '2024-06-01' && r.date_closed <= '2024-06-30'));
      const related = await filter('Contacts', { filter: [{ 'accounts.industry': 'Banking' }], fields: 'account_name', max_num: 100 });
      assert.ok(related.json.records.length > 0);
      const bankNames = new Set(banking.json.records.map((r: Json) => r.name));
      assert.ok(related.json.records.every((r: Json) => bankNames.has(r.account_name)));
      const page1 = await filter('Leads', { filter: [{ status: { $not_in: ['Dead'] } }], max_num: 20, order_by: 'last_name:ASC,first_name' });
      assert.equal(page1.json.next_offset, 20);
      const names = page1.json.records.map((r: Json) => r.last_name.toLowerCase());
      assert.deepEqual(names, [...names].sort());
      const last = await filter('Leads', { filter: [{ status: { $not_in: ['Dead'] } }], max_num: 20, offset: 40 });
      assert.equal(last.json.next_offset, -1);
      assert.equal(last.json.records.length, 50 - 8 - 40 + 0);
    });

    it('reads GET filters in both encodings, and counts by /<M>/count and /<M>/filter/count', async () => {
      const brackets = await call(sim, 'GET', `/Accounts/filter?filter[0][industry][$in][]=Banking&filter[0][industry][$in][]=Energy&max_num=100`, { token: t });
      assert.equal(brackets.status, 200, brackets.text);
      assert.equal(brackets.json.records.length, 12);
      const asJson = await call(sim, 'GET', `/Accounts?filter=${encodeURIComponent(JSON.stringify([{ industry: { $in: ['Banking', 'Energy'] } }]))}&max_num=100`, { token: t });
      assert.equal(asJson.json.records.length, 12);
      assert.deepEqual((await call(sim, 'GET', `/Accounts/filter/count?filter[0][industry]=Banking`, { token: t })).json, { record_count: 6 });
      assert.deepEqual((await call(sim, 'GET', '/Cases/count', { token: t })).json, { record_count: 40 });
    });

    it("answers Sugar's 422s for unknown fields, operands, shapes and order_by", async () => {
      const bad = async (module: string, body: unknown, message: string): Promise<void> => error(await filter(module, body), 422, 'invalid_parameter', message);
      await bad('Accounts', { filter: [{ nope: 'x' }] }, 'Unknown field nope');
      await bad('Accounts', { filter: [{ name: { $like: 'x' } }] }, 'Did not recognize the operand: $like');
      await bad('Accounts', { filter: [{ industry: { $in: 'Banking' } }] }, '$in requires an array');
      await bad('Accounts', { filter: [{ annual_revenue: { $between: [1] } }] }, '$between requires an array with two values.');
      await bad('Contacts', { filter: [{ 'nolink.name': 'x' }] }, 'Invalid link nolink for field nolink.name');
      await bad('Accounts', { filter: ['name'] }, 'Unexpected filter type string.');
      await bad('Accounts', { filter: [{ $bogus: 1 }] }, 'Did not recognize the definition: $bogus');
      await bad('Accounts', { order_by: 'nope:DESC' }, 'Non existing field: nope in module: Accounts');
      error(await call(sim, 'GET', '/Accounts?filter=[{oops', { token: t }), 422, 'invalid_parameter', 'A parameter in your request was invalid.');
    });
  });

  describe('records and links', () => {
    it('creates, reads, updates with X-Timestamp (409 edit_conflict with the record), and deletes', async () => {
      error(await call(sim, 'POST', '/Opportunities', { token: t, body: { name: 'No amount' } }), 422, 'invalid_parameter', 'There were validation errors on the submitted data. Record was not saved.');
      const created = await call(sim, 'POST', '/Opportunities', { token: t, body: { name: 'Big deal', amount: '1000', date_closed: '2024-07-01', account_name: 'x' } });
      assert.equal(created.status, 200, created.text);
      const id = created.json.id;
      const stamp = created.json.date_modified;
      const ok = await call(sim, 'PUT', `/Opportunities/${id}`, { token: t, body: { amount: '2000' }, headers: { 'X-Timestamp': stamp } });
      assert.equal(ok.json.amount, '2000');
      assert.notEqual(ok.json.date_modified, stamp);
      const conflict = await call(sim, 'PUT', `/Opportunities/${id}`, { token: t, body: { amount: '3000' }, headers: { 'X-Timestamp': stamp } });
      error(conflict, 409, 'edit_conflict', 'Edit conflict, please reload the record data.');
      assert.equal(conflict.json.record.amount, '2000');
      assert.deepEqual((await call(sim, 'DELETE', `/Opportunities/${id}`, { token: t })).json, { id });
      error(await call(sim, 'GET', `/Opportunities/${id}`, { token: t }), 404, 'not_found', `Could not find record: ${id} in module: Opportunities`);
      error(await call(sim, 'POST', '/Users', { token: t, body: { user_name: 'x', last_name: 'y' } }), 403, 'not_authorized');
      const users = await call(sim, 'GET', '/Users?fields=user_name,user_hash', { token: t });
      assert.ok(users.json.records.some((u: Json) => u.user_name === 'jim'));
      assert.ok(users.json.records.every((u: Json) => !('user_hash' in u)));
    });

    it('lists, counts, relates and unrelates through links, with their 404s', async () => {
      const account = (await call(sim, 'GET', '/Accounts?max_num=1&order_by=name', { token: t })).json.records[0];
      const before = await call(sim, 'GET', `/Accounts/${account.id}/link/contacts?fields=name`, { token: t });
      assert.equal(before.status, 200, before.text);
      const contact = (await call(sim, 'GET', '/Contacts?max_num=1&order_by=name:DESC', { token: t })).json.records[0];
      const related = await call(sim, 'POST', `/Accounts/${account.id}/link/contacts/${contact.id}`, { token: t });
      assert.equal(related.json.related_record.id, contact.id);
      const after = await call(sim, 'GET', `/Accounts/${account.id}/link/contacts/count`, { token: t });
      assert.equal(after.json.record_count, before.json.records.length + 1);
      const filtered = await call(sim, 'GET', `/Accounts/${account.id}/link/contacts/filter?filter[0][id]=${contact.id}`, { token: t });
      assert.deepEqual(filtered.json.records.map((r: Json) => r.id), [contact.id]);
      assert.equal((await call(sim, 'DELETE', `/Accounts/${account.id}/link/contacts/${contact.id}`, { token: t })).status, 200);
      error(await call(sim, 'DELETE', `/Accounts/${account.id}/link/contacts/${contact.id}`, { token: t }), 404, 'not_found', 'Could not find the related bean');
      error(await call(sim, 'GET', `/Accounts/${account.id}/link/nope`, { token: t }), 404, 'not_found', 'Could not find a relationship named: nope');
      error(await call(sim, 'GET', '/Accounts/missing/link/contacts', { token: t }), 404, 'not_found', 'Could not find parent record missing in module: Accounts');
      const cases = await call(sim, 'GET', `/Accounts/${account.id}/link/cases?fields=name,account_name`, { token: t });
      assert.ok(cases.json.records.every((c: Json) => c.account_name === account.name));
    });
  });

  describe('files and bulk', () => {
    it('uploads a file as multipart (sugar-html-json too), lists it, downloads it by header and by download_token', async () => {
      const tokens = await token(sim, 'sally');
      const note = (await call(sim, 'POST', '/Notes', { token: tokens.access_token, body: { name: 'With a file' } })).json;
      const form = new FormData();
      form.append('filename', new Blob([Buffer.from('%PDF-1.4 hello')], { type: 'application/pdf' }), 'offer.pdf');
      const up = await call(sim, 'POST', `/Notes/${note.id}/file/filename`, { token: tokens.access_token, raw: form });
      assert.equal(up.status, 200, up.text);
      assert.equal(up.json.filename.name, 'offer.pdf');
      assert.equal(up.json.filename['content-length'], 14);
      assert.equal(up.json.record.filename, 'offer.pdf');
      const html = new FormData();
      html.append('filename', new Blob(['<b>x</b>'], { type: 'text/html' }), 'a&b.html');
      const escaped = await call(sim, 'POST', `/Notes/${note.id}/file/filename?format=sugar-html-json`, { token: tokens.access_token, raw: html });
      assert.match(escaped.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(escaped.text, /&quot;name&quot;:&quot;a&amp;b\.html&quot;/);
      const wrong = new FormData();
      wrong.append('other', new Blob(['x']), 'x.txt');
      error(await call(sim, 'POST', `/Notes/${note.id}/file/filename`, { token: tokens.access_token, raw: wrong }), 422, 'invalid_parameter', 'Incorrect field name for attachement: filename');
      const listed = await call(sim, 'GET', `/Notes/${note.id}/file`, { token: tokens.access_token });
      assert.equal(listed.json.filename.name, 'a&b.html');
      const byToken = await fetch(`${sim.url}/rest/${V}/Notes/${note.id}/file/filename?platform=custom_api&download_token=${tokens.download_token}`);
      assert.equal(byToken.status, 200);
      assert.equal(await byToken.text(), '<b>x</b>');
      assert.match(byToken.headers.get('content-disposition') ?? '', /^attachment; filename="a&b\.html"/);
      const badToken = await fetch(`${sim.url}/rest/${V}/Notes/${note.id}/file/filename?platform=custom_api&download_token=nope`);
      assert.equal(badToken.status, 401);
      const empty = (await call(sim, 'POST', '/Notes', { token: tokens.access_token, body: { name: 'No file' } })).json;
      error(await call(sim, 'GET', `/Notes/${empty.id}/file/filename`, { token: tokens.access_token }), 404, 'not_found', 'The requested file Notes :: filename could not be found.');
    });

    it('runs /bulk requests in order with the caller\'s session; one failing does not stop the rest', async () => {
      const r = await call(sim, 'POST', '/bulk', {
        token: t,
        body: { requests: [{ url: `/${V}/Accounts?max_num=2`, method: 'GET' }, { url: `${V}/Accounts/missing` }, { url: `/${V}/Cases`, method: 'POST', data: JSON.stringify({ name: 'From bulk', account_name: 'x' }) }] },
        headers: { 'X-Metadata-Hash': 'stale-outer-is-checked' },
      });
      assert.equal(r.status, 412, 'the outer call checks the hash');
      const ok = await call(sim, 'POST', '/bulk', {
        token: t,
        body: { requests: [{ url: `/${V}/Accounts?max_num=2`, method: 'GET' }, { url: `${V}/Accounts/missing` }, { url: `/${V}/Cases`, method: 'POST', data: JSON.stringify({ name: 'From bulk', account_name: 'x' }) }] },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.json.map((x: Json) => x.status), [200, 404, 200]);
      assert.equal(ok.json[0].contents.records.length, 2);
      assert.equal(ok.json[1].contents.error, 'not_found');
      assert.equal(ok.json[2].contents.name, 'From bulk');
      error(await call(sim, 'POST', '/bulk', { token: t, body: { requests: [{ url: `/${V}/ping` }, { method: 'GET' }] } }), 422, 'missing_parameter', 'Invalid request - URL is missing');
    });
  });

  it('the large instance answers /metadata of more than 10 MB', async function () {
    this.timeout(60000);
    const large = await startSimulator({ quiet: true, largeSchemaModules: 400 });
    try {
      const lt = (await token(large)).access_token;
      const r = await fetch(`${large.url}/rest/${V}/metadata`, { headers: { 'OAuth-Token': lt } });
      const text = await r.text();
      assert.ok(text.length > 10 * 1024 * 1024, `${text.length} bytes`);
      assert.ok(Object.keys(JSON.parse(text).modules).length > 400);
    } finally {
      await large.close();
    }
  });
});
