/** Ping, the current user and metadata: the cheap endpoints a client uses to check a connection. */
import { sugarIso } from '../clock';
import { MSG, needLogin } from '../errors';
import type { Reply, RequestContext, RouteDef } from '../router';
import type { SimState } from '../state';
import { displayVersion, releaseFor } from '../versions';
import { str } from './args';
import { ME_HELP, METADATA_HELP, PING_HELP } from './helpTexts';

function serverInfo(state: SimState): Record<string, unknown> {
  const release = releaseFor(state.maxVersion);
  return {
    flavor: 'ENT',
    version: release.version,
    build: release.build,
    marketing_version: release.marketing,
    product_name: 'SugarCRM Enterprise',
    site_id: 'sim00000000',
    api_version: displayVersion(state.maxVersion),
    fts: { enabled: true, type: 'Elastic' },
    gmt_time: sugarIso(state.now()),
  };
}

function publicConfig(): Record<string, unknown> {
  return {
    defaultCurrencyId: '-99',
    logoURL: 'themes/default/images/company_logo.png',
    systemStatus: { level: 'ok' },
    passwordsetting: { minpwdlength: 6 },
  };
}

function fullMetadata(state: SimState): Record<string, unknown> {
  const modules: Record<string, unknown> = {};
  const moduleList: Record<string, string> = {};
  for (const name of state.records.moduleNames()) {
    moduleList[name] = name;
    const fields: Record<string, unknown> = {};
    for (const f of state.records.fieldNames(name)) fields[f] = { name: f, type: f === 'id' || f.endsWith('_id') ? 'id' : 'varchar' };
    modules[name] = { fields };
  }
  return {
    server_info: serverInfo(state),
    config: { ...publicConfig(), maxQueryResult: 20, maxRecordFetchSize: 1000 },
    module_list: moduleList,
    full_module_list: moduleList,
    modules,
  };
}

function withFilter(all: Record<string, unknown>, filter: string | undefined, hash: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wanted = filter?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const [k, v] of Object.entries(all)) if (!wanted || wanted.includes(k)) out[k] = v;
  out._hash = hash;
  return out;
}

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
  {
    reqType: 'GET',
    path: '/metadata',
    method: 'getAllMetadata',
    kind: 'metadata',
    shortHelp: 'This method will return metadata for all modules',
    longHelp: METADATA_HELP,
    ignoreMetaHash: true,
    ignoreSystemStatusError: true,
    handler: (ctx) => ({ json: withFilter(fullMetadata(ctx.state), str(ctx.args.type_filter), ctx.state.metadataHash()) }),
  },
  {
    reqType: 'GET',
    path: '/metadata/public',
    method: 'getPublicMetadata',
    kind: 'metadata',
    shortHelp: 'This method will return the metadata needed for the login page',
    noLoginRequired: true,
    ignoreMetaHash: true,
    ignoreSystemStatusError: true,
    handler: (ctx) => ({
      json: withFilter(
        { config: publicConfig(), server_info: serverInfo(ctx.state) },
        str(ctx.args.type_filter),
        ctx.state.metadataHash(),
      ),
    }),
  },
];
