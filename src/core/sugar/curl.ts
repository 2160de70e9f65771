/** Quotes for a POSIX shell: the one quoting that needs no escaping but of the quote itself. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface CurlInput {
  method: string;
  url: string;
  /** The token goes into the OAuth-Token header, which every Sugar version accepts. */
  token?: string;
  body?: string;
  insecure?: boolean;
}

/** A ready-to-paste curl line; the caller decides whether the token is real or masked. */
export function curlCommand(input: CurlInput): string {
  const parts = ['curl', '-sS'];
  if (input.insecure) parts.push('-k');
  if (input.method.toUpperCase() !== 'GET') parts.push('-X', input.method.toUpperCase());
  if (input.token) parts.push('-H', shellQuote(`OAuth-Token: ${input.token}`));
  if (input.body !== undefined) parts.push('-H', shellQuote('Content-Type: application/json'), '--data', shellQuote(input.body));
  parts.push(shellQuote(input.url));
  return parts.join(' ');
}
