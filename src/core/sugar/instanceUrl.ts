/**
 * Turns whatever a user pastes as "the Sugar URL" into the instance base, `https://host[:port][/prefix]`
 * with no trailing slash, and says in plain sentences what was understood or changed.
 *
 * Decisions:
 * - No scheme: https:// is added, except for loopback hosts (localhost, 127.x, [::1]) and an explicit
 *   port 80, which get http:// because that is what a local or plain-HTTP server answers on.
 * - Everything from the first `rest` path segment on is dropped (the version is a separate setting);
 *   a version found after it is reported. `/api/rest.php` and `/index.php` are dropped the same way.
 *   So a sub-path install literally named "rest" cannot be expressed: normalising stays idempotent.
 * - Query strings and `#...` fragments are dropped; query values are never echoed (they can hold
 *   tokens), only their names.
 * - Credentials in the URL are refused, not removed: a URL is logged and shown, a password must not be.
 *   Reasons never echo the input for the same reason (at most the host name).
 * - IDN hosts are kept in their DNS (punycode) form, since that is what goes on the wire.
 */
import { isApiVersion } from './apiVersion';

export type InstanceUrlResult =
  | { ok: true; url: string; notes: string[]; apiVersionInUrl?: string }
  | InstanceUrlRejection;

export interface InstanceUrlRejection {
  ok: false;
  reason: string;
}

const EXAMPLE = 'https://mycompany.sugarondemand.com';
/** Pasted page URLs with long queries fit; a pasted document does not. */
const MAX_URL_CHARS = 8192;
const SUGARCLOUD_DOMAIN = 'sugarondemand.com';

// Schemes people plausibly paste that are not the web; named so that `mailto:a@b` is not read as userinfo.
const OTHER_SCHEMES = new Set(['ftp', 'ftps', 'sftp', 'file', 'javascript', 'data', 'mailto', 'ssh', 'ws', 'wss', 'about', 'blob', 'vscode']);

export function normalizeInstanceUrl(input: string): InstanceUrlResult {
  const notes: string[] = [];
  let text = input.replace(/[\u200B-\u200D\uFEFF]/g, '').trim();
  if (text.length > MAX_URL_CHARS) return fail(`The address is longer than ${MAX_URL_CHARS} characters, which an instance address never is; check what was pasted.`);
  const unquoted = stripQuotes(text);
  if (unquoted !== text) {
    notes.push('Removed the quotes around the address.');
    text = unquoted;
  }
  if (text === '') return fail(`Enter the address of your Sugar instance, e.g. ${EXAMPLE}.`);
  if (/\s/.test(text)) return fail('The address contains a space or a line break, which a web address never has; check what was pasted.');

  const withScheme = readScheme(text);
  if ('reason' in withScheme) return withScheme;
  let parsed: URL;
  try {
    parsed = new URL(withScheme.text);
  } catch {
    return fail(explainUnparseable(withScheme.text));
  }
  if (parsed.username || parsed.password) {
    return fail('The address contains a user name or password before the @; remove it and enter the credentials in the connection instead, since a URL is shown and logged.');
  }
  const hostProblem = hostnameProblem(parsed.hostname);
  if (hostProblem) return fail(hostProblem);

  if (!withScheme.scheme) notes.unshift(applyMissingScheme(parsed, text));
  if (withScheme.note) notes.push(withScheme.note);
  notes.push(...applySchemePolicy(parsed, withScheme.scheme !== undefined));
  notes.push(...hostNotes(parsed, text));

  const path = trimPath(parsed.pathname);
  notes.push(...path.notes);
  const queryNote = describeRemovedQuery(parsed);
  if (queryNote) notes.push(queryNote);
  const fragmentNote = describeRemovedFragment(parsed.hash);
  if (fragmentNote) notes.push(fragmentNote);
  if (!path.cut && /\/$/.test(withScheme.text.split(/[?#]/)[0])) notes.push('Removed the trailing slash.');

  const host = parsed.hostname.replace(/\.$/, '') + (parsed.port ? `:${parsed.port}` : '');
  const url = `${parsed.protocol}//${host}${path.kept}`;
  return path.version ? { ok: true, url, notes, apiVersionInUrl: path.version } : { ok: true, url, notes };
}

/** `${instance}/rest/${version}`; throws on a malformed version, since that is a caller's bug. */
export function restBaseUrl(instanceUrl: string, version: string): string {
  if (!isApiVersion(version)) throw new RangeError(`Not a Sugar API version: ${JSON.stringify(version)}`);
  return `${instanceUrl.replace(/\/+$/, '')}/rest/${version}`;
}

/** Hosts that never leave the machine, where plain http is normal and harmless. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '[::1]';
}

function fail(reason: string): InstanceUrlRejection {
  return { ok: false, reason };
}

const OPENING_QUOTE = /[\s"'`\u201C\u201D\u2018\u2019\u00AB\u00BB<]/;
const CLOSING_QUOTE = /[\s"'`\u201C\u201D\u2018\u2019\u00AB\u00BB>]/;

/**
 * Quotes come along from chat, mail and Markdown, often only on one side. Walked from both ends:
 * a `[...]+$` regex retries at every position of a long inner run of spaces (quadratic).
 */
function stripQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && OPENING_QUOTE.test(text[start])) start++;
  while (end > start && CLOSING_QUOTE.test(text[end - 1])) end--;
  return text.slice(start, end);
}

type SchemeReading = { text: string; scheme?: 'http' | 'https'; note?: string } | InstanceUrlRejection;

/** Tells `https://x`, `https//x` and `ftp:x` apart from a bare `host:port` or `user@host`. */
function readScheme(text: string): SchemeReading {
  const missingColon = /^(https?)\/\/(.*)$/i.exec(text);
  if (missingColon) {
    const scheme = lowerScheme(missingColon[1]);
    return { text: `${scheme}://${missingColon[2]}`, scheme, note: `Read ${scheme}// as ${scheme}:// (the colon was missing).` };
  }
  if (text.startsWith('//')) return { text: `http:${text}` };

  const candidate = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(text);
  if (candidate) {
    const scheme = candidate[1].toLowerCase();
    const rest = candidate[2];
    if (scheme === 'http' || scheme === 'https') return { text, scheme };
    // `localhost:8080`, `example.com:8443`, `user:pw@host` and `fe80::1` are hosts, not schemes.
    const looksLikeHost = scheme.includes('.') || /^[\d:]/.test(rest) || /^[^/]*@/.test(rest);
    if (OTHER_SCHEMES.has(scheme) || rest.startsWith('//') || !looksLikeHost) {
      return fail(`Only http:// and https:// addresses can be used; this one starts with ${scheme.slice(0, 20)}:.`);
    }
  }
  const hostPart = text.split(/[/?#]/)[0].replace(/^.*@/, '');
  if (!hostPart.startsWith('[') && (hostPart.match(/:/g) ?? []).length >= 2) {
    return fail('An IPv6 address must be written in square brackets, e.g. https://[2001:db8::1].');
  }
  // Parsed as http first; applyMissingScheme switches to https once the host is known.
  return { text: `http://${text}` };
}

function lowerScheme(s: string): 'http' | 'https' {
  return s.toLowerCase() === 'https' ? 'https' : 'http';
}

function applyMissingScheme(parsed: URL, rawText: string): string {
  if (isLoopbackHost(parsed.hostname)) return 'Added http:// because this is a local address.';
  if (/^[^/?#]*:80(?=$|[/?#])/.test(rawText) && !parsed.hostname.endsWith(SUGARCLOUD_DOMAIN)) {
    return 'Added http:// because port 80 is plain HTTP.';
  }
  parsed.protocol = 'https:';
  return 'Added https://';
}

function applySchemePolicy(parsed: URL, schemeWasGiven: boolean): string[] {
  if (parsed.protocol !== 'http:' || isLoopbackHost(parsed.hostname)) return [];
  if (isSugarCloudHost(parsed.hostname)) {
    parsed.protocol = 'https:';
    return ['Switched to https:// because SugarCloud instances only answer on https.'];
  }
  const kept = schemeWasGiven ? 'Kept http://' : 'Using http://';
  return [`${kept}: the password and tokens will travel unencrypted; use https:// if the instance offers it.`];
}

function hostNotes(parsed: URL, rawText: string): string[] {
  const notes: string[] = [];
  if (parsed.hostname.endsWith('.')) notes.push('Removed the dot at the end of the host name.');
  const host = parsed.hostname.replace(/\.$/, '');
  if (host.split('.').some((label) => label.startsWith('xn--')) && !rawText.toLowerCase().includes('xn--')) {
    notes.push(`Converted the international host name to its DNS form ${host}.`);
  }
  return notes;
}

function isSugarCloudHost(hostname: string): boolean {
  return hostname.replace(/\.$/, '').endsWith(`.${SUGARCLOUD_DOMAIN}`);
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

function hostnameProblem(hostname: string): string | undefined {
  if (hostname === '') return `The address has no host name; expected something like ${EXAMPLE}.`;
  if (hostname.startsWith('[')) return undefined; // URL has already validated the IPv6 literal
  const name = hostname.replace(/\.$/, '');
  if (name.length > 253) return 'The host name is longer than the 253 characters DNS allows.';
  if (!name.split('.').every((label) => LABEL.test(label))) {
    return `The host name ${truncate(hostname, 80)} is not valid; it may only hold letters, digits, hyphens and dots.`;
  }
  if (name === SUGARCLOUD_DOMAIN || name === `www.${SUGARCLOUD_DOMAIN}`) {
    return `${SUGARCLOUD_DOMAIN} is SugarCloud's domain, not an instance; use your instance's own address, e.g. ${EXAMPLE}.`;
  }
  return undefined;
}

function explainUnparseable(text: string): string {
  if (/^https?:\/*$/i.test(text)) return `The address has no host name after the scheme; expected something like ${EXAMPLE}.`;
  const port = /^[a-z]+:\/\/[^/?#]*\]?:(\d+)(?=$|[/?#])/i.exec(text);
  if (port && Number(port[1]) > 65535) return `The port ${port[1]} is out of range; ports go from 1 to 65535.`;
  return `This does not look like a web address; expected something like ${EXAMPLE}.`;
}

interface TrimmedPath {
  kept: string; // '' or '/prefix', never a trailing slash
  cut: boolean;
  version?: string;
  notes: string[];
}

/** Keeps the install's sub-path and drops what Sugar's web pages or REST routes add after it. */
function trimPath(pathname: string): TrimmedPath {
  const segments = pathname.split('/').filter((s) => s !== '');
  const lower = segments.map((s) => s.toLowerCase());
  const notes: string[] = [];
  if (/\/\/./.test(pathname)) notes.push('Removed doubled slashes.');

  // Any `rest` segment starts the API part, even without a version after it (see the file comment).
  const rest = lower.indexOf('rest');
  const restWithVersion = lower.findIndex((s, i) => s === 'rest' && isApiVersion(lower[i + 1] ?? ''));
  const apiRestPhp = lower.findIndex((s, i) => s === 'api' && lower[i + 1] === 'rest.php');
  const indexPhp = lower.indexOf('index.php');
  const cuts = [rest, apiRestPhp, indexPhp].filter((i) => i >= 0);
  if (cuts.length === 0) return { kept: joinPath(segments), cut: false, notes };

  const cut = Math.min(...cuts);
  const version = restWithVersion >= 0 ? lower[restWithVersion + 1]
    : apiRestPhp >= 0 && isApiVersion(lower[apiRestPhp + 2] ?? '') ? lower[apiRestPhp + 2] : undefined;
  const removed = truncate(joinPath(segments.slice(cut)), 60);
  if (version) {
    notes.push(`Removed ${removed} from the end; the API version is chosen separately.`);
    notes.push(`Detected API version ${version} in the URL.`);
  } else if (lower[cut] === 'index.php') {
    notes.push(`Removed ${removed} from the end; it belongs to Sugar's web pages, not to the instance address.`);
  } else {
    notes.push(`Removed ${removed} from the end; /rest/<version> is added for each request.`);
  }
  return { kept: joinPath(segments.slice(0, cut)), cut: true, version, notes };
}

function joinPath(segments: string[]): string {
  return segments.map((s) => `/${s}`).join('');
}

function describeRemovedQuery(parsed: URL): string | undefined {
  if (parsed.search === '') return undefined;
  const names = [...new Set(parsed.searchParams.keys())].filter((n) => /^[\w.-]{1,30}$/.test(n));
  const listed = names.length > 0 && names.length <= 5 ? ` (${names.join(', ')})` : '';
  return `Removed the query string${listed}.`;
}

/** Sugar's web app routes live in the fragment (#Accounts/123); echo only such route-like ones. */
function describeRemovedFragment(hash: string): string | undefined {
  if (hash === '' || hash === '#') return undefined;
  if (!/^#[\w/-]{1,60}$/.test(hash)) return 'Removed the #... part at the end.';
  return `Removed ${hash}: it names a page inside Sugar, not the instance.`;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}\u2026`;
}
