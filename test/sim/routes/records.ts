/**
 * Module records (shared/sugar-data-api.md §2, §3): the filter API (GET|POST /<M>/filter, GET /<M>,
 * counts), and create, read, update (with X-Timestamp and the 409 edit conflict), delete, favorites.
 */
import { SugarError, notFound } from '../errors';
import { phpLists } from '../http';
import type { ListQuery } from '../records';
import type { Reply, RequestContext, RouteDef } from '../router';
import { intArg, str } from './args';
import { LIST_HELP, RECORD_HELP } from './helpTexts';

const MAX_FETCH = 1000;
const invalid = (message: string): SugarError => new SugarError(422, 'invalid_parameter', message);

export function moduleOf(ctx: RequestContext): string {
  if (!ctx.module) throw new Error('module route without module');
  return ctx.module;
}

export function fieldsArg(ctx: RequestContext): string[] | undefined {
  const f = ctx.args.fields;
  if (Array.isArray(f)) return f.map(String);
  return str(f)?.split(',').map((s) => s.trim()).filter(Boolean);
}

/** `filter` as PHP sees it: nested query arrays, or JSON text starting with `[` or `{`. */
export function filterArg(ctx: RequestContext): unknown {
  const raw = ctx.args.filter;
  if (typeof raw !== 'string') return phpLists(raw);
  const text = raw.trim();
  if (text === '') return undefined;
  if (!text.startsWith('[') && !text.startsWith('{')) throw invalid('Unexpected filter type string.');
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('A parameter in your request was invalid.');
  }
}

/** The list arguments every filter route shares: paging, order, fields, my_items, favorites. */
export function listQuery(ctx: RequestContext): ListQuery {
  let maxNum = intArg(ctx.args.max_num, 20);
  if (maxNum === 0) maxNum = 20;
  if (maxNum < 0 || maxNum > MAX_FETCH) maxNum = MAX_FETCH;
  const offset = Math.max(0, intArg(ctx.args.offset, 0));
  const extra: unknown[] = [];
  if (['1', 'true'].includes(str(ctx.args.my_items) ?? '')) extra.push({ $owner: '' });
  if (['1', 'true'].includes(str(ctx.args.favorites) ?? '')) extra.push({ $favorite: '' });
  const filter = filterArg(ctx);
  const combined = extra.length === 0 ? filter : [...(Array.isArray(filter) ? filter : filter ? [filter] : []), ...extra];
  return { filter: combined, fields: fieldsArg(ctx), orderBy: str(ctx.args.order_by), offset, maxNum, userId: ctx.user?.id ?? '1' };
}

function list(ctx: RequestContext): Reply {
  const module = moduleOf(ctx);
  if (str(ctx.args.offset) === 'end') return { json: { next_offset: -1, records: [] } };
  return { json: ctx.state.records.list(module, listQuery(ctx)) };
}

function count(ctx: RequestContext): Reply {
  const q = listQuery(ctx);
  return { json: { record_count: ctx.state.records.count(moduleOf(ctx), q.filter, q.userId) } };
}

export function missing(ctx: RequestContext, id = ctx.params.record): never {
  throw notFound(`Could not find record: ${id} in module: ${moduleOf(ctx)}`);
}

/** Only admins change Users, as Sugar's ACLs have it. */
function checkWrite(ctx: RequestContext, action: 'create' | 'edit' | 'delete'): void {
  const module = moduleOf(ctx);
  if (module !== 'Users' || ctx.user?.type === 'admin') return;
  if (action === 'create') throw new SugarError(403, 'not_authorized', `You are not authorized to create ${module}. Contact your administrator if you need access.`);
  throw new SugarError(403, 'not_authorized', `Not allowed to perform action "${action}" on this record`);
}

const OPTIONS = new Set(['module', 'record', 'fields', 'viewed', 'view']);

/** Everything in the body that is not a request option is a field value. */
function values(ctx: RequestContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ctx.args)) if (!OPTIONS.has(k)) out[k] = v;
  return out;
}

function requiredMissing(ctx: RequestContext, body: Record<string, unknown>, creating: boolean): void {
  const defs = ctx.state.schema.module(moduleOf(ctx))?.fields ?? [];
  const bad = defs.filter((d) => d.required === true && d.type !== 'id' && d.source !== 'non-db' && (creating ? body[d.name] === undefined || body[d.name] === '' : d.name in body && (body[d.name] === '' || body[d.name] === null)));
  if (bad.length > 0) throw invalid('There were validation errors on the submitted data. Record was not saved.');
}

function create(ctx: RequestContext): Reply {
  const module = moduleOf(ctx);
  checkWrite(ctx, 'create');
  const body = values(ctx);
  const id = str(body.id);
  if (id && ctx.state.records.raw(module, id)) throw invalid(`Record already exists: ${id} in module: ${module}`);
  requiredMissing(ctx, body, true);
  return { json: ctx.state.records.create(module, body, id) };
}

function retrieve(ctx: RequestContext): Reply {
  const r = ctx.state.records.get(moduleOf(ctx), ctx.params.record, fieldsArg(ctx));
  return r ? { json: r } : missing(ctx);
}

function update(ctx: RequestContext): Reply {
  const module = moduleOf(ctx);
  const current = ctx.state.records.raw(module, ctx.params.record);
  if (!current) return missing(ctx);
  checkWrite(ctx, 'edit');
  const stamp = ctx.headers['x-timestamp'];
  // Optimistic locking: the client's date_modified must still be the record's (same instant).
  if (typeof stamp === 'string' && stamp !== '' && Date.parse(stamp) !== Date.parse(current.date_modified)) {
    throw new SugarError(409, 'edit_conflict', 'Edit conflict, please reload the record data.', { record: ctx.state.records.shape(module, current) });
  }
  const body = values(ctx);
  requiredMissing(ctx, body, false);
  return { json: ctx.state.records.update(module, ctx.params.record, body) };
}

function remove(ctx: RequestContext): Reply {
  if (!ctx.state.records.raw(moduleOf(ctx), ctx.params.record)) return missing(ctx);
  checkWrite(ctx, 'delete');
  ctx.state.records.delete(moduleOf(ctx), ctx.params.record);
  return { json: { id: ctx.params.record } };
}

function favorite(on: boolean): (ctx: RequestContext) => Reply {
  return (ctx) => {
    const r = ctx.state.records.raw(moduleOf(ctx), ctx.params.record);
    if (!r) return missing(ctx);
    r.my_favorite = on;
    return { json: ctx.state.records.shape(moduleOf(ctx), r) };
  };
}

const LIST_EXCEPTIONS = ['SugarApiExceptionNotAuthorized', 'SugarApiExceptionInvalidParameter'];
const ONE_EXCEPTIONS = ['SugarApiExceptionNotFound', 'SugarApiExceptionNotAuthorized'];
const r = (reqType: RouteDef['reqType'], path: string, method: string, shortHelp: string, handler: RouteDef['handler'], extra: Partial<RouteDef> = {}): RouteDef => ({
  reqType, path, method, kind: 'records', shortHelp, handler, exceptions: ONE_EXCEPTIONS, ...extra,
});

export const recordRoutes: RouteDef[] = [
  r('GET', '/<module>', 'filterList', 'List of all records in this module', list, { longHelp: LIST_HELP, exceptions: LIST_EXCEPTIONS }),
  r('GET', '/<module>/filter', 'filterList', 'Lists filtered records.', list, { exceptions: LIST_EXCEPTIONS }),
  r('POST', '/<module>/filter', 'filterListPost', 'Lists filtered records (filter in the body).', list, { exceptions: LIST_EXCEPTIONS }),
  r('GET', '/<module>/filter/count', 'getFilterListCount', 'Counts filtered records.', count, { exceptions: LIST_EXCEPTIONS }),
  r('POST', '/<module>/filter/count', 'filterListCountPost', 'Counts filtered records (deprecated POST form).', count, { exceptions: LIST_EXCEPTIONS }),
  r('GET', '/<module>/count', 'getFilterListCount', 'Counts the records of this module.', count, { exceptions: LIST_EXCEPTIONS }),
  r('POST', '/<module>', 'createRecord', 'This method creates a new record of the specified type', create, { exceptions: ['SugarApiExceptionNotAuthorized', 'SugarApiExceptionMissingParameter'] }),
  r('GET', '/<module>/:record', 'retrieveRecord', 'Returns a single record', retrieve, { longHelp: RECORD_HELP }),
  r('PUT', '/<module>/:record', 'updateRecord', 'This method updates a record of the specified type', update),
  r('DELETE', '/<module>/:record', 'deleteRecord', 'This method deletes a record of the specified type', remove),
  r('PUT', '/<module>/:record/favorite', 'setFavorite', 'Marks a record as a favorite.', favorite(true)),
  r('DELETE', '/<module>/:record/favorite', 'unsetFavorite', 'Unmarks a favorite record.', favorite(false)),
  r('PUT', '/<module>/:record/unfavorite', 'unsetFavorite', 'Unmarks a favorite record.', favorite(false)),
];
