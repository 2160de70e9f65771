// Values only from here: the session engine and the views (in the activation bundle) import them.
import type { AnswerLimits } from './answerBody';

/** A few MB: token answers, /me, server info and /help are far smaller, and their callers need them whole. */
export const WHOLE_ANSWER_LIMIT_BYTES = 4 * 1024 * 1024;
/** Logins, refreshes and logouts run under the cross-window lock: they must end soon whatever the server does. */
export const AUTH_DEADLINE_MS = 30_000;

export interface ClientOptions {
  /** Read on every request (settings change while VS Code runs); return the same object while unchanged. */
  answerLimits?: () => AnswerLimits;
  /** The deadline of logins, refreshes and logouts; the network's total time limit if shorter. */
  authDeadlineMs?: number;
  /** The most a token answer may be. */
  tokenAnswerLimitBytes?: number;
}

/** How one call is bounded beyond the client's defaults. */
export interface CallBounds {
  deadlineMs?: number;
  purpose?: string;
  wholeAnswerLimitBytes?: number;
}

/** An answer's limits: the client's own, or (for a caller that needs it whole) a small one and no file. */
export function limitsFor(limits: AnswerLimits, request: { wholeAnswerLimitBytes?: number }, bounds: CallBounds | undefined): AnswerLimits {
  const whole = bounds?.wholeAnswerLimitBytes ?? request.wholeAnswerLimitBytes;
  if (whole === undefined) return limits;
  return { memoryBytes: Math.min(whole, limits.hardCapBytes), hardCapBytes: limits.hardCapBytes };
}
