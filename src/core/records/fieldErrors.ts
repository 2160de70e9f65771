/**
 * Where a field error belongs in a record's text. Sugar's 422 answers name a field in their
 * message ("Unknown field foo", "… is required: name") or, for a failed validation, none: then the
 * required fields sent empty (or missing from a new record) are the likely cause. Positions come
 * from jsonc-parser's tree of the text, top-level properties only.
 */
import { parseTree } from 'jsonc-parser';
import type { RecordValues } from './recordText';

/** At most this many words of a message are looked at: a hostile message cannot cost more. */
const MAX_WORDS = 200;

/** Fields of `sent` that the message names as words, else the `fallback` fields. */
export function fieldsNamedIn(message: string, sent: RecordValues, fallback: readonly string[] = []): string[] {
  const words = new Set(message.slice(0, 4000).split(/[^A-Za-z0-9_]+/).slice(0, MAX_WORDS));
  const named = Object.keys(sent).filter((name) => words.has(name));
  return named.length > 0 ? named : [...fallback];
}

export interface FieldRange {
  name: string;
  /** The property's key in the text: offset and length (quotes included). */
  offset: number;
  length: number;
}

/** The keys of the named top-level properties of the object in `text`; the object's start for a missing one. */
export function fieldRanges(text: string, names: readonly string[]): FieldRange[] {
  const root = parseTree(text);
  if (!root || root.type !== 'object') return names.map((name) => ({ name, offset: 0, length: 0 }));
  const keys = new Map<string, { offset: number; length: number }>();
  for (const property of root.children ?? []) {
    const key = property.children?.[0];
    if (key && typeof key.value === 'string' && !keys.has(key.value)) keys.set(key.value, { offset: key.offset, length: key.length });
  }
  return names.map((name) => ({ name, ...(keys.get(name) ?? { offset: root.offset, length: 1 }) }));
}
