import { REDACTED, SECRET_PARAMS } from '../sugar/redact';

/** One request as the History node keeps it: what was asked and how it went, never a token. */
export interface HistoryEntry {
  id: string;
  /** The connection or sudo session it was sent as. */
  sessionId: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  status?: number;
  timeMs?: number;
  at: number;
  /** Set when the request failed before an answer came (network, cancelled…). */
  failure?: string;
}

export const HISTORY_LIMIT = 50;

/** Routes whose bodies carry credentials: their bodies are never kept. */
const CREDENTIAL_PATHS = /^\/?oauth2\//i;

/** Newest first, at most 50 per connection; credentials (oauth2 bodies, token parameters) are dropped. */
export function addToHistory(entries: HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  const kept: HistoryEntry = {
    ...entry,
    path: maskQueryOfPath(entry.path),
    query: entry.query ? maskParams(entry.query) : undefined,
    body: CREDENTIAL_PATHS.test(entry.path) ? undefined : entry.body,
  };
  return [kept, ...entries].slice(0, limit);
}

function maskParams(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, SECRET_PARAMS.test(name) ? REDACTED : value]));
}

function maskQueryOfPath(path: string): string {
  const mark = path.indexOf('?');
  if (mark < 0) return path;
  const params = new URLSearchParams(path.slice(mark + 1));
  for (const name of [...params.keys()]) if (SECRET_PARAMS.test(name)) params.set(name, REDACTED);
  return `${path.slice(0, mark)}?${params.toString().split(encodeURIComponent(REDACTED)).join(REDACTED)}`;
}

export function describeHistoryEntry(entry: HistoryEntry): string {
  const query = entry.query && Object.keys(entry.query).length > 0 ? `?${new URLSearchParams(entry.query).toString()}` : '';
  return `${entry.method} ${entry.path}${query}`;
}
