import { isCredentialName } from '../sugar/credentialNames';
import { REDACTED } from '../sugar/redact';
import { historyRequestParts } from './historyDisplay';
import { carriesCredential, isOAuthRoute, maskCredentialQuery } from './historyPrivacy';

/** One request as the History node keeps it: what was asked and how it went, never a token. */
export interface HistoryEntry {
  id: string;
  /** The connection or sudo session it was sent as. */
  sessionId: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  /** Why the body was not kept (a re-run then sends none). */
  bodyOmitted?: 'credentials' | 'size';
  status?: number;
  timeMs?: number;
  at: number;
  /** Set when the request failed before an answer came (network, cancelled…). */
  failure?: string;
}

export const HISTORY_LIMIT = 50;

/**
 * What one entry may keep. History lives in globalState, which VS Code loads whole at every
 * start: a pasted megabyte must not ride along forever.
 */
export const ENTRY_LIMITS = {
  pathChars: 2048,
  queryParams: 50,
  queryValueChars: 1024,
  bodyChars: 64 * 1024,
  failureChars: 500,
} as const;

/** Newest first, at most 50 per connection; credentials (bodies with credential fields, token parameters) are dropped. */
export function addToHistory(entries: HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  return [privateEntry(entry), ...entries].slice(0, limit);
}

/**
 * The entry as history may keep it: credential query parameters masked, no body that carries a
 * credential field (at any depth) or that was sent to an OAuth route, every part capped.
 * Idempotent, so that entries stored by older versions can be passed through it again on read.
 */
export function privateEntry(entry: HistoryEntry): HistoryEntry {
  const path = capText(maskCredentialQuery(entry.path), ENTRY_LIMITS.pathChars);
  const { body, bodyOmitted } = keptBody(entry);
  const kept: HistoryEntry = {
    id: String(entry.id).slice(0, 64),
    sessionId: String(entry.sessionId).slice(0, 512),
    method: String(entry.method).slice(0, 16),
    path,
    at: entry.at,
  };
  if (entry.query) kept.query = maskParams(entry.query);
  if (body !== undefined) kept.body = body;
  if (bodyOmitted) kept.bodyOmitted = bodyOmitted;
  if (entry.status !== undefined) kept.status = entry.status;
  if (entry.timeMs !== undefined) kept.timeMs = entry.timeMs;
  if (entry.failure !== undefined) kept.failure = capText(String(entry.failure), ENTRY_LIMITS.failureChars);
  return kept;
}

/** Stored entries are read back through here: whatever globalState holds, only entries of the right shape, made private. */
export function readHistory(stored: unknown): HistoryEntry[] {
  if (!Array.isArray(stored)) return [];
  const entries: HistoryEntry[] = [];
  for (const value of stored.slice(0, HISTORY_LIMIT)) {
    if (typeof value !== 'object' || value === null) continue;
    const e = value as Partial<HistoryEntry>;
    if (typeof e.id !== 'string' || typeof e.sessionId !== 'string' || typeof e.method !== 'string' || typeof e.path !== 'string' || typeof e.at !== 'number') continue;
    const query = typeof e.query === 'object' && e.query !== null ? e.query : undefined;
    entries.push(
      privateEntry({
        id: e.id,
        sessionId: e.sessionId,
        method: e.method,
        path: e.path,
        at: e.at,
        query,
        body: typeof e.body === 'string' ? e.body : undefined,
        bodyOmitted: e.bodyOmitted === 'credentials' || e.bodyOmitted === 'size' ? e.bodyOmitted : undefined,
        status: typeof e.status === 'number' ? e.status : undefined,
        timeMs: typeof e.timeMs === 'number' ? e.timeMs : undefined,
        failure: typeof e.failure === 'string' ? e.failure : undefined,
      }),
    );
  }
  return entries;
}

function keptBody(entry: HistoryEntry): Pick<HistoryEntry, 'body' | 'bodyOmitted'> {
  if (entry.bodyOmitted) return { bodyOmitted: entry.bodyOmitted };
  if (entry.body === undefined) return {};
  if (typeof entry.body !== 'string' || entry.body.length > ENTRY_LIMITS.bodyChars) return { bodyOmitted: 'size' };
  if (isOAuthRoute(entry.path) || carriesCredential(entry.body)) return { bodyOmitted: 'credentials' };
  return { body: entry.body };
}

function maskParams(query: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(query)) {
    if (++count > ENTRY_LIMITS.queryParams) break;
    kept[name.slice(0, 256)] = isCredentialName(name) ? REDACTED : capText(String(value), ENTRY_LIMITS.queryValueChars);
  }
  return kept;
}

function capText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The whole request on one line, as the user typed it (see historyDisplay.ts). */
export function describeHistoryEntry(entry: HistoryEntry): string {
  const { path, query } = historyRequestParts(entry);
  return `${entry.method} ${path}${query ? `?${query}` : ''}`;
}
