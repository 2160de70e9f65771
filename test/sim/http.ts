/** Reading bodies and writing answers, shared by the REST and control surfaces. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Part } from './data/multipart';
import { invalidRequest, requestTooLarge } from './errors';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(requestTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(requestTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/**
 * Sugar merges query and body arguments (body wins); it reads JSON, form and multipart bodies
 * alike. PHP turns `filter[0][name][$starts]=A` into nested arrays; so does this.
 */
export function parseArgs(body: Buffer, contentType: string | undefined, query: URLSearchParams, parts?: Part[]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [k, v] of query) setPhpArg(args, k, v);
  if (parts) {
    for (const p of parts) if (p.filename === undefined) setPhpArg(args, p.name, p.data.toString('utf8'));
    return args;
  }
  const text = body.toString('utf8').trim();
  if (text === '') return args;
  if ((contentType ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(text)) setPhpArg(args, k, v);
    return args;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidRequest('The request body is not valid JSON.');
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(args, parsed);
  return args;
}

const MAX_PHP_DEPTH = 32;

/** `a[b][0]=v` → args.a.b[0] = v, as PHP's query parser does (numeric keys make objects too). */
export function setPhpArg(args: Record<string, unknown>, key: string, value: string): void {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) {
    args[key] = value;
    return;
  }
  const path = [key.slice(0, open), ...key.slice(open + 1, -1).split('][')].slice(0, MAX_PHP_DEPTH);
  let at: Record<string, unknown> = args;
  for (let i = 0; i < path.length - 1; i++) {
    const next = at[path[i]];
    if (next && typeof next === 'object') at = next as Record<string, unknown>;
    else at = (at[path[i]] = {}) as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  at[last === '' ? String(Object.keys(at).length) : last] = value;
}

/** PHP arrays with keys 0..n-1 are lists: `{"0":…,"1":…}` from a query string becomes an array. */
export function phpLists(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > MAX_PHP_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => phpLists(v, depth + 1));
  const entries = Object.entries(value as Record<string, unknown>);
  const out = Object.fromEntries(entries.map(([k, v]) => [k, phpLists(v, depth + 1)]));
  return entries.length > 0 && entries.every(([k], i) => k === String(i)) ? Object.values(out) : out;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, must-revalidate',
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

export function sendBinary(res: ServerResponse, status: number, data: Buffer, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': data.length });
  res.end(data);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=UTF-8'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** What a web server in front of Sugar answers for paths that are not the API. */
export function sendWebServer404(res: ServerResponse, path: string): void {
  const safe = path.replace(/[<>&"]/g, '');
  sendHtml(
    res,
    404,
    `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${safe} was not found on this server.</p>\n</body></html>\n`,
  );
}
