/**
 * One REST request, in Sugar's order: version (301, no login), route (404 no_method, no login),
 * arguments, authentication, maintenance, metadata hash, then the handler.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { countRequest } from './counters';
import {
  incorrectVersion,
  invalidGrant401,
  maintenance,
  metadataOutOfDate,
  MSG,
  needLogin,
  noMethod,
  SugarError,
} from './errors';
import { boundaryOf, parseMultipart } from './data/multipart';
import { parseArgs, readBody, sendBinary, sendHtml, sendJson, sendText } from './http';
import { matchRoute, type CompiledRoute, type Reply, type RequestContext, type RouteDef } from './router';
import type { SimState } from './state';
import { compareVersions, displayVersion, isSupported, parseVersion, type ApiVersion } from './versions';

const BEARER_SINCE: ApiVersion = { major: 11, minor: 3 };

function grabToken(headers: IncomingHttpHeaders, query: URLSearchParams, version: ApiVersion): string | undefined {
  const header = headers['oauth-token'];
  if (typeof header === 'string' && header !== '') return header;
  const fromQuery = query.get('oauth_token');
  if (fromQuery) return fromQuery;
  if (compareVersions(version, BEARER_SINCE) >= 0) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
    if (m) return m[1];
  }
  return undefined;
}

function authenticate(ctx: RequestContext, headers: IncomingHttpHeaders, def: RouteDef): void {
  const { state } = ctx;
  const token = grabToken(headers, ctx.query, ctx.version);
  if (token === undefined && def.downloadTokenAccepted && authenticateDownload(ctx)) return;
  if (token === undefined) throw needLogin(MSG.noAuth);
  const grant = state.sessions.findAccess(token);
  if (!grant) throw invalidGrant401(MSG.tokenInvalid);
  if (state.now() >= grant.expiresAt) throw invalidGrant401(def.expiredTokenIsInvalid ? MSG.tokenInvalid : MSG.tokenExpired);
  const user = state.users.find(grant.userName);
  if (!user || user.status !== 'Active') throw invalidGrant401(MSG.tokenInvalid);
  ctx.grant = grant;
  ctx.user = user;
}

/** File URLs may carry `?platform=<p>&download_token=<t>` instead of a token header. */
function authenticateDownload(ctx: RequestContext): boolean {
  const token = ctx.query.get('download_token');
  const platform = ctx.query.get('platform');
  if (!token || !platform) return false;
  const session = ctx.state.sessions.findByDownload(token);
  if (!session || session.platform !== platform) throw invalidGrant401(MSG.tokenInvalid);
  const user = ctx.state.users.find(session.userName);
  if (!user || user.status !== 'Active') throw invalidGrant401(MSG.tokenInvalid);
  ctx.user = user;
  // Tests tell a download by token from one by header by this count.
  countRequest(ctx.state.counters, 'byDownloadToken');
  return true;
}

function checkHashes(ctx: RequestContext, headers: IncomingHttpHeaders): void {
  const meta = headers['x-metadata-hash'];
  if (typeof meta === 'string' && meta !== '' && meta !== ctx.state.metadataHash()) throw metadataOutOfDate();
  const prefs = headers['x-userpref-hash'];
  if (ctx.user && typeof prefs === 'string' && prefs !== '' && prefs !== ctx.state.userprefHash(ctx.user)) {
    throw metadataOutOfDate();
  }
}

/** One request as the REST service sees it, whether from a socket or from /bulk. */
export interface RestCall {
  method: string;
  /** The decoded path segments after /rest (the version first). */
  parts: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Sub-requests of /bulk skip the metadata-hash check (BulkApi). */
  skipHashCheck?: boolean;
}

export interface RestOutcome {
  status: number;
  headers: Record<string, string>;
  reply?: Reply;
  /** An error answer's JSON body. */
  error?: Record<string, unknown>;
}

export async function runRest(state: SimState, routes: CompiledRoute[], call: RestCall): Promise<RestOutcome> {
  let kind = 'incorrect_version';
  let authenticated = false;
  try {
    const version = parseVersion(call.parts[0] ?? '');
    if (!version || !isSupported(version, state.maxVersion)) throw incorrectVersion(displayVersion(state.maxVersion));
    const path = call.parts.slice(1);
    kind = 'no_method';
    const match = matchRoute(routes, call.method, path, (m) => state.records.hasModule(m));
    if (!match?.route.def.handler) throw noMethod(path.length);
    const def = match.route.def;
    const handler = def.handler as NonNullable<RouteDef['handler']>;
    kind = def.kind;
    const ctx: RequestContext = {
      state,
      version,
      params: match.params,
      module: match.module,
      args: {},
      query: call.query,
      headers: call.headers,
      kind,
      body: call.body,
      runInternal: (sub) => runRest(state, routes, sub),
    };
    const boundary = boundaryOf(call.headers['content-type']);
    if (boundary) ctx.parts = parseMultipart(call.body, boundary);
    ctx.args = { ...parseArgs(call.body, call.headers['content-type'], call.query, ctx.parts), ...match.params };
    if (match.module) ctx.args.module = match.module;
    try {
      if (!def.noLoginRequired) {
        authenticated = true;
        authenticate(ctx, call.headers, def);
        if (state.maintenance && ctx.user?.type !== 'admin' && !def.ignoreSystemStatusError) throw maintenance();
        if (!def.ignoreMetaHash && !call.skipHashCheck) checkHashes(ctx, call.headers);
      }
      const reply = await handler(ctx);
      return { status: reply.status ?? 200, headers: reply.headers ?? {}, reply };
    } finally {
      kind = ctx.kind;
    }
  } catch (err) {
    if (!(err instanceof SugarError)) throw err;
    if (authenticated && err.status === 401) state.counters.apiUnauthorized++;
    return { status: err.status, headers: err.status === 413 ? { Connection: 'close' } : {}, error: err.body() };
  } finally {
    countRequest(state.counters, 'api');
    countRequest(state.counters, kind);
  }
}

/** `parts` are the decoded path segments after /rest. */
export async function handleRest(
  state: SimState,
  routes: CompiledRoute[],
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  query: URLSearchParams,
): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (err) {
    if (!(err instanceof SugarError)) throw err;
    res.setHeader('Connection', 'close');
    sendJson(res, err.status, err.body());
    return;
  }
  const outcome = await runRest(state, routes, { method: req.method ?? 'GET', parts, query, headers: req.headers, body });
  for (const [name, value] of Object.entries(outcome.headers)) res.setHeader(name, value);
  const reply = outcome.reply;
  if (!reply) sendJson(res, outcome.status, outcome.error);
  else if (outcome.status === 304) {
    res.writeHead(304);
    res.end();
  } else if (reply.html !== undefined) sendHtml(res, outcome.status, reply.html);
  else if (reply.binary !== undefined) sendBinary(res, outcome.status, reply.binary, reply.contentType ?? 'application/octet-stream');
  else if (reply.text !== undefined) sendText(res, outcome.status, reply.text, reply.contentType);
  else sendJson(res, outcome.status, reply.json ?? null);
}
