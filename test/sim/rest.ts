/**
 * One REST request, in Sugar's order: version (301, no login), route (404 no_method, no login),
 * arguments, authentication, maintenance, metadata hash, then the handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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
import { parseArgs, readBody, sendHtml, sendJson, sendText } from './http';
import { matchRoute, type CompiledRoute, type RequestContext, type RouteDef } from './router';
import type { SimState } from './state';
import { compareVersions, displayVersion, isSupported, parseVersion, type ApiVersion } from './versions';

const BEARER_SINCE: ApiVersion = { major: 11, minor: 3 };

function grabToken(req: IncomingMessage, query: URLSearchParams, version: ApiVersion): string | undefined {
  const header = req.headers['oauth-token'];
  if (typeof header === 'string' && header !== '') return header;
  const fromQuery = query.get('oauth_token');
  if (fromQuery) return fromQuery;
  if (compareVersions(version, BEARER_SINCE) >= 0) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (m) return m[1];
  }
  return undefined;
}

function authenticate(ctx: RequestContext, req: IncomingMessage, def: RouteDef): void {
  const { state } = ctx;
  const token = grabToken(req, ctx.query, ctx.version);
  if (token === undefined) throw needLogin(MSG.noAuth);
  const grant = state.sessions.findAccess(token);
  if (!grant) throw invalidGrant401(MSG.tokenInvalid);
  if (state.now() >= grant.expiresAt) throw invalidGrant401(def.expiredTokenIsInvalid ? MSG.tokenInvalid : MSG.tokenExpired);
  const user = state.users.find(grant.userName);
  if (!user || user.status !== 'Active') throw invalidGrant401(MSG.tokenInvalid);
  ctx.grant = grant;
  ctx.user = user;
}

function checkHashes(ctx: RequestContext, req: IncomingMessage): void {
  const meta = req.headers['x-metadata-hash'];
  if (typeof meta === 'string' && meta !== '' && meta !== ctx.state.metadataHash()) throw metadataOutOfDate();
  const prefs = req.headers['x-userpref-hash'];
  if (ctx.user && typeof prefs === 'string' && prefs !== '' && prefs !== ctx.state.userprefHash(ctx.user)) {
    throw metadataOutOfDate();
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
  let kind = 'incorrect_version';
  let authenticated = false;
  try {
    const version = parseVersion(parts[0] ?? '');
    if (!version || !isSupported(version, state.maxVersion)) throw incorrectVersion(displayVersion(state.maxVersion));
    const path = parts.slice(1);
    kind = 'no_method';
    const match = matchRoute(routes, req.method ?? 'GET', path, (m) => state.records.hasModule(m));
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
      query,
      headers: req.headers,
      kind,
    };
    ctx.args = { ...parseArgs(await readBody(req), req.headers['content-type'], query), ...match.params };
    if (match.module) ctx.args.module = match.module;
    try {
      if (!def.noLoginRequired) {
        authenticated = true;
        authenticate(ctx, req, def);
        if (state.maintenance && ctx.user?.type !== 'admin' && !def.ignoreSystemStatusError) throw maintenance();
        if (!def.ignoreMetaHash) checkHashes(ctx, req);
      }
      const reply = await handler(ctx);
      if (reply.html !== undefined) sendHtml(res, reply.status ?? 200, reply.html);
      else if (reply.text !== undefined) sendText(res, reply.status ?? 200, reply.text, reply.contentType);
      else sendJson(res, reply.status ?? 200, reply.json ?? null);
    } finally {
      kind = ctx.kind;
    }
  } catch (err) {
    if (!(err instanceof SugarError)) throw err;
    if (authenticated && err.status === 401) state.counters.apiUnauthorized++;
    if (err.status === 413) res.setHeader('Connection', 'close');
    sendJson(res, err.status, err.body());
  } finally {
    countRequest(state.counters, 'api');
    countRequest(state.counters, kind);
  }
}
