/**
 * One file's requests, sent through the runner's context. TEMPORARY until the assertion core
 * (src/core/checks) is merged: it sends each request and passes it on a status below 400.
 */
import { parseRequestFile, substituteVariables, variablesFromResponse } from '../core/explore/requestFile';
import { normalizeRequestPath } from '../core/explore/requestPath';
import type { CliContext } from './cliContext';
import type { OutcomeView } from './fileRun';

export interface FileRequestOptions {
  signal: AbortSignal;
  onOutcome(outcome: OutcomeView): void;
}

export async function runFileRequests(context: CliContext, text: string, options: FileRequestOptions): Promise<OutcomeView[]> {
  const outcomes: OutcomeView[] = [];
  let previous: unknown;
  for (const [index, request] of parseRequestFile(text).entries()) {
    const base = { index, name: request.title ?? `${request.method} ${request.path}`, method: request.method, path: request.path, line: request.startLine, results: [] };
    let outcome: OutcomeView;
    if (options.signal.aborted) outcome = { ...base, passed: false, skipped: 'interrupted' };
    else if (request.errors.length > 0) outcome = { ...base, passed: false, error: request.errors[0] };
    else {
      try {
        const variables = variablesFromResponse(previous);
        const path = normalizeRequestPath(substituteVariables(request.path, variables).text);
        const body = request.body === undefined ? undefined : substituteVariables(request.body, variables).text;
        const response = await context.request(context.sessionFor(request.connection?.sudoUser), { method: request.method, path, headers: request.headers, body }, options.signal);
        if (response.isJson) previous = response.json;
        outcome = { ...base, status: response.status, timeMs: response.timeMs, passed: response.status < 400 };
      } catch (error) {
        outcome = { ...base, passed: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    outcomes.push(outcome);
    options.onOutcome(outcome);
  }
  return outcomes;
}
