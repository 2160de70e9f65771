import { isTokenText, MAX_TOKEN_CHARS } from './tokenAnswer';

// Where a token answer becomes a session's tokens; re-exported for the scripts that build sessions.
export { expiryFromAnswer, sudoFromAnswer, tokensFromAnswer } from './tokenAnswer';

/**
 * One connection's session as kept in the secret store (one key per connection), and its
 * validation on read: whatever the store holds may have been written by an older or newer
 * version, by hand, or half-written. A value that does not have the expected shape is reported
 * as damaged, never half-used (a token without an expiry would be handed out forever).
 */

export interface StoredSudo {
  userName: string;
  accessToken: string;
  accessExpiresAt: number;
  issuedAt: number;
}

/** Who the session belongs to, from GET /me; fetched after login without delaying it. */
export interface SessionUser {
  id: string;
  userName: string;
  fullName?: string;
  isAdmin: boolean;
}

export interface ActiveTokens {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken?: string;
  refreshExpiresAt?: number;
  downloadToken?: string;
  issuedAt: number;
}

/** How a session ended without our own logout, kept so that every window can say so. */
export interface SessionEnd {
  reason: 'elsewhere' | 'refreshExpired';
  at: number;
  explanation: string;
}

/**
 * The session record: the tokens and the target they were issued for. `instanceUrl`, `clientId`
 * and `platform` are where the tokens may go, and nowhere else (see sessionRecord.ts). Empty
 * strings in all three mean a session stored before targets were recorded: it is bound to the
 * profile's target at its first use.
 */
export interface StoredSession {
  v: 1;
  username: string;
  platform: string;
  clientId: string;
  instanceUrl: string;
  apiVersion: string;
  tokens?: ActiveTokens;
  ended?: SessionEnd;
  user?: SessionUser;
  sudo: Record<string, StoredSudo>;
}

/** A stored value that could not be read: why, and the secrets it seems to hold (for redaction). */
export interface DamagedSession {
  reason: string;
  secrets: string[];
}

export type SessionRead = { session?: StoredSession; damaged?: undefined } | { session?: undefined; damaged: DamagedSession };

/** Far more than any real session (a few hundred bytes); a bigger value is not read at all. */
export const MAX_STORED_SESSION_CHARS = 64 * 1024;

export function serializeSession(session: StoredSession): string {
  return JSON.stringify(session);
}

/** The session a stored value holds; damaged and foreign values read as none (see readSession). */
export function parseSession(text: string | undefined): StoredSession | undefined {
  return readSession(text).session;
}

class Damage extends Error {}

function fail(reason: string): never {
  throw new Damage(reason);
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : fail(`${what} is not text`);
}

function tokenField(value: unknown, what: string): string {
  return isTokenText(value) ? value : fail(`${what} is missing or not a token`);
}

function optionalToken(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : tokenField(value, what);
}

function timeField(value: unknown, what: string): number {
  return isTime(value) ? value : fail(`${what} is missing or not a time`);
}

function optionalTime(value: unknown, what: string): number | undefined {
  return value === undefined ? undefined : timeField(value, what);
}

function readTokens(value: unknown): ActiveTokens | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) fail('its tokens are not an object');
  return {
    accessToken: tokenField(value.accessToken, 'the access token'),
    accessExpiresAt: timeField(value.accessExpiresAt, "the access token's expiry"),
    refreshToken: optionalToken(value.refreshToken, 'the refresh token'),
    refreshExpiresAt: optionalTime(value.refreshExpiresAt, "the refresh token's expiry"),
    downloadToken: optionalToken(value.downloadToken, 'the download token'),
    issuedAt: optionalTime(value.issuedAt, 'the issue time') ?? 0,
  };
}

function readSudo(value: unknown): Record<string, StoredSudo> {
  if (value === undefined) return {};
  if (!isObject(value)) fail('its sudo sessions are not an object');
  const sudo: Record<string, StoredSudo> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (!isObject(entry) || typeof entry.userName !== 'string' || entry.userName !== name) fail('a sudo session is not an object of the expected shape');
    sudo[name] = {
      userName: name,
      accessToken: tokenField(entry.accessToken, "a sudo session's token"),
      accessExpiresAt: timeField(entry.accessExpiresAt, "a sudo session's expiry"),
      issuedAt: optionalTime(entry.issuedAt, "a sudo session's issue time") ?? 0,
    };
  }
  return sudo;
}

function readEnd(value: unknown): SessionEnd | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || (value.reason !== 'elsewhere' && value.reason !== 'refreshExpired') || typeof value.explanation !== 'string') {
    fail('how it ended is not of the expected shape');
  }
  return { reason: value.reason, at: timeField(value.at, 'the time it ended'), explanation: value.explanation.slice(0, 2000) };
}

/** Who the user is only decorates the row: a broken one is dropped rather than damaging the session. */
function readUser(value: unknown): SessionUser | undefined {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.userName !== 'string' || typeof value.isAdmin !== 'boolean') return undefined;
  return { id: value.id, userName: value.userName, fullName: typeof value.fullName === 'string' ? value.fullName : undefined, isAdmin: value.isAdmin };
}

function readTarget(value: Fields): Pick<StoredSession, 'instanceUrl' | 'clientId' | 'platform' | 'apiVersion'> {
  const fields = [value.instanceUrl, value.clientId, value.platform];
  if (fields.every((field) => field === undefined)) {
    return { instanceUrl: '', clientId: '', platform: '', apiVersion: optionalString(value.apiVersion, 'its API version') ?? '' };
  }
  if (!fields.every((field) => typeof field === 'string' && field.length > 0)) fail('the instance, client or platform it was issued for is missing');
  return {
    instanceUrl: value.instanceUrl as string,
    clientId: value.clientId as string,
    platform: value.platform as string,
    apiVersion: optionalString(value.apiVersion, 'its API version') ?? '',
  };
}

/** Reads a stored value: a session, nothing, or what is damaged about it. Linear in the text. */
export function readSession(text: string | undefined): SessionRead {
  if (text === undefined || text === '') return {};
  if (text.length > MAX_STORED_SESSION_CHARS) return { damaged: { reason: `it is larger than ${MAX_STORED_SESSION_CHARS / 1024} KB`, secrets: [] } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { damaged: { reason: 'it is not JSON', secrets: [] } };
  }
  return readSessionValue(value);
}

/** Reads parsed JSON as a session, or says what is damaged about it. Walks only known shapes. */
export function readSessionValue(value: unknown): SessionRead {
  try {
    if (!isObject(value)) fail('it is not an object');
    if (value.v !== 1) fail(typeof value.v === 'number' && value.v > 1 ? `it was written by a newer version (format ${value.v})` : 'its format version is unknown');
    if (typeof value.username !== 'string') fail('its user name is missing');
    const session: StoredSession = {
      v: 1,
      username: value.username,
      ...readTarget(value),
      tokens: readTokens(value.tokens),
      ended: readEnd(value.ended),
      user: readUser(value.user),
      sudo: readSudo(value.sudo),
    };
    return { session };
  } catch (error) {
    if (!(error instanceof Damage)) throw error;
    return { damaged: { reason: error.message, secrets: secretsIn(value) } };
  }
}

/** Strings under token-like keys of a damaged value, bounded: the log must still mask them. */
function secretsIn(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, depth: number, tokenKey: boolean): void => {
    if (found.length >= 32 || depth > 4) return;
    if (typeof node === 'string') {
      if (!tokenKey || node.length > MAX_TOKEN_CHARS) return;
      // The whole value, and its parts: a token with a header smuggled after it is masked too.
      for (const part of new Set([node, ...node.split(/\s+/)])) if (part.length >= 8 && found.length < 32) found.push(part);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node).slice(0, 64)) walk(child, depth + 1, tokenKey || /token/i.test(key));
  };
  walk(value, 0, false);
  return found;
}

/** Every credential in a session, for redaction and leak checks. */
export function secretsOf(session: StoredSession | undefined): string[] {
  if (!session) return [];
  const values = [session.tokens?.accessToken, session.tokens?.refreshToken, session.tokens?.downloadToken];
  for (const sudo of Object.values(session.sudo)) values.push(sudo.accessToken);
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}
