import type { ApiResponse } from '../sugar/client';
import { formatJson } from './jsonText';
import { formatSize } from './sizeText';

export interface RenderedResponse {
  /** `jsonc` when the body is JSON (the header lines are comments), else `plaintext`. */
  language: 'jsonc' | 'plaintext';
  text: string;
}

export interface ResponseContext {
  method: string;
  url: string;
  sessionLabel: string;
  /** Lines about the request's `??` assertions (../checks/resultText.ts), shown under the status line. */
  checks?: string[];
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Payload Too Large',
  422: 'Unprocessable Entity', 424: 'Failed Dependency', 433: 'Client Outdated', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable',
};

export { formatSize };

/** Headers that say something about the answer; the rest stay in the log's raw view. */
function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name]) => !/^(set-cookie)$/i.test(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}: ${value}`);
}

/**
 * The response tab: status, time, size and headers first (as comments, so the document is still
 * valid JSONC), then the pretty-printed body. An error adds the explanation above the raw body.
 */
export function renderResponse(response: ApiResponse, context: ResponseContext): RenderedResponse {
  const status = `${response.status} ${REASONS[response.status] ?? ''}`.trim();
  const top = [
    `${context.method} ${context.url}`,
    `${status} · ${Math.round(response.timeMs)} ms · ${formatSize(response.sizeBytes)} · as ${context.sessionLabel}`,
  ];
  if (response.error) top.push(`⚠ ${response.error.message}`);
  if (context.checks && context.checks.length > 0) top.push('', ...context.checks);
  top.push('', ...headerLines(response.headers));
  if (response.isJson) {
    const comment = top.map((line) => (line ? `// ${line}` : '//')).join('\n');
    return { language: 'jsonc', text: `${comment}\n${formatJson(response.json, 2)}\n` };
  }
  const rule = '-'.repeat(60);
  return { language: 'plaintext', text: `${top.join('\n')}\n${rule}\n${response.text}` };
}
