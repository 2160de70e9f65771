/**
 * One Postman request (collection format v2.1, and v2.0, whose request shapes are the same for
 * what is read here) as a `.sugar` request: method, path relative to /rest/{version}, headers
 * without credentials, the body as far as a `.sugar` file can say it, the description as comments.
 * Everything is read defensively: a field of the wrong type counts as absent.
 */

import { isOAuthRoute } from '../explore/historyPrivacy';
import { withoutCredentialValues } from './credentialValues';
import { MAX_DESCRIPTION_LINES } from './importLimits';
import { commentLines, headerLeftOutReason, type ImportedRequest, isTokenHeader, prettyBody, restPathOf, withoutCredentialParameters } from './requestBlock';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** JSON.parse of a file's text (without a byte order mark); `fail` makes the error the caller throws. */
export function parseImportJson(text: string, fail: (message: string) => Error): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw fail(`The file is not JSON: ${(error as Error).message}`);
  }
}

/** A description: a string, or `{content}`. */
export function descriptionOf(value: unknown): string | undefined {
  const text = isObject(value) ? asText(value.content) : asText(value);
  return text?.trim() ? text : undefined;
}

/** Scripts that deal with Sugar's tokens: they log in, refresh, or keep a token in a variable. */
const TOKEN_SCRIPT = /oauth2\/(?:token|logout)|access_token|refresh_token|grant_type|oauth-token/i;

/** `prerequest` / `test` scripts of an item, folder or collection: what each one does, for a note. */
export function scriptsOf(events: unknown): Array<{ listen: string; logsIn: boolean }> {
  const scripts: Array<{ listen: string; logsIn: boolean }> = [];
  for (const event of asArray(events)) {
    if (!isObject(event) || event.disabled === true || !isObject(event.script)) continue;
    const exec = event.script.exec;
    const source = Array.isArray(exec) ? exec.filter((line) => typeof line === 'string').join('\n') : asText(exec) ?? '';
    if (source.trim() === '') continue;
    scripts.push({ listen: asText(event.listen) === 'test' ? 'test' : 'pre-request', logsIn: TOKEN_SCRIPT.test(source) });
  }
  return scripts;
}

/** Postman's authorization types other than "noauth" and inheriting: replaced by the connection. */
export function authTypeOf(auth: unknown): string | undefined {
  const type = isObject(auth) ? asText(auth.type) : undefined;
  return type && type !== 'noauth' && type !== 'inherit' ? type : undefined;
}

/** The raw URL of a request's `url` (a string, or `{raw}`, or its parts). */
function rawUrlOf(url: unknown): string {
  if (!isObject(url)) return asText(url) ?? '';
  const raw = asText(url.raw);
  if (raw !== undefined) return raw;
  const host = Array.isArray(url.host) ? url.host.map(asText).join('.') : asText(url.host) ?? '';
  const path = Array.isArray(url.path) ? url.path.map(asText).join('/') : asText(url.path) ?? '';
  const query = asArray(url.query)
    .filter((pair): pair is Json => isObject(pair) && pair.disabled !== true)
    .map((pair) => (pair.value === null || pair.value === undefined ? asText(pair.key) ?? '' : `${asText(pair.key) ?? ''}=${asText(pair.value) ?? ''}`));
  return `${host}/${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

/** `:id` path segments become their value (`url.variable`) or `{{id}}`. */
function withPathVariables(path: string, url: unknown): string {
  const values = new Map<string, string>();
  if (isObject(url)) {
    for (const variable of asArray(url.variable)) {
      const key = isObject(variable) ? asText(variable.key) : undefined;
      const value = isObject(variable) ? asText(variable.value) : undefined;
      if (key && value) values.set(key, value);
    }
  }
  const query = path.indexOf('?');
  const [pathname, search] = query < 0 ? [path, ''] : [path.slice(0, query), path.slice(query)];
  const segments = pathname.split('/').map((segment) => {
    const name = /^:([A-Za-z_][\w-]*)$/.exec(segment)?.[1];
    return name === undefined ? segment : values.get(name) ?? `{{${name}}}`;
  });
  return segments.join('/') + search;
}

/** The request's path relative to /rest/{version} (with its query); used to spot Sugar's auth requests. */
export function requestPathOf(request: Json): string {
  return withPathVariables(restPathOf(rawUrlOf(request.url)), request.url);
}

/** POST /oauth2/token, /oauth2/logout, /oauth2/bulk, /oauth2/sudo/…: what the connection does. */
export function isSugarAuthPath(path: string): boolean {
  return isOAuthRoute(path);
}

/** Encodes a form value, keeping `{{variables}}` as they are. */
function formEncode(text: string): string {
  return text.split(/(\{\{[^{}]*\}\})/).map((part, index) => (index % 2 === 1 ? part : encodeURIComponent(part))).join('');
}

function fieldNames(fields: unknown[], limit = 10): string {
  const names = fields.filter(isObject).map((field) => `${asText(field.key) ?? '?'}${field.type === 'file' ? ' (a file)' : ''}`);
  return names.length > limit ? `${names.slice(0, limit).join(', ')} and ${names.length - limit} more` : names.join(', ');
}

/** The body, and what had to be left out of it. */
function bodyOf(body: unknown, headers: Array<[string, string]>, notes: string[]): string | undefined {
  if (!isObject(body) || body.disabled === true) return undefined;
  const mode = asText(body.mode);
  const hasContentType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  switch (mode) {
    case 'raw': {
      const raw = asText(body.raw) ?? '';
      return raw.trim() === '' ? undefined : prettyBody(raw);
    }
    case 'urlencoded': {
      const pairs = asArray(body.urlencoded).filter((pair): pair is Json => isObject(pair) && pair.disabled !== true);
      if (pairs.length === 0) return undefined;
      if (!hasContentType) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
      return pairs.map((pair) => `${formEncode(asText(pair.key) ?? '')}=${formEncode(asText(pair.value) ?? '')}`).join('&');
    }
    case 'formdata': {
      const fields = asArray(body.formdata).filter((field) => isObject(field) && field.disabled !== true);
      if (fields.length > 0) notes.push(`Left out: the form-data body (${fieldNames(fields)}): a .sugar file sends a text body, not multipart form data.`);
      return undefined;
    }
    case 'file':
      notes.push('Left out: the body read from a file (a .sugar file holds its body as text).');
      return undefined;
    case 'graphql':
      notes.push('Left out: the GraphQL body (Sugar\'s REST API takes JSON).');
      return undefined;
    default:
      return undefined;
  }
}

/** Header lines (a list of `{key, value}`, or v2.0's "Name: value" text) without the disabled ones. */
function headerPairsOf(header: unknown): Array<[string, string]> {
  if (typeof header === 'string') {
    return header.split(/\r?\n/).flatMap((line): Array<[string, string]> => {
      const colon = line.indexOf(':');
      return colon > 0 && !/^\s*\/\//.test(line) ? [[line.slice(0, colon).trim(), line.slice(colon + 1).trim()]] : [];
    });
  }
  return asArray(header).flatMap((pair): Array<[string, string]> => {
    if (!isObject(pair) || pair.disabled === true) return [];
    const key = asText(pair.key)?.trim();
    return key ? [[key, asText(pair.value) ?? '']] : [];
  });
}

/** What was left out of the whole collection's requests, counted once per file (see postmanCollection.ts). */
export interface RequestTally {
  tokenHeaders: number;
}

/** One Postman item with a `request` as an imported request. */
export function importRequest(item: Json, request: Json, title: string, tally: RequestTally): ImportedRequest {
  const comments: string[] = [];
  const description = descriptionOf(request.description) ?? descriptionOf(item.description);
  if (description) comments.push(...commentLines(description, MAX_DESCRIPTION_LINES));
  const notes: string[] = [];
  const headers: Array<[string, string]> = [];
  for (const [name, value] of headerPairsOf(request.header)) {
    if (isTokenHeader(name, value)) {
      tally.tokenHeaders++;
      continue;
    }
    const reason = headerLeftOutReason(name);
    if (reason) notes.push(`Left out: the header ${name} (it ${reason}).`);
    else headers.push([name, value]);
  }
  const credentials = withoutCredentialValues(bodyOf(request.body, headers, notes) ?? '');
  const body = credentials.body === '' ? undefined : credentials.body;
  if (credentials.note) notes.push(credentials.note);
  const { path, note } = withoutCredentialParameters(requestPathOf(request));
  if (note) notes.push(note);
  const auth = authTypeOf(request.auth);
  if (auth) notes.push(`Left out: its Postman authorization (${auth}); the connection authenticates.`);
  for (const script of scriptsOf(item.event)) {
    notes.push(script.logsIn
      ? `Left out: its ${script.listen} script, which handles Sugar's tokens; the connection does that.`
      : `Not carried over: its ${script.listen} script (a .sugar file runs no scripts).`);
  }
  if (description && notes.length > 0) comments.push('');
  comments.push(...notes);
  const method = (asText(request.method) ?? 'GET').trim().toUpperCase() || 'GET';
  const imported: ImportedRequest = { title, comments, method, path, headers };
  if (body !== undefined) imported.body = body;
  return imported;
}
