import type { SecretStore } from '../ports';

/** How many moved-aside versions of one key are kept: the newest; older ones are deleted. */
export const BACKUPS_KEPT = 5;
/** A damaged index lists at most this many keys read from it (it is stored data, so hostile). */
const MAX_LISTED = 100;

/** The key that lists `key`'s backups, oldest first (the secret store cannot list its keys). */
export const backupIndexKey = (key: string): string => `${key}.backups`;

/**
 * Records `backupKey` as the newest backup of `key` and deletes the oldest beyond `kept`. Called
 * under the lock of the transaction that moved the value aside. Only keys of the form
 * `<key>.backup.…` are ever deleted; an unreadable index starts again (the backups it listed stay).
 * The old ones go before the index is rewritten: a crash in between leaves the index naming keys
 * already gone, which the next call deletes again harmlessly.
 */
export async function keepNewestBackups(secrets: SecretStore, key: string, backupKey: string, kept: number = BACKUPS_KEPT): Promise<void> {
  const indexKey = backupIndexKey(key);
  const listed = readIndex(await secrets.get(indexKey), `${key}.backup.`);
  const all = [...listed.filter((listedKey) => listedKey !== backupKey), backupKey];
  const cut = Math.max(0, all.length - kept);
  for (const old of all.slice(0, cut)) await secrets.delete(old);
  await secrets.store(indexKey, JSON.stringify(all.slice(cut)));
}

function readIndex(text: string | undefined, prefix: string): string[] {
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.slice(-MAX_LISTED).filter((entry): entry is string => typeof entry === 'string' && entry.startsWith(prefix) && entry.length <= prefix.length + 64);
}
