/**
 * A module's records as the tree shows them: the first page (name and date modified, newest
 * first), more pages by `next_offset`, and the count (shared/sugar-data-api.md §2); and the
 * request of `sugar.findRecords`. The answers are outside input: records are read field by field,
 * strings are cut, and the tree keeps at most MAX_RECORDS_SHOWN rows per module.
 */
import type { ApiRequest, ApiResponse } from '../sugar/client';
import { SugarError } from '../sugar/errors';
import { filteredCountRequest, filteredPageRequest, type RecordFilter } from './recordFilter';
import type { ModuleInfo } from './schemaIndex';

export const RECORD_PAGE_SIZE = 20;
/** More than this is a job for a filter, not for scrolling a tree. */
export const MAX_RECORDS_SHOWN = 500;
const MAX_TEXT = 200;

export type RecordRequester = (request: ApiRequest, signal?: AbortSignal) => Promise<ApiResponse>;

export interface RecordRow {
  id: string;
  name: string;
  dateModified?: string;
}

/** Module names go into a path: letters, digits and `_` only (Sugar's own names are so). */
export function isModuleName(name: unknown): name is string {
  return typeof name === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,99}$/.test(name);
}

function checkedModule(name: unknown): string {
  if (!isModuleName(name)) throw new SugarError({ kind: 'session', explanation: `${JSON.stringify(String(name).slice(0, 100))} is not a module name.` });
  return name;
}

/** The field that names a record: `name` in most modules, `full_name` for Users and People. */
export function titleField(module: ModuleInfo | undefined): string {
  for (const candidate of ['name', 'full_name', 'user_name', 'document_name']) if (module?.field(candidate)) return candidate;
  return 'name';
}

export function recordPageRequest(module: string, title: string, offset: number): ApiRequest {
  return {
    method: 'GET',
    path: `/${checkedModule(module)}`,
    query: { fields: title === 'date_modified' ? title : `${title},date_modified`, max_num: RECORD_PAGE_SIZE, order_by: 'date_modified:DESC', ...(offset > 0 ? { offset } : {}) },
  };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.slice(0, MAX_TEXT) : typeof value === 'number' ? String(value) : undefined);

function failed(response: ApiResponse, what: string): SugarError {
  return response.error ?? new SugarError({ kind: 'http', status: response.status, explanation: `${what} answered ${response.status} without the expected JSON.`, remedy: 'openLog' });
}

export interface RecordPage {
  records: RecordRow[];
  /** -1 when there are no more. */
  nextOffset: number;
}

export function parseRecordPage(response: ApiResponse, title: string, what: string): RecordPage {
  const json = response.json as { records?: unknown; next_offset?: unknown } | undefined;
  if (response.error || !json || typeof json !== 'object' || !Array.isArray(json.records)) throw failed(response, what);
  const records: RecordRow[] = [];
  // A row's id is its tree id: an id listed twice would break the tree, so it is shown once.
  const seen = new Set<string>();
  for (const raw of json.records.slice(0, MAX_RECORDS_SHOWN)) {
    if (!raw || typeof raw !== 'object') continue;
    const record = raw as Record<string, unknown>;
    const id = text(record.id);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    records.push({ id, name: text(record[title]) || text(record.name) || id, dateModified: text(record.date_modified) });
  }
  const next = Number(json.next_offset);
  return { records, nextOffset: Number.isInteger(next) && next > 0 ? next : -1 };
}

/**
 * The pages of one module's records loaded so far, with or without a filter. Loads never overlap:
 * a second ask while one runs shares it, so a double click on Load More fetches one page. A new
 * filter (or a reset) starts again: an answer to the old one that comes later is dropped.
 */
export class RecordList {
  records: RecordRow[] = [];
  /** undefined before the first page; -1 when the server has no more. */
  nextOffset: number | undefined;
  count: number | undefined;
  error: string | undefined;
  private loading: Promise<void> | undefined;
  private currentFilter: RecordFilter | undefined;
  /** Bumped by every reset: a load started before it does not write its answer. */
  private generation = 0;

  constructor(
    readonly module: string,
    private readonly title: string,
    private readonly request: RecordRequester,
  ) {}

  get loaded(): boolean {
    return this.nextOffset !== undefined;
  }

  get filter(): RecordFilter | undefined {
    return this.currentFilter;
  }

  /** Lists only what the filter matches (undefined: every record) from the first page again. */
  setFilter(filter: RecordFilter | undefined): void {
    this.currentFilter = filter;
    this.reset();
  }

  /** More pages to load, and room for them in the tree. */
  get hasMore(): boolean {
    return this.nextOffset !== undefined && this.nextOffset > 0 && this.records.length < MAX_RECORDS_SHOWN;
  }

  get capped(): boolean {
    return this.nextOffset !== undefined && this.nextOffset > 0 && this.records.length >= MAX_RECORDS_SHOWN;
  }

  /** The first page and the count, once; again only after reset(). */
  loadFirst(signal?: AbortSignal): Promise<void> {
    if (this.loaded) return Promise.resolve();
    return this.once(async (current) => {
      const [page, count] = await Promise.all([this.page(0, signal), this.fetchCount(signal)]);
      if (!current()) return;
      this.records = page.records;
      this.nextOffset = page.nextOffset;
      this.count = count;
    }, signal);
  }

  loadMore(signal?: AbortSignal): Promise<void> {
    if (!this.hasMore) return Promise.resolve();
    return this.once(async (current) => {
      const page = await this.page(this.nextOffset!, signal);
      if (!current()) return;
      const known = new Set(this.records.map((r) => r.id));
      // A record changed between pages moves to the front: it is not listed twice.
      this.records.push(...page.records.filter((r) => !known.has(r.id)).slice(0, MAX_RECORDS_SHOWN - this.records.length));
      this.nextOffset = page.nextOffset;
    }, signal);
  }

  reset(): void {
    this.records = [];
    this.nextOffset = undefined;
    this.count = undefined;
    this.error = undefined;
    this.loading = undefined;
    this.generation++;
  }

  private once(work: (current: () => boolean) => Promise<void>, signal?: AbortSignal): Promise<void> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const current = (): boolean => generation === this.generation;
    const loading: Promise<void> = work(current)
      .then(() => {
        if (current()) this.error = undefined;
      })
      .catch((error: unknown) => {
        // Cancelled: nothing to show, the next expand tries again.
        if (current() && !signal?.aborted) this.error = error instanceof Error ? error.message : String(error);
        throw error;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    this.loading = loading;
    return loading;
  }

  private async page(offset: number, signal?: AbortSignal): Promise<RecordPage> {
    const request = this.currentFilter
      ? filteredPageRequest(checkedModule(this.module), this.title, this.currentFilter, offset, RECORD_PAGE_SIZE)
      : recordPageRequest(this.module, this.title, offset);
    return parseRecordPage(await this.request(request, signal), this.title, `${request.method} ${request.path}`);
  }

  /** The count is a comfort: without it the node shows the rows and no number. */
  private async fetchCount(signal?: AbortSignal): Promise<number | undefined> {
    const request: ApiRequest = this.currentFilter ? filteredCountRequest(checkedModule(this.module), this.currentFilter) : { method: 'GET', path: `/${this.module}/count` };
    const response = await this.request(request, signal);
    const count = (response.json as { record_count?: unknown } | undefined)?.record_count;
    return !response.error && typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
  }
}

/** `sugar.findRecords`' argument. */
export interface FindRecordsArgument {
  module: string;
  filter?: unknown;
  fields?: string[] | string;
  maxNum?: number;
  offset?: number;
  orderBy?: string;
}

export function isFindRecordsArgument(value: unknown): value is FindRecordsArgument {
  return typeof value === 'object' && value !== null && typeof (value as FindRecordsArgument).module === 'string';
}

/** POST /<M>/filter: the filter goes as JSON, whatever its size (GET URLs have a length limit). */
export function findRecordsRequest(arg: FindRecordsArgument): ApiRequest {
  const body: Record<string, unknown> = {};
  if (arg.filter !== undefined) body.filter = Array.isArray(arg.filter) ? arg.filter : [arg.filter];
  if (arg.fields !== undefined) body.fields = Array.isArray(arg.fields) ? arg.fields.map(String).join(',') : String(arg.fields);
  if (arg.maxNum !== undefined) body.max_num = Number(arg.maxNum);
  if (arg.offset !== undefined) body.offset = Number(arg.offset);
  if (arg.orderBy !== undefined) body.order_by = String(arg.orderBy);
  return { method: 'POST', path: `/${checkedModule(arg.module)}/filter`, body };
}

/** `{records, nextOffset}` as the server answered; an error answer (Sugar's 422) rejects with its explanation. */
export function findRecordsResult(response: ApiResponse, module: string): { records: unknown[]; nextOffset: number } {
  const json = response.json as { records?: unknown; next_offset?: unknown } | undefined;
  if (response.error || !json || typeof json !== 'object' || !Array.isArray(json.records)) throw failed(response, `POST /${module}/filter`);
  return { records: json.records, nextOffset: typeof json.next_offset === 'number' ? json.next_offset : -1 };
}
