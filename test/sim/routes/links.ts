/**
 * Related records through a record's link fields (shared/sugar-data-api.md §3): list and filter
 * with the filter API's arguments, count, relate, create-and-relate, unrelate.
 */
import { notFound } from '../errors';
import type { LinkInfo } from '../schema/schema';
import type { Reply, RequestContext, RouteDef } from '../router';
import { intArg, str } from './args';
import { listQuery, moduleOf } from './records';

interface Parent {
  module: string;
  id: string;
  link: LinkInfo;
}

function parent(ctx: RequestContext, linkName = ctx.params.link_name): Parent {
  const module = moduleOf(ctx);
  const id = ctx.params.record;
  const link = ctx.state.schema.link(module, linkName);
  if (!link) throw notFound(`Could not find a relationship named: ${linkName}`);
  if (!ctx.state.records.raw(module, id)) throw notFound(`Could not find parent record ${id} in module: ${module}`);
  return { module, id, link };
}

function relatedIds(ctx: RequestContext, p: Parent): Set<string> {
  return new Set(ctx.state.records.relations.related(p.module, p.id, p.link));
}

function list(ctx: RequestContext): Reply {
  const p = parent(ctx);
  if (str(ctx.args.offset) === 'end') return { json: { next_offset: -1, records: [] } };
  return { json: ctx.state.records.list(p.link.module, { ...listQuery(ctx), within: relatedIds(ctx, p) }) };
}

function count(ctx: RequestContext): Reply {
  const p = parent(ctx);
  const q = listQuery(ctx);
  return { json: { record_count: ctx.state.records.count(p.link.module, q.filter, q.userId, relatedIds(ctx, p)) } };
}

function leanCount(ctx: RequestContext): Reply {
  const p = parent(ctx);
  const total = relatedIds(ctx, p).size;
  const max = Math.max(1, intArg(ctx.args.max_num, 20));
  return { json: { record_count: Math.min(total, max), has_more: total > max } };
}

function pair(ctx: RequestContext, p: Parent, remoteId: string): Record<string, unknown> {
  const records = ctx.state.records;
  return { record: records.get(p.module, p.id), related_record: records.get(p.link.module, remoteId) };
}

function relate(ctx: RequestContext): Reply {
  const p = parent(ctx);
  const remoteId = ctx.params.remote_id;
  if (!ctx.state.records.raw(p.link.module, remoteId)) throw notFound(`Could not find record: ${remoteId} in module: ${p.link.module}`);
  ctx.state.records.relations.relate(p.module, p.id, p.link, remoteId);
  return { json: pair(ctx, p, remoteId) };
}

function relateMany(ctx: RequestContext): Reply {
  const p = parent(ctx, str(ctx.args.link_name) ?? '');
  const ids = Array.isArray(ctx.args.ids) ? ctx.args.ids : [];
  const related: unknown[] = [];
  for (const item of ids) {
    const remoteId = item && typeof item === 'object' ? String((item as { id?: unknown }).id) : String(item);
    if (!ctx.state.records.raw(p.link.module, remoteId)) continue;
    ctx.state.records.relations.relate(p.module, p.id, p.link, remoteId);
    related.push(ctx.state.records.get(p.link.module, remoteId));
  }
  return { json: { record: ctx.state.records.get(p.module, p.id), related_records: related } };
}

function createRelated(ctx: RequestContext): Reply {
  const p = parent(ctx);
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ctx.args)) if (!['module', 'record', 'link_name'].includes(k)) values[k] = v;
  const created = ctx.state.records.create(p.link.module, values);
  ctx.state.records.relations.relate(p.module, p.id, p.link, String(created.id));
  return { json: pair(ctx, p, String(created.id)) };
}

function unrelate(ctx: RequestContext): Reply {
  const p = parent(ctx);
  const remoteId = ctx.params.remote_id;
  if (!ctx.state.records.relations.unrelate(p.module, p.id, p.link, remoteId)) throw notFound('Could not find the related bean');
  return { json: pair(ctx, p, remoteId) };
}

const EXCEPTIONS = ['SugarApiExceptionNotFound', 'SugarApiExceptionNotAuthorized'];
const link = (reqType: RouteDef['reqType'], path: string, method: string, shortHelp: string, handler: RouteDef['handler']): RouteDef => ({
  reqType, path: `/<module>/:record/link${path}`, method, kind: 'records', shortHelp, handler, exceptions: EXCEPTIONS,
});

export const linkRoutes: RouteDef[] = [
  link('GET', '/:link_name', 'filterRelated', 'Lists related records.', list),
  link('GET', '/:link_name/filter', 'filterRelated', 'Lists related filtered records.', list),
  link('GET', '/:link_name/count', 'filterRelatedCount', 'Counts related records.', count),
  link('GET', '/:link_name/leancount', 'filterRelatedLeanCount', 'Counts related records up to max_num.', leanCount),
  link('POST', '', 'createRelatedLinks', 'Relates several existing records.', relateMany),
  link('POST', '/:link_name', 'createRelatedRecord', 'Creates a related record.', createRelated),
  link('POST', '/:link_name/:remote_id', 'createRelatedLink', 'Relates two existing records.', relate),
  link('DELETE', '/:link_name/:remote_id', 'deleteRelatedLink', 'Removes a relationship.', unrelate),
];
