import { REDACTED } from '../sugar/redact';
import { ENTRY_LIMITS, type HistoryEntry } from './history';

/**
 * What re-running a History entry does. An entry whose body History did not keep (it carried
 * credentials, or was too large), or whose credential query parameters were masked, is not sent
 * as it is (without its body, or with `•••` for a token): it opens in a request editor for the
 * user to fill in, and says why.
 */
export type RerunPlan =
  | { kind: 'send'; method: string; path: string; query?: Record<string, string>; body?: unknown }
  | { kind: 'edit'; method: string; path: string; why: string };

export function rerunPlan(entry: HistoryEntry): RerunPlan {
  const { method, path, query } = entry;
  const masked = path.includes(REDACTED) || Object.values(query ?? {}).some((value) => value.includes(REDACTED));
  if (!entry.bodyOmitted && !masked) {
    return { kind: 'send', method, path, query, body: entry.body === undefined ? undefined : parseOrText(entry.body) };
  }
  const why = entry.bodyOmitted
    ? `The body of ${method} ${path} was not kept in History (${entry.bodyOmitted === 'credentials' ? 'it carried credentials' : `it was larger than ${ENTRY_LIMITS.bodyChars / 1024} KB`}), so it is not sent without it: fill it in, then send it.`
    : `The credential parameters of ${method} ${path} were masked in History, so it is not sent with ${REDACTED} in their place: fill them in, then send it.`;
  return { kind: 'edit', method, path: withQuery(path, query), why };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The path with its query, as a request file's request line takes it (masked values left readable). */
function withQuery(path: string, query: Record<string, string> | undefined): string {
  const pairs = Object.entries(query ?? {}).map(([name, value]) => `${encodeURIComponent(name)}=${value === REDACTED ? value : encodeURIComponent(value)}`);
  return pairs.length === 0 ? path : `${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}
