/**
 * Where a session's schema index comes from: memory, then a cache shared by every window (kept per
 * instance and user), revalidated against the server by its hash, and only then a full download.
 * GET /metadata answers 304 to a matching If-None-Match whatever the filters (MetadataApi), so one
 * conditional request tells whether the cached copy is still the instance's.
 *
 * Nothing here runs at activation: the first question about a connection's data asks for it.
 */
import type { ApiRequest, ApiResponse } from '../sugar/client';
import { SugarError } from '../sugar/errors';
import { buildSchemaIndex, type SchemaIndex } from './schemaIndex';

/** A session's request path (the engine's, bound to one connection or sudo session). */
export type SchemaRequester = (request: ApiRequest, signal?: AbortSignal) => Promise<ApiResponse>;

/** Text by key, shared by windows (files in the extension's global storage). */
export interface SchemaCacheStore {
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
}

/** What is kept of /metadata and /lang: enough to build the index again, without views and layouts. */
interface CachedSchema {
  v: 1;
  hash: string;
  metadata: { _hash: string; modules: Record<string, { fields: unknown }>; filters?: unknown };
  lang: { app_list_strings: Record<string, unknown>; app_strings: unknown; mod_strings: Record<string, unknown> };
}

const SECTIONS = 'modules,filters,labels,_hash';
/**
 * Metadata is parsed whole, so it must not go to a file like a large answer to a user's request
 * does; a customised instance's can be tens of megabytes ("about 3MB in a stock Sugar", more with
 * customizations), so its own bound is larger than the response size limit's default.
 */
export const METADATA_LIMIT_BYTES = 128 * 1024 * 1024;
const LANG_LIMIT_BYTES = 32 * 1024 * 1024;
/** The vardef attributes schemaIndex.ts reads (fieldFrom, moduleFrom). */
const INDEXED_ATTRIBUTES = ['type', 'vname', 'label', 'required', 'len', 'options', 'module', 'link', 'relationship', 'link_type'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function failed(response: ApiResponse, what: string): SugarError {
  return response.error ?? new SugarError({ kind: 'http', status: response.status, explanation: `${what} answered ${response.status} without JSON.`, remedy: 'openLog' });
}

/** Only the dropdowns some field names: /lang carries every list of the instance. */
function trim(metadata: Obj, lang: Obj): CachedSchema {
  const modules: Record<string, { fields: unknown }> = {};
  const used = new Set<string>();
  for (const [name, body] of Object.entries(isObj(metadata.modules) ? metadata.modules : {})) {
    if (!isObj(body) || !isObj(body.fields)) continue;
    // Only what the index reads of each vardef: a large instance's cache would otherwise be as
    // big as its metadata, and a new window reads it whole before the Modules node can open.
    const fields: Record<string, unknown> = {};
    for (const [fieldName, def] of Object.entries(body.fields)) {
      if (!isObj(def)) continue;
      const kept: Obj = {};
      for (const attribute of INDEXED_ATTRIBUTES) if (def[attribute] !== undefined) kept[attribute] = def[attribute];
      fields[fieldName] = kept;
      if (typeof def.options === 'string') used.add(def.options);
    }
    modules[name] = { fields };
  }
  const lists = isObj(lang.app_list_strings) ? lang.app_list_strings : {};
  const hash = typeof metadata._hash === 'string' ? metadata._hash : '';
  return {
    v: 1,
    hash,
    metadata: { _hash: hash, modules, filters: metadata.filters },
    lang: {
      app_list_strings: Object.fromEntries([...used].filter((n) => n in lists).map((n) => [n, lists[n]])),
      app_strings: lang.app_strings,
      mod_strings: isObj(lang.mod_strings) ? Object.fromEntries(Object.entries(lang.mod_strings).filter(([m]) => m in modules)) : {},
    },
  };
}

function parseCached(text: string | undefined): CachedSchema | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as CachedSchema;
    return parsed?.v === 1 && typeof parsed.hash === 'string' && isObj(parsed.metadata) && isObj(parsed.lang) ? parsed : undefined;
  } catch {
    return undefined; // A damaged cache is only a cache: the server is asked again.
  }
}

export class SchemaSource {
  private readonly indexes = new Map<string, SchemaIndex>();
  private readonly loading = new Map<string, Promise<SchemaIndex>>();

  constructor(private readonly cache: SchemaCacheStore) {}

  /** The index already in memory, if any: what completion uses, so typing never waits on a request. */
  peek(key: string): SchemaIndex | undefined {
    return this.indexes.get(key);
  }

  /** Forget the copy in memory (a logout, or a 412 metadata_out_of_date): the next get revalidates. */
  invalidate(key: string): void {
    this.indexes.delete(key);
  }

  /** One load per key at a time: the tree, a completion and a command asking at once share it. */
  get(key: string, request: SchemaRequester, signal?: AbortSignal): Promise<SchemaIndex> {
    const known = this.indexes.get(key);
    if (known) return Promise.resolve(known);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(key, request, signal).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async load(key: string, request: SchemaRequester, signal?: AbortSignal): Promise<SchemaIndex> {
    const cached = parseCached(await this.cache.read(key).catch(() => undefined));
    const headers: Record<string, string> = cached?.hash ? { 'If-None-Match': cached.hash } : {};
    const response = await request({ method: 'GET', path: '/metadata', query: { type_filter: SECTIONS }, headers, wholeAnswerLimitBytes: METADATA_LIMIT_BYTES }, signal);
    let kept: CachedSchema;
    if (response.status === 304 && cached) {
      kept = cached;
    } else {
      if (response.error || !isObj(response.json)) throw failed(response, 'GET /metadata');
      const metadata = response.json;
      const labels = isObj(metadata.labels) ? metadata.labels : {};
      const language = typeof labels.default === 'string' && /^[A-Za-z_]{2,10}$/.test(labels.default) ? labels.default : 'en_us';
      const langResponse = await request({ method: 'GET', path: `/lang/${language}`, query: { ordered: 1 }, wholeAnswerLimitBytes: LANG_LIMIT_BYTES }, signal);
      // Labels are a comfort: without them the index shows field names and label keys.
      const lang = !langResponse.error && isObj(langResponse.json) ? langResponse.json : {};
      kept = trim(metadata, lang);
      await this.cache.write(key, JSON.stringify(kept)).catch(() => undefined);
    }
    const index = buildSchemaIndex(kept.metadata, kept.lang);
    this.indexes.set(key, index);
    return index;
  }
}
