import type { RequestFileRef } from './requestFileSearch';

// The shape of the assertion core's RequestOutcome (src/core/checks), as the reports read it.
export interface AssertionResultView {
  assertion: string;
  passed: boolean;
  actual?: unknown;
  message?: string;
}

export interface OutcomeView {
  index: number;
  name: string;
  method: string;
  path: string;
  line: number;
  status?: number;
  timeMs?: number;
  passed: boolean;
  results: AssertionResultView[];
  error?: string;
  skipped?: boolean | string;
}

/** One file's run: its requests' outcomes, or why the file itself could not be run. */
export interface FileRun {
  file: RequestFileRef;
  outcomes: OutcomeView[];
  /** The file could not be read (missing, too large): one error for the whole file. */
  error?: string;
  timeMs: number;
}

export type Verdict = 'passed' | 'failed' | 'error' | 'skipped';

/** Skipped, not sent (an error), sent and failed, or passed. */
export function verdictOf(outcome: OutcomeView): Verdict {
  if (outcome.skipped) return 'skipped';
  if (outcome.error !== undefined) return 'error';
  return outcome.passed ? 'passed' : 'failed';
}

export interface RunTotals {
  files: number;
  requests: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export function totalsOf(runs: readonly FileRun[]): RunTotals {
  const totals: RunTotals = { files: runs.length, requests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
  for (const run of runs) {
    if (run.error !== undefined) {
      totals.requests++;
      totals.errors++;
    }
    for (const outcome of run.outcomes) {
      totals.requests++;
      const verdict = verdictOf(outcome);
      if (verdict === 'passed') totals.passed++;
      else if (verdict === 'failed') totals.failed++;
      else if (verdict === 'error') totals.errors++;
      else totals.skipped++;
    }
  }
  return totals;
}
