import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLock } from '../../src/core/session/fileLock';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import { SecretRecords, UnreadableFinding } from '../../src/core/store/secretRecords';
import { isCancellation } from '../../src/core/sugar/errors';
import { MemorySecretStore } from '../support/stores';
import { makeWorld, needsSimulator, World } from '../support/world';

describe('Sessions on the store primitive', function () {
  this.timeout(20_000);
  let world: World;
  let folder: string | undefined;
  afterEach(async () => {
    await world?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it('a damaged stored session is kept aside under a backup key and reported, and Forget Locally does not destroy it', async () => {
    const store = new MemorySecretStore();
    world = await makeWorld({ store });
    await world.engine.login(world.connectionId);
    const key = SessionEngine.storeKey(world.connectionId);
    const damaged = '{"v":1,"username":"admin","tokens":"half-written';
    await store.store(key, damaged);
    const records = new SecretRecords(store);
    const found: UnreadableFinding[] = [];
    records.onDidFindUnreadable((finding) => found.push(finding));
    // A window that starts now, with the store primitive the extension shares with the profiles.
    const engine = new SessionEngine({ store, clock: world.clock, logger: world.logger, client: world.client, connections: world.connections, records });
    try {
      assert.equal((await engine.load(world.connectionId)).status, 'damaged');
      await engine.forget(world.connectionId);
      await records.settled();
      assert.equal(await store.get(key), undefined);
      const backups = [...store.values.keys()].filter((name) => name.startsWith(`${key}.backup.`));
      assert.equal(backups.length, 1, 'the damaged record was deleted rather than kept aside');
      assert.equal(await store.get(backups[0]), damaged);
      assert.deepEqual(
        found.map((finding) => [finding.key, finding.backupKey]),
        [[key, backups[0]]],
        'reported once, with its backup',
      );
      assert.equal((await engine.login(world.connectionId)).status, 'active');
    } finally {
      engine.dispose();
    }
  });

  it("a change waiting for another window's lock can be cancelled", async function () {
    needsSimulator(this, 'counts sudo answers');
    folder = mkdtempSync(join(tmpdir(), 'sugar-cancel-mutate-'));
    world = await makeWorld({ lock: new FileLock(folder) });
    await world.engine.login(world.connectionId);
    // Another window holds the session's lock (its wait would otherwise last up to a minute).
    const other = new FileLock(folder);
    const release = await other.acquire(`session-${world.connectionId}`);
    try {
      world.sim!.resetCounters();
      const controller = new AbortController();
      const sudo = world.engine.sudo(world.connectionId, 'sally', controller.signal);
      const outcome = sudo.then(
        () => 'resolved',
        (error: unknown) => (isCancellation(error) ? 'cancelled' : String(error)),
      );
      // Cancel once the sudo answer is in and only the write under the lock is left.
      for (let tries = 0; world.sim!.counters.sudoIssued === 0; tries++) {
        assert.ok(tries < 1500, 'no sudo request reached the server in 15 s');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      controller.abort();
      const settled = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('still waiting for the lock after 5 s'), 5000))]);
      assert.equal(settled, 'cancelled');
    } finally {
      await release();
    }
  });
});
