import { formatClockTime } from '../presentation/sessionText';
import { REDACTED } from '../sugar/redact';
import { describeHistoryEntry, type HistoryEntry } from './history';

/** Escapes that stay as they are: decoding them would change what the path means, or hide text. */
const KEEP_ENCODED = /^(?:[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff/?#&=%+])$/;

/**
 * A path or query as the user typed it: `%3A` shows as `:`, `%20` as a space. Escapes of
 * separators (`/ ? # & = %`), control and direction characters, and broken sequences stay encoded.
 * One pass over the text (linear), each escape run decoded on its own.
 */
export function displayText(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(run);
    } catch {
      return run;
    }
    // Character by character, so that a kept escape stays next to the decoded ones around it.
    let out = '';
    for (const char of decoded) out += KEEP_ENCODED.test(char) ? encodeURIComponent(char) : char;
    return out;
  });
}

/** The entry's path (without its query) and its query parameters, both for display. */
export function historyRequestParts(entry: HistoryEntry): { path: string; query: string } {
  const at = entry.path.indexOf('?');
  const path = at < 0 ? entry.path : entry.path.slice(0, at);
  const params = [at < 0 ? '' : entry.path.slice(at + 1)];
  // URLSearchParams percent-encodes the mask; put it back so the row reads plainly.
  if (entry.query && Object.keys(entry.query).length > 0) params.push(new URLSearchParams(entry.query).toString().split(encodeURIComponent(REDACTED)).join(REDACTED));
  return { path: displayText(path), query: displayText(params.filter(Boolean).join('&')) };
}

/** The row's label: short enough for a narrow side bar (the query goes to the description). */
export function historyLabel(entry: HistoryEntry): string {
  return `${entry.method} ${historyRequestParts(entry).path}`;
}

/** Status (or "failed") and the clock time first, so that a narrow side bar still shows them; then the query. */
export function historyDescription(entry: HistoryEntry, now: number): string {
  const { query } = historyRequestParts(entry);
  return [entry.failure ? 'failed' : String(entry.status ?? '?'), formatClockTime(entry.at, now), query ? `?${query}` : ''].filter(Boolean).join(' · ');
}

/** Everything about the entry, one fact a line: the whole request, outcome and duration, when, as whom, why it failed. */
export function historyTooltip(entry: HistoryEntry, now: number): string {
  const sudo = entry.sessionId.includes('/sudo/') ? displayText(entry.sessionId.split('/sudo/')[1]) : undefined;
  return [
    describeHistoryEntry(entry),
    entry.failure ? `Failed: ${entry.failure}` : `${entry.status ?? '?'}${entry.timeMs !== undefined ? ` · ${entry.timeMs} ms` : ''}`,
    `Sent ${formatClockTime(entry.at, now)}`,
    sudo ? `as ${sudo}` : '',
    entry.bodyOmitted ? `Body not kept (${entry.bodyOmitted === 'credentials' ? 'it carried credentials' : 'too large'}).` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
