/**
 * Warnings for `.sugar` requests checked against the instance's schema, in the words Sugar's own
 * answers use (shared/sugar-data-api.md §2): "Unknown field foo", "Did not recognize the operand:
 * $foo", "Non existing field: foo in module: Accounts"; plus an unknown module and an operator not
 * valid for the field's type. Each may carry the closest known name, for a quick fix.
 *
 * Bounded: at most MAX_WARNINGS per file, bodies walked without recursion to a bounded depth.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { parseRequestFile, type FileRequest } from '../explore/requestFile';
import type { ModuleInfo, SchemaIndex } from './schemaIndex';
import { validOperators } from './schemaIndex';
import { bodyOf, layoutOf, requestShape, resolveField, type RequestShape, type TextRange } from './sugarCursor';

export interface SchemaWarning {
  range: TextRange;
  message: string;
  /** The closest known name: the quick fix writes it over `range`. */
  replacement?: string;
}

const MAX_WARNINGS = 200;
const MAX_DEPTH = 64;
const MAX_NODES = 20_000;
/** Every operator the filter API knows; a `$word` not here is what Sugar does not recognize. */
const KNOWN_OPERATORS = new Set(['$equals', '$not_equals', '$starts', '$ends', '$contains', '$not_contains', '$in', '$not_in', '$is_null', '$not_null', '$empty', '$not_empty', '$lt', '$lte', '$gt', '$gte', '$between', '$dateBetween', '$dateRange', '$more_x_days_ago', '$last_x_days', '$next_x_days', '$more_x_days_ahead']);
const CONDITION_MACROS = new Set(['$or', '$and', '$owner', '$creator', '$favorite', '$following', '$tracker', '$distance', '$from', '$to', '$cc', '$bcc', '$guest']);
/** Always accepted in a record body though not a field of it. */
const RECORD_EXTRAS = new Set(['id', '_module', '_acl', 'deleted']);

/**
 * Edit distance counting a swap of neighbours as one edit (`nmae` → `name`), or Infinity past
 * `limit` (a row whose best is past it ends the work: short in practice). Names are bounded (512).
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let older: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, older[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return Infinity;
    older = previous;
    previous = row;
  }
  return previous[b.length] <= limit ? previous[b.length] : Infinity;
}

/** The one closest name within a small edit distance (a third of the word, at most 3), if any. */
export function closestName(word: string, names: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const name of names) {
    const d = boundedDistance(lower, name.toLowerCase(), Math.min(limit, bestDistance));
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

class Collector {
  readonly warnings: SchemaWarning[] = [];
  add(range: TextRange, message: string, replacement?: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(replacement === undefined ? { range, message } : { range, message, replacement });
  }
}

const fieldNames = (module: ModuleInfo): string[] => module.fields.map((f) => f.name);

/** Query values of the request line and its continuation lines: `fields=` and `order_by=`. */
function checkQuery(lines: readonly string[], from: number, to: number, module: ModuleInfo, out: Collector): void {
  for (let line = from; line < to; line++) {
    const text = lines[line];
    const question = line === from ? text.indexOf('?') : 0;
    if (question < 0) continue;
    const param = /([?&]|^\s*)(fields|order_by)=([^&\s]*)/g;
    for (let match = param.exec(text); match; match = param.exec(text)) {
      let at = match.index + match[0].length - match[3].length;
      for (const item of match[3].split(',')) {
        const name = match[2] === 'order_by' ? item.split(':')[0] : item;
        const range = { start: { line, character: at }, end: { line, character: at + name.length } };
        at += item.length + 1;
        if (name === '' || name.includes('{{') || module.field(name) || module.linkNamed(name)) continue;
        const near = closestName(name, fieldNames(module));
        out.add(range, match[2] === 'order_by' ? `Non existing field: ${name} in module: ${module.name}` : `Unknown field ${name}`, near);
      }
    }
  }
}

class BodyChecker {
  private nodes = 0;
  constructor(
    private readonly index: SchemaIndex,
    private readonly module: ModuleInfo,
    private readonly rangeOf: (node: Node) => TextRange,
    private readonly out: Collector,
  ) {}

  private key(property: Node): Node | undefined {
    return property.children?.[0];
  }

  private unknownField(keyNode: Node, name: string): void {
    this.out.add(this.rangeOf(keyNode), `Unknown field ${name}`, this.near(name));
  }

  private near(name: string): string | undefined {
    const near = closestName(name, fieldNames(this.module));
    return near === undefined ? undefined : JSON.stringify(near);
  }

  record(root: Node): void {
    if (root.type !== 'object') return;
    for (const property of root.children ?? []) {
      const keyNode = this.key(property);
      const name = keyNode?.value;
      if (typeof name !== 'string' || name.includes('{{') || RECORD_EXTRAS.has(name) || this.module.field(name) || this.module.linkNamed(name)) continue;
      this.unknownField(keyNode!, name);
    }
  }

  filterRequest(root: Node): void {
    if (root.type !== 'object') return;
    for (const property of root.children ?? []) {
      if (this.key(property)?.value === 'filter' && property.children?.[1]) this.conditions(property.children[1]);
    }
  }

  /** `filter`'s array and the arrays of `$or`/`$and`, walked with a stack (no recursion into user text). */
  private conditions(array: Node): void {
    const stack: Array<{ node: Node; depth: number }> = [{ node: array, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (depth > MAX_DEPTH || ++this.nodes > MAX_NODES || node.type !== 'array') continue;
      for (const condition of node.children ?? []) {
        if (condition.type !== 'object') continue;
        for (const property of condition.children ?? []) {
          const keyNode = this.key(property);
          const name = keyNode?.value;
          const value = property.children?.[1];
          if (typeof name !== 'string' || name.includes('{{')) continue;
          if (name === '$or' || name === '$and') {
            if (value) stack.push({ node: value, depth: depth + 1 });
          } else if (name.startsWith('$')) {
            if (!CONDITION_MACROS.has(name)) this.out.add(this.rangeOf(keyNode!), `Did not recognize the operand: ${name}`);
          } else this.condition(keyNode!, name, value);
        }
      }
    }
  }

  private condition(keyNode: Node, name: string, value: Node | undefined): void {
    const field = resolveField(this.index, this.module, name);
    if (!field) {
      // `link.field` through a link of another module is checked only when the link is known.
      const link = name.includes('.') ? this.module.linkNamed(name.split('.')[0]) : undefined;
      if (!name.includes('.') || link) this.unknownField(keyNode, name);
      return;
    }
    if (value?.type !== 'object') return;
    const valid = validOperators(field.type);
    for (const property of value.children ?? []) {
      const opNode = this.key(property);
      const op = opNode?.value;
      if (typeof op !== 'string' || !opNode) continue;
      if (!KNOWN_OPERATORS.has(op)) {
        const near = closestName(op, valid);
        this.out.add(this.rangeOf(opNode), `Did not recognize the operand: ${op}`, near === undefined ? undefined : JSON.stringify(near));
      } else if (!valid.includes(op)) {
        this.out.add(this.rangeOf(opNode), `${op} is not an operator for ${field.type} fields such as ${field.name}: use ${valid.slice(0, 6).join(', ')}…`);
      }
    }
  }
}

/** Warnings for one request of a file. */
function checkRequest(lines: readonly string[], startLine: number, endLine: number, shape: RequestShape, index: SchemaIndex, knownRoots: ReadonlySet<string>, out: Collector): void {
  const first = shape.segments[0];
  if (!first || first.includes('{{')) return;
  const module = index.module(first);
  if (!module) {
    // Module names start with a capital; lower-case routes (me, ping, oauth2) are not modules.
    if (/^[A-Z]/.test(first) && !knownRoots.has(first)) {
      const line = lines[startLine];
      const at = line.indexOf(`/${first}`) + 1;
      out.add({ start: { line: startLine, character: at }, end: { line: startLine, character: at + first.length } }, `Unknown module ${first}: Sugar answers 404 "Could not find a route"`, closestName(first, index.moduleNames));
    }
    return;
  }
  const target = shape.module ? index.module(shape.module) : undefined;
  if (!target) return;
  const layout = layoutOf(lines, startLine, endLine);
  checkQuery(lines, startLine, layout.queryEnd, target, out);
  if (layout.bodyLine === undefined || shape.body === 'other') return;
  const body = bodyOf(lines, layout.bodyLine, endLine);
  const positionOf = body.positionOf;
  const root = parseTree(body.text, [], { allowTrailingComma: true });
  if (!root) return;
  const checker = new BodyChecker(index, target, (node) => ({ start: positionOf(node.offset), end: positionOf(node.offset + node.length) }), out);
  if (shape.body === 'record') checker.record(root);
  else checker.filterRequest(root);
}

/**
 * Every warning of a `.sugar` file against an index. `knownRoots` are first path segments the
 * /help catalog knows (capitalized routes that are not modules, e.g. `Administration`); `only`
 * picks the requests to check (those whose connection `index` belongs to).
 */
export function schemaWarnings(text: string, index: SchemaIndex, knownRoots: ReadonlySet<string> = new Set(), only: (request: FileRequest) => boolean = () => true): SchemaWarning[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out = new Collector();
  for (const request of parseRequestFile(text)) {
    if (out.warnings.length >= MAX_WARNINGS) break;
    if (request.method === '' || !only(request)) continue;
    checkRequest(lines, request.startLine, request.endLine, requestShape(request.method, request.path, index), index, knownRoots, out);
  }
  return out.warnings;
}
