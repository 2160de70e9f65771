/**
 * JUnit XML as CI servers read it (GitHub, GitLab, Jenkins, Azure): one <testsuite> per file, one
 * <testcase> per request (classname = the file's path), <failure> with the failed assertions and
 * their actual values, <error> for a request that could not be sent, <skipped/>. Every text is
 * redacted, then escaped (xmlText/xmlAttribute); the file is written to a temporary name and
 * renamed, so a CI step never reads half a report.
 */
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { type FileRun, type OutcomeView, totalsOf, verdictOf } from './fileRun';
import { describeValue, xmlAttribute, xmlText } from './safeText';

/** What an attribute holds at most (a failure's message); the element's text holds the rest. */
const MAX_ATTRIBUTE = 500;
const MAX_ACTUAL = 2000;

type Redact = (text: string) => string;

function attribute(redact: Redact, text: string, max = MAX_ATTRIBUTE): string {
  const clean = redact(text);
  return xmlAttribute(clean.length > max ? `${clean.slice(0, max)}…` : clean);
}

function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

function testcase(redact: Redact, run: FileRun, outcome: OutcomeView): string {
  const open = `    <testcase name="${attribute(redact, outcome.name)}" classname="${attribute(redact, run.file.display)}" time="${seconds(outcome.timeMs)}" file="${attribute(redact, run.file.display)}" line="${outcome.line + 1}"`;
  const verdict = verdictOf(outcome);
  if (verdict === 'passed') return `${open}/>`;
  if (verdict === 'skipped') return `${open}>\n      <skipped${typeof outcome.skipped === 'string' ? ` message="${attribute(redact, outcome.skipped)}"` : ''}/>\n    </testcase>`;
  if (verdict === 'error') {
    const message = outcome.error ?? 'The request could not be sent.';
    return `${open}>\n      <error message="${attribute(redact, message)}" type="RequestNotSent">${xmlText(redact(`${outcome.method} ${outcome.path}\n${message}`))}</error>\n    </testcase>`;
  }
  const failed = outcome.results.filter((result) => !result.passed);
  const lines = failed.map((result) => {
    const actual = redact(describeValue(result.actual));
    return `✗ ${result.assertion} (actual: ${actual.length > MAX_ACTUAL ? `${actual.slice(0, MAX_ACTUAL)}…` : actual})${result.message ? ` ${result.message}` : ''}`;
  });
  const status = outcome.status === undefined ? '' : `HTTP ${outcome.status}`;
  const message =
    failed.length === 0
      ? `The request failed${status ? ` (${status})` : ''}.`
      : failed.length === 1
        ? `${failed[0].assertion} (actual: ${describeValue(failed[0].actual)})`
        : `${failed.length} assertions failed: ${failed.map((result) => result.assertion).join('; ')}`;
  const body = [`${outcome.method} ${outcome.path}${status ? ` → ${status}` : ''}`, ...lines].join('\n');
  return `${open}>\n      <failure message="${attribute(redact, message)}" type="AssertionFailed">${xmlText(redact(body))}</failure>\n    </testcase>`;
}

function testsuite(redact: Redact, run: FileRun): string {
  const totals = totalsOf([run]);
  const open = `  <testsuite name="${attribute(redact, run.file.display)}" tests="${totals.requests}" failures="${totals.failed}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(run.timeMs)}" file="${attribute(redact, run.file.display)}">`;
  const cases = run.outcomes.map((outcome) => testcase(redact, run, outcome));
  if (run.error !== undefined) {
    // A file that could not be read is one case that errs: CI views show cases, rarely a suite's own errors.
    cases.unshift(`    <testcase name="${attribute(redact, run.file.display)}" classname="${attribute(redact, run.file.display)}" time="0.000">\n      <error message="${attribute(redact, run.error)}" type="FileNotRun">${xmlText(redact(run.error))}</error>\n    </testcase>`);
  }
  return [open, ...cases, '  </testsuite>'].join('\n');
}

/** The whole report; `redact` masks the runner's known secrets (see CliContext.redact). */
export function junitXml(runs: readonly FileRun[], elapsedMs: number, redact: Redact): string {
  const totals = totalsOf(runs);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sugar-rest" tests="${totals.requests}" failures="${totals.failed}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(elapsedMs)}">`,
    ...runs.map((run) => testsuite(redact, run)),
    '</testsuites>',
    '',
  ].join('\n');
}

/** Written beside the target and renamed over it: readers see the old report or the new one, whole. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text, { encoding: 'utf8', mode: 0o644 });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}
