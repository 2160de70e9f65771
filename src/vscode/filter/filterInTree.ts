/**
 * The filter builder's "Show in the Tree": the module's Records row lists what the filter matches
 * (its first page and count read here, under the command's progress, so that a 422 shows as the
 * command's error), then the row is revealed. The filter stays the session's, in memory, until
 * Clear Filter, another filter, or the session's end (ModuleTree.sessionChanged).
 */
import { buildFilter } from '../../core/schema/filterBuilder';
import type { RecordFilter } from '../../core/schema/recordFilter';
import type { SchemaIndex } from '../../core/schema/schemaIndex';
import { parseSessionRef } from '../../core/session/sessionState';
import { forConnection, withProgress } from '../commands/commandRunner';
import type { Services } from '../services';
import { moduleTreeFor } from '../tree/moduleTree';
import type { BuiltFilter } from './filterFlow';

/** What the command answers: the module, the count of the filter and the rows now listed. */
export interface ShownInTree {
  module: string;
  count: number | undefined;
  shown: number;
}

export async function showFilterInTree(services: Services, sessionId: string, built: BuiltFilter, index: SchemaIndex): Promise<ShownInTree> {
  const { request } = built;
  // No condition and no order: that is the unfiltered list.
  const filter: RecordFilter | undefined =
    request.conditions.length === 0 && !request.orderBy ? undefined : { filter: buildFilter(request.conditions), summary: built.summary, orderBy: request.orderBy };
  const list = moduleTreeFor(services).setFilter(sessionId, request.module, filter, index);
  await forConnection(parseSessionRef(sessionId).connectionId, () => withProgress(`POST /${request.module}/filter`, (signal) => list.loadFirst(signal)));
  await services.revealRecords?.(sessionId, request.module);
  return { module: request.module, count: list.count, shown: list.records.length };
}
