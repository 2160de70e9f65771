/**
 * The OAuth2 routes: token (password and refresh_token grants), logout and sudo, with Sugar's order
 * of checks and its exact labels and messages.
 */
import { sugarIso } from '../clock';
import {
  invalidClient,
  invalidGrant400,
  invalidRequest,
  MSG,
  needLogin,
  notAuthorized,
  notFound,
  unsupportedGrantType,
} from '../errors';
import type { Reply, RequestContext, RouteDef } from '../router';
import type { Session } from '../sessions';
import type { SimState } from '../state';
import type { UserRecord } from '../users';
import { str } from './args';
import { LOGOUT_HELP, SUDO_HELP, TOKEN_HELP } from './helpTexts';

function checkClient(state: SimState, args: Record<string, unknown>): string {
  const clientId = str(args.client_id) ?? 'sugar';
  const secret = str(args.client_secret) ?? '';
  const stored = state.clients[clientId];
  if (stored === undefined || stored !== secret) throw invalidClient();
  return clientId;
}

function tokenAnswer(state: SimState, s: Session, refreshAnswer: boolean): Record<string, unknown> {
  const now = state.now();
  const refreshExpiresIn =
    refreshAnswer && state.config.refreshExpiresAsEpoch
      ? Math.floor((s.refreshExpiresAt ?? now) / 1000)
      : Math.round(((s.refreshExpiresAt ?? now) - now) / 1000);
  return {
    access_token: s.accessToken,
    expires_in: Math.round((s.accessExpiresAt - now) / 1000),
    token_type: 'bearer',
    scope: null,
    refresh_token: s.refreshToken,
    refresh_expires_in: refreshExpiresIn,
    download_token: s.downloadToken,
  };
}

function passwordGrant(state: SimState, args: Record<string, unknown>, platform: string): Reply {
  const clientId = checkClient(state, args);
  const username = str(args.username);
  const password = str(args.password);
  if (username === undefined || password === undefined) {
    throw invalidRequest('Missing parameters. "username" and "password" required');
  }
  const user = state.users.find(username);
  if (user && state.lockout.isLocked(user.userName)) throw needLogin(MSG.lockout);
  if (!user || user.password !== password) {
    if (user) state.lockout.recordFailure(user.userName);
    throw needLogin(MSG.badCredentials);
  }
  if (user.status !== 'Active') throw needLogin(MSG.badCredentials);
  if (state.maintenance && user.type !== 'admin') throw needLogin(MSG.maintenanceLogin);
  state.lockout.recordSuccess(user.userName);
  const session = state.sessions.create({
    userName: user.userName,
    platform,
    clientId,
    accessTtlSec: state.config.accessTokenTtl,
    refreshTtlSec: state.config.refreshTokenTtl,
  });
  state.counters.loginsIssued++;
  return { json: tokenAnswer(state, session, false) };
}

function refreshGrant(state: SimState, args: Record<string, unknown>, platform: string): Reply {
  const clientId = checkClient(state, args);
  const refreshToken = str(args.refresh_token);
  if (refreshToken === undefined) throw invalidRequest('Missing parameters. "refresh_token" required');
  const old = state.sessions.findByRefresh(refreshToken);
  if (!old || old.clientId !== clientId) throw invalidGrant400(MSG.invalidRefresh);
  if (old.refreshExpiresAt !== undefined && state.now() >= old.refreshExpiresAt) {
    state.sessions.end(old.id);
    throw invalidGrant400(`Refresh token has expired: ${sugarIso(old.refreshExpiresAt)}`);
  }
  const user = state.users.find(old.userName);
  if (!user || user.status !== 'Active') throw invalidGrant400(MSG.invalidRefresh);
  if (state.maintenance && user.type !== 'admin') throw needLogin(MSG.maintenanceLogin);
  const next = state.sessions.rotate(
    old,
    platform,
    state.config.accessTokenTtl,
    state.config.refreshTokenTtl,
    state.config.oldAccessTokenGraceSeconds,
  );
  state.counters.refreshesIssued++;
  return { json: tokenAnswer(state, next, true) };
}

function token(ctx: RequestContext): Reply {
  const { state, args } = ctx;
  const grantType = str(args.grant_type);
  ctx.kind = grantType === 'password' ? 'token.password' : grantType === 'refresh_token' ? 'token.refresh' : 'token.other';
  const platformGiven = str(args.platform);
  if (ctx.kind === 'token.refresh' && platformGiven === undefined) state.counters.refreshesWithoutPlatform++;
  try {
    const platform = platformGiven ?? 'base';
    state.platforms.check(platform);
    if (grantType === undefined) throw invalidRequest('Invalid grant_type parameter or parameter missing');
    if (grantType === 'password') return passwordGrant(state, args, platform);
    if (grantType === 'refresh_token') return refreshGrant(state, args, platform);
    throw unsupportedGrantType();
  } catch (err) {
    if (ctx.kind === 'token.password') state.counters.loginsRejected++;
    if (ctx.kind === 'token.refresh') state.counters.refreshesRejected++;
    throw err;
  }
}

function logout(ctx: RequestContext): Reply {
  const { state, grant, args } = ctx;
  if (!grant) throw needLogin(MSG.noAuth);
  const session = state.sessions.get(grant.sessionId);
  state.sessions.dropAccess(grant.token);
  if (session) state.sessions.end(session.id);
  const refreshToken = str(args.refresh_token);
  if (refreshToken !== undefined) {
    const other = state.sessions.findByRefresh(refreshToken);
    if (other && other.userName === grant.userName) state.sessions.end(other.id);
  }
  state.counters.logouts++;
  return { json: { success: true } };
}

function sudo(ctx: RequestContext): Reply {
  const { state, grant, user, args } = ctx;
  if (!grant || !user) throw needLogin(MSG.noAuth);
  // A sudo session may not sudo again, so nobody can hide their tracks.
  if (user.type !== 'admin' || grant.sudoBy !== undefined) throw notAuthorized();
  const clientId = str(args.client_id) ?? 'sugar';
  const platform = str(args.platform) ?? 'base';
  state.platforms.check(platform);
  if (state.clients[clientId] === undefined) throw invalidClient();
  const targetName = ctx.params.user_name;
  const target: UserRecord | undefined = state.users.find(targetName);
  if (!target || target.status !== 'Active') throw notFound(`Could not find user: ${targetName}`);
  const session = state.sessions.create({
    userName: target.userName,
    platform,
    clientId,
    sudoBy: user.userName,
    accessTtlSec: state.config.accessTokenTtl,
  });
  state.counters.sudoIssued++;
  return {
    json: {
      access_token: session.accessToken,
      expires_in: Math.round((session.accessExpiresAt - state.now()) / 1000),
      token_type: 'bearer',
      scope: null,
    },
  };
}

export const authRoutes: RouteDef[] = [
  {
    reqType: 'POST',
    path: '/oauth2/token',
    method: 'token',
    kind: 'token',
    shortHelp: 'OAuth2 token requests.',
    longHelp: TOKEN_HELP,
    exceptions: ['SugarApiExceptionInvalidParameter', 'SugarApiExceptionNeedLogin', 'SugarApiExceptionClientOutdated'],
    noLoginRequired: true,
    ignoreMetaHash: true,
    ignoreSystemStatusError: true,
    handler: token,
  },
  {
    reqType: 'POST',
    path: '/oauth2/logout',
    method: 'logout',
    kind: 'logout',
    shortHelp: 'OAuth2 logout.',
    longHelp: LOGOUT_HELP,
    exceptions: ['SugarApiExceptionNeedLogin'],
    ignoreMetaHash: true,
    ignoreSystemStatusError: true,
    expiredTokenIsInvalid: true,
    handler: logout,
  },
  {
    reqType: 'POST',
    path: '/oauth2/sudo/:user_name',
    method: 'sudo',
    kind: 'sudo',
    shortHelp: 'Get an access token for another user (admins only).',
    longHelp: SUDO_HELP,
    exceptions: ['SugarApiExceptionNotAuthorized', 'SugarApiExceptionNotFound', 'SugarApiExceptionInvalidParameter'],
    ignoreMetaHash: true,
    handler: sudo,
  },
];
