/**
 * Runs the requests of a `.sugar` file in order and checks their assertions: what the Run All
 * command, the Testing view and the command-line runner share. It sends nothing itself: `deps.send`
 * does, through whatever session the caller uses, so no auth is re-implemented here.
 */

import type { FileRequest } from '../explore/requestFile';
import { missingVariablesSentence, resolveRequest } from '../explore/requestResolution';
import { normalizeRequestPath } from '../explore/requestPath';
import { type AssertionResult, type CheckedResponse, evaluateAssertions } from './evaluate';

export interface RequestOutcome {
  /** Its index among the file's requests. */
  index: number;
  /** Its title, else "METHOD path". */
  name: string;
  method: string;
  path: string;
  /** 0-based line of its request line. */
  line: number;
  status?: number;
  timeMs?: number;
  passed: boolean;
  results: AssertionResult[];
  /** Why it could not be sent (a problem in the file, a missing {{variable}}) or failed in transport. */
  error?: string;
  /** Not sent: the run was cancelled before its turn. */
  skipped?: boolean;
}

export interface ResolvedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FileRunDeps {
  send(request: FileRequest, resolved: ResolvedRequest, signal: AbortSignal): Promise<CheckedResponse>;
}

export interface FileRunOptions {
  signal?: AbortSignal;
  /** Indexes of the requests to run (the others are neither sent nor reported); all by default. */
  only?: number[];
  /** Called as each request's outcome is known (skipped ones too), in order. */
  onOutcome?: (outcome: RequestOutcome) => void;
  /** The file's `@name = value` definitions (parseFileVariables), filled in before the previous answer's values. */
  fileVariables?: ReadonlyMap<string, string>;
  /** The JSON answer `{{variables}}` start from (as sending one by one keeps it); none by default. */
  previousResponse?: unknown;
}

/** Title, else "METHOD path". */
export function requestName(request: FileRequest): string {
  return request.title ?? `${request.method} ${request.path}`.trim();
}

/**
 * What a test of a request means: every assertion passed or, for a request without assertions,
 * that it got an answer below 400 (it was sent, and the server accepted it). A request that could
 * not be sent fails with `error`; nothing here throws for a request.
 */
export async function runRequestFile(requests: FileRequest[], deps: FileRunDeps, options: FileRunOptions = {}): Promise<RequestOutcome[]> {
  const signal = options.signal ?? new AbortController().signal;
  const wanted = options.only ? new Set(options.only) : undefined;
  const outcomes: RequestOutcome[] = [];
  // As sending one by one: {{variables}} come from the file's definitions, then the latest JSON
  // answer (a non-JSON answer keeps the previous one).
  const fileVariables = options.fileVariables ?? new Map<string, string>();
  let previous = options.previousResponse;
  for (const [index, request] of requests.entries()) {
    if (wanted && !wanted.has(index)) continue;
    const outcome: RequestOutcome = { index, name: requestName(request), method: request.method, path: request.path, line: request.startLine, passed: false, results: [] };
    if (signal.aborted) outcome.skipped = true;
    else {
      const json = await runOne(request, fileVariables, previous, deps, signal, outcome);
      if (json !== undefined) previous = json;
    }
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  }
  return outcomes;
}

/** Sends one request and fills its outcome; returns its JSON answer (for the next requests' variables). */
async function runOne(request: FileRequest, fileVariables: ReadonlyMap<string, string>, previous: unknown, deps: FileRunDeps, signal: AbortSignal, outcome: RequestOutcome): Promise<unknown> {
  if (request.errors.length > 0) {
    outcome.error = request.errors[0];
    return undefined;
  }
  const { missing, ...filled } = resolveRequest(request, fileVariables, previous);
  if (missing.length > 0) {
    outcome.error = missingVariablesSentence(missing);
    return undefined;
  }
  const resolved: ResolvedRequest = { ...filled, path: normalizeRequestPath(filled.path) };
  let response: CheckedResponse;
  try {
    response = await deps.send(request, resolved, signal);
  } catch (error) {
    // Cancelled while in flight: not a failure of the request, and nothing after it is sent.
    if (signal.aborted) outcome.skipped = true;
    else outcome.error = error instanceof Error ? error.message : String(error);
    return undefined;
  }
  Object.assign(outcome, answeredOutcome(request, outcome.index, response));
  return response.json;
}

/**
 * The outcome of a request that got an answer (a single send builds it too, with the results it
 * already evaluated for the response tab).
 */
export function answeredOutcome(request: FileRequest, index: number, response: CheckedResponse, results = evaluateAssertions(request.assertions, response)): RequestOutcome {
  return {
    index,
    name: requestName(request),
    method: request.method,
    path: request.path,
    line: request.startLine,
    status: response.status,
    timeMs: response.timeMs,
    results,
    passed: request.assertions.length > 0 ? results.every((result) => result.passed) : response.status < 400,
  };
}

export interface RequestSummary {
  name: string;
  status?: number;
  passed: boolean;
  failures: Array<{ assertion: string; actual: string }>;
  /** Why it was not sent or got no answer. */
  error?: string;
  skipped?: boolean;
}

/** What `sugar.runRequestFile` returns per request. A request without assertions that failed reads as `status < 400`. */
export function summaryOf(outcome: RequestOutcome): RequestSummary {
  const failures = outcome.results.filter((result) => !result.passed).map((result) => ({ assertion: result.assertion.text, actual: result.actual }));
  if (!outcome.passed && outcome.results.length === 0 && outcome.status !== undefined) failures.push({ assertion: 'status < 400', actual: String(outcome.status) });
  const summary: RequestSummary = { name: outcome.name, passed: outcome.passed, failures };
  if (outcome.status !== undefined) summary.status = outcome.status;
  if (outcome.error !== undefined) summary.error = outcome.error;
  if (outcome.skipped) summary.skipped = true;
  return summary;
}
