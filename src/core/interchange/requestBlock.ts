/**
 * One request of a `.sugar` file as written by an import (Postman, cURL): a `###` title line,
 * comments that say what was carried over and what was left out, the request line, headers, and
 * the body. The text it writes parses back with parseRequestFile to the same request.
 */

import { formatJson } from '../explore/jsonText';
import { REQUEST_METHODS } from '../explore/requestFile';
import { refusedHeaderReason } from '../explore/requestHeaders';
import { containsTokenLikeHeader } from '../explore/requestFile';
import { isCredentialName } from '../sugar/credentialNames';

export interface ImportedRequest {
  title?: string;
  /** Comment lines (without `# `) above the request line: the description, then notes. */
  comments: string[];
  method: string;
  /** Relative to /rest/{version}, with its query; may hold `{{variables}}`. */
  path: string;
  headers: Array<[string, string]>;
  body?: string;
}

const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
/** As parseRequestFile reads a separator, line by line (a multiline `^\s*` would run across blank lines: quadratic). */
const startsRequest = (text: string): boolean => text.includes('###') && text.split(/\r\n|\r|\n/).some((line) => /^\s*###/.test(line));

/** `# ` before each line of `text`, at most `maxLines` of them (an ellipsis says when more were cut). */
export function commentLines(text: string, maxLines: number): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n', maxLines + 1).map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  if (lines.length > maxLines) lines.splice(maxLines, lines.length, '…');
  return lines;
}

/**
 * What is left of a URL relative to /rest/{version}: without a scheme and host, without leading
 * `{{url}}`-like variables (the connection is the host), without a `/rest/v11_1` or
 * `/rest/{{version}}` prefix. Spaces are encoded (a request line holds no space).
 */
export function restPathOf(url: string): string {
  let path = url.trim();
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(path);
  if (absolute) path = absolute[1];
  else {
    // `{{url}}/rest/v11_1/Accounts`, `{{url}}{{rest_endpoint}}/Accounts`: leading variables name the host.
    while (path.startsWith('{{')) {
      const end = path.indexOf('}}');
      if (end < 0) break;
      path = path.slice(end + 2);
    }
  }
  path = path.replace(/^\/?rest\/(?:v\d+(?:_\d+)?|\{\{[^{}]*\}\})(?=[/?#]|$)/i, '');
  const hash = path.indexOf('#');
  if (hash >= 0) path = path.slice(0, hash);
  if (!path.startsWith('/')) path = `/${path}`;
  return path.replace(/ /g, '%20');
}

/** A JSON text pretty-printed (two spaces); any other text as it is. */
export function prettyBody(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  try {
    return formatJson(JSON.parse(trimmed), 2);
  } catch {
    // Not JSON (a `{{variable}}` in place of a value, say): kept as written.
    return text;
  }
}

/** The token header of a copied request (OAuth-Token, Authorization: Bearer): dropped, the connection adds its own. */
export function isTokenHeader(name: string, value: string): boolean {
  const lower = name.trim().toLowerCase();
  return lower === 'oauth-token' || (lower === 'authorization' && /^\s*bearer\b/i.test(value));
}

/** Why a header cannot go into a request file; undefined when it can. */
export function headerLeftOutReason(name: string): string | undefined {
  const refused = refusedHeaderReason(name);
  if (refused) return refused;
  return containsTokenLikeHeader({ [name]: '' }) ? 'carries credentials, and request files never keep them: the connection authenticates' : undefined;
}

/**
 * The path without the query parameters that carry a credential (`oauth_token`, `download_token`,
 * `password`… as a copied browser URL or a Postman request may hold), and the comment that names
 * them (undefined when none was there): request files never keep a credential, the connection
 * authenticates.
 */
export function withoutCredentialParameters(path: string): { path: string; note?: string } {
  const query = path.indexOf('?');
  if (query < 0 || !/pass|pwd|secret|token|key|hash|credential|authoriz/i.test(path)) return { path };
  const dropped = new Set<string>();
  const kept = path
    .slice(query + 1)
    .split('&')
    .filter((pair) => {
      const raw = pair.split('=', 1)[0];
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: the name as written.
      }
      if (!isCredentialName(name)) return true;
      dropped.add(name.slice(0, 50));
      return false;
    });
  if (dropped.size === 0) return { path };
  const names = [...dropped];
  const listed = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
  return {
    path: kept.length > 0 ? `${path.slice(0, query)}?${kept.join('&')}` : path.slice(0, query),
    note: `Left out: the query ${names.length === 1 ? 'parameter' : 'parameters'} ${oneLine(listed)} (${names.length === 1 ? 'it carries a credential' : 'they carry credentials'}, and request files never keep them: the connection authenticates).`,
  };
}

function withoutTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end--;
  return text.slice(0, end);
}

/** The block's text, ending in a newline. A body that would end the block early is left out, with a note. */
export function writeRequestBlock(request: ImportedRequest): string {
  const comments = [...request.comments];
  let body = request.body?.replace(/\r\n?/g, '\n');
  if (body !== undefined && startsRequest(body)) {
    comments.push('Left out: the body, which has a line starting with ### (that would start a new request in this file).');
    body = undefined;
  }
  const method = request.method.toUpperCase();
  if (!(REQUEST_METHODS as readonly string[]).includes(method)) comments.push(`The method ${method} is not one a .sugar file sends (${REQUEST_METHODS.join(', ')}).`);
  const title = request.title === undefined ? '' : oneLine(request.title);
  const lines = [title ? `### ${title}` : '###', ...comments.map((line) => (line === '' ? '#' : `# ${line}`))];
  lines.push(`${method} ${request.path.replace(/\s/g, (space) => encodeURIComponent(space))}`);
  for (const [name, value] of request.headers) lines.push(`${oneLine(name)}: ${oneLine(value)}`);
  if (body !== undefined && body.trim() !== '') lines.push('', withoutTrailingNewlines(body));
  return `${lines.join('\n')}\n`;
}
