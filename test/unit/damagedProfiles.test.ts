import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLock } from '../../src/core/session/fileLock';
import { createProfile, type Profile } from '../../src/core/profiles/profile';
import { PROFILES_KEY, ProfileStore } from '../../src/core/profiles/profileStore';
import { SecretRecords } from '../../src/core/store/secretRecords';
import { MemorySecretStore } from '../support/stores';

function profile(name: string, password = `pw-${name}`): Profile {
  return createProfile({ name, instanceUrl: 'https://sugar.example.com', username: 'u', password, rememberPassword: true }).profile;
}

const good = profile('good one');
const other = profile('good two');
const oldList = (entries: unknown[]): string => JSON.stringify({ v: 1, profiles: entries });

/** Damage as a user's store can hold it: the old (v1) list, as every existing user has it. */
const DAMAGE: Array<{ kind: string; text: string; readable: string[] }> = [
  { kind: 'truncated', text: oldList([good, other]).slice(0, 150), readable: [] },
  { kind: 'not JSON', text: 'this is not JSON', readable: [] },
  { kind: 'of another shape', text: JSON.stringify([good, other]), readable: [] },
  { kind: 'with null entries', text: oldList([good, null, other, 42]), readable: ['good one', 'good two'] },
];

const backupsOf = (store: MemorySecretStore): Array<[string, string]> => [...store.values].filter(([key]) => key.startsWith(`${PROFILES_KEY}.backup.`));

describe('damaged stored connections are kept, never written over', () => {
  for (const damage of DAMAGE) {
    it(`a list ${damage.kind}: kept aside with its date, the readable rest works, the next add keeps it`, async () => {
      const store = new MemorySecretStore();
      await store.store(PROFILES_KEY, damage.text);
      const records = new SecretRecords(store);
      const profiles = new ProfileStore(store, records);
      assert.deepEqual((await profiles.list()).map((p) => p.name), damage.readable);
      for (const summary of await profiles.list()) assert.equal((await profiles.get(summary.id))?.password, `pw-${summary.name}`);
      await profiles.add(profile('added after'));
      await records.settled();

      const backups = backupsOf(store);
      assert.equal(backups.length, 1, `one backup of the damaged list, found ${backups.map(([key]) => key).join(', ') || 'none'}`);
      const [backupKey, backup] = backups[0];
      assert.match(backupKey, /\.backup\.\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      if (damage.readable.length === 0) assert.equal(backup, damage.text);
      else assert.deepEqual(JSON.parse(backup).unreadableConnections, [null, 42]);
      assert.deepEqual((await new ProfileStore(store).list()).map((p) => p.name).sort(), [...damage.readable, 'added after'].sort());
      const found = records.found();
      assert.equal(found.length, 1, 'told once');
      assert.equal(found[0].backupKey, backupKey);
    });
  }

  it('a list of a newer version: shown as far as understood, never written over (an add is refused)', async () => {
    const store = new MemorySecretStore();
    const newer = JSON.stringify({ v: 7, profiles: [{ ...good, shinyNewField: { x: 1 } }], somethingElse: true });
    await store.store(PROFILES_KEY, newer);
    const records = new SecretRecords(store);
    const profiles = new ProfileStore(store, records);
    assert.deepEqual((await profiles.list()).map((p) => p.name), ['good one']);
    await assert.rejects(profiles.add(profile('added after')), /newer version/);
    await assert.rejects(profiles.update(good.id, { name: 'renamed' }), /newer version/);
    assert.equal(store.values.get(PROFILES_KEY), newer);
    assert.equal(records.found().length, 1);
    assert.equal(records.found()[0].readOnly, true);
  });

  it('null entries do not make lookups throw', async () => {
    const store = new MemorySecretStore();
    await store.store(PROFILES_KEY, oldList([null, good]));
    const profiles = new ProfileStore(store);
    assert.equal((await profiles.get(good.id))?.name, 'good one');
    assert.equal(await profiles.get('missing'), undefined);
    assert.equal((await profiles.findByName('GOOD ONE'))?.id, good.id);
  });

  it('unknown fields of the list and of its entries survive a rewrite', async () => {
    const store = new MemorySecretStore();
    await store.store(PROFILES_KEY, JSON.stringify({ v: 2, note: 'kept', profiles: [{ ...good, password: undefined, clientSecret: '', futureField: [1, 2] }] }));
    const profiles = new ProfileStore(store);
    await profiles.update(good.id, { name: 'renamed' });
    await profiles.add(profile('another'));
    const stored = JSON.parse(store.values.get(PROFILES_KEY)!);
    assert.equal(stored.note, 'kept');
    assert.deepEqual(stored.profiles[0].futureField, [1, 2]);
    assert.equal(stored.profiles[0].name, 'renamed');
  });

  it("a damaged connection's secret record is moved aside; the connection still works without it", async () => {
    const store = new MemorySecretStore();
    const records = new SecretRecords(store);
    await new ProfileStore(store, records).add(good);
    await store.store(`sugar.profile.${good.id}`, '{"v":1,"clientSec');
    const profiles = new ProfileStore(store, records);
    const read = await profiles.get(good.id);
    assert.equal(read?.name, 'good one');
    assert.equal(read?.password, undefined);
    await records.settled();
    const backup = [...store.values].find(([key]) => key.startsWith(`sugar.profile.${good.id}.backup.`));
    assert.equal(backup?.[1], '{"v":1,"clientSec');
    await profiles.update(good.id, { password: 'typed again' });
    assert.equal((await new ProfileStore(store).get(good.id))?.password, 'typed again');
  });
});

describe('the old single-secret list is migrated', () => {
  it('moves each password into its own record, then rewrites the list without secrets', async () => {
    const store = new MemorySecretStore();
    await store.store(PROFILES_KEY, oldList([good, other]));
    const profiles = new ProfileStore(store);
    assert.equal((await profiles.list()).length, 2);
    assert.equal((await profiles.get(good.id))?.password, 'pw-good one');
    await profiles.add(profile('third'));
    const list = store.values.get(PROFILES_KEY)!;
    assert.equal(JSON.parse(list).v, 2);
    assert.ok(!list.includes('pw-'), 'no password left in the list');
    const reopened = new ProfileStore(store);
    assert.equal((await reopened.get(good.id))?.password, 'pw-good one');
    assert.equal((await reopened.get(other.id))?.password, 'pw-good two');
  });

  it('a crash in the middle of the migration loses nothing: the old list stays until the records are written', async () => {
    const store = new MemorySecretStore();
    const text = oldList([good, other]);
    await store.store(PROFILES_KEY, text);
    let writes = 0;
    const crashing = { get: (key: string) => store.get(key), delete: (key: string) => store.delete(key), store: async (key: string, value: string) => {
      if (++writes === 2) throw new Error('the window was closed');
      return store.store(key, value);
    } };
    await assert.rejects(new ProfileStore(crashing).add(profile('third')), /closed/);
    assert.equal(store.values.get(PROFILES_KEY), text);
    const after = new ProfileStore(store);
    await after.add(profile('third'));
    assert.deepEqual((await after.list()).map((p) => p.name), ['good one', 'good two', 'third']);
    assert.equal((await new ProfileStore(store).get(other.id))?.password, 'pw-good two');
  });

  it('start-up reads one secret, however many connections there are', async () => {
    const store = new MemorySecretStore();
    const seeding = new ProfileStore(store);
    for (let i = 0; i < 20; i++) await seeding.add(profile(`c${i}`));
    const keys: string[] = [];
    const counting = { get: (key: string) => (keys.push(key), store.get(key)), store: (k: string, v: string) => store.store(k, v), delete: (k: string) => store.delete(k) };
    const profiles = new ProfileStore(counting);
    await Promise.all([profiles.list(), profiles.list()]);
    profiles.cachedIds();
    profiles.knownSecrets();
    // What start-up asks of each logged-in connection (the auth provider's names) reads no secrets.
    for (const id of profiles.cachedIds()) assert.ok(await profiles.summary(id));
    assert.deepEqual(keys, [PROFILES_KEY]);
    assert.equal((await profiles.get(profiles.cachedIds()[3]))?.password, 'pw-c3');
    assert.deepEqual(keys, [PROFILES_KEY, `sugar.profile.${profiles.cachedIds()[3]}`]);
  });
});

describe('a failing secret store (a locked keyring)', () => {
  it('leaves nothing unhandled: the list is empty with a reason, lookups answer, changes fail with an explanation and write nothing', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let writes = 0;
      const locked = {
        get: async (): Promise<string | undefined> => Promise.reject(new Error('Cannot unlock the keyring')),
        store: async () => void writes++,
        delete: async () => void writes++,
      };
      const profiles = new ProfileStore(locked);
      // What activation and the views do with the store, without awaiting (as extension.ts does).
      void profiles.list().then((all) => all.map((p) => p.id));
      assert.deepEqual(await profiles.list(), []);
      assert.match(profiles.readProblem() ?? '', /could not be read from the secret store \(Cannot unlock the keyring\)/);
      assert.equal(await profiles.get('x'), undefined);
      assert.equal(await profiles.findByName('x'), undefined);
      assert.deepEqual(profiles.cachedIds(), []);
      assert.deepEqual(profiles.knownSecrets(), []);
      await assert.rejects(profiles.add(good), /Cannot unlock the keyring/);
      assert.equal(writes, 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('one window changing connections at once', () => {
  it('keeps every change of 30 concurrent adds and edits, and its cache shows them all', async () => {
    const store = new MemorySecretStore();
    // No change events (as a file store): the cache is all the window knows.
    const quiet = { get: (k: string) => store.get(k), store: (k: string, v: string) => store.store(k, v), delete: (k: string) => store.delete(k) };
    const folder = mkdtempSync(join(tmpdir(), 'sugar-one-window-'));
    const profiles = new ProfileStore(quiet, new SecretRecords(quiet, new FileLock(folder, { pollMs: 1 })));
    const added = Array.from({ length: 30 }, (_, i) => profile(`c${i}`));
    await Promise.all(added.map((p) => profiles.add(p)));
    await Promise.all(added.slice(0, 10).map((p) => profiles.update(p.id, { name: `${p.name} edited` })));
    const expected = added.map((p, i) => (i < 10 ? `${p.name} edited` : p.name)).sort();
    assert.deepEqual((await profiles.list()).map((p) => p.name).sort(), expected);
    assert.deepEqual((await new ProfileStore(store).list()).map((p) => p.name).sort(), expected);
    rmSync(folder, { recursive: true, force: true });
  });
});
