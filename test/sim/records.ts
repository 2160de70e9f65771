/**
 * Module data: deterministic seed records (same names and ids on every run, so demos and tests can
 * name them) plus whatever a test creates. Lists are newest-first by date_modified like Sugar's default.
 */
import { sugarIso } from './clock';
import { newGuid, stableGuid } from './ids';

export type SugarRecord = Record<string, unknown> & { id: string; date_modified: string };

const SEED_EPOCH = Date.UTC(2024, 5, 1, 12, 0, 0);
const HOUR = 3600 * 1000;

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli', 'Vandelay'];
const COMPANY_WORDS = ['Industries', 'Systems', 'Holdings', 'Logistics', 'Foods'];
const SUFFIXES = ['Inc', 'LLC', 'Corp', 'Ltd', 'GmbH'];
const INDUSTRIES = ['Apparel', 'Banking', 'Chemicals', 'Construction', 'Education', 'Energy', 'Engineering', 'Finance', 'Healthcare', 'Technology'];
const ACCOUNT_TYPES = ['Customer', 'Prospect', 'Partner', 'Reseller', 'Analyst'];
const CITIES = ['San Jose', 'Cupertino', 'Chicago', 'Denver', 'Boston', 'Austin', 'Seattle', 'Ohio'];
const FIRST = ['Ann', 'Bob', 'Carla', 'Dev', 'Erin', 'Farid', 'Gina', 'Hugo', 'Iris', 'Jon', 'Kim', 'Luis', 'Mia'];
const LAST = ['Alvarez', 'Brooks', 'Chen', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito'];
const TITLES = ['CEO', 'CFO', 'VP Sales', 'IT Manager', 'Buyer', 'Engineer'];

export const SEED_COUNTS: Record<string, number> = { Accounts: 60, Contacts: 25 };

function base(module: string, i: number): SugarRecord {
  const stamp = sugarIso(SEED_EPOCH - i * HOUR);
  return {
    id: stableGuid(`${module}:${i}`),
    date_entered: sugarIso(SEED_EPOCH - (i + 1000) * HOUR),
    date_modified: stamp,
    modified_user_id: '1',
    created_by: '1',
    deleted: false,
    assigned_user_id: '1',
    assigned_user_name: 'Administrator',
    description: '',
  };
}

function account(i: number): SugarRecord {
  const name = `${COMPANIES[i % COMPANIES.length]} ${COMPANY_WORDS[Math.floor(i / COMPANIES.length) % COMPANY_WORDS.length]} ${SUFFIXES[i % SUFFIXES.length]}`;
  return {
    ...base('Accounts', i),
    name,
    industry: INDUSTRIES[i % INDUSTRIES.length],
    account_type: ACCOUNT_TYPES[i % ACCOUNT_TYPES.length],
    billing_address_city: CITIES[i % CITIES.length],
    phone_office: `(555) 01${String(i).padStart(2, '0')}`,
    website: `www.${name.split(' ')[0].toLowerCase()}${i}.example`,
  };
}

function contact(i: number): SugarRecord {
  const first = FIRST[i % FIRST.length];
  const last = LAST[i % LAST.length];
  const acct = account(i % SEED_COUNTS.Accounts);
  return {
    ...base('Contacts', i),
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    title: TITLES[i % TITLES.length],
    email1: `${first}.${last}${i}@example.com`.toLowerCase(),
    phone_work: `(555) 02${String(i).padStart(2, '0')}`,
    account_id: acct.id,
    account_name: acct.name,
  };
}

const GENERATORS: Record<string, (i: number) => SugarRecord> = { Accounts: account, Contacts: contact };

/** Fields Sugar sends with every record whatever `fields` asked for. */
const ALWAYS = ['id', 'date_modified'];

export interface ListPage {
  next_offset: number;
  records: Record<string, unknown>[];
}

export class RecordStore {
  private readonly modules = new Map<string, Map<string, SugarRecord>>();

  constructor(private readonly now: () => number) {
    for (const [module, count] of Object.entries(SEED_COUNTS)) {
      const rows = new Map<string, SugarRecord>();
      for (let i = 0; i < count; i++) {
        const r = GENERATORS[module](i);
        rows.set(r.id, r);
      }
      this.modules.set(module, rows);
    }
  }

  hasModule(name: string): boolean {
    return this.modules.has(name);
  }

  moduleNames(): string[] {
    return [...this.modules.keys()];
  }

  fieldNames(module: string): string[] {
    return Object.keys(GENERATORS[module]?.(0) ?? {});
  }

  count(module: string): number {
    return this.rows(module).size;
  }

  list(module: string, offset: number, maxNum: number, fields?: string[]): ListPage {
    const sorted = [...this.rows(module).values()].sort(
      (a, b) => b.date_modified.localeCompare(a.date_modified) || a.id.localeCompare(b.id),
    );
    const page = sorted.slice(offset, offset + maxNum);
    return {
      next_offset: offset + maxNum < sorted.length ? offset + maxNum : -1,
      records: page.map((r) => this.shape(module, r, fields)),
    };
  }

  get(module: string, id: string, fields?: string[]): Record<string, unknown> | undefined {
    const r = this.rows(module).get(id);
    return r && this.shape(module, r, fields);
  }

  create(module: string, values: Record<string, unknown>): Record<string, unknown> {
    const stamp = sugarIso(this.now());
    const r: SugarRecord = {
      ...this.clean(values),
      id: newGuid(),
      date_entered: stamp,
      date_modified: stamp,
      deleted: false,
    };
    this.rows(module).set(r.id, r);
    return this.shape(module, r);
  }

  update(module: string, id: string, values: Record<string, unknown>): Record<string, unknown> | undefined {
    const r = this.rows(module).get(id);
    if (!r) return undefined;
    Object.assign(r, this.clean(values), { date_modified: sugarIso(this.now()) });
    return this.shape(module, r);
  }

  delete(module: string, id: string): boolean {
    return this.rows(module).delete(id);
  }

  private rows(module: string): Map<string, SugarRecord> {
    const rows = this.modules.get(module);
    if (!rows) throw new Error(`no module ${module}`);
    return rows;
  }

  private clean(values: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (k === 'id' || k === 'date_modified' || k === 'date_entered' || k.startsWith('_')) continue;
      out[k] = v;
    }
    return out;
  }

  private shape(module: string, r: SugarRecord, fields?: string[]): Record<string, unknown> {
    const picked: Record<string, unknown> = {};
    if (fields && fields.length > 0) {
      for (const f of [...ALWAYS, ...fields]) if (f in r) picked[f] = r[f];
    } else {
      Object.assign(picked, r);
    }
    picked._acl = { fields: {} };
    picked._module = module;
    return picked;
  }
}
