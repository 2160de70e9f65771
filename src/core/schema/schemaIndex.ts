/**
 * What an instance's metadata says about its data, compacted for answering questions fast: per
 * module its fields (name, type, label, required, length, dropdown options, related module) and
 * links (name, module, relationship, one or many), and the filter operators per field type.
 * Built from GET /metadata and GET /lang/<lang>?ordered=1 (shared/sugar-data-api.md §1): field
 * defs are raw vardefs whose label key is `vname`, dropdowns are named by `options`.
 *
 * The server's answer is outside input: every count and string is bounded, anything of the wrong
 * shape is skipped, and nothing here recurses into it. The index keeps only what it needs, so it
 * holds far less memory than the 10 MB text a large instance sends (views and layouts are dropped).
 */

export interface DropdownOption {
  key: string;
  label: string;
}

export interface FieldInfo {
  name: string;
  type: string;
  label: string;
  required: boolean;
  len?: number;
  /** The dropdown's name (`industry_dom`) and its options in Sugar's order. */
  optionsName?: string;
  options?: readonly DropdownOption[];
  /** Relate and link fields: the module on the other side. */
  relatedModule?: string;
  /** Relate fields: the link they go through. */
  link?: string;
  custom: boolean;
}

export interface LinkInfo {
  name: string;
  module: string;
  relationship: string;
  kind: 'one' | 'many';
}

export interface ModuleInfo {
  name: string;
  label: string;
  fields: readonly FieldInfo[];
  links: readonly LinkInfo[];
  field(name: string): FieldInfo | undefined;
  linkNamed(name: string): LinkInfo | undefined;
}

export interface OperatorInfo {
  operator: string;
  label: string;
}

export interface SchemaIndex {
  /** The metadata's `_hash`: what revalidation compares. */
  hash: string;
  moduleNames: readonly string[];
  module(name: string): ModuleInfo | undefined;
  /** Operators a filter builder offers for a field type, in Sugar's order. */
  operatorsFor(type: string): readonly OperatorInfo[];
}

export const SCHEMA_LIMITS = { modules: 5000, fieldsPerModule: 3000, optionsPerDropdown: 5000, text: 512 } as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, SCHEMA_LIMITS.text) : undefined);

/** Labels of operators when the metadata has none (older instances). */
const OPERATOR_LABELS: Record<string, string> = {
  $equals: 'is', $not_equals: 'is not', $starts: 'starts with', $ends: 'ends with', $contains: 'contains', $not_contains: 'does not contain',
  $in: 'is any of', $not_in: 'is not any of', $empty: 'is empty', $not_empty: 'is not empty', $is_null: 'is null', $not_null: 'is not null',
  $lt: 'less than', $lte: 'less than or equal', $gt: 'greater than', $gte: 'greater than or equal', $between: 'between',
  $dateBetween: 'between dates', $dateRange: 'in range', $last_x_days: 'last x days', $next_x_days: 'next x days',
  $more_x_days_ago: 'more than x days ago', $more_x_days_ahead: 'more than x days ahead',
};

const TEXT_OPS = ['$equals', '$not_equals', '$starts', '$ends', '$contains', '$not_contains', '$in', '$not_in', '$empty', '$not_empty'];
const NUMBER_OPS = ['$equals', '$not_equals', '$lt', '$lte', '$gt', '$gte', '$between', '$in', '$not_in', '$empty', '$not_empty'];
const DATE_OPS = ['$equals', '$lt', '$lte', '$gt', '$gte', '$dateBetween', '$dateRange', '$last_x_days', '$next_x_days', '$more_x_days_ago', '$more_x_days_ahead', '$empty', '$not_empty'];

/**
 * What the filter API accepts per type (FilterApi checks operators, not types): the metadata's UI
 * table is a narrower choice, used for order and labels when present.
 */
export function validOperators(type: string): readonly string[] {
  switch (type) {
    case 'date': case 'datetime': case 'datetimecombo': return DATE_OPS;
    case 'int': case 'integer': case 'currency': case 'decimal': case 'double': case 'float': case 'long': return NUMBER_OPS;
    case 'bool': case 'boolean': return ['$equals', '$not_equals', '$empty', '$not_empty'];
    case 'enum': case 'multienum': case 'radioenum': case 'parent_type': return ['$in', '$not_in', '$equals', '$not_equals', '$contains', '$not_contains', '$empty', '$not_empty'];
    default: return TEXT_OPS;
  }
}

class Module implements ModuleInfo {
  private readonly byField: Map<string, FieldInfo>;
  private readonly byLink: Map<string, LinkInfo>;
  constructor(readonly name: string, readonly label: string, readonly fields: readonly FieldInfo[], readonly links: readonly LinkInfo[]) {
    this.byField = new Map(fields.map((f) => [f.name, f]));
    this.byLink = new Map(links.map((l) => [l.name, l]));
  }
  field(name: string): FieldInfo | undefined {
    return this.byField.get(name);
  }
  linkNamed(name: string): LinkInfo | undefined {
    return this.byLink.get(name);
  }
}

/** Labels and dropdowns from /lang: `mod_strings[M][vname]`, else `app_strings[vname]`. */
class Labels {
  private readonly lists = new Map<string, readonly DropdownOption[]>();
  constructor(private readonly lang: Obj) {}

  label(module: string, vname: string | undefined): string | undefined {
    if (!vname) return undefined;
    const mod = isObj(this.lang.mod_strings) ? this.lang.mod_strings[module] : undefined;
    const own = isObj(mod) ? str(mod[vname]) : undefined;
    return own ?? (isObj(this.lang.app_strings) ? str(this.lang.app_strings[vname]) : undefined);
  }

  /** One array per dropdown, shared by every field that names it. */
  dropdown(name: string): readonly DropdownOption[] | undefined {
    const known = this.lists.get(name);
    if (known) return known;
    const raw = isObj(this.lang.app_list_strings) ? this.lang.app_list_strings[name] : undefined;
    let options: DropdownOption[] | undefined;
    // `ordered=1` gives [[key, label], ...] (Sugar's order); the plain form an object.
    if (Array.isArray(raw)) {
      options = [];
      for (const pair of raw.slice(0, SCHEMA_LIMITS.optionsPerDropdown)) {
        if (Array.isArray(pair) && pair.length >= 2) options.push({ key: String(pair[0]).slice(0, SCHEMA_LIMITS.text), label: String(pair[1]).slice(0, SCHEMA_LIMITS.text) });
      }
    } else if (isObj(raw)) {
      options = Object.entries(raw).slice(0, SCHEMA_LIMITS.optionsPerDropdown).map(([key, label]) => ({ key: key.slice(0, SCHEMA_LIMITS.text), label: String(label).slice(0, SCHEMA_LIMITS.text) }));
    }
    if (options) this.lists.set(name, options);
    return options;
  }
}

function fieldFrom(module: string, name: string, def: Obj, labels: Labels): FieldInfo {
  const type = str(def.type) ?? 'varchar';
  const vname = str(def.vname) ?? str(def.label);
  const field: FieldInfo = { name, type, label: labels.label(module, vname) ?? vname ?? name, required: def.required === true || def.required === 'true', custom: name.endsWith('_c') };
  const len = Number(def.len);
  if (Number.isFinite(len) && len > 0) field.len = len;
  const options = str(def.options);
  if (options) {
    field.optionsName = options;
    field.options = labels.dropdown(options);
  }
  const related = str(def.module);
  if (related && (type === 'relate' || type === 'link')) field.relatedModule = related;
  const link = str(def.link);
  if (link && type === 'relate') field.link = link;
  return field;
}

function moduleFrom(name: string, body: Obj, labels: Labels): Module {
  const fields: FieldInfo[] = [];
  const links: LinkInfo[] = [];
  const defs = isObj(body.fields) ? body.fields : {};
  let count = 0;
  for (const key in defs) {
    if (key === '_hash') continue;
    if (++count > SCHEMA_LIMITS.fieldsPerModule) break;
    const def = defs[key];
    if (!isObj(def)) continue;
    const field = fieldFrom(name, key.slice(0, SCHEMA_LIMITS.text), def, labels);
    if (field.type === 'link') {
      links.push({ name: field.name, module: field.relatedModule ?? '', relationship: str(def.relationship) ?? '', kind: def.link_type === 'one' ? 'one' : 'many' });
    } else {
      fields.push(field);
    }
  }
  const label = labels.label(name, 'LBL_MODULE_NAME') ?? name;
  return new Module(name, label, fields, links);
}

function operatorTable(metadata: Obj): Map<string, OperatorInfo[]> {
  const table = new Map<string, OperatorInfo[]>();
  const filters = isObj(metadata.filters) ? metadata.filters : undefined;
  const operators = filters && isObj(filters.operators) ? filters.operators : undefined;
  const meta = operators && isObj(operators.meta) ? operators.meta : undefined;
  for (const [type, ops] of Object.entries(meta ?? {})) {
    if (!isObj(ops)) continue;
    table.set(type, Object.keys(ops).slice(0, 64).map((operator) => ({ operator, label: OPERATOR_LABELS[operator] ?? operator })));
  }
  return table;
}

/** Builds the index; throws only for an answer that is not metadata at all. */
export function buildSchemaIndex(metadata: unknown, lang: unknown): SchemaIndex {
  if (!isObj(metadata) || !isObj(metadata.modules)) throw new Error('The answer to GET /metadata has no modules.');
  const labels = new Labels(isObj(lang) ? lang : {});
  const modules = new Map<string, Module>();
  for (const name in metadata.modules) {
    if (name === '_hash') continue;
    if (modules.size >= SCHEMA_LIMITS.modules) break;
    const body = metadata.modules[name];
    if (isObj(body)) modules.set(name.slice(0, SCHEMA_LIMITS.text), moduleFrom(name, body, labels));
  }
  const operators = operatorTable(metadata);
  const moduleNames = [...modules.keys()].sort((a, b) => a.localeCompare(b));
  const hash = str(metadata._hash) ?? '';
  return {
    hash,
    moduleNames,
    module: (name) => modules.get(name),
    operatorsFor: (type) => {
      const valid = validOperators(type);
      const ui = operators.get(type)?.filter((o) => valid.includes(o.operator)) ?? [];
      const rest = valid.filter((o) => !ui.some((u) => u.operator === o)).map((operator) => ({ operator, label: OPERATOR_LABELS[operator] ?? operator }));
      return [...ui, ...rest];
    },
  };
}
