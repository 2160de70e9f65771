/** Quotes for a POSIX shell: the one quoting that needs no escaping but of the quote itself. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface CurlInput {
  method: string;
  url: string;
  /** The token goes into the OAuth-Token header, which every Sugar version accepts. */
  token?: string;
  /** More headers, sent as given (an exported request's own); a Content-Type among them replaces the JSON one. */
  headers?: ReadonlyArray<{ name: string; value: string }>;
  body?: string;
  insecure?: boolean;
}

/** A ready-to-paste curl line; the caller decides whether the token is real or masked. */
export function curlCommand(input: CurlInput): string {
  const parts = ['curl', '-sS'];
  if (input.insecure) parts.push('-k');
  if (input.method.toUpperCase() !== 'GET') parts.push('-X', input.method.toUpperCase());
  if (input.token) parts.push('-H', shellQuote(`OAuth-Token: ${input.token}`));
  for (const header of input.headers ?? []) parts.push('-H', shellQuote(`${header.name}: ${header.value}`));
  if (input.body !== undefined) {
    if (!input.headers?.some((header) => header.name.toLowerCase() === 'content-type')) parts.push('-H', shellQuote('Content-Type: application/json'));
    parts.push('--data', shellQuote(input.body));
  }
  parts.push(shellQuote(input.url));
  return parts.join(' ');
}

/** What a copied cURL line carries instead of the token in its masked form: where to get the real one. */
export const MASKED_TOKEN = '<access token: Sugar: Copy Access Token>';

/** A cURL line with the token masked (safe to paste in a ticket) or in clear (runs as it is). */
export type CurlTokenForm = 'masked' | 'clear';

/**
 * The form a programmatic caller asked for with its options argument: `{ token: 'clear' }` gives
 * the runnable line; anything else, or nothing, the masked one, so that a caller that did not
 * think about it cannot leak a token into a ticket.
 */
export function curlTokenFormOf(options: unknown): CurlTokenForm {
  return typeof options === 'object' && options !== null && (options as { token?: unknown }).token === 'clear' ? 'clear' : 'masked';
}
