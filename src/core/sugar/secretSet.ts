import { formsOf, SecretForm } from './secretForms';

export const REDACTED = '•••';

/**
 * Lines up to this long, with up to REGEX_FORMS forms, are searched with one prepared regular
 * expression; longer lines and larger sets with a prefix index (V8's start-position filter loses
 * its edge over a pass of our own with thousands of alternatives).
 */
const REGEX_UP_TO = 4096;
const REGEX_FORMS = 64;
/** The length of the prefix the one-pass scan indexes by (no form is shorter). */
const PREFIX = 4;

/**
 * A set of secrets prepared for masking many log lines: every form of every secret (see
 * formsOf), matched case-insensitively and across line breaks. Prepared once per change of the
 * secrets. A line costs one search with a regular expression of plain alternatives (no
 * quantifier, so no backtracking; V8 filters the start positions, about 0.1 µs for a log line
 * with none); a long line costs one pass with a prefix index, linear whatever it holds.
 */
export class SecretSet {
  private readonly forms: SecretForm[];
  private readonly byText = new Map<string, SecretForm>();
  private readonly pattern: RegExp | undefined;
  private byPrefix: Map<number, SecretForm[]> | undefined;
  /**
   * `publicTexts`: what the user sees anyway (user names, connection names). A short secret that
   * is a word of one of them (the demo's admin/admin) is not masked as a free word: that would
   * only blank the user name out of every line and protect nothing. It is still masked in
   * credential positions (see maskCredentialPositions).
   */
  constructor(secrets: Iterable<string>, publicTexts: Iterable<string> = []) {
    const publicWords = new Set<string>();
    for (const text of publicTexts) for (const word of String(text).toLowerCase().split(/[^\p{L}\p{N}_]+/u)) if (word) publicWords.add(word);
    const byText = this.byText;
    for (const secret of secrets) {
      if (typeof secret !== 'string') continue;
      for (const form of formsOf(secret)) {
        if (form.kind === 'word' && publicWords.has(form.text)) continue;
        // A text that is both a long form and a short one is masked anywhere.
        if (byText.get(form.text)?.kind !== 'anywhere') byText.set(form.text, form);
      }
    }
    // Longest first: at one position the longer of two forms (one containing the other) wins.
    this.forms = [...byText.values()].sort((a, b) => b.text.length - a.text.length);
    this.pattern = this.forms.length && this.forms.length <= REGEX_FORMS ? new RegExp(this.forms.map((form) => escapeRegExp(form.text)).join('|'), 'gi') : undefined;
  }

  /** The alternatives of the prepared expression, when the set is small enough to have one. */
  get patternSource(): string | undefined {
    return this.pattern?.source;
  }

  get size(): number {
    return this.forms.length;
  }

  redact(text: string): string {
    const pattern = this.pattern;
    if (this.forms.length === 0 || text.length < PREFIX) return text;
    // One line of text: searched as it is (the expression ignores case), no copy made.
    const view: LineView = pattern && text.length <= REGEX_UP_TO && !/[\r\n]/.test(text) ? { text } : lineView(text);
    const ranges: Array<[number, number]> = [];
    const hit = (form: SecretForm | undefined, start: number, end: number): void => {
      const range = this.originalRange(text, view, form ?? { text: view.text.slice(start, end), kind: 'anywhere' }, start, end);
      if (range) ranges.push(range);
    };
    if (pattern && view.text.length <= REGEX_UP_TO) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(view.text); match; match = pattern.exec(view.text)) {
        hit(this.byText.get(match[0].toLowerCase()), match.index, match.index + match[0].length);
        // From the next character: a form that starts inside this one is found too.
        pattern.lastIndex = match.index + 1;
      }
    } else {
      const index = (this.byPrefix ??= indexByPrefix(this.forms));
      const lower = view.text;
      for (let at = 0; at <= lower.length - PREFIX; at++) {
        const candidates = index.get(prefixKey(lower, at));
        if (!candidates) continue;
        for (const form of candidates) if (lower.startsWith(form.text, at)) hit(form, at, at + form.text.length);
      }
    }
    return ranges.length === 0 ? text : maskRanges(text, ranges);
  }

  /** The range to mask in the original text, or undefined when a short secret is only part of a word. */
  private originalRange(text: string, view: LineView, form: SecretForm, start: number, end: number): [number, number] | undefined {
    if (form.kind === 'base64') {
      while (start > 0 && isBase64(view.text.charCodeAt(start - 1))) start--;
      while (end < view.text.length && isBase64(view.text.charCodeAt(end))) end++;
    }
    const from = view.at ? view.at[start] : start;
    const to = view.at ? view.at[end - 1] + 1 : end;
    if (form.kind === 'word' && ((isWordChar(form.text[0]) && isWordChar(text[from - 1])) || (isWordChar(form.text[form.text.length - 1]) && isWordChar(text[to])))) return undefined;
    return [from, to];
  }
}

/** The line lower-cased, with line breaks and the indentation after them left out; `at` maps back to the original. */
interface LineView {
  text: string;
  at?: number[];
}

function lineView(text: string): LineView {
  // One line of ASCII: lower-casing keeps every index.
  if (!/[\r\n\u0080-\uffff]/.test(text)) return { text: text.toLowerCase() };
  const chars: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      while (i + 1 < text.length && /[\r\n \t]/.test(text[i + 1])) i++;
      continue;
    }
    const lower = c.toLowerCase();
    chars.push(lower.length === 1 ? lower : c);
    at.push(i);
  }
  return { text: chars.join(''), at };
}

function indexByPrefix(forms: SecretForm[]): Map<number, SecretForm[]> {
  const index = new Map<number, SecretForm[]>();
  for (const form of forms) {
    const key = prefixKey(form.text, 0);
    const list = index.get(key);
    if (list) list.push(form);
    else index.set(key, [form]);
  }
  return index;
}

/**
 * A small integer for the four characters at `at` (collisions are fine: every candidate is
 * compared whole). Small, so that V8 keeps it unboxed and the Map lookup stays cheap.
 */
function prefixKey(text: string, at: number): number {
  return (((text.charCodeAt(at) * 31 + text.charCodeAt(at + 1)) * 31 + text.charCodeAt(at + 2)) * 31 + text.charCodeAt(at + 3)) & 0xfffff;
}

function isBase64(code: number): boolean {
  // Both cases (a short line is searched as it is), 0-9, + / = and the URL alphabet's - _.
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 43 || code === 47 || code === 61 || code === 45 || code === 95;
}

function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return /[\p{L}\p{N}]/u.test(c);
}

/** The text with each range (overlapping ones merged) replaced by the mask. */
function maskRanges(text: string, ranges: Array<[number, number]>): string {
  ranges.sort((a, b) => a[0] - b[0]);
  let result = '';
  let cursor = 0;
  let open: [number, number] | undefined;
  for (const range of ranges) {
    if (open && range[0] <= open[1]) {
      open[1] = Math.max(open[1], range[1]);
      continue;
    }
    if (open) {
      result += text.slice(cursor, open[0]) + REDACTED;
      cursor = open[1];
    }
    open = [range[0], range[1]];
  }
  if (open) result += text.slice(cursor, open[0]) + REDACTED + text.slice(open[1]);
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
