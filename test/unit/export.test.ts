import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'undici';
import { exportCode, restoreVariables, SNIPPET_CLIENTS, type CodeTarget } from '../../src/core/interchange/codeExport';
import { EXPORT_LIMITS, type ExportableRequest } from '../../src/core/interchange/exportRequest';
import { POSTMAN_SCHEMA, postmanCollection, postmanFileName, postmanText, type PostmanCollection } from '../../src/core/interchange/postmanExport';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { buildApiUrl } from '../../src/core/sugar/apiUrl';
import { MASKED_TOKEN } from '../../src/core/sugar/curl';
import { SugarError } from '../../src/core/sugar/errors';
import { makeWorld, needsSimulator, type World } from '../support/world';

const BASE = 'https://crm.example.com/rest/v11_20';
const masked = { baseUrl: BASE, token: MASKED_TOKEN };
const CODE_TARGETS: CodeTarget[] = ['curl', 'php', 'javascript', 'python', 'csharp'];
const create: ExportableRequest = { title: 'Create an account', method: 'POST', path: '/Accounts', query: { erased_fields: 'true' }, body: '{"name":"Export Co","industry":"{{industry}}"}' };

/** The v2.1 shape this exporter promises: what Postman's importer reads. */
function assertPostmanShape(collection: PostmanCollection): void {
  assert.equal(collection.info.schema, POSTMAN_SCHEMA);
  assert.equal(typeof collection.info.name, 'string');
  assert.match(collection.info.description, /\{\{token\}\}/);
  assert.ok(Array.isArray(collection.item) && collection.item.length > 0);
  for (const item of collection.item) {
    assert.equal(typeof item.name, 'string');
    assert.doesNotMatch(item.name, /[\n\r\u0000-\u001f]/);
    assert.match(item.request.method, /^[A-Z]+$/);
    assert.ok(item.request.url.raw.startsWith('{{base_url}}/'));
    assert.deepEqual(item.request.url.host, ['{{base_url}}']);
    assert.ok(item.request.url.path.every((segment) => typeof segment === 'string' && segment !== ''));
    assert.deepEqual(item.request.header.find((h) => h.key === 'OAuth-Token'), { key: 'OAuth-Token', value: '{{token}}', type: 'text' });
    if (item.request.body) assert.equal(item.request.body.mode, 'raw');
  }
  const variables = Object.fromEntries(collection.variable.map((v) => [v.key, v]));
  assert.deepEqual(Object.keys(variables).sort(), ['base_url', 'token']);
  assert.match(variables.token.description ?? '', /Copy Access Token/);
}

describe('Export to code', () => {
  for (const target of CODE_TARGETS) {
    it(`${target}: method, URL with query, the masked token header, the body, {{variables}} as written`, async () => {
      const text = await exportCode(create, masked, target);
      assert.match(text, { python: /requests\.post\(/, csharp: /HttpMethod\.Post/ }[target as string] ?? /POST/);
      assert.ok(text.includes(`${BASE}/Accounts`), text);
      assert.ok(text.includes('erased_fields'), text);
      assert.ok(text.includes('OAuth-Token'), text);
      assert.ok(text.includes(MASKED_TOKEN), text);
      assert.ok(text.includes('Export Co'), text);
      assert.ok(text.includes('{{industry}}'), text);
      assert.ok(text.toLowerCase().includes('application/json'), text);
    });
  }

  it('keeps a {{variable}} of the path as written, where httpsnippet would percent-encode it', async () => {
    for (const target of CODE_TARGETS) {
      const text = await exportCode({ method: 'GET', path: '/Accounts/{{account_id}}' }, masked, target);
      assert.ok(text.includes('/Accounts/{{account_id}}'), `${target}: ${text}`);
      assert.doesNotMatch(text, /%7B/i, target);
    }
    assert.equal(restoreVariables('a/%7b%7Bx.y%7D%7D/%7B%7B%E0%7D%7D'), 'a/{{x.y}}/%7B%7B%E0%7D%7D');
  });

  it('puts {{variables}} back in linear time: a body of 40,000 unclosed %7B%7B (a hostile .sugar file) is left as it is', () => {
    const hostile = '%7B%7B'.repeat(40_000);
    assert.equal(restoreVariables(hostile), hostile);
    assert.equal(restoreVariables(`${hostile}x%7D%7D`).endsWith('{{x}}'), true);
    assert.equal(restoreVariables('%7B%7Ba%25b%7D%7D %7B%7Bbad%ZZ%7D%7D'), '{{a%b}} %7B%7Bbad%ZZ%7D%7D');
  });

  it('sends a header the request gave and drops a token header it was given in favour of its own', async () => {
    const text = await exportCode({ method: 'GET', path: '/me', headers: { 'X-Metadata-Hash': 'abc', 'OAuth-Token': 'pasted-token-value' } }, masked, 'curl');
    assert.ok(text.includes("'X-Metadata-Hash: abc'"), text);
    assert.ok(!text.includes('pasted-token-value'), text);
    assert.equal(text.split('OAuth-Token').length, 2, text);
  });

  it('carries a form or multipart body as written, under its own Content-Type', async () => {
    const form = { method: 'POST', path: '/oauth2/bulk', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=two' };
    const multipart = { method: 'POST', path: '/Notes/1/file/filename', headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' }, body: '--XyZ\r\nContent-Disposition: form-data; name="x"\r\n\r\nhello\r\n--XyZ--' };
    for (const target of CODE_TARGETS) {
      const formText = await exportCode(form, masked, target);
      assert.ok(/a=1&b=two|'a' => '1'|"a": "1"|a: '1'|\{ "a", "1" \}/.test(formText) && /two/.test(formText), `${target}: ${formText}`);
      assert.ok(formText.includes('application/x-www-form-urlencoded') || formText.includes('FormUrlEncodedContent'), `${target}: ${formText}`);
      const multipartText = await exportCode(multipart, masked, target);
      assert.ok(multipartText.includes('hello') && multipartText.includes('boundary=XyZ'), `${target}: ${multipartText}`);
    }
    const bare = { ...multipart, headers: { 'Content-Type': 'multipart/form-data' } };
    await assert.rejects(exportCode(bare, masked, 'python'), /without a boundary/);
  });

  it('refuses a body over the limit with a sentence, and a method that is not one', async () => {
    const huge = { method: 'POST', path: '/Accounts', body: `"${'x'.repeat(EXPORT_LIMITS.bodyChars)}"` };
    for (const target of CODE_TARGETS) {
      await assert.rejects(exportCode(huge, masked, target), (error: unknown) => error instanceof SugarError && /export takes bodies up to 256 KB/.test(error.message));
    }
    await assert.rejects(exportCode({ method: 'GET /x\nrm', path: '/me' }, masked, 'curl'), SugarError);
    assert.throws(() => postmanCollection([huge], { name: 'x', baseUrl: BASE }), /256 KB/);
  });

  it('the bundle trims httpsnippet to exactly the clients the exporter asks for', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SNIPPET_CLIENTS: bundled } = require(join(__dirname, '..', '..', '..', 'esbuild.js')) as { SNIPPET_CLIENTS: Record<string, string> };
    assert.deepEqual(bundled, Object.fromEntries(Object.entries(SNIPPET_CLIENTS).map(([target, [, client]]) => [target, client])));
  });
});

describe('Export to Postman', () => {
  const file = [
    '# @connection Dev',
    '### List accounts',
    'GET /Accounts?max_num=2',
    '    &fields=name',
    '',
    '### Create\u0007 one\u202e with a title that runs on and on and on and on and on and on and on and on and on and on and on and on and on and on',
    'POST /Accounts',
    'Content-Type: application/json',
    '',
    '{"name": "{{name}}"}',
    '',
    '###',
    'DELETE /Accounts/{{id}}',
  ].join('\n');
  const requests = parseRequestFile(file).map(({ title, method, path, headers, body }) => ({ title, method, path, headers, body }));

  it('builds a v2.1 collection: base_url and token variables, the token empty and described, titles as names', () => {
    const collection = postmanCollection(requests, { name: 'Accounts', baseUrl: BASE, source: 'Accounts.sugar' });
    assertPostmanShape(collection);
    assert.deepEqual(
      collection.item.map((item) => item.name.slice(0, 16)),
      ['List accounts', 'Create one with ', 'DELETE /Accounts'],
    );
    assert.ok(collection.item[1].name.length <= EXPORT_LIMITS.nameChars);
    assert.deepEqual(collection.item[0].request.url.query, [{ key: 'max_num', value: '2' }, { key: 'fields', value: 'name' }]);
    assert.equal(collection.item[1].request.body?.raw, '{"name": "{{name}}"}');
    assert.equal(collection.item[2].request.url.raw, '{{base_url}}/Accounts/{{id}}');
    assert.equal(collection.variable.find((v) => v.key === 'token')?.value, '');
    assert.equal(collection.variable.find((v) => v.key === 'base_url')?.value, BASE);
    assert.match(collection.info.description, /Authorization: every request sends the OAuth-Token header with the collection variable \{\{token\}\}/);
    assert.deepEqual(JSON.parse(postmanText(collection)), collection);
    // Only when the user asked for the token in clear: the variable's value, and the header still {{token}}.
    const clear = postmanCollection(requests, { name: 'Accounts', baseUrl: BASE, token: 'asked-for-token' });
    assert.equal(clear.variable.find((v) => v.key === 'token')?.value, 'asked-for-token');
    assert.match(clear.info.description, /keep this file private/);
    assert.equal(postmanText(clear).split('asked-for-token').length, 2);
  });

  it('refuses an empty file and one with more requests than the limit', () => {
    assert.throws(() => postmanCollection([], { name: 'x', baseUrl: BASE }), /no request/);
    const many = Array.from({ length: EXPORT_LIMITS.requestsPerFile + 1 }, () => ({ method: 'GET', path: '/me' }));
    assert.throws(() => postmanCollection(many, { name: 'x', baseUrl: BASE }), /up to 500/);
  });

  it('offers a file name a file system takes', () => {
    assert.equal(postmanFileName('Accounts.sugar'), 'Accounts.postman_collection.json');
    assert.equal(postmanFileName('a/b\\c:d?*.sugar'), 'a_b_c_d_.postman_collection.json');
  });
});

describe('Exports against the simulator', function () {
  this.timeout(20_000);
  let world: World;
  let token: string;
  let baseUrl: string;

  before(async function () {
    needsSimulator(this, 'reads the tokens the simulator issued');
    world = await makeWorld();
    await world.engine.login(world.connectionId);
    token = await world.engine.accessToken(world.connectionId);
    baseUrl = buildApiUrl(await world.engine.targetFor(world.connectionId), { path: '' }).replace(/\/$/, '');
  });
  after(async () => world?.close());

  const secretsIn = (text: string): string[] => [...(world.sim?.issuedSecrets() ?? []), token, world.password].filter((secret) => secret.length >= 4 && text.includes(secret));

  it('a Postman export, with the real token and base_url put in, is answered by the simulator; no export carries a secret', async () => {
    const created = { title: 'Create', method: 'POST', path: '/Accounts', body: JSON.stringify({ name: 'Exported Co' }) };
    const listed = { title: 'List', method: 'GET', path: '/Accounts?max_num=2&fields=name' };
    const collection = postmanCollection([created, listed], { name: 'Round trip', baseUrl });
    const text = postmanText(collection);
    assert.deepEqual(secretsIn(text), []);
    for (const item of collection.item) {
      const fill = (value: string) => value.replace('{{base_url}}', baseUrl).replace('{{token}}', token);
      const answer = await httpRequest(fill(item.request.url.raw), {
        method: item.request.method as 'GET',
        headers: Object.fromEntries(item.request.header.map((h) => [h.key, fill(h.value)])),
        body: item.request.body?.raw,
      });
      const json = (await answer.body.json()) as { name?: string; records?: Array<{ name: string }> };
      assert.equal(answer.statusCode, 200, `${item.name}: ${JSON.stringify(json)}`);
      if (item.request.method === 'POST') assert.equal(json.name, 'Exported Co');
      else assert.equal(json.records?.length, 2);
    }
    for (const target of CODE_TARGETS) assert.deepEqual(secretsIn(await exportCode(created, { baseUrl, token: MASKED_TOKEN }, target)), [], target);
  });

  it('the exported cURL line, with the real token put in, runs against the simulator', async function () {
    if (!existsSync('/usr/bin/curl') && !existsSync('/bin/curl')) this.skip();
    const line = await exportCode({ method: 'GET', path: '/me' }, { baseUrl, token: MASKED_TOKEN }, 'curl');
    const runnable = line.replace(MASKED_TOKEN, token);
    // Asynchronously: the simulator answers from this process.
    const { stdout: out } = await promisify(execFile)('sh', ['-c', runnable], { encoding: 'utf8', timeout: 10_000 });
    assert.equal((JSON.parse(out) as { current_user?: { user_name?: string } }).current_user?.user_name, 'admin');
  });
});
