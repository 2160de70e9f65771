/**
 * What an export is made of, whatever it is exported to: one request as a `.sugar` file, a History
 * row or a caller wrote it, and the connection's URL and token it goes to. The exporters
 * (codeExport.ts, postmanExport.ts) only format this; the limits and the token rule live here.
 */
import { SugarError } from '../sugar/errors';

export const EXPORT_TARGETS = ['curl', 'php', 'javascript', 'python', 'csharp', 'postman'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export function isExportTarget(value: unknown): value is ExportTarget {
  return typeof value === 'string' && (EXPORT_TARGETS as readonly string[]).includes(value);
}

/** The header every Sugar version accepts the access token in. */
export const TOKEN_HEADER = 'OAuth-Token';

/**
 * Exports are texts for an editor, a clipboard or a file that someone will read: a body larger than
 * this is refused (a pasted megabyte of JSON is not a snippet), and so is a file of more requests.
 */
export const EXPORT_LIMITS = {
  bodyChars: 256 * 1024,
  pathChars: 8 * 1024,
  headers: 50,
  headerChars: 8 * 1024,
  requestsPerFile: 500,
  nameChars: 120,
} as const;

export interface ExportableRequest {
  /** The `###` title, if there is one (Postman's item name). */
  title?: string;
  method: string;
  /** Relative to /rest/{version}, may carry `?query`; `{{variables}}` stay as written. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Never the token header: the export adds its own. */
  headers?: Record<string, string>;
  body?: string;
}

/** Where the requests go and with which token text: the masked placeholder unless the user asked for the token in clear. */
export interface ExportConnection {
  /** The instance and API version: `https://host/rest/v11_20`. */
  baseUrl: string;
  token: string;
  /** The connection does not verify TLS (cURL gets `-k`). */
  insecure?: boolean;
}

/** The body as text: a caller's object becomes its JSON; a string is kept as written. */
export function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** Throws a sentence for what cannot be exported; answers the request with its parts checked. */
export function checkExportable(request: ExportableRequest): ExportableRequest {
  const refuse = (explanation: string): never => {
    throw new SugarError({ kind: 'session', explanation });
  };
  if (!/^[A-Za-z]{1,16}$/.test(request.method)) refuse(`"${request.method.slice(0, 20)}" is not an HTTP method that can be exported.`);
  if (request.path.length > EXPORT_LIMITS.pathChars) refuse(`The path is longer than ${EXPORT_LIMITS.pathChars} characters: too long to export.`);
  if (request.body !== undefined && request.body.length > EXPORT_LIMITS.bodyChars) {
    refuse(`The body is ${Math.ceil(request.body.length / 1024)} KB: export takes bodies up to ${EXPORT_LIMITS.bodyChars / 1024} KB. Send it from the .sugar file instead.`);
  }
  const headers = Object.entries(request.headers ?? {});
  if (headers.length > EXPORT_LIMITS.headers) refuse(`The request has ${headers.length} headers: export takes up to ${EXPORT_LIMITS.headers}.`);
  if (headers.some(([name, value]) => name.length + value.length > EXPORT_LIMITS.headerChars)) refuse('A header of the request is too long to export.');
  return { ...request, method: request.method.toUpperCase(), path: request.path.startsWith('/') ? request.path : `/${request.path}` };
}

/**
 * The headers an export carries: the request's own (never a token header it may have been given)
 * and the token header with the connection's token text, then a JSON content type for a body that
 * names none.
 */
export function exportHeaders(request: ExportableRequest, token: string): Array<{ name: string; value: string }> {
  const own = Object.entries(request.headers ?? {}).filter(([name]) => !/^(oauth-token|authorization)$/i.test(name));
  const headers = [{ name: TOKEN_HEADER, value: token }, ...own.map(([name, value]) => ({ name, value }))];
  if (request.body !== undefined && !own.some(([name]) => name.toLowerCase() === 'content-type')) headers.push({ name: 'Content-Type', value: 'application/json' });
  return headers;
}

/** The path with its query parameters (from `query`) appended; `{{variables}}` untouched. */
export function pathWithQuery(request: ExportableRequest): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) params.append(name, String(value));
  const query = params.toString().replace(/%7B%7B/gi, '{{').replace(/%7D%7D/gi, '}}');
  if (!query) return request.path;
  return `${request.path}${request.path.includes('?') ? '&' : '?'}${query}`;
}

/** A name for a Postman item or collection: no control characters, no line breaks, bounded. */
export function safeName(text: string | undefined, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  const name = cleaned || fallback;
  return name.length > EXPORT_LIMITS.nameChars ? `${name.slice(0, EXPORT_LIMITS.nameChars - 1)}…` : name;
}

/** The request's own name: its `###` title, else method and path. */
export function requestName(request: ExportableRequest): string {
  return safeName(request.title, `${request.method.toUpperCase()} ${request.path.split('?')[0]}`);
}
