/**
 * `?? … matches <pattern>` applies a pattern from a file to a value from a server. JavaScript's
 * regular expressions backtrack: `^(a+)+$` on 30 characters already takes seconds, and on the
 * extension host's one thread a match that never ends would freeze every extension. V8 can stop a
 * running match only through vm's execution timeout, so each match runs as a tiny script with one.
 */
import * as vm from 'node:vm';

/** Longer than any sane pattern needs on the 64 KB a match reads (MATCH_LIMIT_CHARS). */
export const MATCH_TIME_LIMIT_MS = 100;

/** A match stopped at its time limit: the assertion fails and says so. */
export class MatchTimeout extends Error {
  constructor() {
    super(`the pattern ran longer than ${MATCH_TIME_LIMIT_MS} ms and was stopped`);
  }
}

// One context and one compiled script for every match: making a context costs about a millisecond.
let context: vm.Context | undefined;
let script: vm.Script | undefined;

export function boundedTest(pattern: RegExp, text: string): boolean {
  context ??= vm.createContext(Object.create(null) as object);
  script ??= new vm.Script('pattern.test(text) === true');
  context.pattern = pattern;
  context.text = text;
  try {
    return script.runInContext(context, { timeout: MATCH_TIME_LIMIT_MS }) === true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new MatchTimeout();
    throw error;
  } finally {
    // Nothing of the answer stays reachable from the shared context.
    context.pattern = undefined;
    context.text = undefined;
  }
}
