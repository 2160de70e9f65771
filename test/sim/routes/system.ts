/** Ping and the current user: the cheap endpoints a client uses to check a connection. */
import { sugarIso } from '../clock';
import { MSG, needLogin } from '../errors';
import type { Reply, RequestContext, RouteDef } from '../router';
import { ME_HELP, PING_HELP } from './helpTexts';

function me(ctx: RequestContext): Reply {
  const { state, user } = ctx;
  if (!user) throw needLogin(MSG.noAuth);
  return {
    json: {
      current_user: {
        type: user.type,
        id: user.id,
        user_name: user.userName,
        full_name: user.fullName,
        status: user.status,
        is_manager: false,
        is_top_level_manager: false,
        reports_to_id: '',
        roles: [],
        email: [{ email_address: `${user.userName}@example.com`, primary_address: true }],
        preferences: { timezone: 'UTC', datepref: 'Y-m-d', timepref: 'H:i', language: 'en_us', currency_id: '-99' },
        module_list: ['Home', ...state.records.moduleNames()],
        _hash: state.userprefHash(user),
      },
    },
  };
}

export const systemRoutes: RouteDef[] = [
  {
    reqType: 'GET',
    path: '/ping',
    method: 'ping',
    kind: 'ping',
    shortHelp: 'An example API only responds with pong',
    longHelp: PING_HELP,
    ignoreMetaHash: true,
    ignoreSystemStatusError: true,
    handler: () => ({ json: 'pong' }),
  },
  {
    reqType: 'GET',
    path: '/ping/whattimeisit',
    method: 'ping',
    kind: 'ping',
    shortHelp: 'An example API only responds with the current time in server format.',
    ignoreMetaHash: true,
    ignoreSystemStatusError: true,
    handler: (ctx) => ({ json: sugarIso(ctx.state.now()) }),
  },
  {
    reqType: 'GET',
    path: '/me',
    method: 'retrieveCurrentUser',
    kind: 'me',
    shortHelp: 'Returns current user',
    longHelp: ME_HELP,
    ignoreMetaHash: true,
    ignoreSystemStatusError: true,
    handler: me,
  },
];
