/** Query parameters that carry credentials (download links, pasted OAuth URLs). */
export const SECRET_PARAMS = /^(download_token|oauth_token|access_token|refresh_token|token|password|client_secret)$/i;

export const REDACTED = '•••';

/** "GET /rest/v11_24/Accounts?max_num=20" with credential parameters masked; never the host's userinfo. */
export function describeRequestForLog(method: string, url: string): string {
  const query = url.indexOf('?');
  if (query < 0) {
    // Without a query there is nothing to mask: the path is everything after the host.
    const pathStart = url.indexOf('/', url.indexOf('//') + 2);
    return `${method} ${pathStart < 0 ? '/' : url.slice(pathStart)}`;
  }
  try {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAMS.test(name)) parsed.searchParams.set(name, REDACTED);
    }
    // searchParams percent-encodes the mask; put it back so the log reads plainly.
    return `${method} ${parsed.pathname}${parsed.search.split(encodeURIComponent(REDACTED)).join(REDACTED)}`;
  } catch {
    return `${method} (unparsable URL)`;
  }
}

/** Replaces every occurrence of each secret; the last line of defence before text reaches a log. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values (an empty client secret, "1") would mangle ordinary text without protecting anything.
    if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result;
}
