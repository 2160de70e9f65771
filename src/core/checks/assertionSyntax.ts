/**
 * The assertion lines of a `.sugar` file: `?? <subject> <operator> [<expected>]`, e.g.
 *
 *     ?? status == 200
 *     ?? header content-type contains json
 *     ?? duration < 2000
 *     ?? body records.length > 0
 *     ?? body records.0.email matches ^[^@]+@
 *     ?? body records.0.name exists
 *
 * Words are separated by spaces (so `status==200` is not read: the sentence says so). A line is
 * read once, left to right, by sticky (non-searching) patterns: linear in its length, which is
 * bounded anyway.
 */

import { ASSERTION_OPERATORS, type Assertion, type AssertionSubject } from './assertion';

/** Longer lines are refused: a long pattern or literal is more likely pasted by mistake, and each costs work per answer. */
export const MAX_ASSERTION_LINE = 1000;
/** More per request are refused: each is evaluated and shown on every run. */
export const MAX_ASSERTIONS_PER_REQUEST = 100;
/** Regular-expression flags that make sense for one test of a value (`g` and `y` would keep state between runs). */
const PATTERN_FLAGS = /^[imsu]*$/;

const ASSERTION_LINE = /^\s*\?\?/;
const WORD = /\s*(\S+)/y;
const OPERATORS: ReadonlySet<string> = new Set(ASSERTION_OPERATORS);
const OPERATOR_LIST = '==, !=, >, >=, <, <=, contains, !contains, exists, !exists, matches or !matches';
const EXAMPLE = 'e.g. "?? status == 200"';

/** True for a line that starts (after indentation) with `??`. */
export function isAssertionLine(line: string): boolean {
  return line.includes('??') && ASSERTION_LINE.test(line);
}

export type ParsedAssertion = { assertion: Assertion; error?: undefined } | { error: string; assertion?: undefined };

/** Reads one assertion line (including its `??`); `line` is its 0-based line number in the file. */
export function parseAssertion(source: string, line: number): ParsedAssertion {
  if (source.length > MAX_ASSERTION_LINE) {
    return { error: `This assertion is longer than ${MAX_ASSERTION_LINE} characters: shorten it (compare a shorter part of the value, or use a shorter pattern).` };
  }
  const text = source.slice(source.indexOf('??') + 2).trim();
  if (text === '') return { error: `An empty assertion: write a subject, an operator and a value after "??", ${EXAMPLE}.` };
  const words = new Words(text);
  const subject = readSubject(words);
  if ('error' in subject) return subject;
  const operator = readOperator(words, text.slice(0, words.at).trim());
  if (typeof operator !== 'string') return operator;
  const rest = text.slice(words.at).trim();
  const assertion: Assertion = { line, text, subject: subject.subject, operator };
  if (operator === 'exists' || operator === '!exists') {
    return rest === '' ? { assertion } : { error: `"${operator}" takes no value after it: write e.g. "?? body records.0.id ${operator}".` };
  }
  if (rest === '') return { error: `"${operator}" needs a value after it, ${EXAMPLE}.` };
  if (operator === 'matches' || operator === '!matches') {
    const pattern = compilePattern(rest);
    if (typeof pattern === 'string') return { error: pattern };
    return { assertion: { ...assertion, expected: rest, pattern } };
  }
  const expected = literal(rest);
  if (['>', '>=', '<', '<='].includes(operator) && typeof expected !== 'number' && typeof expected !== 'string') {
    return { error: `"${operator}" compares numbers (or texts): write a number after it, e.g. "?? duration < 2000".` };
  }
  return { assertion: { ...assertion, expected } };
}

/** The words of a line, read left to right once. */
class Words {
  at = 0;
  constructor(private readonly text: string) {}

  peek(): string | undefined {
    WORD.lastIndex = this.at;
    return WORD.exec(this.text)?.[1];
  }

  next(): string | undefined {
    WORD.lastIndex = this.at;
    const match = WORD.exec(this.text);
    if (match) this.at = WORD.lastIndex;
    return match?.[1];
  }
}

function readSubject(words: Words): { subject: AssertionSubject } | { error: string } {
  const first = words.next() ?? '';
  switch (first.toLowerCase()) {
    case 'status':
      return { subject: { kind: 'status' } };
    case 'duration':
      return { subject: { kind: 'duration' } };
    case 'header': {
      const name = words.peek();
      if (name === undefined || isOperatorWord(name)) return { error: '"header" needs a header name before the operator, e.g. "?? header content-type contains json".' };
      words.next();
      return { subject: { kind: 'header', name } };
    }
    case 'body': {
      const next = words.peek();
      // `body == …` or `body contains …`: the whole body. A key named like an operator cannot be a path's first step.
      if (next === undefined || isOperatorWord(next)) return { subject: { kind: 'body', path: '' } };
      words.next();
      const path = next.replace(/\[(\d+)\]/g, '.$1');
      if (path.split('.').some((step) => step === '')) {
        return { error: `The body path "${next}" has an empty step: separate keys and array indexes with single dots, e.g. "body records.0.name".` };
      }
      return { subject: { kind: 'body', path } };
    }
    default:
      return { error: `Unknown subject "${first}": start with status, header <name>, duration or body <path>, ${EXAMPLE}.` };
  }
}

function isOperatorWord(word: string): boolean {
  return OPERATORS.has(word.toLowerCase()) || word.toLowerCase() === 'not';
}

function readOperator(words: Words, subjectText: string): string | { error: string } {
  const word = words.next()?.toLowerCase();
  const missing = { error: `After "${subjectText}" comes an operator (${OPERATOR_LIST}) with spaces around it, ${EXAMPLE}.` };
  if (word === undefined) return missing;
  if (word === 'not') {
    const negated = words.next()?.toLowerCase();
    if (negated === 'contains' || negated === 'exists' || negated === 'matches') return `!${negated}`;
    return { error: '"not" goes with contains, exists or matches, e.g. "?? body records not contains null".' };
  }
  return OPERATORS.has(word) ? word : missing;
}

/** `^[^@]+@`, or `/^abc$/i` with flags. Compiled once here, so that an invalid pattern is a problem on its line. */
function compilePattern(text: string): RegExp | string {
  let source = text;
  let flags = '';
  const slashed = text.length > 1 && text.startsWith('/') ? text.lastIndexOf('/') : -1;
  if (slashed > 0 && PATTERN_FLAGS.test(text.slice(slashed + 1))) {
    source = text.slice(1, slashed);
    flags = text.slice(slashed + 1);
  }
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return `The regular expression is not valid (${reason}): correct it, or escape special characters with \\.`;
  }
}

const JSON_START = /^(?:[-\d"[{]|true$|false$|null$)/;

/** A JSON literal when the text parses as one (`200`, `true`, `"text"`, `null`, `[1,2]`), else the bare text. */
function literal(text: string): unknown {
  if (!JSON_START.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The assertions of lines [from, to) of a request's block, with a problem for each line that is not one. */
export function readAssertions(lines: string[], from: number, to: number, problem: (line: number, message: string) => void): Assertion[] {
  const assertions: Assertion[] = [];
  let counted = 0;
  for (let at = from; at < to; at++) {
    if (!isAssertionLine(lines[at])) continue;
    if (++counted > MAX_ASSERTIONS_PER_REQUEST) {
      if (counted === MAX_ASSERTIONS_PER_REQUEST + 1) problem(at, `More than ${MAX_ASSERTIONS_PER_REQUEST} assertions on one request: split it into several requests.`);
      continue;
    }
    const parsed = parseAssertion(lines[at], at);
    if (parsed.error !== undefined) problem(at, parsed.error);
    else assertions.push(parsed.assertion);
  }
  return assertions;
}
