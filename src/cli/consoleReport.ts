/**
 * What the runner prints on stdout: a line per file, a line per request, a line per failed
 * assertion with its actual value, and a summary. Every text from a file or a server goes
 * through `redact` (secrets) and terminalLine (escape sequences), in that order.
 */
import { type FileRun, type OutcomeView, type RunTotals, verdictOf } from './fileRun';
import { describeValue, terminalLine } from './safeText';

const MARKS = { passed: '✓', failed: '✗', error: '!', skipped: '-' } as const;

export class ConsoleReport {
  constructor(
    private readonly write: (text: string) => void,
    private readonly redact: (text: string) => string,
  ) {}

  /** Redacted first, then cut: a secret is never cut in two, half of it shown. */
  private line(indent: string, text: string, max = 2000): void {
    this.write(`${indent}${terminalLine(this.redact(text), max)}\n`);
  }

  fileStarted(display: string): void {
    this.line('', display);
  }

  fileFailed(run: FileRun): void {
    this.line('  ', `${MARKS.error} ${run.error ?? ''}`);
  }

  outcome(outcome: OutcomeView): void {
    const verdict = verdictOf(outcome);
    const parts = [`${MARKS[verdict]} ${terminalLine(this.redact(outcome.name), 200)}`];
    if (outcome.status !== undefined) parts.push(String(outcome.status));
    if (outcome.timeMs !== undefined) parts.push(`${Math.round(outcome.timeMs)} ms`);
    if (verdict === 'error') parts.push(`not sent: ${outcome.error}`);
    if (verdict === 'skipped') parts.push(typeof outcome.skipped === 'string' ? `skipped: ${outcome.skipped}` : 'skipped');
    this.line('  ', parts.join('  '));
    for (const result of outcome.results) {
      if (result.passed) continue;
      const actual = terminalLine(this.redact(describeValue(result.actual)), 300);
      this.line('      ', `✗ ${result.assertion}  (actual: ${actual})${result.message ? `  ${result.message}` : ''}`);
    }
  }

  summary(totals: RunTotals, elapsedMs: number, interrupted?: string): void {
    const counts = [`${totals.passed} passed`, `${totals.failed} failed`];
    if (totals.errors > 0) counts.push(`${totals.errors} not sent`);
    if (totals.skipped > 0) counts.push(`${totals.skipped} skipped`);
    const requests = `${totals.requests} request${totals.requests === 1 ? '' : 's'} in ${totals.files} file${totals.files === 1 ? '' : 's'}`;
    const ending = interrupted ? `; interrupted by ${interrupted}` : '';
    this.write(`\n${requests}: ${counts.join(', ')} (${(elapsedMs / 1000).toFixed(1)} s)${ending}\n`);
  }
}
