/**
 * Requests as a Postman collection (v2.1): the instance and API version in a `base_url` collection
 * variable, the token in a `token` one that every request sends in its OAuth-Token header. The
 * token's value is empty unless the user asked for it in clear. `{{variables}}` of .sugar files
 * are Postman's own syntax and stay as written.
 */
import { SugarError } from '../sugar/errors';
import { checkExportable, EXPORT_LIMITS, exportHeaders, ExportableRequest, pathWithQuery, requestName, safeName } from './exportRequest';

export const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface KeyValue {
  key: string;
  value: string;
  description?: string;
  type?: 'string' | 'text';
}

export interface PostmanItem {
  name: string;
  description?: string;
  request: {
    method: string;
    header: KeyValue[];
    url: { raw: string; host: string[]; path: string[]; query?: Array<{ key: string; value: string }> };
    body?: { mode: 'raw'; raw: string; options: { raw: { language: 'json' | 'text' } } };
  };
}

export interface PostmanCollection {
  info: { name: string; description: string; schema: typeof POSTMAN_SCHEMA };
  item: PostmanItem[];
  variable: KeyValue[];
}

export interface PostmanOptions {
  /** The collection's name: the file's or the request's. */
  name: string;
  /** The instance and API version: `https://host/rest/v11_20`. */
  baseUrl: string;
  /** Only when the user asked for the token in clear: the `token` variable's value. */
  token?: string;
  /** Where it came from, for the description ("Dev", "Accounts.sugar"). */
  source?: string;
}

export const TOKEN_VARIABLE_HELP =
  'The access token of a Sugar session, sent in the OAuth-Token header of every request. It is not exported: ' +
  'get one with "Sugar: Copy Access Token" in VS Code (or POST {{base_url}}/oauth2/token) and set it as this variable\'s current value.';

export function postmanCollection(requests: ExportableRequest[], options: PostmanOptions): PostmanCollection {
  if (requests.length === 0) throw new SugarError({ kind: 'session', explanation: 'There is no request to export.' });
  if (requests.length > EXPORT_LIMITS.requestsPerFile) {
    throw new SugarError({ kind: 'session', explanation: `The file has ${requests.length} requests: export takes up to ${EXPORT_LIMITS.requestsPerFile} at once.` });
  }
  const from = options.source ? ` from ${safeName(options.source, '')}` : '';
  return {
    info: {
      name: safeName(options.name, 'Sugar requests'),
      description:
        `Exported by Sugar REST Explorer${from}. Authorization: every request sends the OAuth-Token header with the collection variable {{token}}` +
        `${options.token ? ' (exported with its value: keep this file private)' : ', exported empty: set it to an access token before sending'}. ` +
        '{{base_url}} is the instance and its REST API version.',
      schema: POSTMAN_SCHEMA,
    },
    item: requests.map(postmanItem),
    variable: [
      { key: 'base_url', value: options.baseUrl, type: 'string', description: 'The Sugar instance and REST API version the requests go to.' },
      { key: 'token', value: options.token ?? '', type: 'string', description: TOKEN_VARIABLE_HELP },
    ],
  };
}

function postmanItem(request: ExportableRequest): PostmanItem {
  const checked = checkExportable(request);
  const relative = pathWithQuery(checked);
  const [path, query] = splitOnce(relative, '?');
  const contentType = Object.entries(checked.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const isJson = contentType === undefined || /json/i.test(contentType);
  return {
    name: requestName(request),
    request: {
      method: checked.method,
      header: exportHeaders(checked, '{{token}}').map(({ name, value }) => ({ key: name, value, type: 'text' })),
      url: {
        raw: `{{base_url}}${relative}`,
        host: ['{{base_url}}'],
        path: path.split('/').filter((segment) => segment !== ''),
        ...(query !== undefined ? { query: queryPairs(query) } : {}),
      },
      ...(checked.body !== undefined ? { body: { mode: 'raw' as const, raw: checked.body, options: { raw: { language: isJson ? ('json' as const) : ('text' as const) } } } } : {}),
    },
  };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Postman shows the query as pairs, decoded; a malformed escape is kept as written. */
function queryPairs(query: string): Array<{ key: string; value: string }> {
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [key, value] = splitOnce(pair, '=');
      return { key: decode(key), value: decode(value ?? '') };
    });
}

export function postmanText(collection: PostmanCollection): string {
  return `${JSON.stringify(collection, null, 2)}\n`;
}

/** The file name a collection is offered under: the .sugar file's, without characters a file system refuses. */
export function postmanFileName(baseName: string): string {
  // eslint-disable-next-line no-control-regex
  const stem = baseName.replace(/\.sugar$/i, '').replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '_').slice(0, 100) || 'requests';
  return `${stem}.postman_collection.json`;
}
