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

/** Newest first, at most 50 per connection; bodies of credential routes are dropped. */
export function addToHistory(entries: HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  const kept: HistoryEntry = CREDENTIAL_PATHS.test(entry.path) ? { ...entry, body: undefined } : entry;
  return [kept, ...entries].slice(0, limit);
}

export function describeHistoryEntry(entry: HistoryEntry): string {
  const query = entry.query && Object.keys(entry.query).length > 0 ? `?${new URLSearchParams(entry.query).toString()}` : '';
  return `${entry.method} ${entry.path}${query}`;
}
