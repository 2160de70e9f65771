import { CREDENTIAL_NAME_TAIL, isCredentialName } from '../sugar/credentialNames';
import { REDACTED } from '../sugar/redact';

/**
 * The path as the server will route it: query dropped, `\` as `/`, percent-escapes of ASCII
 * decoded (twice over, as a proxy might), `//` collapsed and `.`/`..` resolved. `//oauth2/token`,
 * `/%6Fauth2/token` and `/Accounts/../oauth2/token` all become `/oauth2/token`.
 */
export function canonicalRequestPath(path: string): string {
  let text = path;
  const end = text.search(/[?#]/);
  if (end >= 0) text = text.slice(0, end);
  for (let round = 0; round < 3 && text.includes('%'); round++) {
    const decoded = text.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (decoded === text) break;
    text = decoded;
  }
  const segments: string[] = [];
  for (const segment of text.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** Beyond this many JSON values a body is not walked to its end: it is treated as carrying a credential. */
const MAX_NODES = 200_000;

/** A credential name used as a key in text that is not JSON: `password=…`, `"password":…`, `password: …`. */
const CREDENTIAL_KEY_IN_TEXT = new RegExp(`${CREDENTIAL_NAME_TAIL}\\\\?["']?\\s{0,8}[:=]`, 'i');

/**
 * True when the body has a credential field anywhere: a key of the credential family at any
 * depth of JSON (walked with a stack, not recursion, so depth costs no stack), in JSON kept as a
 * string value, or as a form or text key. When in doubt (too many values) it says yes.
 */
export function carriesCredential(body: string): boolean {
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return CREDENTIAL_KEY_IN_TEXT.test(body);
  }
  const stack: unknown[] = [root];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited > MAX_NODES) return true;
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length > 1 && (value[0] === '{' || value[0] === '[' || value.includes('='))) {
        if (carriesCredentialInText(value, stack)) return true;
      }
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (isCredentialName(key)) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

/** A string value that is itself JSON is walked on the same stack; other text is scanned for credential keys. */
function carriesCredentialInText(value: string, stack: unknown[]): boolean {
  if (value[0] === '{' || value[0] === '[') {
    try {
      stack.push(JSON.parse(value));
      return false;
    } catch {
      // Not JSON after all: scanned as text below.
    }
  }
  return CREDENTIAL_KEY_IN_TEXT.test(value);
}

/**
 * `/x?refresh-token=abc&max_num=5` → `/x?refresh-token=•••&max_num=5`; other parameters are kept
 * byte for byte. A fragment is dropped: no server sees it, and OAuth puts tokens there.
 */
export function maskCredentialQuery(path: string): string {
  const mark = path.indexOf('?');
  if (mark < 0) return path;
  const hash = path.indexOf('#', mark);
  const query = hash < 0 ? path.slice(mark + 1) : path.slice(mark + 1, hash);
  const masked = query
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      const name = equals < 0 ? part : part.slice(0, equals);
      return isCredentialName(decodeName(name)) ? `${name}=${REDACTED}` : part;
    })
    .join('&');
  return `${path.slice(0, mark)}?${masked}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** After canonicalRequestPath: /oauth2/…, also below /rest/<version>/ or /<version>/. */
const OAUTH_ROUTE = /^\/(?:rest\/v[^/]*\/|v\d+(?:_\d+)?\/)?oauth2(?:\/|$)/i;

/**
 * Sugar's own authorization routes (/oauth2/token, logout, sudo, bulk…) however the path is
 * spelled (encoded, with dot segments, a version before it, a query after it): what History keeps
 * no body of, agents may not call and imports leave to the connection.
 */
export function isOAuthRoute(path: string): boolean {
  return OAUTH_ROUTE.test(canonicalRequestPath(path));
}
