/**
 * Module data: deterministic seed records (data/seed.ts) plus whatever a test creates, shaped the
 * way Sugar's API answers them: relate fields worked out through their links, `_acl` and `_module`
 * added, password hashes never shown. Lists are filtered (data/filter.ts), ordered and paged.
 */
import { sugarIso } from './clock';
import { FilterCompiler, parseOrderBy, type FilterEnv } from './data/filter';
import { RelationStore } from './data/relations';
import { seedPairs, seedRecords, type SugarRecord } from './data/seed';
import { newGuid } from './ids';
import type { SimSchema } from './schema/schema';
import type { UserRecord } from './users';

export type { SugarRecord } from './data/seed';
export { SEED_COUNTS } from './data/seed';

/** Fields Sugar selects whatever `fields` asked for (FilterApi). */
const ALWAYS = ['id', 'date_modified', 'assigned_user_id', 'created_by', 'locked_fields'];
const HIDDEN_TYPES = new Set(['password']);
const TEAMS = [{ id: '1', name: 'Global', primary: true }];

export interface ListPage {
  next_offset: number;
  records: Record<string, unknown>[];
}

export interface ListQuery {
  filter?: unknown;
  fields?: string[];
  orderBy?: string;
  offset: number;
  maxNum: number;
  userId: string;
  /** Only these ids (a link's related records). */
  within?: ReadonlySet<string>;
}

export class RecordStore {
  private readonly modules = new Map<string, Map<string, SugarRecord>>();
  readonly relations: RelationStore;

  constructor(
    private readonly now: () => number,
    readonly schema: SimSchema,
    users: UserRecord[],
  ) {
    for (const name of schema.moduleNames()) this.modules.set(name, new Map());
    for (const [module, rows] of seedRecords(users)) for (const r of rows) this.modules.get(module)?.set(r.id, r);
    this.relations = new RelationStore(schema, (m) => this.modules.get(m));
    for (const [rel, lhs, rhs] of seedPairs()) this.relations.addPair(rel, lhs, rhs);
  }

  hasModule(name: string): boolean {
    return this.modules.has(name);
  }

  moduleNames(): string[] {
    return [...this.modules.keys()];
  }

  fieldNames(module: string): string[] {
    return this.schema.module(module)?.fields.map((f) => f.name) ?? [];
  }

  raw(module: string, id: string): SugarRecord | undefined {
    return this.modules.get(module)?.get(id);
  }

  count(module: string, filter?: unknown, userId = '1', within?: ReadonlySet<string>): number {
    return this.matching(module, filter, userId, within).length;
  }

  /** Sugar reads max_num + 1 rows: next_offset is offset + max_num when there are more, else -1. */
  list(module: string, offsetOrQuery: number | ListQuery, maxNum?: number, fields?: string[]): ListPage {
    const q: ListQuery = typeof offsetOrQuery === 'number' ? { offset: offsetOrQuery, maxNum: maxNum ?? 20, fields, userId: '1' } : offsetOrQuery;
    const rows = this.matching(module, q.filter, q.userId, q.within);
    const order = parseOrderBy(this.schema, module, q.orderBy);
    const keyed = rows.map((r) => ({ r, keys: order.map((o) => this.value(module, r, o.field)) }));
    keyed.sort((a, b) => {
      for (let i = 0; i < order.length; i++) {
        const c = compareValues(a.keys[i], b.keys[i]);
        if (c !== 0) return order[i].descending ? -c : c;
      }
      return a.r.id.localeCompare(b.r.id);
    });
    const page = keyed.slice(q.offset, q.offset + q.maxNum);
    return {
      next_offset: q.offset + q.maxNum < keyed.length ? q.offset + q.maxNum : -1,
      records: page.map(({ r }) => this.shape(module, r, q.fields)),
    };
  }

  private matching(module: string, filter: unknown, userId: string, within?: ReadonlySet<string>): SugarRecord[] {
    const test = new FilterCompiler(this.env(userId)).compile(module, filter);
    const out: SugarRecord[] = [];
    for (const r of this.rows(module).values()) if ((!within || within.has(r.id)) && test(r)) out.push(r);
    return out;
  }

  private env(userId: string): FilterEnv {
    return {
      schema: this.schema,
      userId,
      now: this.now(),
      value: (m, r, f) => this.value(m, r, f),
      related: (m, r, link) => this.relatedRecords(m, r.id, link),
    };
  }

  relatedRecords(module: string, id: string, linkName: string): SugarRecord[] {
    const link = this.schema.link(module, linkName);
    if (!link) return [];
    const rows = this.modules.get(link.module);
    return this.relations.related(module, id, link).map((x) => rows?.get(x)).filter((x): x is SugarRecord => x !== undefined);
  }

  /** A field as the API shows it: stored, or worked out (relate fields, full names, teams). */
  value(module: string, r: SugarRecord, name: string): unknown {
    const field = this.schema.field(module, name);
    if (name in r && r[name] !== '' ) return r[name];
    if (field?.type === 'fullname') return [r.first_name, r.last_name].filter(Boolean).join(' ');
    if (field?.type === 'teamset') return TEAMS;
    if (field?.type === 'relate' && typeof field.link === 'string') {
      const first = this.relatedRecords(module, r.id, field.link)[0];
      return first ? this.value(String(field.module), first, String(field.rname)) : '';
    }
    // A non-db id named by a relate field (Contacts.account_id): the related record's id.
    const relate = this.schema.module(module)?.fields.find((f) => f.type === 'relate' && f.id_name === name && typeof f.link === 'string');
    if (relate) return this.relatedRecords(module, r.id, String(relate.link))[0]?.id ?? '';
    return name in r ? r[name] : undefined;
  }

  get(module: string, id: string, fields?: string[]): Record<string, unknown> | undefined {
    const r = this.modules.get(module)?.get(id);
    return r && this.shape(module, r, fields);
  }

  create(module: string, values: Record<string, unknown>, id?: string): Record<string, unknown> {
    const stamp = sugarIso(this.now());
    const { plain, links } = this.split(module, values);
    const r: SugarRecord = { ...plain, id: id ?? newGuid(), date_entered: stamp, date_modified: stamp, deleted: false };
    this.rows(module).set(r.id, r);
    this.applyLinks(module, r.id, links);
    return this.shape(module, r);
  }

  update(module: string, id: string, values: Record<string, unknown>): Record<string, unknown> | undefined {
    const r = this.modules.get(module)?.get(id);
    if (!r) return undefined;
    const { plain, links } = this.split(module, values);
    delete plain.deleted;
    delete plain.created_by;
    Object.assign(r, plain, { date_modified: nextStamp(this.now(), r.date_modified) });
    this.applyLinks(module, id, links);
    return this.shape(module, r);
  }

  delete(module: string, id: string): boolean {
    const gone = this.modules.get(module)?.delete(id) ?? false;
    if (gone) this.relations.forget(id);
    return gone;
  }

  private rows(module: string): Map<string, SugarRecord> {
    const rows = this.modules.get(module);
    if (!rows) throw new Error(`no module ${module}`);
    return rows;
  }

  /** Body values: plain fields, and link fields that act on relations (`{add, delete}`). */
  private split(module: string, values: Record<string, unknown>): { plain: Record<string, unknown>; links: Array<[string, Record<string, unknown>]> } {
    const plain: Record<string, unknown> = {};
    const links: Array<[string, Record<string, unknown>]> = [];
    for (const [k, v] of Object.entries(values)) {
      if (k === 'id' || k === 'date_modified' || k === 'date_entered' || k.startsWith('_')) continue;
      const field = this.schema.field(module, k);
      if (field?.type === 'link') {
        if (v && typeof v === 'object' && !Array.isArray(v)) links.push([k, v as Record<string, unknown>]);
        continue;
      }
      if (field && (field.source === 'non-db' && field.type !== 'relate' && field.type !== 'varchar')) continue;
      plain[k] = v;
    }
    return { plain, links };
  }

  private applyLinks(module: string, id: string, links: Array<[string, Record<string, unknown>]>): void {
    for (const [name, ops] of links) {
      const link = this.schema.link(module, name);
      if (!link) continue;
      const ids = (list: unknown): string[] => (Array.isArray(list) ? list.map((x) => (x && typeof x === 'object' ? String((x as { id?: unknown }).id) : String(x))) : []);
      for (const remote of ids(ops.add)) if (this.modules.get(link.module)?.has(remote)) this.relations.relate(module, id, link, remote);
      for (const remote of ids(ops.delete)) this.relations.unrelate(module, id, link, remote);
      for (const values of Array.isArray(ops.create) ? ops.create : []) {
        if (values && typeof values === 'object') this.relations.relate(module, id, link, String(this.create(link.module, values as Record<string, unknown>).id));
      }
    }
  }

  shape(module: string, r: SugarRecord, fields?: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const defs = this.schema.module(module)?.fields ?? [];
    const names = fields && fields.length > 0 ? [...ALWAYS, ...fields.filter((f) => defs.some((d) => d.name === f))] : [...defs.map((d) => d.name), ...Object.keys(r)];
    for (const name of names) {
      if (name in out) continue;
      const def = this.schema.field(module, name);
      if (def && (HIDDEN_TYPES.has(def.type) || def.type === 'link')) continue;
      if (name === 'locked_fields') {
        out.locked_fields = [];
        continue;
      }
      const v = this.value(module, r, name);
      if (v !== undefined) out[name] = v;
    }
    if (!fields?.length) {
      out.my_favorite = r.my_favorite === true;
      out.following = false;
    }
    out._acl = { fields: {} };
    out._module = module;
    return out;
  }
}

function compareValues(a: unknown, b: unknown): number {
  const na = typeof a === 'number' ? a : typeof a === 'string' && a !== '' && Number.isFinite(Number(a)) ? Number(a) : undefined;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && b !== '' && Number.isFinite(Number(b)) ? Number(b) : undefined;
  if (na !== undefined && nb !== undefined) return Math.sign(na - nb);
  const sa = a === undefined || a === null ? '' : String(a).toLowerCase();
  const sb = b === undefined || b === null ? '' : String(b).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Every save moves date_modified on, even two saves within one second of the simulator's clock. */
function nextStamp(now: number, previous: string): string {
  const stamp = sugarIso(now);
  const before = Date.parse(previous);
  return stamp <= previous && Number.isFinite(before) ? sugarIso(before + 1000) : stamp;
}
