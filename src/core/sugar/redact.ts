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

/** Very short values (an empty client secret, "1") would mangle ordinary text without protecting anything. */
const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret; the last line of defence before text reaches a log. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}

/** Above this many secrets one pass over the text beats one search per secret. */
const SCAN_ABOVE = 16;

/**
 * A set of secrets prepared for masking many log lines. With a few secrets it searches for each;
 * with hundreds (every token of 200 logged-in connections) it indexes them by their first
 * characters and passes over the line once, so a log line costs the same however many sessions
 * are open.
 */
export class SecretSet {
  private readonly secrets: readonly string[];
  private byPrefix: Map<string, string[]> | undefined;

  constructor(values: Iterable<string>) {
    // Longest first: a secret that contains a shorter one must be masked whole.
    this.secrets = [...new Set([...values].filter((value) => value.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    if (this.secrets.length <= SCAN_ABOVE) return redactSecrets(text, this.secrets);
    const found = this.find(text);
    return found ? redactSecrets(text, found) : text;
  }

  /** The secrets that occur in the text, longest first (a secret may contain a shorter one). */
  private find(text: string): string[] | undefined {
    const index = (this.byPrefix ??= this.index());
    let found: Set<string> | undefined;
    for (let at = 0; at <= text.length - MIN_SECRET_LENGTH; at++) {
      const candidates = index.get(text.substr(at, MIN_SECRET_LENGTH));
      if (!candidates) continue;
      for (const secret of candidates) if (text.startsWith(secret, at)) (found ??= new Set()).add(secret);
    }
    return found && [...found].sort((a, b) => b.length - a.length);
  }

  private index(): Map<string, string[]> {
    const index = new Map<string, string[]>();
    for (const secret of this.secrets) {
      const prefix = secret.slice(0, MIN_SECRET_LENGTH);
      const list = index.get(prefix);
      if (list) list.push(secret);
      else index.set(prefix, [secret]);
    }
    return index;
  }
}

const prepared = new WeakMap<readonly string[], SecretSet>();

/**
 * Masks the secrets of several groups. Each group is an array its owner hands out again unchanged
 * until its secrets change (the session engine, the profile store), so it is prepared only once.
 */
export function redactKnownSecrets(text: string, groups: Iterable<readonly string[]>): string {
  let result = text;
  for (const group of groups) {
    let set = prepared.get(group);
    if (!set) {
      set = new SecretSet(group);
      prepared.set(group, set);
    }
    result = set.redact(result);
  }
  return result;
}
