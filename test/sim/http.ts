/** Reading bodies and writing answers, shared by the REST and control surfaces. */
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Sugar merges query and body arguments (body wins); it reads JSON and form bodies alike. */
export function parseArgs(body: Buffer, contentType: string | undefined, query: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [k, v] of query) args[k] = v;
  const text = body.toString('utf8').trim();
  if (text === '') return args;
  if ((contentType ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(text)) args[k] = v;
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
