import assert from 'node:assert/strict';
import { SecretRecords, StoreRefusedError } from '../../src/core/store/secretRecords';
import { readable, readOnly, unreadable, type Validator } from '../../src/core/store/verdict';
import { MemorySecretStore } from '../support/stores';

/** A record `{ v: 1, n: number }`; a higher v is a newer version. */
const counter: Validator<number> = (json) => {
  const value = json as { v?: unknown; n?: unknown } | null;
  if (typeof value?.n !== 'number' || typeof value.v !== 'number') return unreadable('it is not a counter');
  return value.v > 1 ? readOnly(value.n, 'a newer version wrote it') : readable(value.n);
};

const increment = (current: { status: string; value?: number }): unknown => ({ v: 1, n: (current.status === 'ok' ? current.value ?? 0 : 0) + 1 });

describe('SecretRecords, the one store primitive', () => {
  it('read-modify-write reads fresh under the lock: 50 concurrent increments all count', async () => {
    const store = new MemorySecretStore();
    const records = new SecretRecords(store);
    await Promise.all(Array.from({ length: 50 }, () => records.update('k', counter, increment)));
    assert.deepEqual(JSON.parse(store.values.get('k')!), { v: 1, n: 50 });
  });

  it('moves an unreadable value aside under <key>.backup.<ISO date> before writing, and says so once', async () => {
    const store = new MemorySecretStore();
    const clock = { now: () => Date.UTC(2026, 10, 29, 22, 30) };
    await store.store('k', '{"v":1,"n":');
    const records = new SecretRecords(store, undefined, clock);
    const seen: string[] = [];
    records.onDidFindUnreadable((finding) => seen.push(`${finding.key} -> ${finding.backupKey}: ${finding.reason}`));
    assert.deepEqual(await records.read('k', counter), { status: 'unreadable', reason: 'it is not JSON (truncated or damaged)' });
    await records.update('k', counter, increment);
    await records.settled();
    const backupKey = 'k.backup.2026-11-29T22:30:00.000Z';
    assert.equal(store.values.get(backupKey), '{"v":1,"n":');
    assert.deepEqual(JSON.parse(store.values.get('k')!), { v: 1, n: 1 });
    assert.deepEqual(seen, [`k -> ${backupKey}: it is not JSON (truncated or damaged)`]);
  });

  it('refuses to write over what a newer version wrote, and over a key it has not read', async () => {
    const store = new MemorySecretStore();
    await store.store('k', '{"v":2,"n":5}');
    const records = new SecretRecords(store);
    assert.deepEqual(await records.read('k', counter), { status: 'ok', value: 5, readOnly: 'a newer version wrote it' });
    await assert.rejects(records.update('k', counter, increment), StoreRefusedError);
    await assert.rejects(records.update('k', counter, () => null), StoreRefusedError);
    await assert.rejects(records.transaction('lock', (tx) => tx.write('other', { v: 1, n: 1 })), /without reading it first/);
    assert.equal(store.values.get('k'), '{"v":2,"n":5}');
    assert.equal(store.values.has('other'), false);
  });

  it('tells a failing store apart from damage: nothing is moved aside, nothing written', async () => {
    const store = new MemorySecretStore();
    await store.store('k', '{"v":1,"n":1}');
    const failing = { get: async (): Promise<string | undefined> => Promise.reject(new Error('keyring locked')), store: store.store.bind(store), delete: store.delete.bind(store) };
    const records = new SecretRecords(failing);
    assert.deepEqual(await records.read('k', counter), { status: 'failed', reason: 'keyring locked' });
    await assert.rejects(records.update('k', counter, increment), /could not be read \(keyring locked\); nothing was changed/);
    assert.equal(store.values.get('k'), '{"v":1,"n":1}');
    assert.equal(records.found().length, 0);
  });

  it('releases the lock when the body throws', async () => {
    const records = new SecretRecords(new MemorySecretStore());
    await assert.rejects(records.transaction('lock', async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await records.transaction('lock', async () => 'again'), 'again');
  });

  it('keeps only the newest five backups of a key: seven damaged versions leave the last five, the newest one readable for Restore', async () => {
    const store = new MemorySecretStore();
    let now = Date.UTC(2026, 10, 30, 1, 0);
    const records = new SecretRecords(store, undefined, { now: () => now });
    const found: string[] = [];
    records.onDidFindUnreadable((finding) => found.push(finding.backupKey!));
    for (let version = 1; version <= 7; version++) {
      now += 60_000;
      await store.store('k', `{"damaged":${version}`);
      await records.update('k', counter, () => undefined);
    }
    const backups = [...store.values.keys()].filter((key) => key.startsWith('k.backup.')).sort();
    assert.equal(found.length, 7);
    assert.deepEqual(backups, found.slice(2).sort(), 'the two oldest backups are deleted');
    assert.deepEqual(backups.map((key) => store.values.get(key)), [3, 4, 5, 6, 7].map((version) => `{"damaged":${version}`));
    // Restore shows the backup the last finding names: the newest.
    assert.equal(await records.readBackup(found[6]), '{"damaged":7');
    assert.equal(await records.readBackup(found[0]), undefined);
  });

  it('a damaged or hostile list of backups never deletes a key that is not a backup of that key', async () => {
    const store = new MemorySecretStore();
    let now = Date.UTC(2026, 10, 30, 1, 0);
    const records = new SecretRecords(store, undefined, { now: () => now });
    await store.store('other', 'keep me');
    await store.store('k.backups', JSON.stringify(['other', 'k', 'j.backup.x', 7, 'k.backup.' + 'x'.repeat(500)]));
    for (let version = 1; version <= 6; version++) {
      now += 60_000;
      await store.store('k', '[');
      await records.update('k', counter, () => undefined);
    }
    assert.equal(store.values.get('other'), 'keep me');
    assert.equal([...store.values.keys()].filter((key) => key.startsWith('k.backup.')).length, 5);
    await store.store('k.backups', '{not json');
    now += 60_000;
    await store.store('k', '[');
    await records.update('k', counter, () => undefined);
    assert.equal(store.values.get('other'), 'keep me');
    assert.deepEqual(JSON.parse(store.values.get('k.backups')!), [records.backupKeyFor('k')]);
  });
});
