/**
 * The read-modify-writes of the connections, each run inside one store transaction (under the
 * cross-window lock, every read fresh). A change to a connection that another window deleted
 * fails instead of bringing it back; nothing unreadable is written over (the store moves it aside).
 */
import type { RecordTransaction } from '../store/secretRecords';
import { StoreRefusedError } from '../store/secretRecords';
import type { Profile } from './profile';
import {
  EMPTY_LIST,
  listJson,
  PROFILES_KEY,
  type ProfileSecrets,
  secretsJson,
  secretsKey,
  type StoredEntry,
  type StoredList,
  summaryOf,
  validateList,
  validateSecrets,
} from './storedProfiles';

/** What a change leaves: the list as written and the secrets it read or wrote, by id. */
export interface ChangeResult<R> {
  list: StoredList;
  secrets: Map<string, ProfileSecrets | undefined>;
  result: R;
}

const noSecrets = (): ProfileSecrets => ({ clientSecret: '' });
const secretsOnly = (value: ProfileSecrets): ProfileSecrets => ({ clientSecret: value.clientSecret, ...(value.password !== undefined ? { password: value.password } : {}) });

/** The list read fresh; an old-format (v: 1) list is migrated first, in the same transaction. */
export async function freshList(tx: RecordTransaction, secrets: Map<string, ProfileSecrets | undefined>): Promise<StoredList> {
  const outcome = await tx.read(PROFILES_KEY, validateList);
  if (outcome.status !== 'ok') return EMPTY_LIST;
  if (outcome.readOnly) {
    throw new StoreRefusedError('The connections were saved by a newer version of Sugar REST Explorer; update the extension to change them (they are kept as they are).');
  }
  return outcome.value.version === 1 ? migrate(tx, outcome.value, secrets) : outcome.value;
}

/**
 * The old list held the secrets: each connection's go to its own record first, and only then is
 * the list rewritten without them, so a crash in between loses nothing (the next read migrates again).
 */
async function migrate(tx: RecordTransaction, old: StoredList, secrets: Map<string, ProfileSecrets | undefined>): Promise<StoredList> {
  for (const entry of old.entries) {
    const legacy = entry.secrets ?? noSecrets();
    const key = secretsKey(entry.summary.id);
    const current = await tx.read(key, validateSecrets);
    if (current.status === 'ok' && current.readOnly) continue;
    // An older version may have rewritten the list without the secrets: never blank a record.
    const kept = current.status === 'ok' ? current.value : undefined;
    const merged = { clientSecret: legacy.clientSecret || kept?.clientSecret || '', password: legacy.password ?? kept?.password };
    if (kept || merged.clientSecret || merged.password !== undefined) await tx.write(key, secretsJson(merged, kept?.raw));
    secrets.set(entry.summary.id, secretsOnly(merged));
  }
  const list: StoredList = { ...old, version: 2, entries: old.entries.map(({ summary, raw }) => ({ summary, raw })) };
  await tx.write(PROFILES_KEY, listJson(list, list.entries));
  return list;
}

export async function addProfile(tx: RecordTransaction, profile: Profile): Promise<ChangeResult<Profile>> {
  const secrets = new Map<string, ProfileSecrets | undefined>();
  const list = await freshList(tx, secrets);
  if (list.entries.some((entry) => entry.summary.id === profile.id)) throw new Error(`A connection with id ${profile.id} exists already.`);
  const key = secretsKey(profile.id);
  await tx.read(key, validateSecrets);
  // The record before the list: a crash in between leaves a record nothing refers to, never a
  // listed connection whose secrets are missing.
  await tx.write(key, secretsJson(profile));
  secrets.set(profile.id, secretsOnly(profile));
  const entries = [...list.entries, { summary: summaryOf(profile), raw: {} }];
  await tx.write(PROFILES_KEY, listJson(list, entries));
  return { list: { ...list, entries }, secrets, result: profile };
}

export async function updateProfile(tx: RecordTransaction, id: string, changes: Partial<Omit<Profile, 'id'>>): Promise<ChangeResult<Profile>> {
  const secrets = new Map<string, ProfileSecrets | undefined>();
  const list = await freshList(tx, secrets);
  const index = list.entries.findIndex((entry) => entry.summary.id === id);
  // Deleted meanwhile (here or in another window): the edit must not bring it back.
  if (index < 0) throw new Error(`No connection with id ${id}.`);
  const key = secretsKey(id);
  const current = await tx.read(key, validateSecrets);
  const known = current.status === 'ok' ? current.value : undefined;
  let kept: ProfileSecrets = known ? secretsOnly(known) : secrets.get(id) ?? noSecrets();
  if ('password' in changes || 'clientSecret' in changes) {
    kept = secretsOnly({ ...kept, ...pick(changes, ['password', 'clientSecret']) } as ProfileSecrets);
    await tx.write(key, secretsJson(kept, known?.raw));
  }
  secrets.set(id, kept);
  const old = list.entries[index];
  const summary = { ...old.summary, ...summaryOf(changes as Profile), id };
  const entries: StoredEntry[] = list.entries.map((entry, i) => (i === index ? { summary, raw: old.raw } : entry));
  await tx.write(PROFILES_KEY, listJson(list, entries));
  return { list: { ...list, entries }, secrets, result: { ...summary, ...kept } };
}

export async function removeProfile(tx: RecordTransaction, id: string): Promise<ChangeResult<void>> {
  const secrets = new Map<string, ProfileSecrets | undefined>();
  const list = await freshList(tx, secrets);
  const entries = list.entries.filter((entry) => entry.summary.id !== id);
  // The list first: a crash before the record goes leaves an orphan record, never a listed
  // connection without its secrets.
  if (entries.length !== list.entries.length) await tx.write(PROFILES_KEY, listJson(list, entries));
  const key = secretsKey(id);
  const current = await tx.read(key, validateSecrets);
  if (current.status === 'ok' && !current.readOnly) await tx.delete(key);
  secrets.set(id, undefined);
  return { list: { ...list, entries }, secrets, result: undefined };
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (key in value) out[key] = value[key];
  return out;
}
