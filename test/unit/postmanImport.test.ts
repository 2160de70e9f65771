/**
 * Import of a Postman collection (in the style of Sugar's "Sugar RESTful API Collection") and of a
 * Postman environment: the .sugar text written, what is left out, hostile names and sizes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFileVariables } from '../../src/core/explore/fileVariables';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { resolveRequest } from '../../src/core/explore/requestResolution';
import { MAX_FOLDER_DEPTH } from '../../src/core/interchange/importLimits';
import { safeFileName } from '../../src/core/interchange/importNames';
import { CollectionImportError, importCollection } from '../../src/core/interchange/postmanCollection';
import { importEnvironment } from '../../src/core/interchange/postmanEnvironment';
import { wizardPrefill } from '../../src/vscode/commands/connectionInput';
import { runNewConnection } from '../../src/vscode/connectionWizard/newConnectionFlow';
import type { InputSpec, PickEntry, PickSpec, Prompter } from '../../src/vscode/connectionWizard/prompter';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'postman');
const collectionText = readFileSync(join(fixtures, 'sugar-rest-api.postman_collection.json'), 'utf8');

const collection = (items: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items, ...extra });
const get = (name: string, raw: string, more: Record<string, unknown> = {}) => ({ name, request: { method: 'GET', url: { raw }, ...more } });

describe('Postman collection import', () => {
  const imported = importCollection(collectionText);
  const file = (name: string) => {
    const found = imported.files.find((f) => f.name === name);
    assert.ok(found, `no file ${name} in ${imported.files.map((f) => f.name).join(', ')}`);
    return found.text;
  };

  it('writes one file per top-level folder, and one named after the collection for its own requests', () => {
    assert.deepEqual(imported.files.map((f) => f.name), ['Sugar RESTful API Collection', 'Accounts', 'Contacts', 'System']);
    assert.equal(imported.requestCount, 13);
    // Every file parses back without an error, with the requests it says it has.
    for (const f of imported.files) {
      const requests = parseRequestFile(f.text);
      assert.equal(requests.length, f.requests, f.name);
      for (const r of requests) assert.deepEqual(r.errors, [], `${f.name}: ${r.title}`);
    }
  });

  it('keeps method, path relative to /rest/{version}, query, headers without the token, and pretty JSON bodies', () => {
    const [list, create] = parseRequestFile(file('Accounts'));
    assert.equal(list.title, 'List accounts');
    assert.equal(list.method, 'GET');
    assert.equal(list.path, '/Accounts?max_num={{max_num}}&fields=name,industry&order_by=name:asc');
    assert.deepEqual(list.warnings, [], 'no host or /rest prefix left to warn about');
    assert.deepEqual(create.headers, { 'Content-Type': 'application/json' });
    assert.equal(create.body, '{\n  "name": "{{account_name}}",\n  "industry": "Banking",\n  "description": "Imported from Postman"\n}');
    assert.ok(!/OAuth-Token|access_token/i.test(imported.files.map((f) => f.text).join('\n').replace(/^#.*$/gm, '')), 'a token header or variable outside comments');
  });

  it('turns nested folders into sections titled with the folder path, and descriptions into comments', () => {
    const titles = parseRequestFile(file('Contacts')).map((r) => r.title);
    assert.deepEqual(titles, ['List contacts', 'Relationships / Link a contact to an account', 'Relationships / Notes / Attach a file to a note']);
    assert.match(file('Accounts'), /^# Create, read, update and delete Accounts\.$/m);
    assert.match(file('Accounts'), /^### List accounts\n# Lists accounts, ordered by name\.\n#\n# See the filter API for more\.\nGET /m);
    assert.match(file('Contacts'), /POST \/Contacts\/\{\{record_id\}\}\/link\/accounts\/\{\{remote_id\}\}/, 'Postman path variables as {{vars}}');
  });

  it('defines collection variables with values as @name lines, never secrets, and says which have no value', () => {
    const accounts = file('Accounts');
    assert.deepEqual([...parseFileVariables(accounts)], [['max_num', '5'], ['account_name', 'Acme (imported)']]);
    assert.match(accounts, /# No value in the collection for \{\{record_id\}\}/);
    for (const f of imported.files) assert.ok(!f.text.includes('stale-refresh-token-value'), `${f.name} holds a secret variable's value`);
    const [list] = parseRequestFile(accounts);
    assert.equal(resolveRequest(list, parseFileVariables(accounts), undefined).path, '/Accounts?max_num=5&fields=name,industry&order_by=name:asc');
  });

  it("leaves Sugar's authorization out and says so at the top of every file: requests, token header, login script", () => {
    for (const f of imported.files) {
      const top = f.text.slice(0, f.text.indexOf('###'));
      assert.match(top, /Left out and replaced by the connection:/, f.name);
      assert.match(top, /"Login" \(POST \/oauth2\/token\), "Refresh token" \(POST \/oauth2\/token\), "Logout" \(POST \/oauth2\/logout\), "Sudo" \(POST \/oauth2\/sudo\//, f.name);
      assert.match(top, /OAuth-Token \/ Authorization: Bearer header \(13 in the collection\)/, f.name);
      assert.match(top, /the collection's pre-request script \(it logs in or keeps tokens\)/, f.name);
      assert.ok(!/oauth2/.test(f.text.slice(f.text.indexOf('###'))), `${f.name} has an oauth2 request`);
      assert.ok(!f.text.includes('{{password}}'), `${f.name} has the login body`);
    }
  });

  it('says what a .sugar file cannot carry: form data, scripts; urlencoded bodies are kept as text', () => {
    assert.match(file('Contacts'), /# Left out: the form-data body \(filename \(a file\), format\)/);
    assert.match(file('Accounts'), /### Create an account\n# Not carried over: its test script/);
    const search = parseRequestFile(file('System')).find((r) => r.title === 'Search (form)')!;
    assert.equal(search.headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(search.body, 'q=Acme%20%26%20Co&max_num={{max_num}}');
  });

  it('reads v2.0 shapes: a URL string, headers as text, a string request', () => {
    const text = collection([
      { name: 'A', request: { method: 'post', url: 'https://x.example/rest/v10/Accounts?x=1', header: 'Accept: application/json\nOAuth-Token: abc' } },
      { name: 'B', request: '{{base_url}}/rest/v11_4/me' },
    ]);
    const [a, b] = parseRequestFile(importCollection(text).files[0].text);
    assert.equal(a.method, 'POST');
    assert.equal(a.path, '/Accounts?x=1');
    assert.deepEqual(a.headers, { Accept: 'application/json' });
    assert.equal(b.path, '/me');
  });

  it('drops credential headers other than the token with a comment, and never writes their values', () => {
    const text = collection([get('A', '{{url}}/rest/v11/me', { header: [{ key: 'Cookie', value: 'PHPSESSID=cookie-canary' }, { key: 'Host', value: 'evil.example' }, { key: 'X-Api-Key', value: 'key-canary' }] })]);
    const out = importCollection(text).files[0].text;
    assert.ok(!out.includes('cookie-canary') && !out.includes('key-canary') && !out.includes('evil.example'));
    assert.match(out, /Left out: the header Cookie/);
    assert.match(out, /Left out: the header Host/);
    assert.deepEqual(parseRequestFile(out)[0].errors, []);
  });

  it('drops query parameters that carry a credential (a token in the URL), with a comment naming them, and keeps the rest', () => {
    const text = collection([get('A', '{{url}}/rest/v11/Notes/1/file/filename?download_token=dl-canary&max_num=5&oauth_token=token-canary&OAuth-Token=t2-canary')]);
    const out = importCollection(text).files[0].text;
    assert.ok(!out.includes('dl-canary') && !out.includes('token-canary') && !out.includes('t2-canary'), out);
    assert.match(out, /Left out: the query parameters download_token, oauth_token, OAuth-Token/);
    const [request] = parseRequestFile(out);
    assert.equal(request.path, '/Notes/1/file/filename?max_num=5');
    assert.deepEqual(request.errors, []);
  });

  it('keeps no credential value of a body (JSON at any depth, urlencoded): {{name}} stands in its place, with a comment', () => {
    const raw = JSON.stringify({ user_name: 'jim', user_hash: 'hash-canary', prefs: { api_key: 'key-canary', note: 'keep me' }, password: '{{pw}}' });
    const text = collection([
      { name: 'A', request: { method: 'POST', url: { raw: '{{url}}/rest/v11/Users' }, body: { mode: 'raw', raw } } },
      { name: 'B', request: { method: 'POST', url: { raw: '{{url}}/rest/v11/custom' }, body: { mode: 'urlencoded', urlencoded: [{ key: 'client_secret', value: 'cs-canary' }, { key: 'x', value: '1' }] } } },
    ]);
    const out = importCollection(text).files[0].text;
    for (const canary of ['hash-canary', 'key-canary', 'cs-canary']) assert.ok(!out.includes(canary), `${canary} in\n${out}`);
    const [users, custom] = parseRequestFile(out);
    assert.deepEqual(JSON.parse(users.body!), { user_name: 'jim', user_hash: '{{user_hash}}', prefs: { api_key: '{{api_key}}', note: 'keep me' }, password: '{{pw}}' });
    assert.equal(custom.body, 'client_secret={{client_secret}}&x=1');
    assert.match(out, /Left out: the values of user_hash, api_key \(credentials; request files never keep them\): \{\{user_hash\}\}, \{\{api_key\}\} stand in their place/);
  });

  it('refuses what is not a v2 collection, and a collection of nothing but authorization, with a reason', () => {
    assert.throws(() => importCollection('not json'), (e: unknown) => e instanceof CollectionImportError && /not JSON/.test(e.message));
    assert.throws(() => importCollection(JSON.stringify({ requests: [], order: [] })), /v1 format/);
    assert.throws(() => importCollection(collection([{ name: 'Login', request: { method: 'POST', url: '{{url}}/rest/v11/oauth2/token' } }])), /no request to import besides Sugar's authorization \("Login"/);
  });

  it('makes safe file names from hostile collection and folder names', () => {
    const names = ['../../etc/passwd', 'CON', 'a/b\\c:d*e?f"g<h>i|j', '\u202eevil\u202c.txt', '.hidden', '...', 'x'.repeat(500), '  ', 'Accounts', 'accounts'];
    const out = importCollection(collection(names.map((name) => ({ name, item: [get('r', '{{url}}/rest/v11/me')] }))));
    const files = out.files.map((f) => f.name);
    assert.deepEqual(files.slice(0, 5), ['etc passwd', 'CON_', 'a b c d e f g h i j', 'evil .txt', 'hidden']);
    assert.equal(files[5], 'Requests');
    assert.equal([...files[6]].length, 80);
    assert.equal(files[7], 'Untitled', 'a blank folder name');
    assert.deepEqual(files.slice(8), ['Accounts', 'accounts 2'], 'no two files differ only in case');
    for (const name of files) assert.ok(!/[/\\]|\.\./.test(name) && name === name.trim(), name);
    assert.equal(safeFileName('nul.json'), 'nul.json_');
  });

  it('follows folders only so deep, and says which were left out', () => {
    let item: Record<string, unknown> = get('deep request', '{{url}}/rest/v11/me');
    for (let depth = 0; depth < MAX_FOLDER_DEPTH + 5; depth++) item = { name: `f${depth}`, item: [item] };
    const out = importCollection(collection([item, get('top', '{{url}}/rest/v11/ping')]));
    assert.equal(out.requestCount, 1);
    assert.match(out.files[0].text, new RegExp(`Folders nested more than ${MAX_FOLDER_DEPTH} deep were not imported`));
  });

  it('reads a 50,000-level JSON nesting and 20,000 requests in linear time without a stack overflow', () => {
    const deep = `{"info":{"name":"d"},"item":[${'{"name":"f","item":['.repeat(50_000)}${']}'.repeat(50_000)}]}`;
    assert.throws(() => importCollection(deep), CollectionImportError);
    const many = collection(Array.from({ length: 20_000 }, (_, i) => get(`r${i}`, `{{url}}/rest/v11/Accounts/${i}`)));
    const out = importCollection(many);
    assert.equal(out.requestCount, 5000);
    assert.match(out.files[0].text, /15000 requests beyond the first 5000 were not imported/);
  });
});

describe('Postman environment import', () => {
  it("prefills the wizard from Sugar's keys, never reads the password", () => {
    const result = importEnvironment(readFileSync(join(fixtures, 'sugar-dev.postman_environment.json'), 'utf8'));
    assert.deepEqual(result.start, { instanceUrl: 'https://dev.sugarondemand.example', username: 'jim', clientId: 'sugar', platform: 'postman_api', apiVersion: 'v11_1', name: 'Sugar Dev' });
    assert.equal(result.hadPassword, true);
    assert.ok(!JSON.stringify(result).includes('postman-env-password-canary'));
    assert.deepEqual(result.used, ['url', 'username', 'client_id', 'platform', 'rest_endpoint']);
  });

  it('takes a client secret (for the wizard to store with the connection) but no disabled value or {{variable}}', () => {
    const values = [
      { key: 'base_url', value: '{{host}}/sugar' },
      { key: 'URL', value: 'https://a.example', enabled: false },
      { key: 'client_secret', value: 's3cret' },
      { key: 'api_version', value: '11_20' },
    ];
    const result = importEnvironment(JSON.stringify({ name: 'x', values }));
    assert.deepEqual(result.start, { clientSecret: 's3cret', apiVersion: 'v11_20' });
    assert.throws(() => importEnvironment('{"name":"x"}'), /not a Postman environment/);
  });
});

describe('Postman environment import: the Add Connection wizard', () => {
  /** Enter on every screen as it comes (the prefilled value, the highlighted entry), a typed password. */
  class EnterEverywhere implements Prompter {
    readonly titles: string[] = [];
    async pick<T>(spec: PickSpec<T>): Promise<T> {
      this.titles.push(spec.title);
      const first = spec.items.find((entry): entry is Extract<PickEntry<T>, { value: T }> => !('separator' in entry));
      return spec.active !== undefined ? spec.active : first!.value;
    }
    async input(spec: InputSpec): Promise<string> {
      this.titles.push(spec.title);
      return spec.password ? 'typed-in-the-wizard' : spec.value;
    }
    dispose(): void {}
  }

  it('starts from the environment (through sugar.addConnection\'s prefill), asks the password, and takes none from a prefill', async () => {
    const { start } = importEnvironment(readFileSync(join(fixtures, 'sugar-dev.postman_environment.json'), 'utf8'));
    const prefill = wizardPrefill({ prefill: { ...start, password: 'smuggled' } });
    assert.equal(prefill?.password, undefined, 'a prefill never carries a password');
    const ui = new EnterEverywhere();
    const result = await runNewConnection(ui, { defaultPlatform: 'custom_api', existingNames: [], check: async () => undefined }, prefill);
    assert.ok(result, 'the wizard ended without a connection');
    assert.deepEqual(
      { instanceUrl: result.instanceUrl, username: result.username, platform: result.platform, clientId: result.clientId, apiVersion: result.apiVersion, name: result.name, password: result.password },
      { instanceUrl: 'https://dev.sugarondemand.example', username: 'jim', platform: 'postman_api', clientId: 'sugar', apiVersion: 'v11_1', name: 'Sugar Dev', password: 'typed-in-the-wizard' },
    );
    assert.equal(wizardPrefill(undefined), undefined);
  });
});
