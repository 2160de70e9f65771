/**
 * `# @connection <name>` (optionally `as <user>` for a sudo session) in a `.sugar` file pins the
 * requests below it to a connection; without it they go to the active connection. Read by hand,
 * not by one regex: `(.+?)(?:\s+as\s+(\S+))?\s*$` retries at every position of a long run of
 * spaces (about 1 s for 20,000), and the CodeLens provider reads every request on every pass.
 */

export interface ConnectionDirective {
  name: string;
  sudoUser?: string;
}

const START = /^\s*(?:#|\/\/)\s*@connection(?=\s)/i;
const SPACE = /\s/;
/** `\s` as the old pattern meant it, without a regex call for the common ASCII characters. */
function isSpace(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE.test(char);
}

/** The directive on one line, or undefined when the line is not one (or names no connection). */
export function parseConnectionDirective(line: string): ConnectionDirective | undefined {
  // Most lines of a file are not directives; a substring search rules them out first.
  const start = line.includes('@') ? START.exec(line) : null;
  if (!start) return undefined;
  const rest = line.slice(start[0].length).trim();
  if (rest === '') return undefined;
  // `<name> as <user>`: the last word is the user when the word before it is `as`.
  let userStart = rest.length;
  while (userStart > 0 && !isSpace(rest[userStart - 1])) userStart--;
  // trimEnd removes exactly what `\s` matches, natively.
  const asEnd = rest.slice(0, userStart).trimEnd().length;
  const asStart = asEnd - 2;
  const hasUser = asEnd < userStart && asStart > 0 && rest.slice(asStart, asEnd).toLowerCase() === 'as' && isSpace(rest[asStart - 1]);
  if (!hasUser) return { name: rest };
  return { name: rest.slice(0, asStart).trimEnd(), sudoUser: rest.slice(userStart) };
}
