/**
 * POST /bulk (shared/sugar-data-api.md §5): each request run in turn with the caller's session,
 * answers in request order; one failing does not stop the rest, nothing is rolled back.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SugarError } from '../errors';
import type { RestOutcome } from '../rest';
import type { Reply, RequestContext, RouteDef } from '../router';

/** Sugar has no limit that we found; the simulator bounds the work of one call. */
const MAX_REQUESTS = 200;

interface SubRequest {
  url?: unknown;
  method?: unknown;
  data?: unknown;
  headers?: unknown;
}

function statusText(status: number): string {
  return ({ 200: 'OK', 201: 'Created', 304: 'Not Modified', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Request Entity Too Large', 422: 'Unprocessable Entity', 500: 'Internal Server Error', 503: 'Service Unavailable' } as Record<number, string>)[status] ?? '';
}

function contents(outcome: RestOutcome): unknown {
  const r = outcome.reply;
  if (!r) return outcome.error;
  if (r.json !== undefined) return r.json;
  return r.html ?? r.text ?? r.binary?.toString('utf8') ?? null;
}

async function bulk(ctx: RequestContext): Promise<Reply> {
  const raw = ctx.args.requests;
  const entries: Array<[string, SubRequest]> = Array.isArray(raw)
    ? raw.map((r, i): [string, SubRequest] => [String(i), r as SubRequest])
    : raw && typeof raw === 'object' ? Object.entries(raw as Record<string, SubRequest>) : [];
  if (entries.length > MAX_REQUESTS) throw new SugarError(422, 'invalid_parameter', `At most ${MAX_REQUESTS} requests in one bulk call.`);
  // A request without a url stops the whole call before anything runs.
  if (entries.some(([, r]) => !r || typeof r.url !== 'string' || r.url === '')) throw new SugarError(422, 'missing_parameter', 'Invalid request - URL is missing');
  const answers: Array<[string, unknown]> = [];
  for (const [key, r] of entries) {
    const url = new URL(String(r.url).replace(/^\/?/, '/'), 'http://bulk.invalid');
    const parts = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    const headers: IncomingHttpHeaders = { ...ctx.headers };
    delete headers['content-length'];
    delete headers['content-type'];
    if (r.headers && typeof r.headers === 'object') for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
    const data = r.data === undefined || r.data === null ? '' : typeof r.data === 'string' ? r.data : JSON.stringify(r.data);
    if (data !== '') headers['content-type'] = 'application/json';
    const outcome = await (ctx.runInternal as NonNullable<RequestContext['runInternal']>)({
      method: typeof r.method === 'string' ? r.method.toUpperCase() : 'GET',
      parts,
      query: url.searchParams,
      headers,
      body: Buffer.from(data, 'utf8'),
      skipHashCheck: true,
    });
    answers.push([key, { contents: contents(outcome), headers: outcome.headers, status: outcome.status, status_text: statusText(outcome.status) }]);
  }
  return { json: Array.isArray(raw) ? answers.map(([, a]) => a) : Object.fromEntries(answers) };
}

export const bulkRoutes: RouteDef[] = [
  {
    reqType: 'POST',
    path: '/bulk',
    method: 'bulkCall',
    kind: 'bulk',
    shortHelp: 'Runs several API calls in one request.',
    exceptions: ['SugarApiExceptionMissingParameter'],
    handler: bulk,
  },
];
