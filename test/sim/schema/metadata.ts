/**
 * GET /metadata as Sugar 14 builds it (shared/sugar-data-api.md §1): named sections, each with its
 * own `_hash`, every module with its own `_hash`, the whole with a `_hash` that is also the ETag and
 * the X-Metadata-Hash a client must send. Built once per schema revision and API version: the large
 * instance's metadata is over 10 MB, and a client that revalidates should cost the server little.
 */
import { createHash } from 'node:crypto';
import { LANGUAGES } from './lang';
import { OPERATORS_BY_TYPE } from './operators';
import type { SimSchema } from './schema';
import type { ModuleDef } from './vardefs';

export const SECTIONS = [
  'modules', 'full_module_list', 'modules_info', 'hidden_subpanels', 'currencies', 'module_tab_map', 'fields', 'filters',
  'views', 'layouts', 'datas', 'labels', 'ordered_labels', 'config', 'relationships', 'jssource', 'server_info', 'logo_url',
  'logo_url_dark', 'languages', '_override_values', 'editable_dropdown_filters',
] as const;

export type Section = Record<string, unknown>;

export interface BuiltMetadata {
  hash: string;
  sections: Map<string, unknown>;
  sectionHashes: Map<string, string>;
  moduleHashes: Map<string, string>;
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

function moduleMeta(m: ModuleDef): Section {
  const fields: Section = {};
  for (const f of m.fields) fields[f.name] = f;
  const listColumns = m.fields.filter((f) => f.type !== 'link' && f.type !== 'id' && f.name !== 'deleted').slice(0, 6).map((f) => ({ name: f.name, label: f.vname, default: true, enabled: true }));
  const body: Section = {
    fields,
    views: { list: { meta: { panels: [{ label: 'LBL_PANEL_1', fields: listColumns }] } }, record: { meta: { panels: [] } } },
    layouts: {},
    filters: { default: { meta: { default_filter: 'all_records', fields: Object.fromEntries(listColumns.map((c) => [c.name, {}])) } } },
    menu: {},
    config: {},
    isAudited: true,
    dupCheckEnabled: m.name !== 'Users',
    favoritesEnabled: m.name !== 'Users',
    globalSearchEnabled: true,
    isBwcEnabled: false,
  };
  return body;
}

/** `sections` hold the bodies without their `_hash`; the hashes are kept beside them. */
export function buildMetadata(schema: SimSchema, serverInfo: Section, config: Section): BuiltMetadata {
  const modules = schema.allModules();
  const moduleHashes = new Map<string, string>();
  const moduleBodies: Section = {};
  for (const m of modules) {
    const body = moduleMeta(m);
    const hash = md5(JSON.stringify(body));
    (body.fields as Section)._hash = md5(JSON.stringify(body.fields));
    moduleBodies[m.name] = { ...body, _hash: hash };
    moduleHashes.set(m.name, hash);
  }
  const names = modules.map((m) => m.name);
  const langHash = md5(`lang:${schema.revision}:${names.length}`);
  const relationships: Section = {};
  for (const r of schema.allRelationships()) relationships[r.name] = { ...r };
  const sections = new Map<string, unknown>([
    ['modules', moduleBodies],
    ['full_module_list', Object.fromEntries(names.map((n) => [n, n]))],
    ['modules_info', Object.fromEntries(names.map((n) => [n, { visible: true, display_tab: n !== 'Users', show_subpanels: true, quick_create: n !== 'Users' }]))],
    ['hidden_subpanels', {}],
    ['currencies', { '-99': { name: 'US Dollars', iso4217: 'USD', symbol: '$', conversion_rate: 1, status: 'Active' }, 'c0ffee00-0000-0000-0000-000000000001': { name: 'Euro', iso4217: 'EUR', symbol: '€', conversion_rate: 0.9, status: 'Active' } }],
    ['module_tab_map', Object.fromEntries(names.map((n) => [n, n]))],
    ['fields', Object.fromEntries(Object.keys(OPERATORS_BY_TYPE).map((t) => [t, { controller: { base: `${t}Field` } }]))],
    ['filters', { operators: { meta: OPERATORS_BY_TYPE } }],
    ['views', {}],
    ['layouts', {}],
    ['datas', {}],
    ['labels', { ...Object.fromEntries(LANGUAGES.map((l) => [l, `cache/api/metadata/lang_${l}_base.json?v=${langHash}`])), default: 'en_us' }],
    ['ordered_labels', { ...Object.fromEntries(LANGUAGES.map((l) => [l, `cache/api/metadata/lang_${l}_base_ordered.json?v=${langHash}`])), default: 'en_us' }],
    ['config', config],
    ['relationships', relationships],
    ['jssource', `cache/javascript/base/components_${langHash}.js`],
    ['server_info', serverInfo],
    ['logo_url', 'themes/default/images/company_logo.png'],
    ['logo_url_dark', 'themes/default/images/company_logo_dark.png'],
    ['languages', { enabled: [...LANGUAGES], disabled: [] }],
    ['_override_values', []],
    ['editable_dropdown_filters', {}],
  ]);
  const sectionHashes = new Map<string, string>();
  for (const [name, body] of sections) {
    // server_info carries the time; its hash follows the version, as Sugar's does after an upgrade.
    const hashed = name === 'server_info' ? { ...(body as Section), gmt_time: undefined } : body;
    sectionHashes.set(name, md5(JSON.stringify(hashed)));
  }
  const hash = md5([...sectionHashes.values()].join(':'));
  return { hash, sections, sectionHashes, moduleHashes };
}

export interface MetadataQuery {
  typeFilter?: string[];
  moduleFilter?: string[];
  onlyHash: boolean;
  /** `<section>=<hash>` and `modules[<M>]=<hash>`: what the client already has. */
  known: (key: string) => string | undefined;
}

/** The answer for one request: filtered sections, each with its `_hash`, and the top `_hash`. */
export function selectMetadata(built: BuiltMetadata, q: MetadataQuery): Section {
  const out: Section = { _hash: built.hash };
  const wanted = q.typeFilter?.filter((t) => built.sections.has(t));
  for (const name of wanted && wanted.length > 0 ? wanted : SECTIONS) {
    const hash = built.sectionHashes.get(name) as string;
    if (q.known(name) === hash) continue;
    const body = built.sections.get(name);
    if (name === 'modules') out.modules = selectModules(built, body as Section, q);
    else if (name === 'relationships' && q.moduleFilter) out.relationships = selectRelationships(body as Section, q.moduleFilter, hash);
    else if (q.onlyHash) out[name] = { _hash: hash };
    else out[name] = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Section), _hash: hash } : body;
  }
  return out;
}

function selectModules(built: BuiltMetadata, body: Section, q: MetadataQuery): Section {
  const out: Section = { _hash: built.sectionHashes.get('modules') };
  const names = q.moduleFilter ? q.moduleFilter.filter((m) => m in body) : Object.keys(body);
  for (const name of names) {
    const hash = built.moduleHashes.get(name) as string;
    if (q.known(`modules[${name}]`) === hash) continue;
    out[name] = q.onlyHash ? { _hash: hash } : body[name];
  }
  return out;
}

function selectRelationships(body: Section, modules: string[], hash: string): Section {
  const out: Section = { _hash: hash };
  for (const [name, r] of Object.entries(body)) {
    const rel = r as { lhs_module: string; rhs_module: string };
    if (modules.includes(rel.lhs_module) || modules.includes(rel.rhs_module)) out[name] = { ...rel, checked: 1 };
  }
  return out;
}
