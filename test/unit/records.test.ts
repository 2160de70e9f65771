/**
 * Records as documents, without the editor: what a save sends (only the changed fields, with the
 * record's timestamp), the 409 edit conflict and the save after it, Sugar's 422 on the field's
 * line, and file fields (a multipart upload of a Buffer body, a download kept as bytes or streamed
 * to a file with progress), all against the simulator over real sockets.
 */
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { fieldRanges, fieldsNamedIn } from '../../src/core/records/fieldErrors';
import { contentTypeOf, multipartFile } from '../../src/core/records/multipart';
import { RecordEdit, readRecord, type Requester } from '../../src/core/records/recordEdit';
import { changedFields, parseRecordText, recordName, recordText, type RecordValues } from '../../src/core/records/recordText';
import { DEFAULT_ANSWER_LIMITS } from '../../src/core/sugar/answerBody';
import { SugarClient } from '../../src/core/sugar/client';
import { CapturingLogger } from '../support/logger';
import { makeWorld, needsSimulator, type World } from '../support/world';

/** The text of `record` with some fields set, as a user would leave the editor. */
function edited(record: RecordValues, changes: RecordValues): string {
  return recordText({ ...record, ...changes });
}

/** Every field but the ones a save may change (and date_modified, which every save moves). */
function without(record: RecordValues, ...names: string[]): RecordValues {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !names.includes(name) && name !== 'date_modified'));
}

describe('records: what a save sends', () => {
  it('sends only fields whose values changed, never the server\'s own, compares objects by value', () => {
    const base = { id: 'a', name: 'Acme', industry: 'Energy', email: [{ email_address: 'a@x.io', primary_address: true }], date_modified: 't', _acl: { fields: {} } };
    const edits = { ...base, name: 'Acme Inc', email: [{ email_address: 'a@x.io', primary_address: true }], date_modified: 'u', _acl: {}, id: 'b', my_favorite: true, new_c: 'x' };
    assert.deepEqual(changedFields(base, edits), { name: 'Acme Inc', new_c: 'x' });
    assert.deepEqual(changedFields(base, { name: 'Acme' }), {}, 'a removed field is not sent');
    assert.deepEqual(changedFields({}, { name: 'N', id: 'x' }), { name: 'N' }, 'a new record sends every field it has');
  });

  it('refuses text that is not one JSON object, with the offset of the problem', () => {
    assert.equal(parseRecordText('{"name": "x",}').problem?.offset, 13);
    assert.match(parseRecordText('[1]').problem?.message ?? '', /one JSON object/);
    assert.match(parseRecordText('{"a": 1} // note').problem?.message ?? '', /not valid JSON/);
    assert.deepEqual(parseRecordText('{"a": 1}').values, { a: 1 });
  });

  it('names records by name, a person by first and last name, else the id', () => {
    assert.equal(recordName({ id: '1', name: ' Acme ' }), 'Acme');
    assert.equal(recordName({ id: '1', first_name: 'Sally', last_name: 'Bronsen' }), 'Sally Bronsen');
    assert.equal(recordName({ id: '1' }), '1');
  });

  it('finds the field a 422 names, else the fallback, and the line of its key', () => {
    assert.deepEqual(fieldsNamedIn('Unknown field foo', { foo: 1, name: 'x' }), ['foo']);
    assert.deepEqual(fieldsNamedIn('There were validation errors on the submitted data.', { name: '' }, ['name']), ['name']);
    const text = '{\n  "id": "1",\n  "name": "",\n  "nested": { "name": 1 }\n}\n';
    const [name, missing] = fieldRanges(text, ['name', 'gone']);
    assert.equal(text.slice(name.offset, name.offset + name.length), '"name"');
    assert.equal(text.slice(0, name.offset).split('\n').length - 1, 2, 'the top-level key, on line 3');
    assert.equal(missing.offset, 0, 'a field not in the text: the object itself');
    assert.deepEqual(fieldRanges('not json', ['x']), [{ name: 'x', offset: 0, length: 0 }]);
  });

  it('builds a multipart body with one part named after the field, quotes made harmless', () => {
    const { body, contentType } = multipartFile('filename', 'a "b".pdf', contentTypeOf('a.PDF'), Buffer.from([0, 255, 1]));
    const boundary = /boundary=(.+)$/.exec(contentType)![1];
    const text = body.toString('latin1');
    assert.ok(text.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="filename"; filename="a _b_.pdf"\r\nContent-Type: application/pdf\r\n\r\n\u0000\u00ff\u0001\r\n--${boundary}--`));
  });
});

describe('records against the simulator', function () {
  this.timeout(30000);
  let world: World;
  let send: Requester;
  let accountId: string;

  before(async function () {
    needsSimulator(this, 'changes records of the simulator');
    world = await makeWorld();
    await world.engine.login(world.connectionId);
    send = (request, signal) => world.engine.request(world.connectionId, request, signal);
    const created = await send({ method: 'POST', path: '/Accounts', body: { name: 'Records Test Co', industry: 'Energy', description: 'first' } });
    accountId = (created.json as RecordValues).id as string;
  });
  after(() => world?.close());

  it('a save sends a PUT of the changed field alone, with X-Timestamp; the server changes only it', async () => {
    const before = await readRecord(send, 'Accounts', accountId);
    const edit = new RecordEdit('Accounts', accountId, before);
    const { request } = edit.request(edited(before, { industry: 'Banking' }));
    assert.deepEqual(request?.body, { industry: 'Banking' });
    assert.equal(request?.headers?.['X-Timestamp'], before.date_modified);
    const outcome = await edit.save(send, edited(before, { industry: 'Banking' }));
    assert.equal(outcome.kind, 'saved');
    const after = await readRecord(send, 'Accounts', accountId);
    assert.equal(after.industry, 'Banking');
    assert.deepEqual(without(after, 'industry'), without(before, 'industry'));
    assert.equal(edit.timestamp, after.date_modified, 'the next save sends the new timestamp');
    assert.deepEqual(await edit.save(send, recordText(after)), { kind: 'unchanged' }, 'saving the answer again sends nothing');
  });

  it("a record changed on the server since it was read: 409 with its version, the user's changes on top of it, and the save after it sends only those", async () => {
    const mine = await readRecord(send, 'Accounts', accountId);
    const edit = new RecordEdit('Accounts', accountId, mine);
    // Someone else changes the description in between (no X-Timestamp: their save wins).
    await send({ method: 'PUT', path: `/Accounts/${accountId}`, body: { description: 'changed elsewhere' } });
    const conflict = await edit.save(send, edited(mine, { name: 'Records Renamed Co' }));
    assert.equal(conflict.kind, 'conflict');
    assert.equal(conflict.kind === 'conflict' && conflict.server.description, 'changed elsewhere');
    assert.equal(edit.timestamp, conflict.kind === 'conflict' ? conflict.server.date_modified : undefined);
    assert.equal((await readRecord(send, 'Accounts', accountId)).name, 'Records Test Co', 'the conflicting save changed nothing');
    // The editor then holds the server's record with the user's change on top: only the name differs.
    assert.ok(conflict.kind === 'conflict');
    assert.equal(conflict.merged.description, 'changed elsewhere');
    assert.equal(conflict.merged.name, 'Records Renamed Co');
    assert.deepEqual(conflict.both, []);
    const saved = await edit.save(send, recordText(conflict.merged));
    assert.equal(saved.kind, 'saved');
    assert.deepEqual(saved.kind === 'saved' && saved.sent, { name: 'Records Renamed Co' });
    const now = await readRecord(send, 'Accounts', accountId);
    assert.equal(now.name, 'Records Renamed Co');
    assert.equal(now.description, 'changed elsewhere');
  });

  it("a 422 for an emptied required field names it, at its key's line", async () => {
    const record = await readRecord(send, 'Accounts', accountId);
    const edit = new RecordEdit('Accounts', accountId, record);
    edit.required = ['name'];
    const text = edited(record, { name: '' });
    const outcome = await edit.save(send, text);
    assert.equal(outcome.kind, 'invalid');
    assert.match(outcome.kind === 'invalid' ? outcome.message : '', /validation errors/i);
    assert.deepEqual(outcome.kind === 'invalid' && outcome.fields, ['name']);
    const [range] = fieldRanges(text, ['name']);
    assert.equal(text.split('\n')[text.slice(0, range.offset).split('\n').length - 1].trim(), '"name": "",');
  });

  it('a new record is created with POST; the next save of it is a PUT', async () => {
    const edit = new RecordEdit('Accounts', undefined, {});
    const outcome = await edit.save(send, '{ "name": "Created From Template", "industry": "Energy" }');
    assert.equal(outcome.kind, 'saved');
    assert.ok(outcome.kind === 'saved' && outcome.created);
    assert.equal(typeof edit.id, 'string');
    assert.equal((await readRecord(send, 'Accounts', edit.id!)).name, 'Created From Template');
    assert.equal(edit.request(edited(edit.base, { industry: 'Banking' })).request?.method, 'PUT');
  });

  describe('file fields', () => {
    let noteId: string;
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

    before(async () => {
      noteId = ((await send({ method: 'POST', path: '/Notes', body: { name: 'Records file note' } })).json as RecordValues).id as string;
    });

    it('uploads a Buffer body as multipart/form-data; the bytes come back unchanged', async () => {
      const { body, contentType } = multipartFile('filename', 'data.bin', 'application/octet-stream', bytes);
      const answer = await send({ method: 'POST', path: `/Notes/${noteId}/file/filename`, headers: { 'content-type': contentType }, body });
      assert.equal(answer.status, 200, answer.text.slice(0, 300));
      assert.equal(((answer.json as RecordValues).record as RecordValues).filename, 'data.bin');
      const seen: Array<[number, number | undefined]> = [];
      const download = await send({ method: 'GET', path: `/Notes/${noteId}/file/filename`, keepBytes: true, onProgress: (received, total) => seen.push([received, total]) });
      assert.equal(download.status, 200);
      assert.ok(download.bytes?.equals(bytes), 'the downloaded bytes differ from the uploaded ones');
      assert.deepEqual(seen.at(-1), [bytes.length, bytes.length]);
    });

    it('a download over the size limit goes to a file that holds every byte', async () => {
      const http = world.http;
      const client = new SugarClient(http, new CapturingLogger(), { answerLimits: () => ({ ...DEFAULT_ANSWER_LIMITS, memoryBytes: 1000 }) });
      const target = await world.engine.targetFor(world.connectionId);
      const token = await world.engine.accessToken(world.connectionId);
      const download = await client.request(target, token, { method: 'GET', path: `/Notes/${noteId}/file/filename`, keepBytes: true });
      assert.ok(download.bodyFile, 'no file for an answer over the limit');
      assert.equal(download.bytes, undefined);
      try {
        assert.ok((await readFile(download.bodyFile)).equals(bytes));
      } finally {
        await rm(download.bodyFile, { force: true });
      }
    });
  });
});
