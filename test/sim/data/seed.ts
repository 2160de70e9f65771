/**
 * Deterministic seed records for every stock module: the same ids, names and values on every run,
 * so demos and tests can name them. Accounts and Contacts keep the shapes (and ids) they always had.
 */
import { sugarIso } from '../clock';
import { stableGuid } from '../ids';
import type { UserRecord } from '../users';

export type SugarRecord = Record<string, unknown> & { id: string; date_modified: string };

const SEED_EPOCH = Date.UTC(2024, 5, 1, 12, 0, 0);
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli', 'Vandelay'];
const COMPANY_WORDS = ['Industries', 'Systems', 'Holdings', 'Logistics', 'Foods'];
const SUFFIXES = ['Inc', 'LLC', 'Corp', 'Ltd', 'GmbH'];
const INDUSTRIES = ['Apparel', 'Banking', 'Chemicals', 'Construction', 'Education', 'Energy', 'Engineering', 'Finance', 'Healthcare', 'Technology'];
const ACCOUNT_TYPES = ['Customer', 'Prospect', 'Partner', 'Reseller', 'Analyst'];
const CITIES = ['San Jose', 'Cupertino', 'Chicago', 'Denver', 'Boston', 'Austin', 'Seattle', 'Ohio'];
const FIRST = ['Ann', 'Bob', 'Carla', 'Dev', 'Erin', 'Farid', 'Gina', 'Hugo', 'Iris', 'Jon', 'Kim', 'Luis', 'Mia'];
const LAST = ['Alvarez', 'Brooks', 'Chen', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito'];
const TITLES = ['CEO', 'CFO', 'VP Sales', 'IT Manager', 'Buyer', 'Engineer'];
const REGIONS = [['emea'], ['amer'], ['apac'], ['emea', 'amer'], []];
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
const LEAD_SOURCES = ['Cold Call', 'Web Site', 'Partner', 'Email', 'Existing Customer'];
const LEAD_STATUS = ['New', 'Assigned', 'In Process', 'Converted', 'Recycled', 'Dead'];
const CASE_STATUS = ['New', 'Assigned', 'Closed', 'Pending Input'];
const CASE_SUBJECTS = ['Cannot log in', 'Invoice is wrong', 'Export fails', 'Slow dashboard', 'Email not sent', 'Missing report'];

/** How many of each; Accounts and Contacts as they always were. */
export const SEED_COUNTS: Record<string, number> = { Accounts: 60, Contacts: 25, Leads: 50, Opportunities: 60, Cases: 40, Notes: 30 };

/** Who the seed records are assigned to, in turn: the demo users' ids. */
let owners: string[] = ['1'];

function base(module: string, i: number): SugarRecord {
  return {
    id: stableGuid(`${module}:${i}`),
    date_entered: sugarIso(SEED_EPOCH - (i + 1000) * HOUR),
    date_modified: sugarIso(SEED_EPOCH - i * HOUR),
    modified_user_id: '1',
    created_by: '1',
    deleted: false,
    assigned_user_id: module === 'Accounts' || module === 'Contacts' ? '1' : owners[i % owners.length],
    description: '',
  };
}

const day = (offsetDays: number): string => new Date(SEED_EPOCH + offsetDays * DAY).toISOString().slice(0, 10);

export function accountId(i: number): string {
  return stableGuid(`Accounts:${i % SEED_COUNTS.Accounts}`);
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
    annual_revenue: String((i + 1) * 125_000),
    employees: String(10 + i * 17),
    parent_id: i >= 50 ? accountId(i - 50) : '',
    customer_since_c: i % 5 === 0 ? day(-365 - i * 11) : '',
    key_account_c: i % 7 === 0,
    regions_c: REGIONS[i % REGIONS.length],
  };
}

function contact(i: number): SugarRecord {
  const first = FIRST[i % FIRST.length];
  const last = LAST[i % LAST.length];
  return {
    ...base('Contacts', i),
    salutation: i % 2 ? 'Ms.' : 'Mr.',
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    title: TITLES[i % TITLES.length],
    email1: `${first}.${last}${i}@example.com`.toLowerCase(),
    phone_work: `(555) 02${String(i).padStart(2, '0')}`,
    lead_source: LEAD_SOURCES[i % LEAD_SOURCES.length],
    birthdate: day(-365 * (25 + (i % 30)) - i),
    do_not_call: i % 6 === 0,
    preferred_language_c: i % 3 === 0 ? 'de_DE' : 'en_us',
  };
}

function lead(i: number): SugarRecord {
  const first = FIRST[(i + 5) % FIRST.length];
  const last = LAST[(i + 3) % LAST.length];
  return {
    ...base('Leads', i),
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    title: TITLES[(i + 2) % TITLES.length],
    account_name: `${COMPANIES[(i + 4) % COMPANIES.length]} Prospects`,
    status: LEAD_STATUS[i % LEAD_STATUS.length],
    lead_source: LEAD_SOURCES[i % LEAD_SOURCES.length],
    email1: `lead${i}@example.org`,
    phone_work: `(555) 03${String(i).padStart(2, '0')}`,
    converted: i % LEAD_STATUS.length === 3,
    account_id: i % 3 === 0 ? accountId(i * 5) : '',
    score_c: (i * 37) % 100,
  };
}

function opportunity(i: number): SugarRecord {
  const stage = STAGES[i % STAGES.length];
  return {
    ...base('Opportunities', i),
    name: `${COMPANIES[(i * 7) % COMPANIES.length]} ${['renewal', 'expansion', 'pilot', 'upgrade'][i % 4]} ${2024 + (i % 3)}`,
    amount: String(((i % 20) + 1) * 5000),
    currency_id: '-99',
    date_closed: day(-90 + i * 5),
    sales_stage: stage,
    probability: stage === 'Closed Won' ? 100 : stage === 'Closed Lost' ? 0 : 10 + (i % 8) * 10,
    lead_source: LEAD_SOURCES[(i + 1) % LEAD_SOURCES.length],
    next_step: i % 2 ? 'Send proposal' : 'Call back',
  };
}

function aCase(i: number): SugarRecord {
  return {
    ...base('Cases', i),
    name: `${CASE_SUBJECTS[i % CASE_SUBJECTS.length]} (#${1000 + i})`,
    case_number: 1000 + i,
    type: ['Administration', 'Product', 'User'][i % 3],
    status: CASE_STATUS[i % CASE_STATUS.length],
    priority: ['P1', 'P2', 'P3'][i % 3],
    resolution: '',
    follow_up_datetime: sugarIso(SEED_EPOCH + (i - 20) * DAY),
    account_id: accountId(i * 3),
  };
}

const NOTE_PARENTS = ['Accounts', 'Opportunities', 'Cases'];

function note(i: number): SugarRecord {
  const parentType = NOTE_PARENTS[i % NOTE_PARENTS.length];
  return {
    ...base('Notes', i),
    name: `Note ${i + 1}: ${['call summary', 'meeting minutes', 'follow-up'][i % 3]}`,
    filename: '',
    file_mime_type: '',
    file_size: 0,
    portal_flag: false,
    parent_type: parentType,
    parent_id: stableGuid(`${parentType}:${i % 25}`),
    contact_id: stableGuid(`Contacts:${i % SEED_COUNTS.Contacts}`),
  };
}

const GENERATORS: Record<string, (i: number) => SugarRecord> = {
  Accounts: account,
  Contacts: contact,
  Leads: lead,
  Opportunities: opportunity,
  Cases: aCase,
  Notes: note,
};

/** Every seed record by module, Users from the simulator's own users. */
export function seedRecords(users: UserRecord[]): Map<string, SugarRecord[]> {
  owners = users.filter((u) => u.status === 'Active').map((u) => u.id);
  const out = new Map<string, SugarRecord[]>();
  for (const [module, count] of Object.entries(SEED_COUNTS)) out.set(module, Array.from({ length: count }, (_, i) => GENERATORS[module](i)));
  out.set('Users', users.map((u, i) => userRecord(u, i)));
  return out;
}

function userRecord(u: UserRecord, i: number): SugarRecord {
  const [first, ...rest] = u.fullName.split(' ');
  return {
    id: u.id,
    user_name: u.userName,
    first_name: rest.length ? first : '',
    last_name: rest.length ? rest.join(' ') : first,
    full_name: u.fullName,
    status: u.status,
    is_admin: u.type === 'admin',
    title: u.type === 'admin' ? 'Administrator' : 'Sales Rep',
    email1: `${u.userName}@example.com`,
    date_entered: sugarIso(SEED_EPOCH - (2000 + i) * HOUR),
    date_modified: sugarIso(SEED_EPOCH - (1500 + i) * HOUR),
    deleted: false,
  };
}

/** Many-to-many pairs of the seed data: [relationship, lhs id, rhs id]. */
export function seedPairs(): Array<[string, string, string]> {
  const pairs: Array<[string, string, string]> = [];
  for (let i = 0; i < SEED_COUNTS.Contacts; i++) pairs.push(['accounts_contacts', accountId(i), stableGuid(`Contacts:${i}`)]);
  for (let i = 0; i < SEED_COUNTS.Opportunities; i++) {
    pairs.push(['accounts_opportunities', accountId(i * 7), stableGuid(`Opportunities:${i}`)]);
    pairs.push(['opportunities_contacts', stableGuid(`Opportunities:${i}`), stableGuid(`Contacts:${i % SEED_COUNTS.Contacts}`)]);
  }
  for (let i = 0; i < SEED_COUNTS.Cases; i++) pairs.push(['contacts_cases', stableGuid(`Contacts:${(i * 2) % SEED_COUNTS.Contacts}`), stableGuid(`Cases:${i}`)]);
  return pairs;
}
