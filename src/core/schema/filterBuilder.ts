/**
 * The filter builder's pure part: what value an operator wants for a field's type, judging and
 * reading what the user typed, the filter JSON Sugar's filter API takes (shared/sugar-data-api.md
 * §2) from conditions joined with "and" / "or", the request body, and the `.sugar` text of the
 * request. No VS Code here: the quick input in src/vscode/filter asks, this decides.
 *
 * "and" binds tighter than "or" (A and B or C = (A and B) or C), as people read it. Inside `$or`
 * Sugar ORs even the keys of one object, so a group of several conditions goes in `{"$and":[...]}`.
 */
import type { DropdownOption, FieldInfo } from './schemaIndex';

export type Join = 'and' | 'or';

export interface Condition {
  field: string;
  operator: string;
  /** Absent for operators that take none ($empty, $not_empty, $is_null, $not_null). */
  value?: FilterValue;
}

export type FilterValue = string | number | boolean | Array<string | number>;

/** A condition and how it joins the ones before it (the first one's join is not used). */
export interface JoinedCondition {
  join: Join;
  condition: Condition;
}

/** What the value step asks for. */
export type ValueKind =
  | { kind: 'none' }
  | { kind: 'option'; many: boolean; options: readonly DropdownOption[] }
  | { kind: 'bool' }
  | { kind: 'date'; count: 1 | 2 }
  | { kind: 'dateRange' }
  | { kind: 'days' }
  | { kind: 'number'; count: 1 | 2 }
  | { kind: 'list'; numbers: boolean }
  | { kind: 'text' };

/** $dateRange names Sugar knows (TimeDate::parseDateRange); an unknown one is silently no condition. */
export const DATE_RANGES = [
  'yesterday', 'today', 'tomorrow', 'last_7_days', 'next_7_days', 'last_30_days', 'next_30_days', 'last_month', 'this_month',
  'next_month', 'last_year', 'this_year', 'next_year', 'this_quarter', 'before_today', 'after_today',
] as const;

export const FILTER_LIMITS = { valueChars: 1000, listItems: 100, conditions: 50, days: 36_500, maxNum: 1000 } as const;

const NO_VALUE = new Set(['$empty', '$not_empty', '$is_null', '$not_null']);
const PAIRS = new Set(['$between', '$dateBetween']);
const LISTS = new Set(['$in', '$not_in']);
const DAYS = new Set(['$last_x_days', '$next_x_days', '$more_x_days_ago', '$more_x_days_ahead']);
const DATE_TYPES = new Set(['date', 'datetime', 'datetimecombo']);
const NUMBER_TYPES = new Set(['int', 'integer', 'currency', 'decimal', 'double', 'float', 'long']);
const OPTION_TYPES = new Set(['enum', 'multienum', 'radioenum', 'dynamicenum']);

/** The value an operator wants on a field of this type. */
export function valueKindFor(field: Pick<FieldInfo, 'type' | 'options'>, operator: string): ValueKind {
  if (NO_VALUE.has(operator)) return { kind: 'none' };
  const type = field.type;
  if (DATE_TYPES.has(type)) {
    if (operator === '$dateRange') return { kind: 'dateRange' };
    if (DAYS.has(operator)) return { kind: 'days' };
    return { kind: 'date', count: PAIRS.has(operator) ? 2 : 1 };
  }
  // The empty key is Sugar's "none" entry: "is empty" says that better than picking a blank row.
  const options = field.options?.filter((o) => o.key !== '');
  if (options && options.length > 0 && (OPTION_TYPES.has(type) || type === 'parent_type')) {
    const many = LISTS.has(operator) || ((operator === '$contains' || operator === '$not_contains') && type === 'multienum');
    return { kind: 'option', many, options };
  }
  if (type === 'bool' || type === 'boolean') return { kind: 'bool' };
  const numeric = NUMBER_TYPES.has(type);
  if (LISTS.has(operator)) return { kind: 'list', numbers: numeric };
  if (numeric) return { kind: 'number', count: PAIRS.has(operator) ? 2 : 1 };
  return { kind: 'text' };
}

/** YYYY-MM-DD and a day that exists (2024-02-30 is refused). */
export function isDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isNumber = (text: string): boolean => /^-?\d+(\.\d+)?$/.test(text.trim());

/** Comma-separated items, trimmed, empties dropped. */
export function splitList(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Why a typed value cannot be used (undefined: it can). For the input box, as the user types. */
export function judgeValue(kind: ValueKind, text: string): string | undefined {
  if (text.length > FILTER_LIMITS.valueChars) return `At most ${FILTER_LIMITS.valueChars} characters.`;
  const trimmed = text.trim();
  switch (kind.kind) {
    case 'date':
      return isDay(trimmed) ? undefined : 'A date as YYYY-MM-DD, for example 2024-06-30.';
    case 'days':
      return /^\d+$/.test(trimmed) && Number(trimmed) >= 1 && Number(trimmed) <= FILTER_LIMITS.days ? undefined : `A number of days from 1 to ${FILTER_LIMITS.days}.`;
    case 'number':
      return isNumber(trimmed) ? undefined : 'A number, for example 1000 or 12.5.';
    case 'list': {
      const items = splitList(text);
      if (items.length === 0) return 'One value at least; separate several with commas.';
      if (items.length > FILTER_LIMITS.listItems) return `At most ${FILTER_LIMITS.listItems} values.`;
      const wrong = kind.numbers ? items.find((item) => !isNumber(item)) : undefined;
      return wrong === undefined ? undefined : `"${wrong}" is not a number.`;
    }
    case 'text':
      return trimmed === '' ? 'Enter a value (for "is empty", go Back and pick that operator).' : undefined;
    default:
      return undefined;
  }
}

/** The value as the filter API takes it, from text that judgeValue accepted. */
export function readValue(kind: ValueKind, text: string): FilterValue {
  const trimmed = text.trim();
  switch (kind.kind) {
    case 'days':
    case 'number':
      return Number(trimmed);
    case 'list':
      return kind.numbers ? splitList(text).map(Number) : splitList(text);
    case 'option':
      return kind.many ? splitList(text) : trimmed;
    case 'bool':
      return trimmed === 'true';
    default:
      return trimmed;
  }
}

/** One condition as Sugar writes it: `{"industry":{"$in":["Banking"]}}`. */
export function conditionJson(condition: Condition): Record<string, unknown> {
  const value = NO_VALUE.has(condition.operator) ? '' : condition.value;
  return { [condition.field]: { [condition.operator]: value } };
}

/** The `filter` array: one group is ANDed at the top; several groups go into one `$or`. */
export function buildFilter(conditions: readonly JoinedCondition[]): unknown[] {
  const groups: Array<Array<Record<string, unknown>>> = [];
  conditions.slice(0, FILTER_LIMITS.conditions).forEach(({ join, condition }, index) => {
    if (index === 0 || join === 'or') groups.push([]);
    groups[groups.length - 1].push(conditionJson(condition));
  });
  if (groups.length <= 1) return groups[0] ?? [];
  return [{ $or: groups.map((group) => (group.length === 1 ? group[0] : { $and: group })) }];
}

export interface OrderBy {
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface FilterRequest {
  module: string;
  conditions: readonly JoinedCondition[];
  fields: readonly string[];
  orderBy?: OrderBy;
  maxNum: number;
}

/** The body of POST /<M>/filter: `{filter, fields, order_by, max_num}`. */
export function filterRequestBody(request: FilterRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { filter: buildFilter(request.conditions) };
  if (request.fields.length > 0) body.fields = request.fields.join(',');
  if (request.orderBy) body.order_by = `${request.orderBy.field}:${request.orderBy.direction}`;
  body.max_num = Math.max(1, Math.min(FILTER_LIMITS.maxNum, Math.floor(request.maxNum) || 20));
  return body;
}

/** A line of a .sugar file cannot hold a line break: a title or name is kept to one line. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ').trim();

/**
 * The request as a `.sugar` file to keep: pinned to the connection (and sudo user), a title that
 * says what it filters, and the body pretty-printed. Its CodeLens sends it.
 */
export function sugarFileText(request: FilterRequest, options: { connection: string; sudoUser?: string; title: string }): string {
  const pin = options.sudoUser ? `${oneLine(options.connection)} as ${oneLine(options.sudoUser)}` : oneLine(options.connection);
  return [
    `# @connection ${pin}`,
    `### ${oneLine(options.title)}`,
    `POST /${encodeURIComponent(request.module)}/filter`,
    'Content-Type: application/json',
    '',
    JSON.stringify(filterRequestBody(request), null, 2),
    '',
  ].join('\n');
}

/** The count request for the filter so far (POST /<M>/filter/count, as Sugar still accepts). */
export function countRequestBody(conditions: readonly JoinedCondition[]): { filter: unknown[] } {
  return { filter: buildFilter(conditions) };
}

/** `{"record_count": n}` → n; anything else → undefined. */
export function readRecordCount(json: unknown): number | undefined {
  const count = json !== null && typeof json === 'object' ? (json as { record_count?: unknown }).record_count : undefined;
  return typeof count === 'number' && Number.isFinite(count) && count >= 0 ? count : undefined;
}

/** What the user reads of a value: option labels for keys, lists joined, pairs with "and". */
export function describeValue(kind: ValueKind, value: FilterValue | undefined): string {
  if (value === undefined || kind.kind === 'none') return '';
  const label = (key: string | number): string => (kind.kind === 'option' ? kind.options.find((o) => o.key === String(key))?.label || String(key) : String(key));
  if (Array.isArray(value)) return value.map(label).join(kind.kind === 'date' || kind.kind === 'number' ? ' and ' : ', ');
  if (kind.kind === 'dateRange') return String(value).replace(/_/g, ' ');
  if (kind.kind === 'days') return `${value} days`;
  return label(String(value));
}

/** "Industry is any of Banking, Energy". */
export function describeCondition(fieldLabel: string, operatorLabel: string, kind: ValueKind, value: FilterValue | undefined): string {
  return oneLine([fieldLabel, operatorLabel, describeValue(kind, value)].filter((part) => part !== '').join(' '));
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** The user's local calendar day of a moment, as YYYY-MM-DD. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Quick answers for a date input: today, yesterday, tomorrow, a week and a month back, month and year starts. */
export function dateShortcuts(now: number): Array<{ label: string; value: string }> {
  const d = new Date(now);
  const shifted = (days: number): string => localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() + days, 12).getTime());
  return [
    { label: 'today', value: shifted(0) },
    { label: 'yesterday', value: shifted(-1) },
    { label: 'tomorrow', value: shifted(1) },
    { label: '7 days ago', value: shifted(-7) },
    { label: '30 days ago', value: shifted(-30) },
    { label: 'start of this month', value: localDay(new Date(d.getFullYear(), d.getMonth(), 1, 12).getTime()) },
    { label: 'start of this year', value: localDay(new Date(d.getFullYear(), 0, 1, 12).getTime()) },
  ];
}
