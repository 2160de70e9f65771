/**
 * Which records are related through which relationship. A one-to-many relationship whose key is a
 * field of the many-side record (Cases.account_id, Notes.parent_id with parent_type) lives in that
 * field, as in Sugar's tables; the others (many-to-many) are pairs, as in a join table.
 */
import type { SimSchema, LinkInfo } from '../schema/schema';
import type { RelationshipDef } from '../schema/vardefs';
import type { SugarRecord } from './seed';

type Rows = (module: string) => Map<string, SugarRecord> | undefined;

export class RelationStore {
  /** relationship → lhs id → rhs ids, and the reverse. */
  private readonly forward = new Map<string, Map<string, Set<string>>>();
  private readonly backward = new Map<string, Map<string, Set<string>>>();

  constructor(
    private readonly schema: SimSchema,
    private readonly rows: Rows,
  ) {}

  /** The key lives on the rhs record (a one-to-many with a real key field). */
  private keyField(r: RelationshipDef): string | undefined {
    if (r.relationship_type !== 'one-to-many') return undefined;
    return this.schema.field(r.rhs_module, r.rhs_key)?.type === 'id' ? r.rhs_key : undefined;
  }

  private keyMatches(r: RelationshipDef, record: SugarRecord, lhsId: string): boolean {
    if (record[r.rhs_key] !== lhsId) return false;
    // Notes.parent_id serves several relationships; parent_type tells which.
    return r.rhs_key !== 'parent_id' || !('parent_type' in record) || record.parent_type === r.lhs_module;
  }

  /** The ids related to `id` of `module` through `link`. */
  related(module: string, id: string, link: LinkInfo): string[] {
    const r = link.relationship;
    const key = this.keyField(r);
    if (key) {
      if (link.lhs) {
        const out: string[] = [];
        for (const rec of this.rows(r.rhs_module)?.values() ?? []) if (this.keyMatches(r, rec, id)) out.push(rec.id);
        return out;
      }
      const own = this.rows(module)?.get(id);
      const lhsId = own?.[key];
      if (typeof lhsId !== 'string' || lhsId === '') return [];
      if (key === 'parent_id' && own && 'parent_type' in own && own.parent_type !== r.lhs_module) return [];
      return this.rows(r.lhs_module)?.has(lhsId) ? [lhsId] : [];
    }
    const side = link.lhs ? this.forward : this.backward;
    return [...(side.get(r.name)?.get(id) ?? [])];
  }

  relate(_module: string, id: string, link: LinkInfo, remoteId: string): void {
    const r = link.relationship;
    const [lhsId, rhsId] = link.lhs ? [id, remoteId] : [remoteId, id];
    const key = this.keyField(r);
    if (key) {
      const rhs = this.rows(r.rhs_module)?.get(rhsId);
      if (rhs) {
        rhs[key] = lhsId;
        if (key === 'parent_id' && 'parent_type' in rhs) rhs.parent_type = r.lhs_module;
      }
      return;
    }
    add(this.forward, r.name, lhsId, rhsId);
    add(this.backward, r.name, rhsId, lhsId);
  }

  /** False when the two were not related. */
  unrelate(_module: string, id: string, link: LinkInfo, remoteId: string): boolean {
    const r = link.relationship;
    const [lhsId, rhsId] = link.lhs ? [id, remoteId] : [remoteId, id];
    const key = this.keyField(r);
    if (key) {
      const rhs = this.rows(r.rhs_module)?.get(rhsId);
      if (!rhs || !this.keyMatches(r, rhs, lhsId)) return false;
      rhs[key] = '';
      return true;
    }
    const had = this.forward.get(r.name)?.get(lhsId)?.delete(rhsId) ?? false;
    this.backward.get(r.name)?.get(rhsId)?.delete(lhsId);
    return had;
  }

  /** A record is gone: its pairs go with it. */
  forget(id: string): void {
    for (const side of [this.forward, this.backward]) {
      for (const byId of side.values()) {
        byId.delete(id);
        for (const set of byId.values()) set.delete(id);
      }
    }
  }

  addPair(relationship: string, lhsId: string, rhsId: string): void {
    add(this.forward, relationship, lhsId, rhsId);
    add(this.backward, relationship, rhsId, lhsId);
  }
}

function add(side: Map<string, Map<string, Set<string>>>, rel: string, from: string, to: string): void {
  let byId = side.get(rel);
  if (!byId) side.set(rel, (byId = new Map()));
  let set = byId.get(from);
  if (!set) byId.set(from, (set = new Set()));
  set.add(to);
}
