/**
 * The simulated instance's modules as Sugar's vardefs describe them (raw defs: the label key is
 * `vname`, dropdowns are named by `options`, to-many links have no `link_type`), after
 * shared/sugar-data-api.md §1. Stock fields as in Sugar 14's modules/<M>/vardefs.php, trimmed,
 * plus a few custom `_c` fields as a real instance has.
 */

export type FieldDef = Record<string, unknown> & { name: string; type: string; vname: string };

export interface RelationshipDef {
  name: string;
  lhs_module: string;
  lhs_key: string;
  rhs_module: string;
  rhs_key: string;
  relationship_type: 'one-to-many' | 'many-to-many';
  join_table?: string;
}

export interface ModuleDef {
  name: string;
  /** Singular bean name, as `bean_name` on links to it. */
  beanName: string;
  fields: FieldDef[];
}

const f = (name: string, type: string, vname: string, extra: Record<string, unknown> = {}): FieldDef => ({ name, type, vname, ...extra });

/** Fields every Sugar module has (SugarObjects basic + assignable + team_security). */
function common(moduleLink: string): FieldDef[] {
  return [
    f('id', 'id', 'LBL_ID', { required: true, reportable: true }),
    f('date_entered', 'datetime', 'LBL_DATE_ENTERED', { group: 'created_by_name' }),
    f('date_modified', 'datetime', 'LBL_DATE_MODIFIED', { group: 'modified_by_name' }),
    f('modified_user_id', 'id', 'LBL_MODIFIED'),
    f('created_by', 'id', 'LBL_CREATED'),
    f('description', 'text', 'LBL_DESCRIPTION', { rows: 6, cols: 80 }),
    f('deleted', 'bool', 'LBL_DELETED', { default: false }),
    f('assigned_user_id', 'id', 'LBL_ASSIGNED_TO_ID'),
    f('assigned_user_name', 'relate', 'LBL_ASSIGNED_TO', {
      link: 'assigned_user_link', module: 'Users', id_name: 'assigned_user_id', rname: 'full_name', source: 'non-db',
    }),
    f('assigned_user_link', 'link', 'LBL_ASSIGNED_TO_USER', {
      relationship: `${moduleLink}_assigned_user`, module: 'Users', bean_name: 'User', link_type: 'one', side: 'right', source: 'non-db',
    }),
    f('team_name', 'teamset', 'LBL_TEAMS', { source: 'non-db', module: 'Teams' }),
  ];
}

const ACCOUNTS: ModuleDef = {
  name: 'Accounts',
  beanName: 'Account',
  fields: [
    ...common('accounts'),
    f('name', 'name', 'LBL_NAME', { dbType: 'varchar', len: 150, required: true, unified_search: true }),
    f('account_type', 'enum', 'LBL_TYPE', { options: 'account_type_dom', len: 50 }),
    f('industry', 'enum', 'LBL_INDUSTRY', { options: 'industry_dom', len: 50 }),
    f('annual_revenue', 'varchar', 'LBL_ANNUAL_REVENUE', { len: 100 }),
    f('employees', 'varchar', 'LBL_EMPLOYEES', { len: 10 }),
    f('rating', 'varchar', 'LBL_RATING', { len: 100 }),
    f('phone_office', 'phone', 'LBL_PHONE_OFFICE', { len: 100 }),
    f('website', 'url', 'LBL_WEBSITE', { len: 255 }),
    f('billing_address_street', 'text', 'LBL_BILLING_ADDRESS_STREET', { len: 150 }),
    f('billing_address_city', 'varchar', 'LBL_BILLING_ADDRESS_CITY', { len: 100 }),
    f('billing_address_country', 'varchar', 'LBL_BILLING_ADDRESS_COUNTRY', { len: 100 }),
    f('email1', 'varchar', 'LBL_EMAIL_ADDRESS', { source: 'non-db' }),
    f('parent_id', 'id', 'LBL_PARENT_ACCOUNT_ID'),
    f('parent_name', 'relate', 'LBL_MEMBER_OF', { link: 'member_of', module: 'Accounts', id_name: 'parent_id', rname: 'name', source: 'non-db' }),
    f('member_of', 'link', 'LBL_MEMBER_OF', { relationship: 'member_accounts', module: 'Accounts', bean_name: 'Account', link_type: 'one', side: 'right', source: 'non-db' }),
    f('members', 'link', 'LBL_MEMBERS', { relationship: 'member_accounts', module: 'Accounts', bean_name: 'Account', source: 'non-db' }),
    f('contacts', 'link', 'LBL_CONTACTS', { relationship: 'accounts_contacts', module: 'Contacts', bean_name: 'Contact', source: 'non-db' }),
    f('opportunities', 'link', 'LBL_OPPORTUNITY', { relationship: 'accounts_opportunities', module: 'Opportunities', bean_name: 'Opportunity', source: 'non-db' }),
    f('cases', 'link', 'LBL_CASES', { relationship: 'account_cases', module: 'Cases', bean_name: 'aCase', source: 'non-db' }),
    f('leads', 'link', 'LBL_LEADS', { relationship: 'account_leads', module: 'Leads', bean_name: 'Lead', source: 'non-db' }),
    f('notes', 'link', 'LBL_NOTES', { relationship: 'account_notes', module: 'Notes', bean_name: 'Note', source: 'non-db' }),
    f('customer_since_c', 'date', 'LBL_CUSTOMER_SINCE', { custom_module: 'Accounts' }),
    f('key_account_c', 'bool', 'LBL_KEY_ACCOUNT', { custom_module: 'Accounts', default: false }),
    f('regions_c', 'multienum', 'LBL_REGIONS', { options: 'regions_dom', isMultiSelect: true, custom_module: 'Accounts' }),
  ],
};

const CONTACTS: ModuleDef = {
  name: 'Contacts',
  beanName: 'Contact',
  fields: [
    ...common('contacts'),
    f('salutation', 'enum', 'LBL_SALUTATION', { options: 'salutation_dom', len: 255 }),
    f('first_name', 'varchar', 'LBL_FIRST_NAME', { len: 100 }),
    f('last_name', 'varchar', 'LBL_LAST_NAME', { len: 100, required: true }),
    f('name', 'fullname', 'LBL_NAME', { source: 'non-db', fields: ['first_name', 'last_name'] }),
    f('title', 'varchar', 'LBL_TITLE', { len: 100 }),
    f('department', 'varchar', 'LBL_DEPARTMENT', { len: 255 }),
    f('phone_work', 'phone', 'LBL_OFFICE_PHONE', { len: 100 }),
    f('phone_mobile', 'phone', 'LBL_MOBILE_PHONE', { len: 100 }),
    f('email1', 'varchar', 'LBL_EMAIL_ADDRESS', { source: 'non-db' }),
    f('lead_source', 'enum', 'LBL_LEAD_SOURCE', { options: 'lead_source_dom', len: 255 }),
    f('birthdate', 'date', 'LBL_BIRTHDATE'),
    f('do_not_call', 'bool', 'LBL_DO_NOT_CALL', { default: false }),
    f('account_id', 'id', 'LBL_ACCOUNT_ID', { source: 'non-db' }),
    f('account_name', 'relate', 'LBL_ACCOUNT_NAME', { link: 'accounts', module: 'Accounts', id_name: 'account_id', rname: 'name', source: 'non-db' }),
    f('accounts', 'link', 'LBL_ACCOUNT', { relationship: 'accounts_contacts', module: 'Accounts', bean_name: 'Account', link_type: 'one', source: 'non-db' }),
    f('opportunities', 'link', 'LBL_OPPORTUNITIES', { relationship: 'opportunities_contacts', module: 'Opportunities', bean_name: 'Opportunity', source: 'non-db' }),
    f('cases', 'link', 'LBL_CASES', { relationship: 'contacts_cases', module: 'Cases', bean_name: 'aCase', source: 'non-db' }),
    f('notes', 'link', 'LBL_NOTES', { relationship: 'contact_notes', module: 'Notes', bean_name: 'Note', source: 'non-db' }),
    f('preferred_language_c', 'enum', 'LBL_PREFERRED_LANGUAGE', { options: 'available_language_dom', custom_module: 'Contacts' }),
  ],
};

const LEADS: ModuleDef = {
  name: 'Leads',
  beanName: 'Lead',
  fields: [
    ...common('leads'),
    f('first_name', 'varchar', 'LBL_FIRST_NAME', { len: 100 }),
    f('last_name', 'varchar', 'LBL_LAST_NAME', { len: 100, required: true }),
    f('name', 'fullname', 'LBL_NAME', { source: 'non-db', fields: ['first_name', 'last_name'] }),
    f('title', 'varchar', 'LBL_TITLE', { len: 100 }),
    f('account_name', 'varchar', 'LBL_ACCOUNT_NAME', { len: 255 }),
    f('status', 'enum', 'LBL_STATUS', { options: 'lead_status_dom', len: 100 }),
    f('lead_source', 'enum', 'LBL_LEAD_SOURCE', { options: 'lead_source_dom', len: 100 }),
    f('email1', 'varchar', 'LBL_EMAIL_ADDRESS', { source: 'non-db' }),
    f('phone_work', 'phone', 'LBL_OFFICE_PHONE', { len: 100 }),
    f('converted', 'bool', 'LBL_CONVERTED', { default: false }),
    f('account_id', 'id', 'LBL_ACCOUNT_ID'),
    f('accounts', 'link', 'LBL_ACCOUNT', { relationship: 'account_leads', module: 'Accounts', bean_name: 'Account', link_type: 'one', source: 'non-db' }),
    f('score_c', 'int', 'LBL_SCORE', { custom_module: 'Leads', len: 11 }),
  ],
};

const OPPORTUNITIES: ModuleDef = {
  name: 'Opportunities',
  beanName: 'Opportunity',
  fields: [
    ...common('opportunities'),
    f('name', 'name', 'LBL_OPPORTUNITY_NAME', { dbType: 'varchar', len: 50, required: true }),
    f('amount', 'currency', 'LBL_AMOUNT', { len: 26, precision: 6, required: true }),
    f('currency_id', 'currency_id', 'LBL_CURRENCY', { len: 36 }),
    f('date_closed', 'date', 'LBL_DATE_CLOSED', { required: true }),
    f('sales_stage', 'enum', 'LBL_SALES_STAGE', { options: 'sales_stage_dom', len: 255 }),
    f('probability', 'int', 'LBL_PROBABILITY', { len: 3 }),
    f('lead_source', 'enum', 'LBL_LEAD_SOURCE', { options: 'lead_source_dom', len: 50 }),
    f('next_step', 'varchar', 'LBL_NEXT_STEP', { len: 100 }),
    f('account_id', 'id', 'LBL_ACCOUNT_ID', { source: 'non-db' }),
    f('account_name', 'relate', 'LBL_ACCOUNT_NAME', { link: 'accounts', module: 'Accounts', id_name: 'account_id', rname: 'name', source: 'non-db', required: true }),
    f('accounts', 'link', 'LBL_ACCOUNTS', { relationship: 'accounts_opportunities', module: 'Accounts', bean_name: 'Account', link_type: 'one', source: 'non-db' }),
    f('contacts', 'link', 'LBL_CONTACTS', { relationship: 'opportunities_contacts', module: 'Contacts', bean_name: 'Contact', source: 'non-db' }),
    f('notes', 'link', 'LBL_NOTES', { relationship: 'opportunity_notes', module: 'Notes', bean_name: 'Note', source: 'non-db' }),
  ],
};

const CASES: ModuleDef = {
  name: 'Cases',
  beanName: 'aCase',
  fields: [
    ...common('cases'),
    f('name', 'name', 'LBL_SUBJECT', { dbType: 'varchar', len: 255, required: true }),
    f('case_number', 'int', 'LBL_NUMBER', { readonly: true, auto_increment: true }),
    f('type', 'enum', 'LBL_TYPE', { options: 'case_type_dom', len: 255 }),
    f('status', 'enum', 'LBL_STATUS', { options: 'case_status_dom', len: 100 }),
    f('priority', 'enum', 'LBL_PRIORITY', { options: 'case_priority_dom', len: 100 }),
    f('resolution', 'text', 'LBL_RESOLUTION'),
    f('follow_up_datetime', 'datetime', 'LBL_FOLLOW_UP'),
    f('account_id', 'id', 'LBL_ACCOUNT_ID'),
    f('account_name', 'relate', 'LBL_ACCOUNT_NAME', { link: 'accounts', module: 'Accounts', id_name: 'account_id', rname: 'name', source: 'non-db', required: true }),
    f('accounts', 'link', 'LBL_ACCOUNT', { relationship: 'account_cases', module: 'Accounts', bean_name: 'Account', link_type: 'one', source: 'non-db' }),
    f('contacts', 'link', 'LBL_CONTACTS', { relationship: 'contacts_cases', module: 'Contacts', bean_name: 'Contact', source: 'non-db' }),
    f('notes', 'link', 'LBL_NOTES', { relationship: 'case_notes', module: 'Notes', bean_name: 'Note', source: 'non-db' }),
  ],
};

const NOTES: ModuleDef = {
  name: 'Notes',
  beanName: 'Note',
  fields: [
    ...common('notes'),
    f('name', 'name', 'LBL_NOTE_SUBJECT', { dbType: 'varchar', len: 255, required: true }),
    f('filename', 'file', 'LBL_FILENAME', { len: 255 }),
    f('file_mime_type', 'varchar', 'LBL_FILE_MIME_TYPE', { len: 100 }),
    f('file_size', 'int', 'LBL_FILE_SIZE'),
    f('portal_flag', 'bool', 'LBL_PORTAL_FLAG', { default: false }),
    f('parent_type', 'parent_type', 'LBL_PARENT_TYPE', { options: 'record_type_display_notes', len: 255 }),
    f('parent_id', 'id', 'LBL_PARENT_ID'),
    f('contact_id', 'id', 'LBL_CONTACT_ID'),
    f('accounts', 'link', 'LBL_ACCOUNTS', { relationship: 'account_notes', module: 'Accounts', bean_name: 'Account', link_type: 'one', source: 'non-db' }),
    f('contacts', 'link', 'LBL_CONTACT', { relationship: 'contact_notes', module: 'Contacts', bean_name: 'Contact', link_type: 'one', source: 'non-db' }),
    f('opportunities', 'link', 'LBL_OPPORTUNITY', { relationship: 'opportunity_notes', module: 'Opportunities', bean_name: 'Opportunity', link_type: 'one', source: 'non-db' }),
    f('cases', 'link', 'LBL_CASES', { relationship: 'case_notes', module: 'Cases', bean_name: 'aCase', link_type: 'one', source: 'non-db' }),
  ],
};

const USERS: ModuleDef = {
  name: 'Users',
  beanName: 'User',
  fields: [
    f('id', 'id', 'LBL_ID', { required: true }),
    f('user_name', 'user_name', 'LBL_USER_NAME', { dbType: 'varchar', len: 60, required: true }),
    f('first_name', 'name', 'LBL_FIRST_NAME', { dbType: 'varchar', len: 255 }),
    f('last_name', 'name', 'LBL_LAST_NAME', { dbType: 'varchar', len: 255 }),
    f('full_name', 'fullname', 'LBL_NAME', { source: 'non-db', fields: ['first_name', 'last_name'] }),
    f('status', 'enum', 'LBL_STATUS', { options: 'user_status_dom', len: 100 }),
    f('is_admin', 'bool', 'LBL_IS_ADMIN', { default: false }),
    f('title', 'varchar', 'LBL_TITLE', { len: 50 }),
    f('email1', 'varchar', 'LBL_EMAIL_ADDRESS', { source: 'non-db' }),
    f('date_entered', 'datetime', 'LBL_DATE_ENTERED'),
    f('date_modified', 'datetime', 'LBL_DATE_MODIFIED'),
    f('deleted', 'bool', 'LBL_DELETED', { default: false }),
    f('user_hash', 'password', 'LBL_USER_HASH', { len: 255, reportable: false }),
  ],
};

export const STOCK_MODULES: readonly ModuleDef[] = [ACCOUNTS, CONTACTS, LEADS, OPPORTUNITIES, CASES, NOTES, USERS];

/** The relationships the links above name; one-to-many ones keep their key on the rhs record. */
export const STOCK_RELATIONSHIPS: readonly RelationshipDef[] = [
  { name: 'member_accounts', lhs_module: 'Accounts', lhs_key: 'id', rhs_module: 'Accounts', rhs_key: 'parent_id', relationship_type: 'one-to-many' },
  { name: 'accounts_contacts', lhs_module: 'Accounts', lhs_key: 'id', rhs_module: 'Contacts', rhs_key: 'contact_id', relationship_type: 'many-to-many', join_table: 'accounts_contacts' },
  { name: 'accounts_opportunities', lhs_module: 'Accounts', lhs_key: 'id', rhs_module: 'Opportunities', rhs_key: 'opportunity_id', relationship_type: 'many-to-many', join_table: 'accounts_opportunities' },
  { name: 'account_cases', lhs_module: 'Accounts', lhs_key: 'id', rhs_module: 'Cases', rhs_key: 'account_id', relationship_type: 'one-to-many' },
  { name: 'account_leads', lhs_module: 'Accounts', lhs_key: 'id', rhs_module: 'Leads', rhs_key: 'account_id', relationship_type: 'one-to-many' },
  { name: 'account_notes', lhs_module: 'Accounts', lhs_key: 'id', rhs_module: 'Notes', rhs_key: 'parent_id', relationship_type: 'one-to-many' },
  { name: 'opportunities_contacts', lhs_module: 'Opportunities', lhs_key: 'id', rhs_module: 'Contacts', rhs_key: 'contact_id', relationship_type: 'many-to-many', join_table: 'opportunities_contacts' },
  { name: 'contacts_cases', lhs_module: 'Contacts', lhs_key: 'id', rhs_module: 'Cases', rhs_key: 'case_id', relationship_type: 'many-to-many', join_table: 'contacts_cases' },
  { name: 'contact_notes', lhs_module: 'Contacts', lhs_key: 'id', rhs_module: 'Notes', rhs_key: 'contact_id', relationship_type: 'one-to-many' },
  { name: 'opportunity_notes', lhs_module: 'Opportunities', lhs_key: 'id', rhs_module: 'Notes', rhs_key: 'parent_id', relationship_type: 'one-to-many' },
  { name: 'case_notes', lhs_module: 'Cases', lhs_key: 'id', rhs_module: 'Notes', rhs_key: 'parent_id', relationship_type: 'one-to-many' },
  ...['accounts', 'contacts', 'leads', 'opportunities', 'cases', 'notes'].map((m): RelationshipDef => ({
    name: `${m}_assigned_user`, lhs_module: 'Users', lhs_key: 'id', rhs_module: m[0].toUpperCase() + m.slice(1), rhs_key: 'assigned_user_id', relationship_type: 'one-to-many',
  })),
];
