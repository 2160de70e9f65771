/**
 * A request as code in the languages Sugar developers use. cURL is made by src/core/sugar/curl.ts
 * (the same line the copy commands give, with `-k` for a connection that does not verify TLS); the
 * others by httpsnippet-lite, required only when one is asked for. In the bundle it is
 * dist/httpsnippet.js, which holds just the four targets below (see esbuild.js).
 */
import type * as Snippet from 'httpsnippet-lite';
import { curlCommand } from '../sugar/curl';
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
    ...(checked.body !== undefined ? { postData: { mimeType: contentType ?? 'application/json', text: checked.body } } : {}),
  });
  const [targetId, clientId] = SNIPPET_CLIENTS[target];
  const code = await snippet.convert(targetId, clientId);
  const text = Array.isArray(code) ? code.join('\n\n') : code;
  if (!text) throw new Error(`httpsnippet made no ${target} code for this request`);
  return restoreVariables(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * httpsnippet parses the URL, which percent-encodes the braces of `{{variables}}`: put back as
 * written, so that the code reads like its .sugar file. Linear: each `%7D` ends a candidate.
 */
export function restoreVariables(text: string): string {
  return text.replace(/%7B%7B((?:(?!%7D)[^\s"'`\\])*)%7D%7D/gi, (whole, name: string) => {
    try {
      return `{{${decodeURIComponent(name)}}}`;
    } catch {
      return whole;
    }
  });
}
