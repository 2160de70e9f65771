/**
 * File downloads by the session's download_token (issue 12 §3; shared/sugar-api.md, sugar-data-api.md
 * §4), against the simulator over real sockets: a plain GET with `?platform=&download_token=` and
 * no token header, as a browser link makes it; the token never reaches the log in clear; after a
 * refresh the new token is used; a sudo session (which has none) downloads with its header. And
 * the simulator holds the file route to what the doc says.
 */
import assert from 'node:assert/strict';
import { multipartFile } from '../../src/core/records/multipart';
import type { ApiRequest } from '../../src/core/sugar/client';
import { makeWorld, needsSimulator, type World } from '../support/world';

const BYTES = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

describe('file downloads by download_token', function () {
  this.timeout(30000);
  let world: World;
  let noteId: string;
  const send = (request: ApiRequest, ref = world.connectionId) => world.engine.request(ref, request);
  const filePath = () => `/Notes/${noteId}/file/filename`;
  /** The log lines about the file's URL. */
  const fileLines = () => world.logger.lines.filter((line) => line.includes(filePath()));

  before(async function () {
    needsSimulator(this, "ends the simulator's access tokens behind the client's back");
    world = await makeWorld();
    await world.engine.login(world.connectionId);
    noteId = ((await send({ method: 'POST', path: '/Notes', body: { name: 'Download token note' } })).json as { id: string }).id;
    const { body, contentType } = multipartFile('filename', 'data.bin', 'application/octet-stream', BYTES);
    assert.equal((await send({ method: 'POST', path: filePath(), headers: { 'content-type': contentType }, body })).status, 200);
  });
  after(() => world?.close());
  beforeEach(() => {
    world.logger.lines.length = 0;
    world.sim!.resetCounters();
  });

  it('downloads with ?platform=&download_token= and no token header: it works where the header no longer would', async () => {
    // The simulator's access tokens end (the client does not know): only the download token can
    // get the file without a refresh; a request with the header would need one.
    world.sim!.expireAccessTokens();
    const seen: number[] = [];
    const answer = await world.engine.download(world.connectionId, { method: 'GET', path: filePath(), keepBytes: true, onProgress: (received) => seen.push(received) });
    assert.equal(answer.status, 200);
    assert.ok(answer.bytes?.equals(BYTES), 'the downloaded bytes differ from the uploaded ones');
    assert.equal(seen.at(-1), BYTES.length);
    assert.equal(world.sim!.counters.refreshesIssued, 0, 'the download needed a refresh: it went with the header');
    assert.equal(world.sim!.counters.requests.byDownloadToken, 1);
    assert.equal(world.sim!.counters.apiUnauthorized, 0);
    // The control: a request with the header now needs a refresh.
    await send({ method: 'GET', path: '/me' });
    assert.equal(world.sim!.counters.refreshesIssued, 1);
  });

  it('the URL with the token reaches the logger with the token masked, and nothing else holds it', async () => {
    const token = await world.engine.downloadToken(world.connectionId);
    await world.engine.download(world.connectionId, { method: 'GET', path: filePath(), keepBytes: true });
    const lines = fileLines();
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], new RegExp(`^info GET /rest/v11_24${filePath()}\\?platform=[^&]+&download_token=•••\\s200 `));
    for (const line of world.logger.lines) assert.ok(!line.includes(token), `a log line holds the download token: ${line.slice(0, 80)}`);
  });

  it('after a refresh the new download token is used (the old one died with the old session)', async () => {
    const before = await world.engine.downloadToken(world.connectionId);
    world.expireAccess();
    const answer = await world.engine.download(world.connectionId, { method: 'GET', path: filePath(), keepBytes: true });
    assert.equal(answer.status, 200);
    assert.equal(world.sim!.counters.refreshesIssued, 1);
    const after = await world.engine.downloadToken(world.connectionId);
    assert.notEqual(after, before);
    // One GET of the file, by the new token: no 401 with the old one first.
    assert.deepEqual(fileLines().map((line) => / (\d{3}) /.exec(line)?.[1]), ['200']);
    for (const line of world.logger.lines) assert.ok(!line.includes(before) && !line.includes(after), 'a download token in the log');
  });

  it('a sudo session has no download token: it downloads with its own token header', async () => {
    const sudo = await world.engine.sudo(world.connectionId, 'jim');
    const answer = await world.engine.download(sudo.id, { method: 'GET', path: filePath(), keepBytes: true });
    assert.equal(answer.status, 200);
    assert.ok(answer.bytes?.equals(BYTES));
    assert.match(fileLines()[0] ?? '', new RegExp(`^info GET /rest/v11_24${filePath()} 200 `), 'no query: the header carried the sudo token');
    assert.equal(world.sim!.counters.requests.byDownloadToken ?? 0, 0);
    await world.engine.endSudo(sudo.id);
  });

  it('the simulator follows the doc: token and platform let a plain GET in; a wrong token, no platform or another route do not; an empty field is 404', async () => {
    const token = await world.engine.downloadToken(world.connectionId);
    const target = await world.engine.targetFor(world.connectionId);
    const base = `${world.url}/rest/v11_24`;
    const plain = (path: string, query: string) => fetch(`${base}${path}?${query}`);
    const ok = await plain(filePath(), `platform=${target.platform}&download_token=${token}`);
    assert.equal(ok.status, 200);
    assert.ok(Buffer.from(await ok.arrayBuffer()).equals(BYTES));
    assert.equal((await plain(filePath(), `platform=${target.platform}&download_token=nope`)).status, 401);
    assert.equal((await plain(filePath(), `platform=${target.platform}&download_token=`)).status, 401);
    assert.equal((await plain(filePath(), `download_token=${token}`)).status, 401, 'the platform is required');
    assert.equal((await plain(filePath(), `platform=other&download_token=${token}`)).status, 401, "another platform's token");
    assert.equal((await plain('/Accounts', `platform=${target.platform}&download_token=${token}`)).status, 401, 'only file routes take a download token');
    const empty = ((await send({ method: 'POST', path: '/Notes', body: { name: 'No file' } })).json as { id: string }).id;
    const missing = await plain(`/Notes/${empty}/file/filename`, `platform=${target.platform}&download_token=${token}`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error_message: string }).error_message, 'The requested file Notes :: filename could not be found.');
  });
});
