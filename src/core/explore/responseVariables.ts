/**
 * The `{{variables}}` a `.sugar` file's next request can use, named for completion: `response`,
 * the keys of the file's last JSON response (what variablesFromResponse offers), and the keys of
 * the first element of each list in it (`records.0.id`). The answer is outside input: the names
 * are bounded in number and length, and a value is previewed only when short and not a credential.
 */
import { isCredentialName } from '../sugar/credentialNames';

export const MAX_VARIABLE_NAMES = 100;
/** What `{{...}}` can name (no spaces or braces), kept short. */
const NAME = /^[^{}\s.]{1,64}$/;
const PREVIEW_CHARS = 40;

function describe(key: string, value: unknown): string {
  if (Array.isArray(value)) return `list of ${value.length} in the previous response`;
  if (value === null || typeof value !== 'object') {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    if (isCredentialName(key) || shown.length > PREVIEW_CHARS) return `${value === null ? 'null' : typeof value} in the previous response`;
    return `${shown} in the previous response`;
  }
  return 'object in the previous response';
}

/** `[name, detail]` pairs, `response` first; empty when there is no previous JSON response. */
export function responseVariableNames(json: unknown): Array<[string, string]> {
  if (json === undefined) return [];
  const names: Array<[string, string]> = [['response', 'The whole previous JSON response']];
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return names;
  const add = (name: string, value: unknown): void => {
    if (names.length < MAX_VARIABLE_NAMES) names.push([name, describe(name.split('.').pop()!, value)]);
  };
  const entries = Object.entries(json as Record<string, unknown>).filter(([key]) => NAME.test(key)).slice(0, MAX_VARIABLE_NAMES);
  for (const [key, value] of entries) if (key !== 'response') add(key, value);
  for (const [key, value] of entries) {
    const first: unknown = Array.isArray(value) ? value[0] : undefined;
    if (first === null || typeof first !== 'object' || Array.isArray(first)) continue;
    for (const [inner, innerValue] of Object.entries(first as Record<string, unknown>).slice(0, MAX_VARIABLE_NAMES)) {
      if (NAME.test(inner)) add(`${key}.0.${inner}`, innerValue);
    }
  }
  return names;
}
