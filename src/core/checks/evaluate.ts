/**
 * Evaluates a request's assertions against its answer. Answers may be hostile (huge, deep, with
 * tokens): a path walks at most its own steps, `matches` reads at most the first 64 KB of a value,
 * `actual` texts are short, and token headers and credential fields are shown as •••.
 */

import { createContext, Script, type Context } from 'node:vm';
import { isCredentialName } from '../sugar/credentialNames';
import { maskCredentialPositions } from '../sugar/redact';
import type { Assertion } from './assertion';
import { shortJson } from './shortJson';

export interface CheckedResponse {
  status: number;
  headers: Record<string, string>;
  json?: unknown;
  text: string;
  timeMs: number;
}

export interface AssertionResult {
  assertion: Assertion;
  passed: boolean;
  /** The actual value, short and JSON-ish (`404`, `"text"`, `[3 items]`…); `missing` when absent; `•••` for a secret. */
  actual: string;
  /** One sentence, e.g. "expected status == 200, was 404". */
  message: string;
}

/**
 * A pattern is applied to at most this much of a value: a backtracking pattern (`(a+)+$`) costs
 * time exponential in what it reads, and JavaScript cannot stop a running match, so on a
 * multi-megabyte answer it could freeze the extension host. 64 KB covers any field one asserts on.
 */
export const MATCH_LIMIT_CHARS = 64 * 1024;
/**
 * Bounding the text does not bound a pattern that backtracks exponentially (`^(a+)+$` on sixty
 * a's and a `!` would run for centuries), so each test runs under a deadline V8 enforces (a vm
 * script's timeout interrupts a running regular expression). A pattern meant for a field takes
 * microseconds; one that reaches this fails its assertion with the reason.
 */
export const MATCH_TIME_LIMIT_MS = 200;
/** `actual` is shown inline beside a line and in a test's failure message: a glimpse, not the value. */
export const ACTUAL_LIMIT_CHARS = 120;
export const MASKED = '•••';

/** Headers whose value is a credential whatever it holds (the session's token, cookies). */
const TOKEN_HEADERS = new Set(['oauth-token', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** Marks a value that must never be shown. */
const MISSING = Symbol('missing');

export function evaluateAssertions(assertions: Assertion[], response: CheckedResponse): AssertionResult[] {
  let headers: Map<string, string> | undefined;
  return assertions.map((assertion) => {
    const subject = assertion.subject;
    let actual: unknown;
    let secret = false;
    switch (subject.kind) {
      case 'status':
        actual = response.status;
        break;
      case 'duration':
        actual = Math.round(response.timeMs);
        break;
      case 'header': {
        // Header names compare case-insensitively; the map is made once per answer.
        headers ??= new Map(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]));
        const name = subject.name.toLowerCase();
        actual = headers.has(name) ? headers.get(name) : MISSING;
        secret = TOKEN_HEADERS.has(name) || isCredentialName(name);
        break;
      }
      case 'body':
        actual = bodyValue(response, subject.path);
        secret = subject.path.split('.').some((step) => isCredentialName(step));
        break;
    }
    let passed: boolean;
    let stopped = false;
    try {
      passed = check(assertion, actual);
    } catch (error) {
      if (!(error instanceof PatternTimeout)) throw error;
      [passed, stopped] = [false, true];
    }
    const shown = secret && actual !== MISSING ? MASKED : describe(actual, subject.kind === 'body');
    const message = stopped
      ? `${assertion.text}: the pattern took longer than ${MATCH_TIME_LIMIT_MS} ms on ${shown} and was stopped; simplify it (nested repetition such as (a+)+ backtracks without end)`
      : passed ? `${assertion.text}: passed, was ${shown}` : `expected ${assertion.text}, was ${shown}`;
    return { assertion, passed, actual: shown, message };
  });
}

/** The value at a dot path of the JSON body (`body` alone: the whole answer, parsed or as text). */
function bodyValue(response: CheckedResponse, path: string): unknown {
  if (path === '') return response.json !== undefined ? response.json : response.text;
  if (response.json === undefined) return MISSING;
  const steps = path.split('.');
  let current: unknown = response.json;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    if (current === null || (typeof current !== 'object' && typeof current !== 'string')) return MISSING;
    if (Array.isArray(current) || typeof current === 'string') {
      if (step === 'length' && last) return current.length;
      if (!/^\d+$/.test(step) || Number(step) >= current.length) return MISSING;
      current = current[Number(step)];
      continue;
    }
    const record = current as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(record, step)) current = record[step];
    else if (step === 'length' && last) return Object.keys(record).length;
    else return MISSING;
  }
  return current;
}

function check(assertion: Assertion, actual: unknown): boolean {
  const expected = assertion.expected;
  switch (assertion.operator) {
    case 'exists':
      return actual !== MISSING;
    case '!exists':
      return actual === MISSING;
    case '==':
      return actual !== MISSING && equal(actual, expected);
    case '!=':
      return actual === MISSING || !equal(actual, expected);
    case 'contains':
      return actual !== MISSING && contains(actual, expected);
    case '!contains':
      return actual === MISSING || !contains(actual, expected);
    case 'matches':
      return actual !== MISSING && matches(assertion.pattern, actual);
    case '!matches':
      return actual === MISSING || !matches(assertion.pattern, actual);
    case '>':
    case '>=':
    case '<':
    case '<=':
      return actual !== MISSING && compare(assertion.operator, actual, expected);
    default:
      return false;
  }
}

/** Deep equality of JSON values; a number and a numeric text are equal (`header content-length == 0`, `status == "200"`). */
function equal(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'string') return expected.trim() !== '' && Number(expected) === actual;
  if (typeof actual === 'string' && typeof expected === 'number') return actual.trim() !== '' && Number(actual) === expected;
  return deepEqual(actual, expected, 0);
}

/** Depth-bounded: the expected value is at most one line deep, so deeper is unequal anyway. */
function deepEqual(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > 64 || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i], depth + 1));
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(bRecord).length) return false;
  return aKeys.every((key) => Object.prototype.hasOwnProperty.call(bRecord, key) && deepEqual((a as Record<string, unknown>)[key], bRecord[key], depth + 1));
}

/** A text contains a substring; an array an equal element; an object a key; a number its digits. */
function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => equal(item, expected));
  if (actual !== null && typeof actual === 'object') return Object.prototype.hasOwnProperty.call(actual, String(expected));
  const needle = typeof expected === 'string' ? expected : JSON.stringify(expected);
  return String(actual).includes(needle);
}

function matches(pattern: RegExp | undefined, actual: unknown): boolean {
  if (!pattern) return false;
  const text = typeof actual === 'string' ? actual.slice(0, MATCH_LIMIT_CHARS) : boundedJson(actual);
  pattern.lastIndex = 0;
  return testWithDeadline(pattern, text);
}

class PatternTimeout extends Error {}

const PATTERN_TEST = new Script('pattern.test(text)');
let sandbox: Context | undefined;

/** `pattern.test(text)`, stopped after MATCH_TIME_LIMIT_MS (then PatternTimeout). */
function testWithDeadline(pattern: RegExp, text: string): boolean {
  sandbox ??= createContext({});
  sandbox.pattern = pattern;
  sandbox.text = text;
  try {
    return PATTERN_TEST.runInContext(sandbox, { timeout: MATCH_TIME_LIMIT_MS }) === true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new PatternTimeout();
    throw error;
  } finally {
    sandbox.pattern = undefined;
    sandbox.text = undefined;
  }
}

function boundedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return shortJson(value, MATCH_LIMIT_CHARS);
}

/** Numbers (or numeric texts, as headers are) compare as numbers; two texts compare as texts. */
function compare(operator: string, actual: unknown, expected: unknown): boolean {
  let a: number | string;
  let b: number | string;
  if (typeof expected === 'number') {
    const number = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
    if (Number.isNaN(number)) return false;
    [a, b] = [number, expected];
  } else if (typeof expected === 'string' && typeof actual === 'string') {
    [a, b] = [actual, expected];
  } else return false;
  switch (operator) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    default:
      return a <= b;
  }
}

/** The actual value as shown: short JSON, `missing` when absent; credential positions in a body masked. */
function describe(actual: unknown, fromBody: boolean): string {
  if (actual === MISSING) return 'missing';
  const text = shortJson(actual, ACTUAL_LIMIT_CHARS);
  return fromBody ? maskCredentialPositions(text) : text;
}
