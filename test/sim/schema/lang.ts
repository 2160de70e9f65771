/**
 * Labels and dropdowns, as GET /lang/<lang> answers them (shared/sugar-data-api.md §1):
 * `app_list_strings` (dropdowns by `options` name), `app_strings`, `mod_strings[M][vname]`. Lists keep
 * Sugar's order; the `ordered=1` form turns each list into `[[key, label], ...]`.
 */
import type { ModuleDef } from './vardefs';

type Dropdown = Array<[string, string]>;

const same = (...keys: string[]): Dropdown => keys.map((k) => [k, k]);

export const DROPDOWNS: Record<string, Dropdown> = {
  industry_dom: [['', ''], ...same('Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit', 'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other')],
  account_type_dom: [['', ''], ...same('Analyst', 'Competitor', 'Customer', 'Integrator', 'Investor', 'Partner', 'Press', 'Prospect', 'Reseller', 'Other')],
  regions_dom: [['emea', 'Europe, Middle East and Africa'], ['amer', 'Americas'], ['apac', 'Asia Pacific']],
  salutation_dom: [['', ''], ['Mr.', 'Mr.'], ['Ms.', 'Ms.'], ['Mrs.', 'Mrs.'], ['Dr.', 'Dr.'], ['Prof.', 'Prof.']],
  lead_source_dom: [['', ''], ['Cold Call', 'Cold Call'], ['Existing Customer', 'Existing Customer'], ['Self Generated', 'Self Generated'], ['Employee', 'Employee'], ['Partner', 'Partner'], ['Web Site', 'Web Site'], ['Word of mouth', 'Word of mouth'], ['Email', 'Email'], ['Other', 'Other']],
  lead_status_dom: [['', ''], ['New', 'New'], ['Assigned', 'Assigned'], ['In Process', 'In Process'], ['Converted', 'Converted'], ['Recycled', 'Recycled'], ['Dead', 'Dead']],
  sales_stage_dom: [['Prospecting', 'Prospecting'], ['Qualification', 'Qualification'], ['Needs Analysis', 'Needs Analysis'], ['Value Proposition', 'Value Proposition'], ['Id. Decision Makers', 'Id. Decision Makers'], ['Perception Analysis', 'Perception Analysis'], ['Proposal/Price Quote', 'Proposal/Price Quote'], ['Negotiation/Review', 'Negotiation/Review'], ['Closed Won', 'Closed Won'], ['Closed Lost', 'Closed Lost']],
  case_type_dom: [['', ''], ['Administration', 'Administration'], ['Product', 'Product'], ['User', 'User']],
  case_status_dom: [['New', 'New'], ['Assigned', 'Assigned'], ['Closed', 'Closed'], ['Pending Input', 'Pending Input'], ['Rejected', 'Rejected'], ['Duplicate', 'Duplicate']],
  case_priority_dom: [['P1', 'High'], ['P2', 'Medium'], ['P3', 'Low']],
  user_status_dom: [['Active', 'Active'], ['Inactive', 'Inactive']],
  available_language_dom: [['', ''], ['en_us', 'English (US)'], ['de_DE', 'Deutsch'], ['fr_FR', 'Français'], ['es_ES', 'Español']],
  record_type_display_notes: [['Accounts', 'Account'], ['Contacts', 'Contact'], ['Opportunities', 'Opportunity'], ['Cases', 'Case'], ['Leads', 'Lead']],
  // Integer keys: a JSON object would put them first, which is why `ordered=1` exists.
  probability_dom: [['10', '10%'], ['20', '20%'], ['50', '50%'], ['100', '100%'], ['0', '0%']],
};

const APP_STRINGS: Record<string, string> = {
  LBL_ID: 'ID',
  LBL_NAME: 'Name',
  LBL_DATE_ENTERED: 'Date Created',
  LBL_DATE_MODIFIED: 'Date Modified',
  LBL_MODIFIED: 'Modified By',
  LBL_CREATED: 'Created By',
  LBL_DESCRIPTION: 'Description',
  LBL_DELETED: 'Deleted',
  LBL_ASSIGNED_TO_ID: 'Assigned User Id',
  LBL_ASSIGNED_TO: 'Assigned to',
  LBL_ASSIGNED_TO_USER: 'Assigned User',
  LBL_TEAMS: 'Teams',
  LBL_EMAIL_ADDRESS: 'Email Address',
  LBL_SAVE_BUTTON_LABEL: 'Save',
};

/** Labels that read differently from their key. */
const SPECIAL: Record<string, string> = {
  LBL_TYPE: 'Type',
  LBL_PHONE_OFFICE: 'Office Phone',
  LBL_OFFICE_PHONE: 'Office Phone',
  LBL_MOBILE_PHONE: 'Mobile',
  LBL_MEMBER_OF: 'Member of',
  LBL_OPPORTUNITY_NAME: 'Opportunity Name',
  LBL_NOTE_SUBJECT: 'Subject',
  LBL_SUBJECT: 'Subject',
  LBL_NUMBER: 'Number',
  LBL_DATE_CLOSED: 'Expected Close Date',
  LBL_FOLLOW_UP: 'Follow Up Time',
  LBL_FILENAME: 'Attachment',
  LBL_CUSTOMER_SINCE: 'Customer Since',
  LBL_KEY_ACCOUNT: 'Key Account',
  LBL_SCORE: 'Lead Score',
  LBL_USER_HASH: 'Password',
  LBL_IS_ADMIN: 'Is Administrator',
};

/** LBL_BILLING_ADDRESS_CITY → "Billing Address City". */
function humanise(vname: string): string {
  return vname
    .replace(/^LBL_/, '')
    .toLowerCase()
    .split('_')
    .filter(Boolean)
    .map((w) => (w === 'id' ? 'ID' : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

const GERMAN: Record<string, string> = { LBL_NAME: 'Name', LBL_INDUSTRY: 'Branche', LBL_TYPE: 'Typ', LBL_DESCRIPTION: 'Beschreibung', LBL_DATE_MODIFIED: 'Geändert am' };

export const LANGUAGES = ['en_us', 'de_DE'] as const;

export function buildLanguage(lang: string, modules: readonly ModuleDef[]): Record<string, unknown> {
  const german = lang.toLowerCase() === 'de_de';
  const modStrings: Record<string, Record<string, string>> = {};
  for (const m of modules) {
    const labels: Record<string, string> = { LBL_MODULE_NAME: m.name, LBL_MODULE_NAME_SINGULAR: m.beanName.replace(/^a(?=[A-Z])/, '') };
    for (const field of m.fields) {
      if (field.vname in APP_STRINGS) continue;
      labels[field.vname] = (german && GERMAN[field.vname]) || SPECIAL[field.vname] || humanise(field.vname);
    }
    modStrings[m.name] = labels;
  }
  const appStrings = german ? { ...APP_STRINGS, ...GERMAN } : APP_STRINGS;
  return { app_list_strings: objectDropdowns(), app_strings: appStrings, mod_strings: modStrings };
}

function objectDropdowns(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, list] of Object.entries(DROPDOWNS)) out[name] = Object.fromEntries(list);
  return out;
}

/** The `ordered=1` form: every dropdown as `[[key, label], ...]` in Sugar's order. */
export function orderedDropdowns(): Record<string, Dropdown> {
  return Object.fromEntries(Object.entries(DROPDOWNS).map(([name, list]) => [name, list.map(([k, v]): [string, string] => [k, v])]));
}
