/**
 * What a validator says about a value read from the secret store. The store primitive moves aside
 * what is unreadable (whole or in part) and refuses to write over what is read-only; validators
 * only judge, they never touch the store.
 */
export type Verdict<T> =
  | { kind: 'ok'; value: T }
  /** Readable in part: `aside` (JSON) is backed up, `repaired` (JSON) is stored in its place. */
  | { kind: 'partial'; value: T; reason: string; aside: unknown; repaired: unknown }
  /** Readable, but written by a newer version: used as is, never written over. */
  | { kind: 'readOnly'; value: T; reason: string }
  | { kind: 'unreadable'; reason: string };

/** Judges parsed JSON; must walk only shapes it knows (never recurse into arbitrary depth). */
export type Validator<T> = (json: unknown) => Verdict<T>;

export const readable = <T>(value: T): Verdict<T> => ({ kind: 'ok', value });
export const unreadable = (reason: string): Verdict<never> => ({ kind: 'unreadable', reason });
export const readOnly = <T>(value: T, reason: string): Verdict<T> => ({ kind: 'readOnly', value, reason });
export const partlyReadable = <T>(value: T, reason: string, aside: unknown, repaired: unknown): Verdict<T> => ({ kind: 'partial', value, reason, aside, repaired });

/** A stored value larger than this is not parsed (a list of 1,000 connections is about 400 KB). */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/** Text to a verdict: size-bounded, JSON.parse (iterative in V8, so depth cannot overflow the stack). */
export function judge<T>(text: string, validate: Validator<T>): Verdict<T> {
  if (text.length > MAX_RECORD_CHARS) return unreadable(`it is ${text.length} characters long, over the limit of ${MAX_RECORD_CHARS}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return unreadable(text.trim() === '' ? 'it is empty' : 'it is not JSON (truncated or damaged)');
  }
  try {
    return validate(json);
  } catch (error) {
    return unreadable(`it could not be checked (${error instanceof Error ? error.message : String(error)})`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
