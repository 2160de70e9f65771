/**
 * A command line as the words a shell would hand to the program, for pasted curl commands. One
 * pass over the text, character by character (linear, no regex backtracking).
 *
 * POSIX shells (bash, zsh; what "Copy as cURL (bash)" gives): whitespace separates words;
 * '…' is literal; "…" keeps all but \" \\ \$ \` and backslash-newline; $'…' has C escapes
 * (\n \t \r \\ \' \" \xHH \uHHHH \0NNN); a backslash outside quotes escapes the next character,
 * and backslash-newline joins lines. Variables and substitutions ($X, `…`) are not expanded:
 * they stay as written.
 *
 * Windows cmd ("Copy as cURL (cmd)"): chosen when a line ends in `^`. The caret escapes the next
 * character (caret-newline joins lines), "…" groups, and \" inside it is a quote (how curl.exe
 * reads its arguments); single quotes are plain characters there.
 */

export type ShellDialect = 'posix' | 'cmd';

/** A line that ends in a caret (after optional spaces): cmd's line continuation. */
export function dialectOf(text: string): ShellDialect {
  return /\^[ \t]*\r?\n/.test(text) ? 'cmd' : 'posix';
}

const isSpace = (char: string): boolean => char === ' ' || char === '\t' || char === '\n' || char === '\r';

export function shellWords(text: string, dialect: ShellDialect = dialectOf(text)): string[] {
  return dialect === 'cmd' ? cmdWords(text) : posixWords(text);
}

/** The words so far and the one being read; a word may be empty ('' is one). */
class Words {
  readonly list: string[] = [];
  private word = '';
  private started = false;

  add(text: string): void {
    this.word += text;
    this.started = true;
  }

  end(): void {
    if (this.started) this.list.push(this.word);
    this.word = '';
    this.started = false;
  }
}

function posixWords(text: string): string[] {
  const words = new Words();
  let i = 0;
  const n = text.length;
  while (i < n) {
    const char = text[i];
    if (isSpace(char)) {
      words.end();
      i++;
    } else if (char === '\\') {
      const next = text[i + 1];
      // Backslash-newline joins lines; it is no part of a word.
      if (next === '\n') i += 2;
      else if (next === '\r' && text[i + 2] === '\n') i += 3;
      else {
        words.add(next ?? '');
        i += 2;
      }
    } else if (char === "'") {
      const end = text.indexOf("'", i + 1);
      words.add(text.slice(i + 1, end < 0 ? n : end));
      i = end < 0 ? n : end + 1;
    } else if (char === '"') {
      // Find the closing quote (a backslash escapes the character after it), then undo the
      // escapes in one native replace: a quoted run of a million escapes costs no million calls.
      let end = i + 1;
      while (end < n) {
        const code = text.charCodeAt(end);
        if (code === QUOTE) break;
        end += code === BACKSLASH ? 2 : 1;
      }
      end = Math.min(end, n);
      words.add(text.slice(i + 1, end).replace(ESCAPE_IN_QUOTES, '$1'));
      i = end + 1;
    } else if (char === '$' && text[i + 1] === "'") {
      const [decoded, after] = ansiC(text, i + 2);
      words.add(decoded);
      i = after;
    } else {
      // A run of plain characters at once: one slice, not one call per character.
      let end = i + 1;
      while (end < n && !POSIX_SPECIAL.has(text[end])) end++;
      words.add(text.slice(i, end));
      i = end;
    }
  }
  words.end();
  return words.list;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/**
 * What a backslash escapes inside "…": " \ $ ` (the character stays) and newline (both go:
 * backslash-newline joins lines); before any other character it stays as written.
 */
const ESCAPE_IN_QUOTES = /\\(?:(["\\$`])|\n)/g;

/** What ends a run of plain characters outside quotes. */
const POSIX_SPECIAL = new Set([' ', '\t', '\n', '\r', '\\', "'", '"', '$']);

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '?': '?' };

/** The text of $'…' from `start` (after the quote), and the index after its closing quote. */
function ansiC(text: string, start: number): [string, number] {
  let out = '';
  let i = start;
  const n = text.length;
  const hexRun = (from: number, max: number): string => {
    let end = from;
    while (end < n && end - from < max && /[0-9a-fA-F]/.test(text[end])) end++;
    return text.slice(from, end);
  };
  while (i < n && text[i] !== "'") {
    if (text[i] !== '\\' || i + 1 >= n) {
      out += text[i++];
      continue;
    }
    const kind = text[i + 1];
    if (SIMPLE_ESCAPES[kind] !== undefined) {
      out += SIMPLE_ESCAPES[kind];
      i += 2;
    } else if (kind === 'x' || kind === 'u' || kind === 'U') {
      const digits = hexRun(i + 2, kind === 'x' ? 2 : kind === 'u' ? 4 : 8);
      const code = digits ? Number.parseInt(digits, 16) : NaN;
      out += Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : `\\${kind}`;
      i += 2 + digits.length;
    } else if (kind >= '0' && kind <= '7') {
      let end = i + 1;
      while (end < n && end - (i + 1) < 3 && text[end] >= '0' && text[end] <= '7') end++;
      out += String.fromCharCode(Number.parseInt(text.slice(i + 1, end), 8) & 0xff);
      i = end;
    } else {
      out += `\\${kind}`;
      i += 2;
    }
  }
  return [out, i + 1];
}

function cmdWords(text: string): string[] {
  const words = new Words();
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const char = text[i];
    const next = text[i + 1];
    if (char === '^' && (next === '\n' || (next === '\r' && text[i + 2] === '\n'))) {
      i += next === '\n' ? 2 : 3;
    } else if (char === '^') {
      // ^" is a quote cmd does not see, but curl.exe's argument parser does.
      if (next === '"') {
        quoted = !quoted;
        words.add('');
      } else if (next !== undefined) words.add(next);
      i += 2;
    } else if (!quoted && isSpace(char)) {
      words.end();
      i++;
    } else if (char === '\\' && (next === '"' || (next === '^' && text[i + 2] === '"'))) {
      // \" (or \^" from Chrome's cmd copy) is a literal quote.
      words.add('"');
      i += next === '"' ? 2 : 3;
    } else if (char === '"') {
      quoted = !quoted;
      words.add('');
      i++;
    } else {
      words.add(char);
      i++;
    }
  }
  words.end();
  return words.list;
}
