/**
 * A pasted curl command as a `.sugar` request. What curl would send is carried over: method,
 * URL (its path relative to /rest/{version}), headers, data. What a request file must not keep or
 * cannot say is left out with a comment: the token (OAuth-Token, Authorization: Bearer; the
 * connection adds its own), -u credentials, cookies, -k, multipart forms, data read from files.
 */

import { MAX_CURL_CHARS } from './importLimits';
export { looksLikeCurl } from './curlDetect';
import { isSugarAuthPath } from './postmanRequest';
import { withoutCredentialValues } from './credentialValues';
import { headerLeftOutReason, type ImportedRequest, isTokenHeader, prettyBody, restPathOf, withoutCredentialParameters, writeRequestBlock } from './requestBlock';
import { shellWords } from './shellWords';

export class CurlImportError extends Error {}

export interface CurlRequest extends ImportedRequest {
  /** POST /oauth2/token and the like: what the connection does; its body is never kept. */
  authorization: boolean;
}

/** Options that take a value curl would read and this import ignores (so that the value is not taken for the URL). */
const IGNORED_WITH_VALUE = new Set([
  '-o', '--output', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '--cacert', '--capath', '-E', '--cert', '--key',
  '--cert-type', '--key-type', '-c', '--cookie-jar', '--retry', '--retry-delay', '--retry-max-time', '-r', '--range', '--resolve', '--connect-to',
  '--limit-rate', '-K', '--config', '--noproxy', '-U', '--proxy-user', '--max-filesize', '--max-redirs', '-y', '--speed-time', '-Y', '--speed-limit',
  '--interface', '--dns-servers', '-z', '--time-cond', '--trace', '--trace-ascii', '--stderr', '-D', '--dump-header', '--pass', '--ciphers',
  '--http-version', '--expect100-timeout', '--happy-eyeballs-timeout-ms', '--local-port', '-Q', '--quote', '--variable', '--url-query',
]);
const DATA = new Set(['-d', '--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode']);
const WITH_VALUE = new Set([...IGNORED_WITH_VALUE, ...DATA, '-X', '--request', '-H', '--header', '-u', '--user', '-b', '--cookie', '-A', '--user-agent', '-e', '--referer', '-F', '--form', '--form-string', '--url', '--json', '-T', '--upload-file', '--oauth2-bearer']);
/** Short options that take a value (the rest of the word, or the next word). */
const SHORT_WITH_VALUE = new Set([...WITH_VALUE].filter((option) => /^-[A-Za-z]$/.test(option)).map((option) => option[1]));

/** What a `.sugar` request may have (Sugar's web server refuses more); the rest are counted, not kept. */
const MAX_CURL_HEADERS = 100;

interface Parsed {
  method?: string;
  url?: string;
  headers: Array<[string, string]>;
  /** Headers beyond MAX_CURL_HEADERS. */
  headersLeftOut: number;
  data: string[];
  json: boolean;
  get: boolean;
  head: boolean;
  notes: string[];
}

/** `--data-urlencode` content as curl encodes it: `name=value` encodes the value, `=value` and `value` the whole. */
function urlencoded(content: string): string {
  const equals = content.indexOf('=');
  if (equals < 0) return encodeURIComponent(content);
  const name = content.slice(0, equals);
  return `${name}${name ? '=' : ''}${encodeURIComponent(content.slice(equals + 1))}`;
}

function apply(parsed: Parsed, option: string, value: string): void {
  switch (option) {
    case '-X': case '--request': parsed.method = value.toUpperCase(); break;
    case '-H': case '--header': {
      const colon = value.indexOf(':');
      if (value.startsWith('@')) parsed.notes.push(`Left out: headers read from the file ${value.slice(1)}.`);
      else if (colon > 0 && parsed.headers.length >= MAX_CURL_HEADERS) parsed.headersLeftOut++;
      else if (colon > 0) parsed.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
      break;
    }
    case '-u': case '--user': parsed.notes.push('Left out: the user and password of -u (the connection logs in; request files never keep passwords).'); break;
    case '-b': case '--cookie': parsed.notes.push('Left out: the cookies of -b (request files never keep credentials).'); break;
    case '--oauth2-bearer': parsed.notes.push('Left out: the token of --oauth2-bearer (the connection adds its own).'); break;
    case '-A': case '--user-agent': parsed.headers.push(['User-Agent', value]); break;
    case '-e': case '--referer': parsed.headers.push(['Referer', value]); break;
    case '-F': case '--form': case '--form-string': parsed.notes.push(`Left out: the form field ${value.split('=')[0]} (-F): a .sugar file sends a text body, not multipart form data.`); break;
    case '-T': case '--upload-file': parsed.notes.push(`Left out: the upload of ${value} (-T).`); break;
    case '--url': parsed.url ??= value; break;
    case '--json': parsed.json = true; parsed.data.push(value); break;
    default:
      if (DATA.has(option)) {
        if (value.startsWith('@') && option !== '--data-raw') parsed.notes.push(`Left out: the data read from the file ${value.slice(1)} (${option}).`);
        else parsed.data.push(option === '--data-urlencode' ? urlencoded(value) : value);
      }
  }
}

function flag(parsed: Parsed, option: string): void {
  switch (option) {
    case '-G': case '--get': parsed.get = true; break;
    case '-I': case '--head': parsed.head = true; break;
    case '-k': case '--insecure': parsed.notes.push("curl's -k (no TLS certificate check) is not carried over: the connection's own TLS setting applies."); break;
    default: break;
  }
}

function parseWords(words: string[]): Parsed {
  const parsed: Parsed = { headers: [], headersLeftOut: 0, data: [], json: false, get: false, head: false, notes: [] };
  let i = 1;
  let options = true;
  while (i < words.length) {
    const word = words[i++];
    if (options && word === '--') options = false;
    else if (options && word.startsWith('--') && word.length > 2) {
      const equals = word.indexOf('=');
      // curl has no --opt=value form, but people write it: accepted for options that take a value.
      const [name, inline] = equals > 0 && WITH_VALUE.has(word.slice(0, equals)) ? [word.slice(0, equals), word.slice(equals + 1)] : [word, undefined];
      if (WITH_VALUE.has(name)) apply(parsed, name, inline ?? words[i++] ?? '');
      else flag(parsed, name);
    } else if (options && word.startsWith('-') && word.length > 1) {
      // Short options combine: -sSk, -XPOST, -sH 'A: b'.
      for (let k = 1; k < word.length; k++) {
        const letter = word[k];
        if (SHORT_WITH_VALUE.has(letter)) {
          apply(parsed, `-${letter}`, k + 1 < word.length ? word.slice(k + 1) : words[i++] ?? '');
          break;
        }
        flag(parsed, `-${letter}`);
      }
    } else parsed.url ??= word;
  }
  return parsed;
}

/** The request the command sends; throws CurlImportError when it is not a curl command with a URL. */
export function curlToRequest(text: string): CurlRequest {
  if (text.length > MAX_CURL_CHARS) throw new CurlImportError(`The command is longer than ${MAX_CURL_CHARS / 1024 / 1024} MB.`);
  const words = shellWords(text.trim().replace(/^\$\s+/, ''));
  if (!/^curl(?:\.exe)?$/i.test(words[0] ?? '')) throw new CurlImportError('This is not a curl command: it does not start with "curl".');
  const parsed = parseWords(words);
  if (!parsed.url) throw new CurlImportError('The curl command has no URL.');
  const comments: string[] = [];
  let path = restPathOf(parsed.url);
  let body: string | undefined = parsed.data.length > 0 ? parsed.data.join(parsed.json ? '' : '&') : undefined;
  if (parsed.get && body !== undefined) {
    path += `${path.includes('?') ? '&' : '?'}${body}`;
    body = undefined;
  }
  const method = parsed.method ?? (parsed.head ? 'HEAD' : body !== undefined ? 'POST' : 'GET');
  const headers: Array<[string, string]> = [];
  let tokenDropped = false;
  for (const [name, value] of parsed.headers) {
    // Asked once per header: it reads the name against every credential pattern.
    const isToken = isTokenHeader(name, value);
    const leftOut = isToken ? undefined : headerLeftOutReason(name);
    if (isToken) tokenDropped = true;
    else if (leftOut) comments.push(`Left out: the header ${name} (it ${leftOut}).`);
    else headers.push([name, value]);
  }
  if (parsed.headersLeftOut > 0) comments.push(`Left out: ${parsed.headersLeftOut} more headers (a request has at most ${MAX_CURL_HEADERS}).`);
  if (tokenDropped) comments.unshift('The token header of the command is left out: the connection logs in and adds its own.');
  if (parsed.json) {
    if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json']);
    if (!headers.some(([name]) => name.toLowerCase() === 'accept')) headers.push(['Accept', 'application/json']);
  } else if (body !== undefined && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    // What curl sends with -d; a JSON body without the header still goes as JSON (it is what Sugar reads).
    if (!/^\s*[[{]/.test(body)) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  comments.push(...parsed.notes);
  const credentials = withoutCredentialParameters(path);
  path = credentials.path;
  if (credentials.note) comments.push(credentials.note);
  const request: CurlRequest = { title: `${method} ${path.split('?')[0]}`, comments, method, path, headers, authorization: isSugarAuthPath(path) };
  // A login's body holds a password: never kept, not even in a comment.
  if (body !== undefined && !request.authorization) {
    const credentials = withoutCredentialValues(prettyBody(body));
    request.body = credentials.body;
    if (credentials.note) comments.push(credentials.note);
  }
  return request;
}

/** The request as `.sugar` text; for Sugar's own authorization, only a comment saying why there is no request. */
export function curlToSugar(text: string): string {
  const request = curlToRequest(text);
  if (!request.authorization) return writeRequestBlock(request);
  return `# ${request.method} ${request.path.split('?')[0]} is Sugar's authorization: the connection logs in, refreshes and logs out\n# by itself, so the pasted command is not kept (its body would hold a password or a token).\n`;
}
