/**
 * Where the cursor is in a `.sugar` file, in Sugar's terms: the path after the method (a module,
 * a segment, a link name), a query parameter's value (`fields=`, `order_by=`), or a key or value
 * of the JSON body (a record's field, a filter condition, an operator, an operand), or a
 * `{{variable}}`. Positions in JSON come from jsonc-parser, as VS Code's own JSON support does.
 *
 * Pure and linear in the request under the cursor: completion calls it on every keystroke.
 */
import { isAssertionLine } from '../checks/assertionSyntax';
import { getLocation, type JSONPath } from 'jsonc-parser';
import type { FieldInfo, ModuleInfo, SchemaIndex } from './schemaIndex';

export interface Position {
  line: number;
  character: number;
}

export interface TextRange {
  start: Position;
  end: Position;
}

/** What the request around the cursor is about. */
export interface RequestShape {
  method: string;
  /** Path segments before the query, without empty ones. */
  segments: string[];
  /** What its JSON body is: a record's fields, a filter request, or nothing Sugar-specific. */
  body: 'record' | 'filter' | 'other';
  /** The module whose fields the body and the query speak of (for /<M>/:id/link/<L>: the related one). */
  module?: string;
  linkName?: string;
}

export type Slot =
  | { kind: 'variable'; prefix: string }
  | { kind: 'pathSegment'; index: number; before: string[]; prefix: string; word: string }
  | { kind: 'queryName'; prefix: string; word: string }
  | { kind: 'queryField'; param: 'fields' | 'order_by'; prefix: string; word: string }
  | { kind: 'orderDirection'; prefix: string; word: string }
  /** A key of an object in the body: `scope` says which object. */
  | { kind: 'bodyKey'; scope: 'record' | 'filterTop' | 'condition' | 'operator'; field?: string; prefix: string; word: string; quoted: boolean }
  /** A value of the body: of a field, directly or through an operator (and its array). */
  | { kind: 'bodyValue'; field: string; operator?: string; prefix: string; word: string; quoted: boolean }
  /** A comma list in a body string: `"fields": "name,ind"`. */
  | { kind: 'bodyList'; param: 'fields' | 'order_by'; prefix: string; word: string };

export interface CursorContext {
  shape: RequestShape;
  slot: Slot;
  /** The text the slot replaces (the whole word or JSON string under the cursor). */
  range: TextRange;
}

/** Module-generic segments after `/<M>/` that are not record ids. */
const MODULE_ROUTES = new Set(['filter', 'count', 'enum', 'export', 'duplicateCheck', 'config', 'recent', 'MassUpdate', 'file', 'temp', 'favorite', 'subscribe', 'link', 'audit', 'collection', 'pii', 'following']);

export function requestShape(method: string, pathText: string, index: SchemaIndex | undefined): RequestShape {
  // Continuation lines join the path as written: `/Contacts` + `&order_by=x`.
  const path = pathText.split(/[?&]/)[0];
  const segments = path.split('/').filter((s) => s !== '');
  const shape: RequestShape = { method, segments, body: 'other' };
  const first = segments[0];
  if (!first) return shape;
  shape.module = first;
  if (segments[1] === 'filter' && (segments.length === 2 || segments[2] === 'count')) shape.body = 'filter';
  else if (segments.length === 1 && method === 'POST') shape.body = 'record';
  else if (segments.length === 2 && method === 'PUT' && !MODULE_ROUTES.has(segments[1])) shape.body = 'record';
  if (segments[2] === 'link' && segments[3]) {
    shape.linkName = segments[3];
    const related = index?.module(first)?.linkNamed(segments[3])?.module;
    if (related) shape.module = related;
    if (segments.length === 4 && method === 'POST') shape.body = 'record';
    else if (segments[4] === 'filter') shape.body = 'filter';
  }
  return shape;
}

/** The lines of a request: where its request line, query continuation lines and body start. */
export interface RequestLayout {
  startLine: number;
  /** Request line and `?`/`&` continuation lines: [startLine, queryEnd). */
  queryEnd: number;
  /** First line of the body, when there is one. */
  bodyLine?: number;
  /** Last line of the request's block. */
  endLine: number;
}

const isBlank = (line: string): boolean => line.trim() === '';
// `??` assertion lines are neither query, headers nor body, as parseRequestFile reads them.
const isNote = (line: string): boolean => isBlank(line) || /^\s*(?:#|\/\/)/.test(line) || isAssertionLine(line);

/** As parseRequestFile reads a block: the request line, continuations, headers to a blank line, the body. */
export function layoutOf(lines: readonly string[], startLine: number, endLine: number): RequestLayout {
  let at = startLine + 1;
  while (at <= endLine && /^\s*[?&]/.test(lines[at]) && !isAssertionLine(lines[at])) at++;
  const queryEnd = at;
  while (at <= endLine && !isBlank(lines[at])) at++;
  at++;
  while (at <= endLine && isNote(lines[at])) at++;
  return at <= endLine ? { startLine, queryEnd, bodyLine: at, endLine } : { startLine, queryEnd, endLine };
}

const WORD = /[A-Za-z0-9_$.\-{}]/;

function wordAround(line: string, character: number, stop: RegExp = WORD): { start: number; end: number } {
  let start = character;
  let end = character;
  while (start > 0 && stop.test(line[start - 1])) start--;
  while (end < line.length && stop.test(line[end])) end++;
  return { start, end };
}

const range = (line: number, start: number, end: number): TextRange => ({ start: { line, character: start }, end: { line, character: end } });

/** `{{na|` before the cursor: a variable is being typed. */
function variableSlot(line: string, lineNo: number, character: number): { slot: Slot; range: TextRange } | undefined {
  const open = line.lastIndexOf('{{', character);
  if (open < 0 || open + 2 > character) return undefined;
  const typed = line.slice(open + 2, character);
  if (!/^[A-Za-z0-9_.[\]]*$/.test(typed)) return undefined;
  let end = character;
  while (end < line.length && /[A-Za-z0-9_.[\]]/.test(line[end])) end++;
  return { slot: { kind: 'variable', prefix: typed }, range: range(lineNo, open + 2, end) };
}

/** On the request line or a continuation line: the path segment or query part under the cursor. */
function lineSlot(line: string, lineNo: number, character: number, isRequestLine: boolean): { slot: Slot; range: TextRange } | undefined {
  let from = 0;
  if (isRequestLine) {
    const method = /^\s*[A-Za-z]+\s+/.exec(line);
    if (!method || character < method[0].length) return undefined;
    from = method[0].length;
  }
  const before = line.slice(from, character);
  const question = isRequestLine ? before.indexOf('?') : 0;
  if (isRequestLine && question < 0) {
    // In the path: the segment being typed and those before it.
    if (!before.startsWith('/') && before !== '') return undefined;
    const parts = before.split('/');
    const prefix = parts[parts.length - 1];
    const start = character - prefix.length;
    let end = character;
    while (end < line.length && !/[/?\s]/.test(line[end])) end++;
    const segments = parts.slice(1, -1);
    return { slot: { kind: 'pathSegment', index: segments.length, before: segments, prefix, word: line.slice(start, end) }, range: range(lineNo, start, end) };
  }
  // In the query: the parameter after the last ? or &.
  const amp = Math.max(before.lastIndexOf('&'), before.lastIndexOf('?'));
  const param = before.slice(amp + 1);
  const equals = param.indexOf('=');
  if (equals < 0) {
    const { start, end } = wordAround(line, character, /[A-Za-z0-9_]/);
    return { slot: { kind: 'queryName', prefix: param, word: line.slice(start, end) }, range: range(lineNo, start, end) };
  }
  const name = param.slice(0, equals);
  if (name !== 'fields' && name !== 'order_by') return undefined;
  const value = param.slice(equals + 1);
  const item = value.slice(value.lastIndexOf(',') + 1);
  const colon = item.indexOf(':');
  if (name === 'order_by' && colon >= 0) {
    const prefix = item.slice(colon + 1);
    const { start, end } = wordAround(line, character, /[A-Za-z]/);
    return { slot: { kind: 'orderDirection', prefix, word: line.slice(start, end) }, range: range(lineNo, start, end) };
  }
  const { start, end } = wordAround(line, character, /[A-Za-z0-9_.]/);
  return { slot: { kind: 'queryField', param: name, prefix: item, word: line.slice(start, end) }, range: range(lineNo, start, end) };
}

/** The path of a condition inside `filter`: what the keys and values at the end of `path` are. */
export function filterScope(path: JSONPath): { state: 'condition' | 'field' | 'operand'; field?: string; operator?: string } | undefined {
  let state: 'array' | 'condition' | 'field' | 'operand' | 'item' = 'array';
  let field: string | undefined;
  let operator: string | undefined;
  for (const segment of path) {
    if (state === 'array' && typeof segment === 'number') state = 'condition';
    else if (state === 'condition' && typeof segment === 'string') {
      if (segment === '$or' || segment === '$and') state = 'array';
      else if (segment.startsWith('$')) return undefined;
      else {
        field = segment;
        state = 'field';
      }
    } else if (state === 'field' && typeof segment === 'string') {
      operator = segment;
      state = 'operand';
    } else if (state === 'operand' && typeof segment === 'number') state = 'item';
    else return undefined;
  }
  if (state === 'array') return undefined;
  return { state: state === 'item' ? 'operand' : state, field, operator };
}

function bodySlot(body: string, offset: number, shape: RequestShape, toPosition: (offset: number) => Position, atLine: string): { slot: Slot; range: TextRange } | undefined {
  const location = getLocation(body, offset);
  const node = location.previousNode;
  const inNode = node !== undefined && offset >= node.offset && offset <= node.offset + node.length && (node.type === 'string' || node.type === 'property');
  // Keys and strings are both quoted in JSON: the range covers the quotes.
  const quoted = inNode;
  const start = inNode ? node.offset : offset;
  const end = inNode ? node.offset + node.length : offset;
  const word = inNode ? body.slice(start, end) : '';
  // What was typed: inside a string, from its opening quote to the cursor.
  const prefix = quoted ? body.slice(start + 1, offset) : '';
  const where = { start: toPosition(start), end: toPosition(end) };
  const path = location.path;
  if (location.isAtPropertyKey) {
    const container = path.slice(0, -1);
    if (shape.body === 'record' && container.length === 0) return { slot: { kind: 'bodyKey', scope: 'record', prefix, word, quoted }, range: where };
    if (shape.body !== 'filter') return undefined;
    if (container.length === 0) return { slot: { kind: 'bodyKey', scope: 'filterTop', prefix, word, quoted }, range: where };
    if (container[0] !== 'filter') return undefined;
    const scope = filterScope(container.slice(1));
    if (scope?.state === 'condition') return { slot: { kind: 'bodyKey', scope: 'condition', prefix, word, quoted }, range: where };
    if (scope?.state === 'field' && scope.field) return { slot: { kind: 'bodyKey', scope: 'operator', field: scope.field, prefix, word, quoted }, range: where };
    return undefined;
  }
  if (shape.body === 'record') {
    const field = path[0];
    if (typeof field === 'string' && (path.length === 1 || (path.length === 2 && typeof path[1] === 'number'))) return { slot: { kind: 'bodyValue', field, prefix, word, quoted }, range: where };
    return undefined;
  }
  if (shape.body !== 'filter') return undefined;
  if (path.length === 1 && (path[0] === 'fields' || path[0] === 'order_by') && quoted) {
    // A comma list inside the string: the item under the cursor.
    const at = toPosition(offset);
    const { start: s, end: e } = wordAround(atLine, at.character, /[A-Za-z0-9_.]/);
    const item = prefix.slice(prefix.lastIndexOf(',') + 1);
    return { slot: { kind: 'bodyList', param: path[0], prefix: item, word: atLine.slice(s, e) }, range: range(at.line, s, e) };
  }
  if (path[0] !== 'filter') return undefined;
  const scope = filterScope(path.slice(1));
  if (!scope?.field || scope.state === 'condition') return undefined;
  return { slot: { kind: 'bodyValue', field: scope.field, operator: scope.operator, prefix, word, quoted }, range: where };
}

/**
 * The slot at (line, character) of a request whose block is `layout`. `lines` are the file's;
 * `method` and `path` are the parsed request's (see requestFile.ts).
 */
export function cursorContext(lines: readonly string[], layout: RequestLayout, method: string, pathText: string, at: Position, index: SchemaIndex | undefined): CursorContext | undefined {
  const line = lines[at.line] ?? '';
  const shape = requestShape(method, pathText, index);
  const variable = variableSlot(line, at.line, at.character);
  if (variable) return { shape, ...variable };
  if (at.line >= layout.startLine && at.line < layout.queryEnd) {
    const found = lineSlot(line, at.line, at.character, at.line === layout.startLine);
    return found && { shape, ...found };
  }
  if (layout.bodyLine === undefined || at.line < layout.bodyLine || at.line > layout.endLine) return undefined;
  const body = bodyOf(lines, layout.bodyLine, layout.endLine);
  const offset = body.offsetOf(at.line, Math.min(at.character, line.length));
  const found = bodySlot(body.text, offset, shape, body.positionOf, line);
  return found && { shape, ...found };
}

/** A request's body as one text, with its offsets mapped to and from the file's lines. */
export function bodyOf(lines: readonly string[], firstLine: number, lastLine: number): { text: string; positionOf(offset: number): Position; offsetOf(line: number, character: number): number } {
  // `??` lines among or after the body are blanked (not dropped): the JSON reads as the request sends it, offsets stay.
  const bodyLines = lines.slice(firstLine, lastLine + 1).map((line) => (isAssertionLine(line) ? ' '.repeat(line.length) : line));
  const starts: number[] = [];
  let total = 0;
  for (const text of bodyLines) {
    starts.push(total);
    total += text.length + 1;
  }
  return {
    text: bodyLines.join('\n'),
    offsetOf: (line, character) => starts[line - firstLine] + character,
    positionOf: (offset) => {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: firstLine + low, character: offset - starts[low] };
    },
  };
}

/** A field of a module, or `link.field` through one of its links. */
export function resolveField(index: SchemaIndex, module: ModuleInfo, name: string): FieldInfo | undefined {
  const direct = module.field(name);
  if (direct || !name.includes('.')) return direct;
  const [link, field] = name.split('.', 2);
  const related = module.linkNamed(link);
  return related ? index.module(related.module)?.field(field) : undefined;
}
