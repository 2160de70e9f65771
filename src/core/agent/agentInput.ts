/**
 * What an agent sends a tool, read as hostile input: every field is checked for its type and
 * bounded in size before anything is sent. A field that does not fit is refused with a sentence
 * the model can act on (AgentRefusal), never guessed at.
 */
import { isModuleName } from '../schema/recordPages';
import { MAX_FIND_RECORDS } from './agentToolDefinitions';

/** A refusal the agent reads as the tool's answer (input it must change, a rule the user set). */
export class AgentRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentRefusal';
  }
}

export const INPUT_LIMITS = { name: 200, path: 4096, bodyChars: 1024 * 1024, filterChars: 64 * 1024, entries: 50, fields: 200, valueChars: 8192 } as const;

export interface SessionInput {
  connection: string;
  sudoUser?: string;
}

export interface FindRecordsInput extends SessionInput {
  module: string;
  filter?: unknown[];
  fields?: string[];
  maxNum: number;
  offset?: number;
  orderBy?: string;
}

export interface SendRequestInput extends SessionInput {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function objectOf(input: unknown): Obj {
  if (input === undefined || input === null) return {};
  if (!isObj(input)) throw new AgentRefusal('The input must be a JSON object.');
  return input;
}

function text(input: Obj, name: string, limit: number, required: true): string;
function text(input: Obj, name: string, limit: number, required?: false): string | undefined;
function text(input: Obj, name: string, limit: number, required = false): string | undefined {
  const value = input[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw new AgentRefusal(`"${name}" is required.`);
    return undefined;
  }
  if (typeof value !== 'string') throw new AgentRefusal(`"${name}" must be a string.`);
  if (value.length > limit) throw new AgentRefusal(`"${name}" is longer than ${limit} characters.`);
  return value.trim();
}

function integer(input: Obj, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) throw new AgentRefusal(`"${name}" must be a whole number from ${min} to ${max}.`);
  return number;
}

/** JSON of at most `limit` characters (a model may send a string holding JSON: it is parsed). */
function json(input: Obj, name: string, limit: number): unknown {
  let value = input[name];
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    if (value.length > limit) throw new AgentRefusal(`"${name}" is larger than ${limit} characters.`);
    try {
      value = JSON.parse(value);
    } catch {
      throw new AgentRefusal(`"${name}" is not valid JSON.`);
    }
  }
  if (value !== undefined && JSON.stringify(value).length > limit) throw new AgentRefusal(`"${name}" is larger than ${limit} characters.`);
  return value;
}

/** Name → text; numbers and booleans are written as text. */
function stringMap(input: Obj, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!isObj(value)) throw new AgentRefusal(`"${name}" must be an object of names and values.`);
  const entries = Object.entries(value);
  if (entries.length > INPUT_LIMITS.entries) throw new AgentRefusal(`"${name}" has more than ${INPUT_LIMITS.entries} entries.`);
  const out: Record<string, string> = {};
  for (const [key, item] of entries) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') throw new AgentRefusal(`"${name}.${key.slice(0, 50)}" must be a string.`);
    const itemText = String(item);
    if (key.length > INPUT_LIMITS.name || itemText.length > INPUT_LIMITS.valueChars) throw new AgentRefusal(`"${name}.${key.slice(0, 50)}" is too long.`);
    out[key] = itemText;
  }
  return out;
}

export function readSessionInput(raw: unknown): SessionInput {
  const input = objectOf(raw);
  return { connection: text(input, 'connection', INPUT_LIMITS.name, true), sudoUser: text(input, 'sudoUser', INPUT_LIMITS.name) };
}

export function readModuleInput(raw: unknown): SessionInput & { module: string } {
  const input = objectOf(raw);
  const module = text(input, 'module', INPUT_LIMITS.name, true);
  if (!isModuleName(module)) throw new AgentRefusal(`${JSON.stringify(String(module).slice(0, 100))} is not a module name (letters, digits and _; see sugar_listModules).`);
  return { ...readSessionInput(input), module };
}

export function readFindRecordsInput(raw: unknown): FindRecordsInput {
  const input = objectOf(raw);
  const filter = json(input, 'filter', INPUT_LIMITS.filterChars);
  if (filter !== undefined && !Array.isArray(filter) && !isObj(filter)) throw new AgentRefusal('"filter" must be an array of filter expressions, e.g. [{"name":{"$starts":"A"}}].');
  let fields = input.fields;
  if (typeof fields === 'string') fields = fields.split(',').map((field) => field.trim()).filter(Boolean);
  if (fields !== undefined && fields !== null) {
    if (!Array.isArray(fields) || fields.length > INPUT_LIMITS.fields || !fields.every((field) => typeof field === 'string' && /^[A-Za-z0-9_]{1,100}$/.test(field))) {
      throw new AgentRefusal(`"fields" must be a list of at most ${INPUT_LIMITS.fields} field names.`);
    }
  }
  const orderBy = text(input, 'orderBy', INPUT_LIMITS.name);
  if (orderBy !== undefined && !/^[A-Za-z0-9_]+(?::(?:asc|desc))?(?:\s*,\s*[A-Za-z0-9_]+(?::(?:asc|desc))?)*$/i.test(orderBy)) throw new AgentRefusal('"orderBy" must read like "date_modified:DESC".');
  return {
    ...readModuleInput(input),
    filter: filter === undefined ? undefined : Array.isArray(filter) ? filter : [filter],
    fields: (fields as string[] | undefined | null) ?? undefined,
    maxNum: integer(input, 'maxNum', 1, MAX_FIND_RECORDS) ?? 20,
    offset: integer(input, 'offset', 0, 1_000_000_000),
    orderBy,
  };
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function readSendRequestInput(raw: unknown): SendRequestInput {
  const input = objectOf(raw);
  const method = (text(input, 'method', 10) ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new AgentRefusal(`"method" must be one of ${[...METHODS].join(', ')}.`);
  const body = input.body === undefined || input.body === null ? undefined : typeof input.body === 'string' && !/^\s*[[{]/.test(input.body) ? input.body : json(input, 'body', INPUT_LIMITS.bodyChars);
  if (typeof body === 'string' && body.length > INPUT_LIMITS.bodyChars) throw new AgentRefusal(`"body" is larger than ${INPUT_LIMITS.bodyChars} characters.`);
  return {
    ...readSessionInput(input),
    method,
    path: text(input, 'path', INPUT_LIMITS.path, true),
    query: stringMap(input, 'query'),
    body,
    headers: stringMap(input, 'headers'),
  };
}
