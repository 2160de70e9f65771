/**
 * A record as the text of its editor, and back: the fields a save sends are the ones whose values
 * differ from the version read (compared as JSON text, one top-level field at a time), never the
 * fields the server keeps for itself (id, dates, `_acl`, `_module`, favorites).
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { formatJson } from '../explore/jsonText';

export type RecordValues = Record<string, unknown>;

/** Fields a PUT or POST never sends: Sugar sets them itself or ignores them. */
const SERVER_FIELDS = new Set(['id', 'date_modified', 'date_entered', 'created_by', 'modified_user_id', 'deleted', 'my_favorite', 'following', 'locked_fields']);

export function isServerField(name: string): boolean {
  return SERVER_FIELDS.has(name) || name.startsWith('_');
}

export const isRecord = (value: unknown): value is RecordValues => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The editor's text of a record: Sugar's answer as it came, indented. */
export function recordText(record: RecordValues): string {
  return `${formatJson(record, 2)}\n`;
}

export interface ParsedRecord {
  values?: RecordValues;
  /** Why the text is not one JSON object, with the offset of the first problem. */
  problem?: { offset: number; length: number; message: string };
}

/** The edited text as field values; JSON with comments or trailing commas is refused (Sugar would). */
export function parseRecordText(text: string): ParsedRecord {
  const errors: ParseError[] = [];
  const values: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0) {
    const [first] = errors;
    return { problem: { offset: first.offset, length: first.length, message: `The record is not valid JSON: ${printParseErrorCode(first.error)}.` } };
  }
  if (!isRecord(values)) return { problem: { offset: 0, length: 1, message: 'The record must be one JSON object ({ "field": value, … }).' } };
  return { values };
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return formatJson(a) === formatJson(b);
}

/**
 * What a save sends: every field of `edited` whose value differs from `base`'s, except the
 * server's own. A field removed from the text is not sent (removing is not clearing: set it to ""
 * to clear it). With an empty base (a new record) every field is sent.
 */
export function changedFields(base: RecordValues, edited: RecordValues): RecordValues {
  const changes: RecordValues = {};
  for (const [name, value] of Object.entries(edited)) {
    if (isServerField(name)) continue;
    if (!Object.prototype.hasOwnProperty.call(base, name) || !sameJson(base[name], value)) changes[name] = value;
  }
  return changes;
}

/** A record's name for titles and lists: its name, a person's full name, else its id. */
export function recordName(record: RecordValues): string {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const person = [text(record.first_name), text(record.last_name)].filter(Boolean).join(' ');
  return (text(record.name) ?? text(record.full_name) ?? text(record.document_name) ?? (person || undefined) ?? text(record.id) ?? 'record').slice(0, 80);
}
