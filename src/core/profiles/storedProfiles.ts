/**
 * How connections are stored, and the validators that read them back. The list key holds every
 * connection's non-secret fields (one read at start-up shows the tree); each connection's password
 * and client secret live in a record of their own, read when the connection is used.
 *
 *   sugar.profiles       { v: 2, profiles: [{ id, name, instanceUrl, ..., clientSecret: "" }] }
 *                        (v: 1, the format before, held the secrets too: migrated on first read)
 *   sugar.profile.<id>   { v: 1, clientSecret, password? }
 *
 * Unknown fields are kept when rewriting; entries that cannot be read are moved aside, not dropped.
 */
import { type Verdict, isRecord, partlyReadable, readable, readOnly, unreadable } from '../store/verdict';
import { DEFAULT_CLIENT_ID, DEFAULT_PLATFORM } from './defaults';
import type { Profile } from './profile';

export const PROFILES_KEY = 'sugar.profiles';
/** Every change to the connections takes this cross-window lock, then reads fresh. */
export const PROFILES_LOCK = 'sugar.profiles';
export const LIST_VERSION = 2;
export const SECRETS_VERSION = 1;

export type ProfileSecrets = Pick<Profile, 'clientSecret' | 'password'>;
/** What the list holds: everything but the password and client secret. */
export type ProfileSummary = Omit<Profile, 'clientSecret' | 'password'>;

export const secretsKey = (id: string): string => `sugar.profile.${id}`;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The id in a key of `secretsKey`, if it is one (backup keys of records are not). */
export function idOfSecretsKey(key: string): string | undefined {
  const id = key.startsWith('sugar.profile.') ? key.slice('sugar.profile.'.length) : undefined;
  return id !== undefined && ID_PATTERN.test(id) ? id : undefined;
}

export interface StoredEntry {
  summary: ProfileSummary;
  /** The entry as stored, unknown fields included, so that a rewrite keeps them. */
  raw: Record<string, unknown>;
  /** Only in the old (v: 1) list, which held them. */
  secrets?: ProfileSecrets;
}

export interface StoredList {
  version: number;
  entries: StoredEntry[];
  /** The list as stored (top-level unknown fields are kept when rewriting). */
  raw: Record<string, unknown>;
}

export const EMPTY_LIST: StoredList = { version: LIST_VERSION, entries: [], raw: {} };

export function validateList(json: unknown): Verdict<StoredList> {
  if (!isRecord(json)) return unreadable(`it is not a connection list (it is ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json})`);
  const version = json.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return unreadable('it has no format version');
  if (version > LIST_VERSION) {
    // A newer extension wrote it: show what can be understood, never write over it.
    const entries = Array.isArray(json.profiles) ? json.profiles.flatMap((raw) => entryOf(raw) ?? []) : [];
    return readOnly({ version, entries: entries.map(({ secrets: _, ...entry }) => entry), raw: json }, `the connection list was saved by a newer version of the extension (format ${version})`);
  }
  if (!Array.isArray(json.profiles)) return unreadable('it has no list of connections');
  const entries: StoredEntry[] = [];
  const bad: unknown[] = [];
  const ids = new Set<string>();
  for (const raw of json.profiles as unknown[]) {
    const entry = entryOf(raw);
    if (entry && !ids.has(entry.summary.id)) {
      ids.add(entry.summary.id);
      entries.push(version === 1 ? entry : { summary: entry.summary, raw: entry.raw });
    } else bad.push(raw);
  }
  const value = { version, entries, raw: json };
  if (bad.length === 0) return readable(value);
  const reason = `${bad.length} of its ${entries.length + bad.length} connections could not be read`;
  return partlyReadable(value, reason, { v: version, unreadableConnections: bad }, { ...json, profiles: entries.map((entry) => entry.raw) });
}

export function validateSecrets(json: unknown): Verdict<ProfileSecrets & { raw: Record<string, unknown> }> {
  if (!isRecord(json) || typeof json.v !== 'number') return unreadable('it is not a connection secret record');
  const { clientSecret = '', password } = json;
  if (typeof clientSecret !== 'string' || (password !== undefined && typeof password !== 'string')) return unreadable('its secrets are not text');
  const value = { clientSecret, ...(password !== undefined ? { password } : {}), raw: json };
  if (json.v > SECRETS_VERSION) return readOnly(value, `the connection's secrets were saved by a newer version of the extension (format ${json.v})`);
  return readable(value);
}

/** The list entry of a profile: no secrets (the placeholder keeps older versions from failing). */
export function entryJson(profile: ProfileSummary, raw: Record<string, unknown> = {}): Record<string, unknown> {
  const { password: _p, clientSecret: _c, ...rest } = { ...raw, ...profile } as Record<string, unknown>;
  return { ...rest, clientSecret: '' };
}

/** The list as stored, with `entries` in place of what it held. */
export function listJson(list: StoredList, entries: readonly StoredEntry[]): Record<string, unknown> {
  return { ...list.raw, v: LIST_VERSION, profiles: entries.map((entry) => entryJson(entry.summary, entry.raw)) };
}

export function secretsJson(secrets: ProfileSecrets, raw: Record<string, unknown> = {}): Record<string, unknown> {
  const { password: _p, ...rest } = raw;
  return { ...rest, v: SECRETS_VERSION, clientSecret: secrets.clientSecret, ...(secrets.password !== undefined ? { password: secrets.password } : {}) };
}

export function summaryOf(profile: Profile | ProfileSummary): ProfileSummary {
  const { password: _p, clientSecret: _c, ...summary } = profile as Profile;
  return summary;
}

const optional = (value: unknown, type: 'string' | 'boolean' | 'number'): boolean => value === undefined || typeof value === type;

/** One stored connection, or undefined when it cannot be used (a null, a missing id or address). */
function entryOf(raw: unknown): StoredEntry | undefined {
  if (!isRecord(raw)) return undefined;
  const { id, name, instanceUrl, username, apiVersion, clientId, platform, rememberPassword, tls, proxy, timeouts, clientSecret, password } = raw;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return undefined;
  if (typeof name !== 'string' || typeof instanceUrl !== 'string' || typeof username !== 'string') return undefined;
  if (!optional(apiVersion, 'string') || !optional(clientId, 'string') || !optional(platform, 'string') || !optional(rememberPassword, 'boolean')) return undefined;
  if (!optional(clientSecret, 'string') || !optional(password, 'string')) return undefined;
  if (tls !== undefined && (!isRecord(tls) || !optional(tls.verify, 'boolean') || !optional(tls.caCertificate, 'string'))) return undefined;
  if (proxy !== undefined && (!isRecord(proxy) || !['env', 'none', 'url', undefined].includes(proxy.mode as string) || !optional(proxy.url, 'string'))) return undefined;
  if (timeouts !== undefined && (!isRecord(timeouts) || !optional(timeouts.connectMs, 'number') || !optional(timeouts.totalMs, 'number'))) return undefined;
  const summary: ProfileSummary = {
    id,
    name,
    instanceUrl,
    username,
    apiVersion: (apiVersion as string | undefined) ?? 'auto',
    clientId: (clientId as string | undefined) ?? DEFAULT_CLIENT_ID,
    platform: (platform as string | undefined) ?? DEFAULT_PLATFORM,
    rememberPassword: (rememberPassword as boolean | undefined) ?? false,
    tls: { verify: (tls?.verify as boolean | undefined) ?? true, ...(typeof tls?.caCertificate === 'string' ? { caCertificate: tls.caCertificate } : {}) },
    proxy: { mode: (proxy?.mode as ProfileSummary['proxy']['mode'] | undefined) ?? 'env', ...(typeof proxy?.url === 'string' ? { url: proxy.url } : {}) },
    ...(timeouts ? { timeouts: { ...(timeouts.connectMs !== undefined ? { connectMs: timeouts.connectMs as number } : {}), ...(timeouts.totalMs !== undefined ? { totalMs: timeouts.totalMs as number } : {}) } } : {}),
  };
  const secrets = { clientSecret: (clientSecret as string | undefined) ?? '', ...(typeof password === 'string' ? { password } : {}) };
  return { summary, raw, secrets };
}

/** Connections as this version stores them, records before the list (tools and the bench write them so). */
export function storedForm(profiles: readonly Profile[]): Array<[key: string, value: string]> {
  const list: StoredList = { ...EMPTY_LIST, entries: profiles.map((profile) => ({ summary: summaryOf(profile), raw: {} })) };
  return [...profiles.map((profile): [string, string] => [secretsKey(profile.id), JSON.stringify(secretsJson(profile))]), [PROFILES_KEY, JSON.stringify(listJson(list, list.entries))]];
}
