/**
 * What the Testing view shows for a request's outcome: passed, failed (with each failing
 * assertion's message, line, actual value and, for `==`, the expected value to diff against),
 * errored (one sentence: why it could not be sent or got no answer) or skipped. Pure, so that
 * the mapping is tested without VS Code; testRun.ts turns verdicts into TestRun calls.
 */
import { ACTUAL_LIMIT_CHARS, type AssertionResult } from '../checks/evaluate';
import type { RequestOutcome } from '../checks/fileRunner';
import { shortJson } from '../checks/shortJson';

export interface TestFailure {
  /** One sentence, e.g. "expected status == 200, was 404". */
  message: string;
  /** 0-based line of the failing assertion (the request line when the request has none). */
  line: number;
  actual: string;
  /** Only where a diff means something: an equality with a value written in the file. */
  expected?: string;
}

export type TestVerdict =
  | { kind: 'passed'; durationMs?: number }
  | { kind: 'failed'; durationMs?: number; failures: TestFailure[] }
  | { kind: 'errored'; durationMs?: number; message: string; line: number }
  | { kind: 'skipped' };

/** The expected side of a diff, in the same short JSON-ish form as `actual` (so equal values read the same). */
function expectedOf(result: AssertionResult): string | undefined {
  const { operator, expected } = result.assertion;
  if (operator !== '==' || expected === undefined) return undefined;
  return shortJson(expected, ACTUAL_LIMIT_CHARS);
}

const durationOf = (outcome: RequestOutcome): number | undefined => (outcome.timeMs === undefined ? undefined : Math.round(outcome.timeMs));

export function verdictOf(outcome: RequestOutcome): TestVerdict {
  if (outcome.skipped) return { kind: 'skipped' };
  const durationMs = durationOf(outcome);
  if (outcome.error !== undefined) return { kind: 'errored', durationMs, message: outcome.error, line: outcome.line };
  if (outcome.passed) return { kind: 'passed', durationMs };
  const failures: TestFailure[] = outcome.results
    .filter((result) => !result.passed)
    .map((result) => {
      const failure: TestFailure = { message: result.message, line: result.assertion.line, actual: result.actual };
      const expected = expectedOf(result);
      if (expected !== undefined) failure.expected = expected;
      return failure;
    });
  // A request without assertions fails when the server refused it (status 400 or more).
  if (failures.length === 0) {
    const status = outcome.status === undefined ? 'no status' : String(outcome.status);
    failures.push({ message: `expected an accepted answer (status < 400), was ${status}`, line: outcome.line, actual: status });
  }
  return { kind: 'failed', durationMs, failures };
}

const MARKS: Record<TestVerdict['kind'], string> = { passed: '✔', failed: '✘', errored: '⚠', skipped: '–' };

/** One line of the run's output (and, for Debug, of the log) per request. */
export function outcomeLine(outcome: RequestOutcome, verdict: TestVerdict = verdictOf(outcome)): string {
  const head = `${MARKS[verdict.kind]} ${outcome.name}`;
  const answer = outcome.status === undefined ? '' : ` → ${outcome.status}${outcome.timeMs === undefined ? '' : ` in ${Math.round(outcome.timeMs)} ms`}`;
  switch (verdict.kind) {
    case 'skipped':
      return `${head}: skipped (the run was cancelled)`;
    case 'errored':
      return `${head}: ${verdict.message}`;
    case 'passed':
      return `${head}${answer}: ${outcome.results.length === 0 ? 'answered' : `${outcome.results.length} of ${outcome.results.length} checks passed`}`;
    case 'failed':
      return `${head}${answer}: ${verdict.failures.map((failure) => failure.message).join('; ')}`;
  }
}
