/**
 * Sugar's filter definitions (shared/sugar-data-api.md §2) compiled to a predicate over records,
 * with Sugar's 422 answers for what it does not accept. Conditions join their enclosing group: AND
 * at the top and in `$and`, OR in `$or` (even two operators on one field).
 */
import { SugarError } from '../errors';
import type { SimSchema } from '../schema/schema';
import type { FieldDef } from '../schema/vardefs';
import type { SugarRecord } from './seed';

export type Predicate = (record: SugarRecord) => boolean;

export interface FilterEnv {
  schema: SimSchema;
  userId: string;
  now: number;
  /** A field's value as the API shows it (relate and non-db fields worked out). */
  value(module: string, record: SugarRecord, field: string): unknown;
  /** The records related to `record` through `link`. */
  related(module: string, record: SugarRecord, link: string): SugarRecord[];
}

const invalid = (message: string): SugarError => new SugarError(422, 'invalid_parameter', message);

export const OPERATORS = new Set([
  '$equals', '$not_equals', '$starts', '$ends', '$contains', '$not_contains', '$in', '$not_in', '$is_null', '$not_null',
  '$empty', '$not_empty', '$lt', '$lte', '$gt', '$gte', '$between', '$dateBetween', '$dateRange', '$more_x_days_ago',
  '$last_x_days', '$next_x_days', '$more_x_days_ahead',
]);

export const DATE_RANGES = [
  'yesterday', 'today', 'tomorrow', 'last_7_days', 'next_7_days', 'last_30_days', 'next_30_days', 'last_month', 'this_month',
  'next_month', 'last_year', 'this_year', 'next_year', 'this_quarter', 'before_today', 'after_today',
];

function phpType(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'double';
  return typeof value;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).toLowerCase();
const empty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** -1, 0, 1; numbers as numbers, dates by their first ten characters when one side is a date. */
function compare(a: unknown, b: unknown, dateField: boolean): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined && !dateField) return Math.sign(na - nb);
  let sa = text(a);
  let sb = text(b);
  if (dateField && (sa.length === 10 || sb.length === 10)) {
    sa = sa.slice(0, 10);
    sb = sb.slice(0, 10);
  }
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

/** [from, to] as day keys, inclusive; undefined for a name Sugar does not know (no condition). */
export function dateRange(name: string, now: number): [string, string] | undefined {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const month = (year: number, mon: number): [string, string] => [dayKey(Date.UTC(year, mon, 1)), dayKey(Date.UTC(year, mon + 1, 0))];
  switch (name) {
    case 'yesterday': return [dayKey(now - DAY), dayKey(now - DAY)];
    case 'today': return [dayKey(now), dayKey(now)];
    case 'tomorrow': return [dayKey(now + DAY), dayKey(now + DAY)];
    case 'last_7_days': return [dayKey(now - 6 * DAY), dayKey(now)];
    case 'next_7_days': return [dayKey(now), dayKey(now + 6 * DAY)];
    case 'last_30_days': return [dayKey(now - 29 * DAY), dayKey(now)];
    case 'next_30_days': return [dayKey(now), dayKey(now + 29 * DAY)];
    case 'last_month': return month(y, m - 1);
    case 'this_month': return month(y, m);
    case 'next_month': return month(y, m + 1);
    case 'last_year': return [`${y - 1}-01-01`, `${y - 1}-12-31`];
    case 'this_year': return [`${y}-01-01`, `${y}-12-31`];
    case 'next_year': return [`${y + 1}-01-01`, `${y + 1}-12-31`];
    case 'this_quarter': return [dayKey(Date.UTC(y, m - (m % 3), 1)), dayKey(Date.UTC(y, m - (m % 3) + 3, 0))];
    case 'before_today': return ['0000-00-00', dayKey(now - DAY)];
    case 'after_today': return [dayKey(now + DAY), '9999-99-99'];
    default: return undefined;
  }
}

type Test = (value: unknown) => boolean;

function operatorTest(op: string, arg: unknown, field: FieldDef, now: number): Test {
  const dateField = field.type === 'date' || field.type === 'datetime' || field.type === 'datetimecombo';
  const list = (): unknown[] => {
    if (!Array.isArray(arg)) throw invalid(`${op} requires an array`);
    return arg;
  };
  const pair = (): [unknown, unknown] => {
    if (!Array.isArray(arg) || arg.length !== 2) throw invalid(`${op} requires an array with two values.`);
    return [arg[0], arg[1]];
  };
  const days = (): number => Math.max(0, Math.floor(asNumber(arg) ?? 0));
  const within = (from: string, to: string): Test => (v) => !empty(v) && compare(v, from, true) >= 0 && compare(v, to, true) <= 0;
  const values = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : [text(v)]);
  switch (op) {
    case '$equals': return (v) => (dateField ? compare(v, arg, true) === 0 : text(v) === text(arg));
    case '$not_equals': return (v) => (dateField ? compare(v, arg, true) !== 0 : text(v) !== text(arg));
    case '$starts': return (v) => text(v).startsWith(text(arg));
    case '$ends': return (v) => text(v).endsWith(text(arg));
    case '$contains': {
      const wanted = Array.isArray(arg) ? arg.map(text) : [text(arg)];
      return (v) => (Array.isArray(v) ? values(v).some((x) => wanted.includes(x)) : wanted.some((w) => text(v).includes(w)));
    }
    case '$not_contains': {
      const test = operatorTest('$contains', arg, field, now);
      return (v) => !test(v);
    }
    case '$in': {
      const wanted = list().map(text);
      return (v) => values(v).some((x) => wanted.includes(x));
    }
    case '$not_in': {
      const wanted = list().map(text);
      return (v) => !values(v).some((x) => wanted.includes(x));
    }
    case '$is_null': return (v) => v === null || v === undefined;
    case '$not_null': return (v) => v !== null && v !== undefined;
    case '$empty': return empty;
    case '$not_empty': return (v) => !empty(v);
    case '$lt': return (v) => !empty(v) && compare(v, arg, dateField) < 0;
    case '$lte': return (v) => !empty(v) && compare(v, arg, dateField) <= 0;
    case '$gt': return (v) => !empty(v) && compare(v, arg, dateField) > 0;
    case '$gte': return (v) => !empty(v) && compare(v, arg, dateField) >= 0;
    case '$between': {
      const [a, b] = pair();
      return (v) => !empty(v) && compare(v, a, dateField) >= 0 && compare(v, b, dateField) <= 0;
    }
    case '$dateBetween': {
      const [a, b] = pair();
      return within(text(a).slice(0, 10), text(b).slice(0, 10));
    }
    case '$dateRange': {
      const range = dateRange(String(arg), now);
      return range ? within(range[0], range[1]) : () => true;
    }
    case '$last_x_days': return within(dayKey(now - days() * DAY), dayKey(now));
    case '$next_x_days': return within(dayKey(now), dayKey(now + days() * DAY));
    case '$more_x_days_ago': return (v) => !empty(v) && compare(v, dayKey(now - days() * DAY), true) < 0;
    case '$more_x_days_ahead': return (v) => !empty(v) && compare(v, dayKey(now + days() * DAY), true) > 0;
    default: throw invalid(`Did not recognize the operand: ${op}`);
  }
}

export class FilterCompiler {
  constructor(private readonly env: FilterEnv) {}

  /** `filter` as sent: an array of conditions (GET may send it as JSON text). */
  compile(module: string, filter: unknown): Predicate {
    if (filter === undefined || filter === null || filter === '') return () => true;
    if (!Array.isArray(filter)) {
      if (isObject(filter)) return this.group(module, Object.values(filter), 'and');
      throw invalid(`Unexpected filter type ${phpType(filter)}.`);
    }
    return this.group(module, filter, 'and');
  }

  private group(module: string, items: unknown[], mode: 'and' | 'or'): Predicate {
    const tests: Predicate[] = [];
    for (const item of items) {
      if (!isObject(item) || Array.isArray(item)) throw invalid(`Unexpected filter type ${phpType(item)}.`);
      for (const [key, value] of Object.entries(item)) tests.push(...this.condition(module, key, value, mode));
    }
    if (tests.length === 0) return () => true;
    return mode === 'and' ? (r) => tests.every((t) => t(r)) : (r) => tests.some((t) => t(r));
  }

  private condition(module: string, key: string, value: unknown, mode: 'and' | 'or'): Predicate[] {
    const { env } = this;
    switch (key) {
      case '$or':
      case '$and': {
        if (!Array.isArray(value)) throw invalid(`Unexpected filter type ${phpType(value)}.`);
        return [this.group(module, value, key === '$or' ? 'or' : 'and')];
      }
      case '$owner': return [(r) => env.value(module, r, 'assigned_user_id') === env.userId];
      case '$creator': return [(r) => r.created_by === env.userId];
      case '$favorite': return [(r) => r.my_favorite === true];
      case '$following': return [() => false];
      case '$tracker': return [() => true];
    }
    if (key.startsWith('$')) throw invalid(`Did not recognize the definition: ${key}`);
    const [fieldModule, fieldName, via] = this.resolve(module, key);
    const field = env.schema.field(fieldModule, fieldName) as FieldDef;
    const read: (r: SugarRecord) => unknown[] = via
      ? (r) => env.related(module, r, via).map((x) => env.value(fieldModule, x, fieldName))
      : (r) => [env.value(module, r, fieldName)];
    const ops = isObject(value) ? Object.entries(value) : [['$equals', value] as [string, unknown]];
    const tests: Predicate[] = ops.map(([op, arg]) => {
      if (!OPERATORS.has(op)) throw invalid(`Did not recognize the operand: ${op}`);
      const test = operatorTest(op, arg, field, env.now);
      // A related field matches when any related record does; none related is no match.
      return (r: SugarRecord) => read(r).some(test);
    });
    if (tests.length <= 1) return tests;
    return [mode === 'and' ? (r) => tests.every((t) => t(r)) : (r) => tests.some((t) => t(r))];
  }

  /** [module, field, link]: `link.field`, a relate field as its link's rname, or a plain field. */
  private resolve(module: string, key: string): [string, string, string | undefined] {
    const { schema } = this.env;
    const dot = key.indexOf('.');
    if (dot > 0) {
      const linkName = key.slice(0, dot);
      const sub = key.slice(dot + 1);
      const link = schema.link(module, linkName);
      if (!link) throw invalid(`Invalid link ${linkName} for field ${key}`);
      if (!schema.field(link.module, sub)) throw invalid(`Unknown field ${sub}`);
      return [link.module, sub, linkName];
    }
    const field = schema.field(module, key);
    if (!field) throw invalid(`Unknown field ${key}`);
    if (field.type === 'relate' && typeof field.link === 'string' && typeof field.rname === 'string') {
      const link = schema.link(module, field.link);
      if (link && schema.field(link.module, field.rname)) return [link.module, field.rname, field.link];
    }
    return [module, key, undefined];
  }
}

export interface OrderTerm {
  field: string;
  descending: boolean;
}

/** `name:DESC,date_modified` → terms; a field the module lacks is Sugar's 422. */
export function parseOrderBy(schema: SimSchema, module: string, raw: string | undefined): OrderTerm[] {
  if (!raw) return [{ field: 'date_modified', descending: true }];
  return raw.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const [name, direction] = part.split(':');
    if (!schema.field(module, name)) throw invalid(`Non existing field: ${name} in module: ${module}`);
    return { field: name, descending: (direction ?? '').toLowerCase() === 'desc' };
  });
}
