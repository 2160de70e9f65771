/**
 * A module's Records row with a filter from the filter builder (issue 12 §4, "lists the records in
 * the tree"): the requests of its pages and count (the filter API, shared/sugar-data-api.md §2),
 * and what its row says. The filter is the session's and lives in memory only (see ModuleTree).
 */
import type { ApiRequest } from '../sugar/client';
import type { OrderBy } from './filterBuilder';

export interface RecordFilter {
  /** The `filter` array as POST /<M>/filter takes it. */
  filter: unknown[];
  /** "Industry is any of Banking, Energy": what the row says the filter is. */
  summary: string;
  /** The builder's order; without it, newest first as the unfiltered list. */
  orderBy?: OrderBy;
}

/** The row's description keeps this much of the summary; the tooltip has all of it. */
export const SUMMARY_SHOWN_CHARS = 80;

/** POST /<M>/filter for one page: the filter in the body (a GET URL has a length limit). */
export function filteredPageRequest(module: string, title: string, filter: RecordFilter, offset: number, pageSize: number): ApiRequest {
  const body: Record<string, unknown> = {
    filter: filter.filter,
    fields: title === 'date_modified' ? title : `${title},date_modified`,
    max_num: pageSize,
    order_by: filter.orderBy ? `${filter.orderBy.field}:${filter.orderBy.direction}` : 'date_modified:DESC',
  };
  if (offset > 0) body.offset = offset;
  return { method: 'POST', path: `/${module}/filter`, body };
}

/** The count of the same filter: POST /<M>/filter/count. */
export function filteredCountRequest(module: string, filter: RecordFilter): ApiRequest {
  return { method: 'POST', path: `/${module}/filter/count`, body: { filter: filter.filter } };
}

const records = (n: number): string => `${n} record${n === 1 ? '' : 's'}`;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export interface RecordsRowText {
  label: string;
  description: string;
  tooltip: string;
}

/** What the Records row says: unfiltered, "Records · 45 records"; filtered, "Records (filtered) · Industry is any of Banking, Energy · 12 records". */
export function recordsRowText(module: string, count: number | undefined, filter: RecordFilter | undefined): RecordsRowText {
  if (!filter) {
    return {
      label: 'Records',
      description: count !== undefined ? records(count) : 'newest first',
      tooltip: `GET /${module}?fields=name,date_modified&order_by=date_modified:DESC, 20 at a time; the count from GET /${module}/count.`,
    };
  }
  const order = filter.orderBy ? `ordered by ${filter.orderBy.field} ${filter.orderBy.direction === 'ASC' ? 'ascending' : 'descending'}` : 'newest first';
  return {
    label: 'Records (filtered)',
    description: [cut(filter.summary, SUMMARY_SHOWN_CHARS), count !== undefined ? records(count) : undefined].filter(Boolean).join(' · '),
    tooltip: [
      `Filtered: ${filter.summary}`,
      `POST /${module}/filter, 20 at a time, ${order}; the count from POST /${module}/filter/count.`,
      'The filter lasts while this session does (kept in memory only, never saved). Clear Filter shows every record again.',
    ].join('\n'),
  };
}
