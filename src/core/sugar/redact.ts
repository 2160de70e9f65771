import { CREDENTIAL_NAME_TAIL, isCredentialName } from './credentialNames';
import { REDACTED, SecretSet } from './secretSet';

export { REDACTED, SecretSet };

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
      if (isCredentialName(name)) parsed.searchParams.set(name, REDACTED);
    }
    // searchParams percent-encodes the mask; put it back so the log reads plainly.
    return `${method} ${parsed.pathname}${parsed.search.split(encodeURIComponent(REDACTED)).join(REDACTED)}`;
  } catch {
    return `${method} (unparsable URL)`;
  }
}

/**
 * Values in credential positions, whether or not they are known secrets: `password=…`,
 * `"new_password":"…"` (also JSON within JSON), token headers, `Basic <user:password in base64>`
 * and `Bearer <token>`. This is what masks passwords too short to be masked as free words.
 * No part can backtrack beyond the text it consumes, so a line costs linear time.
 */
const CREDENTIAL_POSITION = new RegExp(
  [
    String.raw`(${CREDENTIAL_NAME_TAIL}=)([^\s&"'#;,)]+)`,
    String.raw`(${CREDENTIAL_NAME_TAIL}\\?"\s{0,8}:\s{0,8}\\?")((?:[^"\\\r\n]|\\[^"\r\n])+)`,
    String.raw`(\b(?:oauth-token|x-api-key|authorization|proxy-authorization|cookie)\s{0,8}:\s{0,8}(?:(?:basic|bearer|token)\s+)?)([^\s,;]+)`,
    String.raw`(\bbasic\s+)([a-z0-9+/_-]{6,}={0,2})`,
    String.raw`(\bbearer\s+)([a-z0-9._~+/-]{12,}=*)`,
  ].join('|'),
  'gi',
);

/** Every alternative above needs one of these words: most log lines have none and cost one quick test. */
const CREDENTIAL_HINT = /pass|pwd|secret|token|key|hash|credential|authoriz|cookie|basic|bearer/i;

export function maskCredentialPositions(text: string): string {
  if (!CREDENTIAL_HINT.test(text)) return text;
  return text.replace(CREDENTIAL_POSITION, (match: string, ...groups: Array<string | undefined>) => {
    for (let i = 0; i < 10; i += 2) {
      const [key, value] = [groups[i], groups[i + 1]];
      if (key === undefined || value === undefined) continue;
      if (i === 6 && !Buffer.from(value, 'base64').toString('latin1').includes(':')) return match;
      if (i === 8 && !/\d/.test(value)) return match;
      return key + REDACTED;
    }
    return match;
  });
}

/** How long a secret stays masked after its owner replaced or dropped it (a refreshed token still sits in scrollback and in slow lines). */
export const RETAIN_REPLACED_MS = 60 * 60_000;
/** Retired secrets beyond this many are forgotten oldest first (a bound, whatever churns). */
const MAX_RETIRED = 10_000;

export interface SecretRedactorOptions {
  now?: () => number;
  retainMs?: number;
  /** Texts the user sees anyway (user and connection names): see SecretSet. Read when the secrets change. */
  publicTexts?: () => Iterable<string>;
}

/**
 * The log's redaction. Each source group (the session engine's and the profile store's
 * knownSecrets()) is an array its owner hands out again unchanged until its secrets change; the
 * set is prepared again only then. Secrets that leave a group stay masked for an hour. Then the
 * credential positions are masked whatever their values. A source that throws (a damaged store)
 * leaves the last prepared set in use rather than breaking every log line.
 */
export class SecretRedactor {
  private seen: ReadonlyArray<readonly string[]> = [];
  private readonly retired = new Map<string, number>();
  private nextExpiry = Infinity;
  private set = new SecretSet([]);
  /** One test that tells whether a one-line text needs any masking: every form and every credential word. */
  private screen: RegExp | undefined = CREDENTIAL_HINT;

  constructor(
    private readonly sources: () => Iterable<readonly string[]>,
    private readonly options: SecretRedactorOptions = {},
  ) {}

  redact(text: string): string {
    this.refresh();
    // Most lines: one test, no copy. A text of several lines may hold a secret split across them.
    if (this.screen && !this.screen.test(text) && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return text;
    return maskCredentialPositions(this.set.redact(text));
  }

  private refresh(): void {
    const expired = this.nextExpiry !== Infinity && this.now() >= this.nextExpiry;
    let groups: ReadonlyArray<readonly string[]>;
    try {
      const given = this.sources();
      groups = Array.isArray(given) ? given : [...given];
    } catch {
      return;
    }
    // The usual line: the same arrays as last time, compared without copying them.
    let same = groups.length === this.seen.length;
    for (let i = 0; same && i < groups.length; i++) same = groups[i] === this.seen[i];
    if (same && !expired) return;
    if (!expired && sameContents(groups, this.seen)) {
      // A source that hands out a copy each time: nothing to prepare again.
      this.seen = [...groups];
      return;
    }
    const now = this.now();
    const fresh = [...groups].map((group) => (Array.isArray(group) ? group.filter((secret): secret is string => typeof secret === 'string') : []));
    for (let i = 0; i < Math.max(fresh.length, this.seen.length); i++) this.retire(this.seen[i] ?? [], fresh[i] ?? [], now);
    this.seen = [...groups];
    this.expire(now);
    this.set = new SecretSet([...fresh.flat(), ...this.retired.keys()], this.publicTexts());
    const forms = this.set.patternSource;
    this.screen = this.set.size === 0 ? CREDENTIAL_HINT : forms ? new RegExp(`${CREDENTIAL_HINT.source}|${forms}`, 'i') : undefined;
  }

  private publicTexts(): string[] {
    try {
      return [...(this.options.publicTexts?.() ?? [])].filter((text): text is string => typeof text === 'string');
    } catch {
      return [];
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private retire(before: readonly string[], after: readonly string[], now: number): void {
    const kept = new Set(after);
    const until = now + (this.options.retainMs ?? RETAIN_REPLACED_MS);
    for (const secret of before) {
      if (typeof secret !== 'string' || kept.has(secret)) continue;
      this.retired.delete(secret);
      this.retired.set(secret, until);
      this.nextExpiry = Math.min(this.nextExpiry, until);
    }
    for (const [oldest] of this.retired) {
      if (this.retired.size <= MAX_RETIRED) break;
      this.retired.delete(oldest);
    }
  }

  private expire(now: number): void {
    if (now < this.nextExpiry) return;
    this.nextExpiry = Infinity;
    for (const [secret, until] of this.retired) {
      if (until <= now) this.retired.delete(secret);
      else this.nextExpiry = Math.min(this.nextExpiry, until);
    }
  }
}

function sameContents(a: ReadonlyArray<readonly string[]>, b: ReadonlyArray<readonly string[]>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}
