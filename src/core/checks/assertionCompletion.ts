/**
 * Completion on a `??` line: the subjects after `??`, the operators after the subject (and its
 * header name or body path). The rest (names, paths, values) is the user's to write.
 */

import type { CompletionAnswer, SugarCompletion } from '../schema/sugarLanguage';
import { isAssertionLine } from './assertionSyntax';

const SUBJECTS: Array<[string, string, string]> = [
  ['status', 'status', 'The HTTP status, e.g. `?? status == 200`'],
  ['header', 'header ', 'A response header by name (any case), e.g. `?? header content-type contains json`'],
  ['duration', 'duration', 'Milliseconds until the answer, e.g. `?? duration < 2000`'],
  ['body', 'body ', 'A value of the JSON body by dot path (`records.0.name`, `records.length`); `body` alone is the whole body'],
];

const OPERATORS: Array<[string, string]> = [
  ['==', 'equal (JSON value, or the bare text)'],
  ['!=', 'not equal'],
  ['>', 'greater (numbers; texts compare as texts)'],
  ['>=', 'greater or equal'],
  ['<', 'less'],
  ['<=', 'less or equal'],
  ['contains', 'a text contains the value, an array an equal element, an object the key'],
  ['!contains', 'does not contain'],
  ['exists', 'the header or path is there (no value after it)'],
  ['!exists', 'the header or path is not there'],
  ['matches', 'matches a regular expression (`^[^@]+@`, or `/…/i`)'],
  ['!matches', 'does not match'],
];

/** What to offer at `character` of an assertion line; undefined elsewhere. */
export function assertionCompletions(line: string, lineNo: number, character: number): CompletionAnswer | undefined {
  if (!isAssertionLine(line)) return undefined;
  const start = line.indexOf('??') + 2;
  if (character < start) return undefined;
  const before = line.slice(start, character);
  // The words before the cursor and the one being typed.
  const words = before.trimStart().split(/\s+/);
  const typed = words.pop() ?? '';
  const wordStart = character - typed.length;
  const range = { start: { line: lineNo, character: wordStart }, end: { line: lineNo, character } };
  const subject = words[0]?.toLowerCase();
  let items: SugarCompletion[] = [];
  if (words.length === 0) {
    // Right after `??`, a space first.
    const space = before === '' ? ' ' : '';
    items = SUBJECTS.map(([label, insertText, documentation]) => ({ label, kind: 'keyword', insertText: `${space}${insertText}`, documentation }));
  } else if ((words.length === 1 && (subject === 'status' || subject === 'duration' || subject === 'body')) || (words.length === 2 && (subject === 'header' || subject === 'body'))) {
    items = OPERATORS.map(([label, detail], i) => ({ label, kind: 'operator', detail, insertText: label.endsWith('exists') ? label : `${label} `, sortText: String(i).padStart(2, '0') }));
  }
  return items.length > 0 ? { items, range } : undefined;
}
