/**
 * The instance's schema: GET|POST /metadata with its filters, hashes and ETag, /metadata/public,
 * GET /lang/<lang> (and ?ordered=1), GET /<M>/enum/<field> (shared/sugar-data-api.md §1).
 */
import { createHash } from 'node:crypto';
import { notFound } from '../errors';
import { buildLanguage, DROPDOWNS, LANGUAGES, orderedDropdowns } from '../schema/lang';
import { selectMetadata } from '../schema/metadata';
import type { Reply, RequestContext, RouteDef } from '../router';
import { str } from './args';
import { METADATA_HELP } from './helpTexts';

const list = (v: unknown): string[] | undefined => str(v)?.split(',').map((s) => s.trim()).filter(Boolean);

function metadata(ctx: RequestContext): Reply {
  const built = ctx.state.metadata();
  const etag = built.hash;
  // Whatever the filters, a client holding the current hash gets a 304 (MetadataApi).
  if (ctx.headers['if-none-match'] === etag || ctx.headers['if-none-match'] === `"${etag}"`) return { status: 304, headers: { ETag: etag } };
  const json = selectMetadata(built, {
    typeFilter: list(ctx.args.type_filter),
    moduleFilter: list(ctx.args.module_filter),
    onlyHash: ['1', 'true'].includes(str(ctx.args.only_hash) ?? ''),
    known: (key) => str(ctx.args[key]) ?? str((ctx.args.modules as Record<string, unknown> | undefined)?.[key.slice(8, -1)]),
  });
  if (json.server_info) json.server_info = { ...(json.server_info as object), gmt_time: (ctx.state.serverInfo() as { gmt_time: string }).gmt_time };
  return { json, headers: { ETag: etag } };
}

function publicMetadata(ctx: RequestContext): Reply {
  const built = ctx.state.metadata();
  const json = selectMetadata(built, { typeFilter: list(ctx.args.type_filter) ?? ['config', 'server_info', 'labels', 'logo_url', 'logo_url_dark'], onlyHash: false, known: () => undefined });
  json.config = { ...ctx.state.publicConfig(), _hash: (json.config as { _hash?: string } | undefined)?._hash };
  return { json };
}

function language(ctx: RequestContext): Reply {
  const wanted = ctx.params.lang;
  // Sugar falls back to the default language for one it does not have.
  const lang = LANGUAGES.find((l) => l.toLowerCase() === wanted.toLowerCase()) ?? 'en_us';
  const body = buildLanguage(lang, ctx.state.schema.allModules());
  if (['1', 'true'].includes(str(ctx.args.ordered) ?? '')) body.app_list_strings = orderedDropdowns();
  const text = JSON.stringify(body);
  const hash = createHash('md5').update(text).digest('hex');
  if (ctx.headers['if-none-match'] === hash) return { status: 304, headers: { ETag: hash } };
  return { json: { ...body, _hash: hash }, headers: { ETag: hash } };
}

function enumValues(ctx: RequestContext): Reply {
  const module = ctx.module as string;
  const field = ctx.state.schema.field(module, ctx.params.field);
  if (!field) throw notFound('field not found');
  const options = typeof field.options === 'string' ? DROPDOWNS[field.options] : undefined;
  if (!options) throw notFound('options not found');
  const json = Object.fromEntries(options);
  return { json, headers: { ETag: createHash('md5').update(JSON.stringify(json)).digest('hex') } };
}

const base = { kind: 'metadata', ignoreMetaHash: true, ignoreSystemStatusError: true } as const;

export const schemaRoutes: RouteDef[] = [
  { ...base, reqType: 'GET', path: '/metadata', method: 'getAllMetadata', shortHelp: 'This method will return metadata for all modules', longHelp: METADATA_HELP, handler: metadata },
  { ...base, reqType: 'POST', path: '/metadata', method: 'getAllMetadataPost', shortHelp: 'This method will return metadata for all modules (arguments in the body)', handler: metadata },
  {
    ...base, reqType: 'GET', path: '/metadata/public', method: 'getPublicMetadata', noLoginRequired: true,
    shortHelp: 'This method will return the metadata needed for the login page', handler: publicMetadata,
  },
  { ...base, reqType: 'GET', path: '/lang/:lang', method: 'getLanguage', kind: 'lang', shortHelp: 'Returns the language strings for a language.', handler: language },
  { ...base, reqType: 'GET', path: '/lang/public/:lang', method: 'getPublicLanguage', kind: 'lang', noLoginRequired: true, shortHelp: 'Returns the public language strings.', handler: language },
  {
    reqType: 'GET', path: '/<module>/enum/:field', method: 'getEnumValues', kind: 'records', shortHelp: 'Returns the options of a dropdown field.',
    exceptions: ['SugarApiExceptionNotFound'], handler: enumValues,
  },
];
