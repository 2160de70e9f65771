/**
 * Sugar's REST API versions, spelled the way they appear in URLs: `v10`, `v11`, `v11_1` ... `v11_27`.
 * Sugar itself compares them as dotted numbers (PHP version_compare on "11.24"), so any
 * `v<major>[_<minor>]` is syntactically valid; whether an instance offers it is its own business
 * (it answers 301 incorrect_version when it does not).
 */

export interface ApiVersionParts {
  major: number;
  minor: number;
}

/**
 * Higher than any real version, but still well-formed: Sugar checks the version before routing and
 * authentication, so asking for it gets the cheap 301 that names the instance's highest version.
 */
export const PROBE_VERSION = 'v99';

/** Bearer tokens in `Authorization` arrived with Fall '18 (API 11.3); `OAuth-Token` works everywhere. */
const FIRST_BEARER_VERSION: ApiVersionParts = { major: 11, minor: 3 };

/** The lowest version Sugar has ever offered; anything below is refused by every instance. */
const MIN_MAJOR = 10;

// Canonical spelling only: no leading zeros and no `_0`, so that one version has one spelling.
const CANONICAL = /^v([1-9]\d{1,2})(?:_([1-9]\d{0,2}))?$/;

export function isApiVersion(s: string): boolean {
  return parseApiVersion(s) !== undefined;
}

export function parseApiVersion(s: string): ApiVersionParts | undefined {
  const match = CANONICAL.exec(s);
  if (!match) return undefined;
  const major = Number(match[1]);
  if (major < MIN_MAJOR) return undefined;
  return { major, minor: match[2] === undefined ? 0 : Number(match[2]) };
}

export function formatApiVersion(parts: ApiVersionParts): string {
  return parts.minor === 0 ? `v${parts.major}` : `v${parts.major}_${parts.minor}`;
}

/** Negative, zero or positive like a sort comparator. Throws on a malformed version: that is a bug. */
export function compareApiVersions(a: string, b: string): number {
  return compareParts(requireParsed(a), requireParsed(b));
}

/**
 * Reads a version however a person or Sugar writes it: `11.24` (Sugar's messages and metadata),
 * `11_24`, `v11_24`, `V11.24`, `11`, `10`, `11.0`. Returns the URL spelling, e.g. `v11_24`.
 */
export function apiVersionFromDotted(s: string): string | undefined {
  const match = /^v?(\d{1,3})(?:[._](\d{1,3}))?$/i.exec(s.trim());
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  if (major < MIN_MAJOR) return undefined;
  return formatApiVersion({ major, minor });
}

/**
 * The highest version named in Sugar's 301 text, "Please change your requested API version to
 * value between 10 and 11.24.", as `v11_24`. Tolerates `11_24`, `v11_24` and a missing period.
 */
export function parseIncorrectVersionMessage(message: string): string | undefined {
  const match = /between\s+v?\d+(?:[._]\d+)?\s+and\s+(v?\d+(?:[._]\d+)?)/i.exec(message);
  return match ? apiVersionFromDotted(match[1]) : undefined;
}

export function supportsBearerHeader(version: string): boolean {
  const parts = parseApiVersion(version);
  if (!parts) return false;
  return compareParts(parts, FIRST_BEARER_VERSION) >= 0;
}

/** The first Sugar release to reach each API version; newest first so the first match wins. */
const RELEASES: ReadonlyArray<{ version: ApiVersionParts; release: string }> = [
  { version: { major: 11, minor: 27 }, release: '26.1' },
  { version: { major: 11, minor: 26 }, release: '14.2' },
  { version: { major: 11, minor: 24 }, release: '14.0' },
  { version: { major: 11, minor: 16 }, release: '12.0' },
  { version: { major: 11, minor: 1 }, release: '8.1' },
];

/**
 * A hint such as "Sugar 14.0 or later" for an instance that offers `version` (or a request that
 * needs it). Only a hint: the table has gaps, and releases between its rows share the lower one.
 */
export function sugarReleaseForVersion(version: string): string | undefined {
  const parts = parseApiVersion(version);
  if (!parts) return undefined;
  const row = RELEASES.find((r) => compareParts(parts, r.version) >= 0);
  return row ? `Sugar ${row.release} or later` : undefined;
}

function compareParts(a: ApiVersionParts, b: ApiVersionParts): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

function requireParsed(version: string): ApiVersionParts {
  const parts = parseApiVersion(version);
  if (!parts) throw new RangeError(`Not a Sugar API version: ${JSON.stringify(version)}`);
  return parts;
}
