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
});
