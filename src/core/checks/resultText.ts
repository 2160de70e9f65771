/** How assertion results read where they are shown: beside their lines, and above a response's body. */

import type { AssertionSubject } from './assertion';
import type { AssertionResult } from './evaluate';
import type { RequestOutcome } from './fileRunner';

function subjectText(subject: AssertionSubject): string {
  switch (subject.kind) {
    case 'header':
      return `header ${subject.name}`;
    case 'body':
      return subject.path === '' ? 'body' : `body ${subject.path}`;
    default:
      return subject.kind;
  }
}

/** Beside an assertion line: `✓ passed`, or `✗ status was 404`. */
export function resultLabel(result: AssertionResult): string {
  return result.passed ? '✓ passed' : `✗ ${subjectText(result.assertion.subject)} was ${result.actual}`;
}

/** Beside a request line after a run: what its test came to. */
export function outcomeLabel(outcome: RequestOutcome): string {
  if (outcome.skipped) return '○ skipped (the run was cancelled)';
  if (outcome.error !== undefined) return `✗ not sent: ${outcome.error}`;
  const status = outcome.status === undefined ? '' : ` · ${outcome.status}`;
  const total = outcome.results.length;
  if (total === 0) return outcome.passed ? `✓ answered${status}` : `✗ failed${status} (no assertions: a test without them needs an answer below 400)`;
  const failed = outcome.results.filter((result) => !result.passed).length;
  return failed === 0 ? `✓ ${total} passed${status}` : `✗ ${failed} of ${total} failed${status}`;
}

/** Above a response's body (as comments there): a summary line, then one line per assertion. */
export function assertionLines(results: AssertionResult[]): string[] {
  if (results.length === 0) return [];
  const failed = results.filter((result) => !result.passed).length;
  const head = failed === 0 ? `Assertions: all ${results.length} passed` : `Assertions: ${failed} of ${results.length} failed`;
  return [head, ...results.map((result) => (result.passed ? `✓ ${result.assertion.text}` : `✗ ${result.message}`))];
}

/** After a run: `3 of 4 requests passed` (skipped ones named apart). */
export function runSummary(outcomes: RequestOutcome[]): string {
  const skipped = outcomes.filter((outcome) => outcome.skipped).length;
  const passed = outcomes.filter((outcome) => outcome.passed).length;
  const ran = outcomes.length - skipped;
  return `${passed} of ${ran} request${ran === 1 ? '' : 's'} passed${skipped > 0 ? `, ${skipped} skipped (cancelled)` : ''}`;
}
