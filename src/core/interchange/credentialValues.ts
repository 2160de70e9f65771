/**
 * Credential values in the body of an imported request (a copied `/me/password`, a custom endpoint
 * taking a `refresh_token`, a form with `client_secret=`): request files never keep them, so each
 * becomes `{{name}}`, which the user fills in (or defines) before sending, and a comment names
 * them. JSON keeps its layout (the values are replaced where they stand, at any depth); a form body
 * is read as `name=value` pairs. Values that already are `{{variables}}` stay. Linear: every
 * scan stops at the next quote (JSON) or `&` (forms).
 */
import { isCredentialName } from '../sugar/credentialNames';

/** `"key": "value"`: the key and the string value, escapes included. */
const JSON_STRING_MEMBER = /"((?:[^"\\\r\n]|\\[^\r\n]){1,200})"(\s*:\s*)"((?:[^"\\\r\n]|\\[^\r\n])*)"/g;
const VARIABLE_ONLY = /^\{\{[^{}]*\}\}$/;

/** A `{{name}}` a request file can hold for `key` (no spaces or braces), short. */
function placeholder(key: string): string {
  return `{{${key.replace(/[^\w.$-]/g, '_').slice(0, 64) || 'credential'}}}`;
}

/** The body with each credential value replaced by `{{name}}`, and the comment that says so (undefined when none was there). */
export function withoutCredentialValues(body: string): { body: string; note?: string } {
  if (!/pass|pwd|secret|token|key|hash|credential|authoriz/i.test(body)) return { body };
  const names = new Set<string>();
  const replace = (key: string, value: string): string | undefined => {
    if (!isCredentialName(key) || value === '' || VARIABLE_ONLY.test(value)) return undefined;
    names.add(key.slice(0, 50));
    return placeholder(key);
  };
  const text = /^\s*[[{]/.test(body)
    ? body.replace(JSON_STRING_MEMBER, (whole, key: string, colon: string, value: string) => {
        const stand = replace(key, value);
        return stand === undefined ? whole : `"${key}"${colon}"${stand}"`;
      })
    : body
        .split('&')
        .map((pair) => {
          const equals = pair.indexOf('=');
          if (equals < 0) return pair;
          let key = pair.slice(0, equals);
          try {
            key = decodeURIComponent(key.replace(/\+/g, ' '));
          } catch {
            // A malformed escape: the name as written.
          }
          const stand = replace(key, pair.slice(equals + 1));
          return stand === undefined ? pair : `${pair.slice(0, equals)}=${stand}`;
        })
        .join('&');
  if (names.size === 0) return { body };
  const listed = [...names];
  const shown = listed.length > 10 ? `${listed.slice(0, 10).join(', ')} and ${listed.length - 10} more` : listed.join(', ');
  const placeholders = listed.slice(0, 10).map(placeholder).join(', ');
  return {
    body: text,
    note:
      listed.length === 1
        ? `Left out: the value of ${shown} (a credential; request files never keep them): ${placeholders} stands in its place.`
        : `Left out: the values of ${shown} (credentials; request files never keep them): ${placeholders} stand in their place.`,
  };
}
