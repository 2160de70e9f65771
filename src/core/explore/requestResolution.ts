/** What is sent for a request of a `.sugar` file: its `{{variables}}` filled in. */

import { substituteFileVariables } from './fileVariables';
import { substituteVariables, type FileRequest, variablesFromResponse } from './requestFile';

export interface ResolvedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** `{{names}}` that neither the file nor the previous response define, once each. */
  missing: string[];
}

/**
 * A request of a file with its `{{variables}}` filled in path, header values and body: the file's
 * own definitions first, then the previous response's values.
 */
export function resolveRequest(request: FileRequest, fileVariables: ReadonlyMap<string, string>, previousResponse: unknown): ResolvedRequest {
  const fromResponse = variablesFromResponse(previousResponse);
  const missing = new Set<string>();
  const fill = (text: string): string => {
    const result = substituteVariables(substituteFileVariables(text, fileVariables), fromResponse);
    for (const name of result.missing) missing.add(name);
    return result.text;
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = fill(value);
  const resolved: ResolvedRequest = { method: request.method, path: fill(request.path), headers, missing: [] };
  if (request.body !== undefined) resolved.body = fill(request.body);
  resolved.missing = [...missing];
  return resolved;
}

const MISSING_NAMES_SHOWN = 5;

/** Why a request with unfilled `{{names}}` is not sent (one sentence, for Send and for runs alike). */
export function missingVariablesSentence(missing: string[]): string {
  // A few names, each short: the sentence shows in a lens, a test message and a CI log.
  const shown = missing.slice(0, MISSING_NAMES_SHOWN).map((name) => `{{${name.length > 60 ? `${name.slice(0, 60)}…` : name}}}`);
  const more = missing.length - shown.length;
  const names = more > 0 ? `${shown.join(', ')} and ${more.toLocaleString('en-US')} more` : shown.join(', ');
  return `Nothing defines ${names}: add a line "@${missing[0].slice(0, 60)} = value" above the request, or send the request whose response provides it first.`;
}
