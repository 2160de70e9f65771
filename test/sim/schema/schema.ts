/**
 * What the instance's metadata says: its modules (stock ones, and for the bench a large generated
 * set), their fields and links, and the relationships behind the links. Lookups are by name; the
 * revision changes when a test changes the schema, which changes every hash derived from it.
 */
import { STOCK_MODULES, STOCK_RELATIONSHIPS, type FieldDef, type ModuleDef, type RelationshipDef } from './vardefs';

export interface LinkInfo {
  field: FieldDef;
  relationship: RelationshipDef;
  /** The module on the other side. */
  module: string;
  /** This module is the relationship's lhs (one side of a one-to-many). */
  lhs: boolean;
}

const FIELD_TYPES_FOR_LARGE = ['varchar', 'enum', 'date', 'datetime', 'int', 'bool', 'currency', 'text', 'relate', 'multienum'];

/** A custom module like a Module Builder package makes: `<prefix>_<Name>`, 120 fields each. */
function generatedModule(i: number): ModuleDef {
  const name = `cst_Module${String(i).padStart(3, '0')}`;
  const fields: FieldDef[] = [
    { name: 'id', type: 'id', vname: 'LBL_ID', required: true },
    { name: 'name', type: 'name', vname: 'LBL_NAME', dbType: 'varchar', len: 255, required: true },
    { name: 'date_modified', type: 'datetime', vname: 'LBL_DATE_MODIFIED' },
    { name: 'date_entered', type: 'datetime', vname: 'LBL_DATE_ENTERED' },
    { name: 'deleted', type: 'bool', vname: 'LBL_DELETED', default: false },
  ];
  for (let j = 0; j < 115; j++) {
    const type = FIELD_TYPES_FOR_LARGE[(i + j) % FIELD_TYPES_FOR_LARGE.length];
    const def: FieldDef = {
      name: `field_${String(j).padStart(3, '0')}_c`,
      type,
      vname: `LBL_FIELD_${String(j).padStart(3, '0')}`,
      len: type === 'varchar' ? 255 : undefined,
      comment: `Custom field ${j} of ${name}, added in Studio for the bench's large instance`,
      custom_module: name,
      audited: j % 7 === 0,
      massupdate: j % 3 === 0,
      importable: 'true',
      duplicate_merge: 'enabled',
      reportable: true,
    };
    if (type === 'enum' || type === 'multienum') def.options = j % 2 === 0 ? 'industry_dom' : 'account_type_dom';
    if (type === 'relate') Object.assign(def, { module: 'Accounts', id_name: `account_${j}_id`, rname: 'name', source: 'non-db', link: 'accounts_link' });
    fields.push(def);
  }
  fields.push({ name: 'accounts_link', type: 'link', vname: 'LBL_ACCOUNTS', relationship: `${name.toLowerCase()}_accounts`, module: 'Accounts', bean_name: 'Account', link_type: 'one', source: 'non-db' });
  return { name, beanName: name, fields };
}

export class SimSchema {
  private readonly modules = new Map<string, ModuleDef>();
  private readonly relationships = new Map<string, RelationshipDef>();
  private readonly fieldIndex = new Map<string, Map<string, FieldDef>>();
  /** Bumped by every change, so hashes and cached metadata follow. */
  revision = 0;

  constructor(largeModules = 0) {
    for (const m of STOCK_MODULES) this.addModule({ ...m, fields: m.fields.map((x) => ({ ...x })) });
    for (const r of STOCK_RELATIONSHIPS) this.relationships.set(r.name, r);
    for (let i = 0; i < largeModules; i++) {
      const m = generatedModule(i);
      this.addModule(m);
      this.relationships.set(`${m.name.toLowerCase()}_accounts`, {
        name: `${m.name.toLowerCase()}_accounts`, lhs_module: 'Accounts', lhs_key: 'id', rhs_module: m.name, rhs_key: 'account_id', relationship_type: 'one-to-many',
      });
    }
  }

  private addModule(m: ModuleDef): void {
    this.modules.set(m.name, m);
    this.fieldIndex.set(m.name, new Map(m.fields.map((x) => [x.name, x])));
  }

  moduleNames(): string[] {
    return [...this.modules.keys()];
  }

  module(name: string): ModuleDef | undefined {
    return this.modules.get(name);
  }

  allModules(): ModuleDef[] {
    return [...this.modules.values()];
  }

  allRelationships(): RelationshipDef[] {
    return [...this.relationships.values()];
  }

  field(module: string, name: string): FieldDef | undefined {
    return this.fieldIndex.get(module)?.get(name);
  }

  link(module: string, name: string): LinkInfo | undefined {
    const field = this.field(module, name);
    if (!field || field.type !== 'link') return undefined;
    const relationship = this.relationships.get(String(field.relationship));
    if (!relationship) return undefined;
    // A self-relationship (member_accounts): the to-one side (link_type one) is the rhs.
    const lhs = relationship.lhs_module === relationship.rhs_module ? field.link_type !== 'one' : relationship.lhs_module === module;
    return { field, relationship, module: String(field.module), lhs };
  }

  /** A custom field added at run time (Studio), for tests of metadata revalidation. */
  addField(module: string, def: FieldDef): void {
    const m = this.modules.get(module);
    if (!m) throw new Error(`no module ${module}`);
    m.fields.push(def);
    this.fieldIndex.get(module)?.set(def.name, def);
    this.revision++;
  }
}
