/**
 * A request as code in the languages Sugar developers use. cURL is made by src/core/sugar/curl.ts
 * (the same line the copy commands give, with `-k` for a connection that does not verify TLS); the
 * others by httpsnippet-lite, required only when one is asked for. In the bundle it is
 * dist/httpsnippet.js, which holds just the four targets below (see esbuild.js).
 */
import type * as Snippet from 'httpsnippet-lite';
import { curlCommand } from '../sugar/curl';
import { SugarError } from '../sugar/errors';
import { checkExportable, exportHeaders, ExportConnection, ExportableRequest, ExportTarget, pathWithQuery } from './exportRequest';

export type CodeTarget = Exclude<ExportTarget, 'postman'>;

/** httpsnippet's target and client for each language (PHP: its curl extension, the one every PHP has). */
export const SNIPPET_CLIENTS = {
  php: ['php', 'curl'],
  javascript: ['javascript', 'fetch'],
  python: ['python', 'requests'],
  csharp: ['csharp', 'httpclient'],
} as const satisfies Record<Exclude<CodeTarget, 'curl'>, readonly [string, string]>;

let snippetModule: typeof Snippet | undefined;

function httpSnippet(): typeof Snippet {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  snippetModule ??= require('httpsnippet-lite') as typeof Snippet;
  return snippetModule;
}

/** The code for one request, with the connection's token text (masked unless the caller fetched the real one). */
export async function exportCode(request: ExportableRequest, connection: ExportConnection, target: CodeTarget): Promise<string> {
  const checked = checkExportable(request);
  const url = connection.baseUrl + pathWithQuery(checked);
  const headers = exportHeaders(checked, connection.token);
  if (target === 'curl') return curlCommand({ method: checked.method, url, headers, body: checked.body, insecure: connection.insecure });
  const contentType = headers.find((header) => header.name.toLowerCase() === 'content-type')?.value;
  const snippet = new (httpSnippet().HTTPSnippet)({
    method: checked.method,
    url,
    httpVersion: 'HTTP/1.1',
    headers,
    cookies: [],
    queryString: [],
    headersSize: -1,
    bodySize: -1,
    ...(checked.body !== undefined ? { postData: postDataOf(checked.body, contentType) } : {}),
  });
  const [targetId, clientId] = SNIPPET_CLIENTS[target];
  const code = await snippet.convert(targetId, clientId);
  const text = Array.isArray(code) ? code.join('\n\n') : code;
  if (!text) throw new Error(`httpsnippet made no ${target} code for this request`);
  return restoreVariables(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * The body as httpsnippet takes it. Some clients (C#) take the content type from here, not from the
 * headers, so it is the request's own. httpsnippet rebuilds a form or multipart body from
 * parameters and would empty one given as text: a form body is given as its parameters; a
 * multipart type with its boundary is not one it rebuilds, and one without cannot be sent anyway.
 */
function postDataOf(body: string, contentType: string | undefined): { mimeType: string; text: string; params?: Array<{ name: string; value: string }> } {
  if (contentType === undefined || /json/i.test(contentType)) return { mimeType: 'application/json', text: body };
  const bare = contentType.trim().toLowerCase();
  if (bare === 'application/x-www-form-urlencoded') return { mimeType: bare, text: body, params: [...new URLSearchParams(body)].map(([name, value]) => ({ name, value })) };
  if (/^multipart\/[a-z-]+$/.test(bare)) {
    throw new SugarError({ kind: 'session', explanation: 'A multipart body without a boundary cannot be exported as code: add "; boundary=…" to its Content-Type, or export it to cURL.' });
  }
  return { mimeType: contentType, text: body };
}

/**
 * A variable's name as httpsnippet encodes it: characters, or `%XX` escapes other than the braces.
 * A candidate ends at the next `%7B` or `%7D`, so the scans from successive `%7B%7B` never overlap:
 * linear (a name that could hold `%7B`, as before, made 40,000 of them take 36 seconds).
 */
const ENCODED_VARIABLE = /%7B%7B((?:[^\s"'`\\%]|%(?!7[BD])[0-9A-F]{2})*)%7D%7D/gi;

/**
 * httpsnippet parses the URL, which percent-encodes the braces of `{{variables}}`: put back as
 * written, so that the code reads like its .sugar file.
 */
export function restoreVariables(text: string): string {
  return text.replace(ENCODED_VARIABLE, (whole, name: string) => {
    try {
      return `{{${decodeURIComponent(name)}}}`;
    } catch {
      return whole;
    }
  });
}
