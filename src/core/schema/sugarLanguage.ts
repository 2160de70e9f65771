/**
 * IntelliSense that speaks Sugar in `.sugar` files: what to offer at the cursor (modules and
 * endpoint paths after the method, link names, fields in `fields=`/`order_by=` and in bodies,
 * filter operators valid for the field's type, dropdown keys, `{{variables}}`) and what a hover on
 * a field, link, module or dropdown key shows. Answers come from the schema index in memory and
 * the /help catalog; nothing here waits on the network.
 */
import { parseRequestFile, type FileRequest } from '../explore/requestFile';
import type { FieldInfo, ModuleInfo, SchemaIndex } from './schemaIndex';
import { cursorContext, layoutOf, resolveField, type CursorContext, type Position, type RequestShape, type TextRange } from './sugarCursor';

export type { Position, TextRange } from './sugarCursor';

/** What the /help catalog says of an endpoint (see core/explore/helpPage.ts). */
export interface CatalogEndpoint {
  method: string;
  path: string;
  summary?: string;
}

export type CompletionKind = 'module' | 'path' | 'field' | 'operator' | 'link' | 'value' | 'variable' | 'keyword';

export interface SugarCompletion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** What the editor matches the typed text against (JSON strings start with their quote). */
  filterText?: string;
  sortText?: string;
  /** A field's documentation is made only when the editor shows it (completionDocumentation). */
  fieldOf?: { module: string; field: string };
}

export interface CompletionAnswer {
  items: SugarCompletion[];
  range: TextRange;
}

export interface HoverAnswer {
  markdown: string;
  range: TextRange;
}

export interface LanguageInput {
  text: string;
  position: Position;
  /** Undefined while the index is not in memory yet: paths come from the catalog alone. */
  index?: SchemaIndex;
  catalog?: readonly CatalogEndpoint[];
  /** `{{variables}}` of the file's last JSON response (responseVariableNames); without one, the usual names. */
  variables?: ReadonlyArray<readonly [string, string]>;
}

const QUERY_PARAMETERS: Array<[string, string]> = [
  ['fields', 'Comma list of fields to return'], ['order_by', '`name:DESC,date_modified:ASC`'], ['max_num', 'Records per page (default 20)'],
  ['offset', 'Where the page starts (`next_offset` of the previous one)'], ['filter', 'Conditions, e.g. `filter[0][name][$starts]=A`'],
  ['filter_id', 'A saved filter, ANDed'], ['view', '`list` or `record`'], ['deleted', '`1`: deleted rows too'], ['favorites', 'Only favorites'],
  ['my_items', 'Only records assigned to me'], ['q', 'Global search text'], ['nulls_last', 'Empty values sort last'],
];
const FILTER_BODY_KEYS = ['filter', 'fields', 'order_by', 'max_num', 'offset', 'filter_id', 'favorites', 'my_items', 'deleted'];
const MACROS: Array<[string, string]> = [['$or', 'Any of the conditions'], ['$and', 'All of the conditions'], ['$owner', 'Assigned to `_this` user'], ['$creator', 'Created by `_this` user'], ['$favorite', 'A favorite of `_this` user'], ['$following', 'Followed by the user'], ['$tracker', 'Viewed recently, e.g. `-7 DAY`']];
export const DATE_RANGES = ['yesterday', 'today', 'tomorrow', 'last_7_days', 'next_7_days', 'last_30_days', 'next_30_days', 'last_month', 'this_month', 'next_month', 'last_year', 'this_year', 'next_year', 'this_quarter', 'before_today', 'after_today'];
const VARIABLES: Array<[string, string]> = [['response', 'The whole previous JSON response'], ['records.0.id', 'The id of the first record of the previous list'], ['id', 'The id of the record the previous request answered'], ['next_offset', 'Where the next page starts']];
/** Module-generic routes when the /help catalog is not loaded yet. */
const FALLBACK_NEXT: Record<number, string[]> = { 1: ['filter', 'count', 'enum'], 2: ['link', 'file', 'favorite', 'subscribe'] };

/** The request whose block holds `line` (blank lines after a request still belong to it). */
export function requestAt(requests: readonly FileRequest[], line: number): { request: FileRequest; endLine: number } | undefined {
  let found: number | undefined;
  for (let i = 0; i < requests.length && requests[i].startLine <= line; i++) found = i;
  if (found === undefined) return undefined;
  const next = requests[found + 1];
  const request = requests[found];
  return { request, endLine: Math.max(request.endLine, next ? Math.min(line, next.startLine - 1) : line) };
}

function contextAt(input: LanguageInput): CursorContext | undefined {
  const lines = input.text.split(/\r\n|\r|\n/);
  const found = requestAt(parseRequestFile(input.text), input.position.line);
  if (!found) return undefined;
  const layout = layoutOf(lines, found.request.startLine, found.endLine);
  return cursorContext(lines, layout, found.request.method, found.request.path, input.position, input.index);
}

export function fieldDocumentation(field: FieldInfo, module?: string): string {
  const facts = [`type \`${field.type}\``, field.required ? 'required' : 'optional'];
  if (field.len !== undefined) facts.push(`length ${field.len}`);
  if (field.relatedModule) facts.push(`related module ${field.relatedModule}`);
  if (field.optionsName) facts.push(`dropdown \`${field.optionsName}\``);
  const lines = [`**${field.name}**: ${field.label}${module ? ` (${module})` : ''}`, '', facts.join(' · ')];
  if (field.options?.length) {
    const shown = field.options.filter((o) => o.key !== '').slice(0, 20);
    lines.push('', `options: ${shown.map((o) => (o.label && o.label !== o.key ? `\`${o.key}\` ${o.label}` : `\`${o.key}\``)).join(', ')}${field.options.length > shown.length + 1 ? ', …' : ''}`);
  }
  return lines.join('\n');
}

const fieldItem = (field: FieldInfo, module: string, insertText = field.name, filterText?: string): SugarCompletion => ({
  label: field.name,
  kind: 'field',
  detail: `${field.label} · ${field.type}${field.required ? ' · required' : ''}`,
  fieldOf: { module, field: field.name },
  insertText,
  filterText,
  // Required fields first, then the rest, each in Sugar's order.
  sortText: `${field.required ? '0' : '1'}${field.name}`,
});

const quote = (text: string): string => JSON.stringify(text);

/** Next path segments the catalog knows after `before`. */
function catalogSegments(catalog: readonly CatalogEndpoint[], method: string, before: string[], index: SchemaIndex | undefined): SugarCompletion[] {
  const seen = new Map<string, SugarCompletion>();
  for (const endpoint of catalog) {
    if (method && endpoint.method !== method) continue;
    const parts = endpoint.path.split('?')[0].split('/').filter((s) => s !== '');
    if (parts.length <= before.length) continue;
    const matches = before.every((typed, i) => {
      const part = parts[i];
      if (part.startsWith(':')) return true;
      if (part === '<module>') return index ? index.module(typed) !== undefined : /^[A-Z]/.test(typed);
      return part.toLowerCase() === typed.toLowerCase();
    });
    const next = parts[before.length];
    if (!matches || next.startsWith(':') || (next === '<module>' && before.length === 0) || seen.has(next)) continue;
    seen.set(next, { label: next, kind: 'path', detail: `${endpoint.method} ${endpoint.path}`, documentation: endpoint.summary, insertText: next });
  }
  return [...seen.values()];
}

function moduleItems(index: SchemaIndex): SugarCompletion[] {
  return index.moduleNames.map((name) => ({ label: name, kind: 'module' as const, detail: index.module(name)?.label, insertText: name }));
}

function pathItems(context: CursorContext & { slot: { kind: 'pathSegment' } }, input: LanguageInput): SugarCompletion[] {
  const { slot, shape } = context;
  const { index, catalog = [] } = input;
  const module = index?.module(slot.before[0] ?? '');
  if (slot.index === 0) {
    return [...(index ? moduleItems(index) : []), ...catalogSegments(catalog, shape.method, [], index).filter((item) => !index?.module(item.label))];
  }
  if (slot.index === 3 && slot.before[2] === 'link' && module) {
    return module.links.map((link) => ({ label: link.name, kind: 'link' as const, detail: `${link.module} · ${link.kind === 'one' ? 'one' : 'many'} · ${link.relationship}`, insertText: link.name }));
  }
  if (slot.index === 2 && slot.before[1] === 'enum' && module) {
    return module.fields.filter((f) => f.options !== undefined).map((f) => fieldItem(f, module.name));
  }
  const known = catalogSegments(catalog, shape.method, slot.before, index);
  if (known.length > 0 || !module) return known;
  return (FALLBACK_NEXT[slot.index] ?? []).map((name) => ({ label: name, kind: 'path' as const, insertText: name }));
}

/** Values are inserted as JSON strings, over the string under the cursor when there is one. */
function valueItems(field: FieldInfo, operator: string | undefined): SugarCompletion[] {
  const asJson = (text: string): Pick<SugarCompletion, 'insertText' | 'filterText'> => ({ insertText: quote(text), filterText: quote(text) });
  if (operator === '$dateRange') return DATE_RANGES.map((name) => ({ label: name, kind: 'value', ...asJson(name) }));
  return (field.options ?? []).map((option, i) => ({
    label: option.key === '' ? '""' : option.key,
    kind: 'value' as const,
    detail: option.label || undefined,
    sortText: String(i).padStart(5, '0'),
    ...asJson(option.key),
  }));
}

function bodyKeyItems(context: CursorContext & { slot: { kind: 'bodyKey' } }, index: SchemaIndex, module: ModuleInfo): SugarCompletion[] {
  const { slot } = context;
  const asKey = (label: string): Pick<SugarCompletion, 'insertText' | 'filterText'> => ({ insertText: quote(label), filterText: quote(label) });
  switch (slot.scope) {
    case 'record':
      return module.fields.map((f) => fieldItem(f, module.name, quote(f.name), quote(f.name)));
    case 'filterTop':
      return FILTER_BODY_KEYS.map((key) => ({ label: key, kind: 'keyword' as const, ...asKey(key) }));
    case 'condition':
      return [
        ...module.fields.map((f) => fieldItem(f, module.name, quote(f.name), quote(f.name))),
        ...MACROS.map(([name, detail]) => ({ label: name, kind: 'keyword' as const, detail, sortText: `2${name}`, ...asKey(name) })),
      ];
    case 'operator': {
      const field = resolveField(index, module, slot.field ?? '');
      if (!field) return [];
      return index.operatorsFor(field.type).map((op, i) => ({ label: op.operator, kind: 'operator' as const, detail: `${op.label} (${field.type})`, sortText: String(i).padStart(3, '0'), ...asKey(op.operator) }));
    }
  }
}

/** What to offer at the cursor; undefined when the place is not one Sugar's schema speaks of. */
export function sugarCompletions(input: LanguageInput): CompletionAnswer | undefined {
  const context = contextAt(input);
  if (!context) return undefined;
  const { slot, shape, range } = context;
  const { index } = input;
  const module = shape.module ? index?.module(shape.module) : undefined;
  let items: SugarCompletion[] = [];
  switch (slot.kind) {
    case 'variable':
      items = (input.variables?.length ? input.variables : VARIABLES).map(([name, detail]) => ({ label: name, kind: 'variable' as const, detail, insertText: name }));
      break;
    case 'pathSegment':
      items = pathItems({ ...context, slot }, input);
      break;
    case 'queryName':
      items = QUERY_PARAMETERS.map(([name, detail]) => ({ label: name, kind: 'keyword' as const, documentation: detail, insertText: `${name}=`, filterText: name }));
      break;
    case 'orderDirection':
      items = ['asc', 'desc'].map((word) => ({ label: word, kind: 'keyword' as const, insertText: word }));
      break;
    case 'queryField':
    case 'bodyList':
      items = module ? module.fields.map((f) => fieldItem(f, module.name)) : [];
      break;
    case 'bodyKey':
      items = module && index ? bodyKeyItems({ ...context, slot }, index, module) : [];
      break;
    case 'bodyValue': {
      const field = module && index ? resolveField(index, module, slot.field) : undefined;
      items = field ? valueItems(field, slot.operator) : [];
      break;
    }
  }
  return { items, range };
}

/** The documentation of a completion item, made when the editor shows it, not for every item offered. */
export function completionDocumentation(item: SugarCompletion, index: SchemaIndex | undefined): string | undefined {
  if (!item.fieldOf || !index) return item.documentation;
  const module = index.module(item.fieldOf.module);
  const field = module?.field(item.fieldOf.field);
  return field ? fieldDocumentation(field, module!.name) : item.documentation;
}

/** What a hover on a field, link, module, operator or dropdown key shows. */
export function sugarHover(input: LanguageInput): HoverAnswer | undefined {
  const context = contextAt(input);
  const index = input.index;
  if (!context || !index) return undefined;
  const { slot, shape, range } = context;
  const module = shape.module ? index.module(shape.module) : undefined;
  const unquote = (word: string): string => (word.startsWith('"') ? word.slice(1, word.endsWith('"') && word.length > 1 ? -1 : undefined) : word);
  const fieldHover = (name: string): HoverAnswer | undefined => {
    const field = module ? resolveField(index, module, name) : undefined;
    return field && module ? { markdown: fieldDocumentation(field, module.name), range } : undefined;
  };
  switch (slot.kind) {
    case 'pathSegment': {
      if (slot.index === 0) {
        const target = index.module(slot.word);
        return target ? { markdown: `**${target.name}**: ${target.label}\n\n${target.fields.length} fields, ${target.links.length} links`, range } : undefined;
      }
      const owner = index.module(slot.before[0] ?? '');
      const link = slot.index === 3 && slot.before[2] === 'link' ? owner?.linkNamed(slot.word) : undefined;
      return link ? { markdown: `**${link.name}**: link to ${link.module} (${link.kind}), relationship \`${link.relationship}\``, range } : undefined;
    }
    case 'queryField':
    case 'bodyList':
      return fieldHover(slot.word.split(':')[0]);
    case 'bodyKey':
      if (slot.scope === 'operator') {
        const op = unquote(slot.word);
        const field = module ? resolveField(index, module, slot.field ?? '') : undefined;
        const info = field ? index.operatorsFor(field.type).find((o) => o.operator === op) : undefined;
        return info ? { markdown: `**${info.operator}**: ${info.label} (for \`${field!.type}\` fields)`, range } : undefined;
      }
      return slot.scope === 'filterTop' ? undefined : fieldHover(unquote(slot.word));
    case 'bodyValue': {
      const field = module ? resolveField(index, module, slot.field) : undefined;
      const key = unquote(slot.word);
      const option = field?.options?.find((o) => o.key === key);
      return option && field ? { markdown: `**${option.key || '""'}**: ${option.label || '(empty)'}\n\nin dropdown \`${field.optionsName}\` of ${field.name} (${field.label})`, range } : undefined;
    }
    default:
      return undefined;
  }
}

export type { RequestShape };
