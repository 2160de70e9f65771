/**
 * An imported collection, end to end: the fixture in the style of Sugar's collection written to
 * disk as .sugar files (never over an existing file), read back, and its requests sent to the
 * simulator over real sockets with their @variables filled in, through the connection's session.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFileVariables } from '../../src/core/explore/fileVariables';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { normalizeRequestPath } from '../../src/core/explore/requestPath';
import { resolveRequest } from '../../src/core/explore/requestResolution';
import { curlToSugar } from '../../src/core/interchange/curlImport';
import { ImportFileError, readImportFile, writeNewFile } from '../../src/core/interchange/importFiles';
import { MAX_IMPORT_BYTES } from '../../src/core/interchange/importLimits';
import { importCollection } from '../../src/core/interchange/postmanCollection';
import { makeWorld, type World } from '../support/world';

const fixture = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'postman', 'sugar-rest-api.postman_collection.json');

describe('an imported Postman collection, sent to the simulator', function () {
  this.timeout(30000);
  let world: World;
  let folder: string;

  before(async () => {
    world = await makeWorld();
    await world.engine.login(world.connectionId);
    folder = mkdtempSync(join(tmpdir(), 'sugar-import-'));
  });

  after(async () => {
    await world?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('writes the files beside an existing one without touching it, then sends their requests with the file variables filled', async () => {
    writeFileSync(join(folder, 'Accounts.sugar'), 'GET /mine\n');
    const imported = importCollection(await readImportFile(fixture, 'collection'));
    const written: string[] = [];
    for (const file of imported.files) written.push(await writeNewFile(folder, file.name, '.sugar', file.text));
    assert.equal(readFileSync(join(folder, 'Accounts.sugar'), 'utf8'), 'GET /mine\n', 'an existing file was overwritten');
    assert.deepEqual(readdirSync(folder).sort(), ['Accounts 2.sugar', 'Accounts.sugar', 'Contacts.sugar', 'Sugar RESTful API Collection.sugar', 'System.sugar']);

    const accountsText = readFileSync(written[1], 'utf8');
    const variables = parseFileVariables(accountsText);
    const [list, create] = parseRequestFile(accountsText);
    const send = async (request: typeof list, previous?: unknown) => {
      const resolved = resolveRequest(request, variables, previous);
      assert.deepEqual(resolved.missing, []);
      return world.engine.request(world.connectionId, { method: resolved.method, path: normalizeRequestPath(resolved.path), headers: resolved.headers, body: resolved.body });
    };
    const listed = await send(list);
    assert.equal(listed.status, 200);
    const records = (listed.json as { records: Array<Record<string, unknown>> }).records;
    assert.ok(records.length > 0 && records.length <= 5, `max_num=5 from @max_num: ${records.length} records`);
    assert.deepEqual(Object.keys(records[0]).filter((key) => ['name', 'industry'].includes(key)).sort(), ['industry', 'name']);

    const created = await send(create);
    assert.equal(created.status, 200);
    const account = created.json as { id: string; name: string; industry: string };
    assert.equal(account.name, 'Acme (imported)', '{{account_name}} from the collection variable');
    assert.equal(account.industry, 'Banking');
    const got = await world.engine.request(world.connectionId, { method: 'GET', path: `/Accounts/${account.id}` });
    assert.equal((got.json as { name: string }).name, 'Acme (imported)');
  });

  it('sends a pasted curl command (its token header dropped) as the connection\'s own request', async () => {
    const [request] = parseRequestFile(curlToSugar(`curl 'https://elsewhere.example/rest/v11_1/Accounts?max_num=2&fields=name' -H 'OAuth-Token: not-a-real-token' -H 'Accept: application/json'`));
    const resolved = resolveRequest(request, new Map(), undefined);
    const answer = await world.engine.request(world.connectionId, { method: resolved.method, path: normalizeRequestPath(resolved.path), headers: resolved.headers });
    assert.equal(answer.status, 200);
    assert.equal((answer.json as { records: unknown[] }).records.length, 2);
  });

  it('refuses a collection file over the size limit before reading it', async () => {
    const big = join(folder, 'big.postman_collection.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_IMPORT_BYTES + 1);
    await assert.rejects(readImportFile(big, 'collection'), (error: unknown) => error instanceof ImportFileError && /more than the 20 MB an import reads/.test(error.message));
  });
});
