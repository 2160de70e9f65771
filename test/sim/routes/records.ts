/** Module records: list with offset pagination, retrieve, create, update, delete. */
import { notFound } from '../errors';
import type { Reply, RequestContext, RouteDef } from '../router';
import { intArg, str } from './args';
import { LIST_HELP, RECORD_HELP } from './helpTexts';

const MAX_FETCH = 1000;

function fieldsArg(ctx: RequestContext): string[] | undefined {
  const f = str(ctx.args.fields);
  return f?.split(',').map((s) => s.trim()).filter(Boolean);
}

function moduleOf(ctx: RequestContext): string {
  if (!ctx.module) throw new Error('module route without module');
  return ctx.module;
}

function missing(ctx: RequestContext): never {
  throw notFound(`Could not find record: ${ctx.params.record} in module: ${moduleOf(ctx)}`);
}

/** Everything in the body that is not a request option is a field value. */
function values(ctx: RequestContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ctx.args)) {
    if (k === 'module' || k === 'record' || k === 'fields' || k === 'viewed') continue;
    out[k] = v;
  }
  return out;
}

function list(ctx: RequestContext): Reply {
  const module = moduleOf(ctx);
  if (str(ctx.args.offset) === 'end') return { json: { next_offset: -1, records: [] } };
  let maxNum = intArg(ctx.args.max_num, 20);
  if (maxNum < 1) maxNum = 20;
  maxNum = Math.min(maxNum, MAX_FETCH);
  const offset = Math.max(0, intArg(ctx.args.offset, 0));
  return { json: ctx.state.records.list(module, offset, maxNum, fieldsArg(ctx)) };
}

function retrieve(ctx: RequestContext): Reply {
  const r = ctx.state.records.get(moduleOf(ctx), ctx.params.record, fieldsArg(ctx));
  return r ? { json: r } : missing(ctx);
}

function update(ctx: RequestContext): Reply {
  const r = ctx.state.records.update(moduleOf(ctx), ctx.params.record, values(ctx));
  return r ? { json: r } : missing(ctx);
}

function remove(ctx: RequestContext): Reply {
  return ctx.state.records.delete(moduleOf(ctx), ctx.params.record) ? { json: { id: ctx.params.record } } : missing(ctx);
}

export const recordRoutes: RouteDef[] = [
  {
    reqType: 'GET',
    path: '/<module>',
    method: 'filterList',
    kind: 'records',
    shortHelp: 'List of all records in this module',
    longHelp: LIST_HELP,
    exceptions: ['SugarApiExceptionNotAuthorized', 'SugarApiExceptionInvalidParameter'],
    handler: list,
  },
  {
    reqType: 'GET',
    path: '/<module>/filter',
    method: 'filterList',
    kind: 'records',
    shortHelp: 'Lists filtered records.',
    handler: list,
  },
  {
    reqType: 'GET',
    path: '/<module>/count',
    method: 'getFilterListCount',
    kind: 'records',
    shortHelp: 'List of all records in this module',
    handler: (ctx) => ({ json: { record_count: ctx.state.records.count(moduleOf(ctx)) } }),
  },
  {
    reqType: 'POST',
    path: '/<module>',
    method: 'createRecord',
    kind: 'records',
    shortHelp: 'This method creates a new record of the specified type',
    exceptions: ['SugarApiExceptionNotAuthorized', 'SugarApiExceptionMissingParameter'],
    handler: (ctx) => ({ json: ctx.state.records.create(moduleOf(ctx), values(ctx)) }),
  },
  {
    reqType: 'GET',
    path: '/<module>/:record',
    method: 'retrieveRecord',
    kind: 'records',
    shortHelp: 'Returns a single record',
    longHelp: RECORD_HELP,
    exceptions: ['SugarApiExceptionNotFound', 'SugarApiExceptionNotAuthorized'],
    handler: retrieve,
  },
  {
    reqType: 'PUT',
    path: '/<module>/:record',
    method: 'updateRecord',
    kind: 'records',
    shortHelp: 'This method updates a record of the specified type',
    exceptions: ['SugarApiExceptionNotFound', 'SugarApiExceptionNotAuthorized'],
    handler: update,
  },
  {
    reqType: 'DELETE',
    path: '/<module>/:record',
    method: 'deleteRecord',
    kind: 'records',
    shortHelp: 'This method deletes a record of the specified type',
    exceptions: ['SugarApiExceptionNotFound', 'SugarApiExceptionNotAuthorized'],
    handler: remove,
  },
];
