import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileStore } from '../../src/core/profiles/profileStore';
import type { ProfileCommand, ProfileReply } from '../support/profileWorker';
import { FileSecretStore } from '../support/stores';
import { WorkerProcess } from '../support/workerProcess';

const ROUNDS = 20;

describe('two windows changing connections at once (two processes, one file-backed store)', function () {
  this.timeout(120_000);
  let folder: string;
  let windows: Array<WorkerProcess<ProfileCommand, ProfileReply>> = [];

  /** What a third window would see now: a store with nothing cached. */
  const fresh = (): ProfileStore => new ProfileStore(new FileSecretStore(join(folder, 'secrets')));
  const send = (window: number, command: ProfileCommand): Promise<ProfileReply> => windows[window].send(command);
  const added = async (window: number, name: string): Promise<string> => {
    const reply = await send(window, { op: 'add', name, password: `pw-${name}` });
    assert.ok(reply.ok && reply.id, reply.error);
    return reply.id;
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sugar-profile-races-'));
    const script = join(__dirname, '..', 'support', 'profileWorker.js');
    windows = [0, 1].map(() => new WorkerProcess<ProfileCommand, ProfileReply>(script, [join(folder, 'secrets'), join(folder, 'locks')]));
    await Promise.all(windows.map((window) => window.ready));
  });

  afterEach(async () => {
    await Promise.all(windows.map((window) => window.close()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('add racing add: every connection of 20 rounds is kept, with its password', async () => {
    const lost: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const names = [`left ${round}`, `right ${round}`];
      const replies = await Promise.all(names.map((name, window) => send(window, { op: 'add', name, password: `pw-${name}` })));
      assert.ok(replies.every((reply) => reply.ok), JSON.stringify(replies));
      const listed = (await fresh().list()).map((profile) => profile.name);
      lost.push(...names.filter((name) => !listed.includes(name)));
    }
    assert.deepEqual(lost, [], `${lost.length} of ${2 * ROUNDS} added connections lost`);
    const store = fresh();
    for (const summary of await store.list()) assert.equal((await store.get(summary.id))?.password, `pw-${summary.name}`);
  });

  it('edit racing the delete of another connection: no edit lost in 20 rounds', async () => {
    let lostEdits = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const doomed = await added(0, `doomed ${round}`);
      const kept = await added(0, `kept ${round}`);
      const replies = await Promise.all([
        send(0, { op: 'update', id: kept, changes: { name: `edited ${round}`, password: `new-${round}` } }),
        send(1, { op: 'remove', id: doomed }),
      ]);
      assert.ok(replies.every((reply) => reply.ok), JSON.stringify(replies));
      const store = fresh();
      const now = await store.get(kept);
      if (now?.name !== `edited ${round}` || now.password !== `new-${round}`) lostEdits++;
      assert.equal(await store.get(doomed), undefined, 'the deleted connection is back');
    }
    assert.equal(lostEdits, 0, `${lostEdits} of ${ROUNDS} edits lost`);
  });

  it('delete racing an edit of the same connection: never brought back in 20 rounds', async () => {
    let resurrected = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const id = await added(0, `short-lived ${round}`);
      const [removed] = await Promise.all([send(0, { op: 'remove', id }), send(1, { op: 'update', id, changes: { name: `edited ${round}` } })]);
      assert.ok(removed.ok, removed.error);
      // The edit either went first (and was deleted with the connection) or failed: "no connection".
      if ((await fresh().get(id)) !== undefined) resurrected++;
      assert.equal(await new FileSecretStore(join(folder, 'secrets')).get(`sugar.profile.${id}`), undefined, 'its secrets are still stored');
    }
    assert.equal(resurrected, 0, `${resurrected} of ${ROUNDS} deleted connections came back`);
  });
});
