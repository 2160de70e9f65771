/**
 * File variables in `.sugar` files, as in REST Client: a line `@name = value` above a request
 * (at the top of the file, or between a `###` line and the request line) defines `{{name}}` for
 * every request of the file. A later definition of the same name wins. Values are plain text,
 * the rest of the line without its outer spaces; they are filled in before the values of the
 * previous response, so a file variable wins over a response value of the same name, and a value
 * may itself hold `{{x}}` from the response.
 *
 * Variables are for values such as ids and module names: request files never keep tokens or
 * passwords (Postman import leaves those out), the connection authenticates.
 */

const DEFINITION = /^\s*@([A-Za-z_$][\w.$-]*)\s*=(.*)$/;
const SEPARATOR = /^\s*###/;
const NOTE = /^\s*(?:(?:#|\/\/).*)?$/;
const VARIABLE = /\{\{\s*([^{}\s]+)\s*\}\}/g;
/** More is not a file someone wrote by hand; the rest are ignored (the lines still parse as definitions). */
export const MAX_FILE_VARIABLES = 1000;

/** True for a `@name = value` line (the request parser skips these above a request). */
export function isFileVariableLine(line: string): boolean {
  return line.includes('@') && line.includes('=') && DEFINITION.test(line);
}

/** The file's variables: definitions above each request line (none from headers or bodies). One pass. */
export function parseFileVariables(text: string): Map<string, string> {
  const variables = new Map<string, string>();
  let above = true;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.includes('###') && SEPARATOR.test(line)) above = true;
    else if (!above || NOTE.test(line)) continue;
    else if (isFileVariableLine(line)) {
      const [, name, value] = DEFINITION.exec(line)!;
      if (variables.size < MAX_FILE_VARIABLES || variables.has(name)) variables.set(name, value.trim());
    } else above = false;
  }
  return variables;
}

/** Replaces `{{name}}` where the file defines `name`; the rest stays as written. */
export function substituteFileVariables(text: string, variables: ReadonlyMap<string, string>): string {
  if (variables.size === 0 || !text.includes('{{')) return text;
  return text.replace(VARIABLE, (whole, name: string) => variables.get(name) ?? whole);
}
