/**
 * `.sugar` request files: plain-text requests kept in the workspace, like REST Client's `.http`.
 *
 *     ### List accounts                 a separator; the rest of the line is the title
 *     # comment (or // comment)
 *     GET /Accounts?max_num=5           method and path relative to /rest/{version}
 *         &fields=name                  lines starting with ? or & continue the query
 *     X-Metadata-Hash: abc              headers, up to the first blank line
 *
 *     {"name": "{{accountName}}"}       the body: everything after that blank line
 *
 * `@name = value` lines above a request line define file variables (fileVariables.ts).
 * Comment lines count anywhere before the body. In the body, lines are kept as written (JSON may
 * hold blank lines) except comment and blank lines at its start and end, so a note may sit above
 * the body or before the next `###`. A body line cannot start with `###`.
 *
 * Lines starting with `??` are assertions on the answer (`?? status == 200`; see
 * ../checks/assertionSyntax.ts), anywhere after the request line, the body included: they are
 * never part of the query, the headers or the body.
 *
 * `errors` mean the request cannot be sent; `warnings` mean it can, but something was adjusted
 * (a pasted host or /rest/vN prefix dropped) or looks wrong (a body on GET).
 */

import type { Assertion } from '../checks/assertion';
import { isAssertionLine, readAssertions } from '../checks/assertionSyntax';
import { parseConnectionDirective, type ConnectionDirective } from './connectionDirective';
import { isFileVariableLine } from './fileVariables';
import { formatJson } from './jsonText';
import { refusedHeaderReason } from './requestHeaders';

export const REQUEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Something wrong or adjusted, on a 0-based line of the file (for a diagnostic there). */
export interface RequestProblem {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface FileRequest {
  title?: string;
  /** Upper-cased as written (even an unknown one); '' when the line has none. `errors` says why. */
  method: string;
  /** Relative to /rest/{version}, starting with `/`; may carry `?query`; `{{variables}}` unresolved. */
  path: string;
  /** Never one that refusedHeaderReason names (those are errors on their lines). */
  headers: Record<string, string>;
  body?: string;
  /** 0-based line of the request line (for the CodeLens). */
  startLine: number;
  /** 0-based last non-blank line of the request's block (comments included). */
  endLine: number;
  /** The nearest `# @connection` line at or above the request line. */
  connection?: ConnectionDirective;
  /** Its `??` lines, in order (malformed ones are errors in `problems` instead). */
  assertions: Assertion[];
  /** The messages of `problems`, by severity. */
  errors: string[];
  warnings: string[];
  problems: RequestProblem[];
}

const SEPARATOR = /^\s*###(.*)$/;
const COMMENT = /^\s*(?:#|\/\/)/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ABSOLUTE_URL = /^https?:\/\/([^/?#]+)(.*)$/i;
const REST_PREFIX = /^\/?rest\/(v\d+(?:_\d+)?)(?=[/?]|$)/i;
const BODYLESS = new Set(['GET', 'HEAD']);

const isBlank = (line: string): boolean => line.trim() === '';
/** Blank, comment and assertion lines: none of them is part of a request's headers or body. */
const isNote = (line: string): boolean => isBlank(line) || COMMENT.test(line) || isAssertionLine(line);

/** Every regex here is anchored or linear, and each line is read a bounded number of times. */
export function parseRequestFile(text: string): FileRequest[] {
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  const requests: FileRequest[] = [];
  let blockStart = 0;
  let title: string | undefined;
  let directive: ConnectionDirective | undefined;
  let directiveLine = 0;
  const flush = (end: number): void => {
    const request = parseBlock(lines, blockStart, end, title);
    if (!request) return;
    // The directive in force at the request line: read once per line, in order.
    for (; directiveLine <= request.startLine; directiveLine++) directive = parseConnectionDirective(lines[directiveLine]) ?? directive;
    if (directive) request.connection = directive;
    requests.push(request);
  };
  lines.forEach((line, index) => {
    const separator = line.includes('###') ? SEPARATOR.exec(line) : null;
    if (!separator) return;
    flush(index);
    blockStart = index + 1;
    title = separator[1].replace(/^#+/, '').trim() || undefined;
  });
  flush(lines.length);
  return requests;
}

/** Enough to see what is wrong; a pasted megabyte of non-headers does not make 100,000 diagnostics. */
const MAX_PROBLEMS = 100;

function report(request: FileRequest, line: number, severity: RequestProblem['severity'], message: string): void {
  if (request.problems.length >= MAX_PROBLEMS) return;
  request.problems.push({ line, severity, message });
  (severity === 'error' ? request.errors : request.warnings).push(message);
}

/** One block between separators; undefined when it holds nothing but comments and blank lines. */
function parseBlock(lines: string[], from: number, to: number, title: string | undefined): FileRequest | undefined {
  let at = from;
  while (at < to && (isNote(lines[at]) || isFileVariableLine(lines[at]))) at++;
  if (at >= to) return undefined;
  const request: FileRequest = { method: '', path: '', headers: {}, startLine: at, endLine: at, assertions: [], errors: [], warnings: [], problems: [] };
  if (title) request.title = title;
  for (let line = from; line < at; line++) {
    if (isAssertionLine(lines[line])) report(request, line, 'error', 'This assertion is above its request line: put ?? lines after the request they check.');
  }
  let target = readRequestLine(lines[at], request);
  at++;
  // Query continuation lines, as in REST Client.
  while (at < to && /^\s*[?&]/.test(lines[at]) && !isAssertionLine(lines[at])) target += lines[at++].trim();
  if (target !== '') request.path = normalizeTarget(target, request);
  at = readHeaders(lines, at, to, request);
  readBody(lines, at, to, request);
  request.assertions = readAssertions(lines, request.startLine + 1, to, (line, message) => report(request, line, 'error', message));
  let last = to - 1;
  while (last > request.startLine && isBlank(lines[last])) last--;
  request.endLine = last;
  if (request.body !== undefined && BODYLESS.has(request.method)) {
    report(request, request.startLine, 'warning', `A ${request.method} request with a body: servers and proxies may ignore it; put arguments in the query string.`);
  }
  return request;
}

/** Sets the method (and errors); returns the raw target, '' when missing. */
function readRequestLine(line: string, request: FileRequest): string {
  const words = line.trim().split(/\s+/);
  const error = (message: string): void => report(request, request.startLine, 'error', message);
  // A trailing protocol, as pasted from a raw request, is allowed and dropped.
  if (words.length > 1 && /^HTTP\/\d(?:\.\d)?$/i.test(words[words.length - 1])) words.pop();
  const [first, ...rest] = words;
  const upper = first.toUpperCase();
  const known = (REQUEST_METHODS as readonly string[]).includes(upper);
  if (!known && !(/^[A-Za-z]+$/.test(first) && rest.length > 0)) {
    error(`No method: start the request line with ${REQUEST_METHODS.join(', ')}, then the path.`);
    return words.join(' ');
  }
  request.method = upper;
  if (!known) error(`Unknown method "${first}": use ${REQUEST_METHODS.join(', ')}.`);
  if (rest.length === 0) error(`No path after ${first}: write e.g. "${upper} /Accounts".`);
  if (rest.length > 1) error('The path contains spaces: encode them as %20.');
  return rest.join(' ');
}

/** Paths are relative to the connection's /rest/{version}: a pasted host or version prefix is dropped, with a warning. */
function normalizeTarget(target: string, request: FileRequest): string {
  const warn = (message: string): void => report(request, request.startLine, 'warning', message);
  let path = target.trim();
  const absolute = ABSOLUTE_URL.exec(path);
  if (absolute) {
    warn(`The host ${absolute[1]} is ignored: the request goes to its connection's instance.`);
    path = absolute[2];
  }
  const prefix = REST_PREFIX.exec(path);
  if (prefix) {
    warn(`"/rest/${prefix[1]}" is dropped: the request uses its connection's API version.`);
    path = path.slice(prefix[0].length);
  }
  return path === '' || path.startsWith('/') ? path || '/' : `/${path}`;
}

/** Apache's default limit on request header lines; more only builds a large object for nothing. */
const MAX_HEADERS = 100;

/** Headers up to the first blank line; returns the index after it. */
function readHeaders(lines: string[], from: number, to: number, request: FileRequest): number {
  // Lower-case name → the spelling kept in `headers`: one lookup per line, not a scan of the keys.
  // Made at the first header: most requests have none, and a file may hold thousands of requests.
  let spelling: Map<string, string> | undefined;
  let tooMany = false;
  let at = from;
  for (; at < to && !isBlank(lines[at]); at++) {
    const line = lines[at];
    if (COMMENT.test(line) || isAssertionLine(line)) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) {
      report(request, at, 'error', `Line ${at + 1} is not a header ("Name: value"): leave a blank line before the body.`);
      continue;
    }
    const refused = refusedHeaderReason(name);
    if (refused !== undefined) {
      report(request, at, 'error', `${name} cannot be set in a request file: it ${refused}. Remove this line.`);
      continue;
    }
    const value = line.slice(colon + 1).trim();
    // Repeated headers combine as HTTP does; the first spelling of the name is kept.
    const key = name.toLowerCase();
    spelling ??= new Map();
    const existing = spelling.get(key);
    if (existing !== undefined) request.headers[existing] += `, ${value}`;
    else if (spelling.size < MAX_HEADERS) {
      spelling.set(key, name);
      request.headers[name] = value;
    } else if (!tooMany) {
      tooMany = true;
      report(request, at, 'error', `More than ${MAX_HEADERS} different headers: Sugar's web server refuses such a request (Apache's LimitRequestFields is 100).`);
    }
  }
  return at + 1;
}

function readBody(lines: string[], from: number, to: number, request: FileRequest): void {
  let first = from;
  let last = to - 1;
  while (first <= last && isNote(lines[first])) first++;
  while (last >= first && isNote(lines[last])) last--;
  // An assertion between body lines is still an assertion (a JSON body never has a line starting with ??).
  if (first <= last) request.body = lines.slice(first, last + 1).filter((line) => !isAssertionLine(line)).join('\n');
}

// ---------------------------------------------------------------------------------------------
// {{variables}}

const VARIABLE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Follows `a.b.0.c` (or `a.b[0].c`) through objects and arrays; undefined when any step is missing. */
function lookup(root: Record<string, unknown>, path: string): unknown {
  let current: unknown = root;
  for (const key of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (key === '' || current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? formatJson(value) : String(value);
}

/**
 * Replaces `{{name}}` and `{{a.b.c}}` / `{{records.0.id}}` paths. Values are inserted as text
 * (objects as JSON), not JSON-escaped: a quote inside a value lands in the body as is. Unknown
 * names stay as written and are listed once each in `missing`.
 */
export function substituteVariables(text: string, variables: Record<string, unknown>): { text: string; missing: string[] } {
  // A Set, not includes() on the list: a hostile body of 100,000 distinct names took half a minute.
  const missing = new Set<string>();
  const replaced = text.replace(VARIABLE, (whole, name: string) => {
    const value = lookup(variables, name);
    if (value !== undefined) return asText(value);
    missing.add(name);
    return whole;
  });
  return { text: replaced, missing: [...missing] };
}

/**
 * What a previous JSON response offers to `{{...}}`: its own top-level keys (array indexes for an
 * array), so `{{records.0.id}}` or `{{id}}` work directly, plus `response` for the whole answer
 * (`{{response}}` for "pong"). A top-level key named `response` wins over the alias.
 */
export function variablesFromResponse(json: unknown): Record<string, unknown> {
  if (json === undefined) return {};
  if (json !== null && typeof json === 'object') return { response: json, ...(json as Record<string, unknown>) };
  return { response: json };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Header names that carry credentials: a request file must never hold one. */
const CREDENTIAL_HEADER = /^(?:oauth-token|authorization|proxy-authorization|cookie)$|token|secret|password|api-?key/i;

export function containsTokenLikeHeader(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((name) => CREDENTIAL_HEADER.test(name.trim()));
}

/** `replace(/\n+$/, '')` would retry at every newline of a long inner run of them. */
function withoutTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end--;
  return text.slice(0, end);
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** One request block, ending in a newline; throws rather than write a token-like header into a file. */
export function serializeRequest(request: { method: string; path: string; headers?: Record<string, string>; body?: string; title?: string }): string {
  const headers = request.headers ?? {};
  if (containsTokenLikeHeader(headers)) {
    throw new Error('The request has a credential header (OAuth-Token, Authorization…); request files never keep tokens.');
  }
  const title = request.title === undefined ? '' : oneLine(request.title);
  const lines = [title ? `### ${title}` : '###', `${request.method.toUpperCase()} ${request.path.trim().replace(/ /g, '%20')}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${oneLine(value)}`);
  if (request.body !== undefined && request.body.trim() !== '') lines.push('', withoutTrailingNewlines(request.body.replace(/\r\n?/g, '\n')));
  return `${lines.join('\n')}\n`;
}
