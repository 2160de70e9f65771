import type { TokenAnswer } from '../sugar/client';
import { SugarError } from '../sugar/errors';
import type { ActiveTokens, StoredSudo } from './storedSession';

/**
 * A token answer is the server's word, and the server may be broken or hostile: every token is
 * checked before it is kept (it goes into headers and the log's mask), every lifetime is brought
 * into sane bounds. A malformed answer is an explained error and nothing of it is kept.
 */

export const MAX_TOKEN_CHARS = 4096;
/** Printable ASCII without spaces: what can travel in a header. Sugar's tokens are UUID-like. */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

export function isTokenText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TOKEN_CHARS && TOKEN_CHARACTERS.test(value);
}

/** Ten years of seconds: a larger "expires in" is SugarCloud's absolute epoch time, not a duration. */
const EPOCH_THRESHOLD_SECONDS = 10 * 365 * 24 * 3600;
const DAY_SECONDS = 24 * 3600;
/** Lifetimes are kept within these bounds whatever the server says (seconds). */
export const LIFETIME_BOUNDS = {
  minSeconds: 10,
  maxAccessSeconds: 30 * DAY_SECONDS,
  maxRefreshSeconds: 365 * DAY_SECONDS,
} as const;

/**
 * An answer's lifetime as an absolute time in ms: seconds from now, or an epoch time in seconds;
 * always between `now + 10 s` and `now + maxSeconds`, so that a date can always be shown.
 */
export function expiryFromAnswer(value: unknown, now: number, fallbackSeconds: number, maxSeconds: number = LIFETIME_BOUNDS.maxAccessSeconds): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,20}(\.\d{1,9})?$/.test(value) ? Number(value) : NaN;
  const seconds = Number.isNaN(number) ? fallbackSeconds : number;
  const at = seconds > EPOCH_THRESHOLD_SECONDS ? seconds * 1000 : now + seconds * 1000;
  return Math.min(Math.max(at, now + LIFETIME_BOUNDS.minSeconds * 1000), now + maxSeconds * 1000);
}

type Operation = 'login' | 'refresh' | 'sudo';

function malformed(operation: Operation, what: string): SugarError {
  return new SugarError({
    kind: 'http',
    remedy: 'openLog',
    explanation: `The instance answered the ${operation} with ${what}; the answer was not used${operation === 'refresh' ? ' and the previous tokens are kept' : ''}.`,
  });
}

const FIELD_NAMES: Record<string, string> = { access_token: 'an access token', refresh_token: 'a refresh token', download_token: 'a download token' };

function tokenOf(answer: Record<string, unknown>, field: string, operation: Operation): string | undefined {
  const value = answer[field];
  // A missing or empty refresh or download token means "none sent": it must not replace a live one.
  if (value === undefined || value === null || value === '') return undefined;
  if (!isTokenText(value)) {
    throw malformed(operation, `${FIELD_NAMES[field] ?? field} that cannot be a token (not printable text without spaces, or longer than ${MAX_TOKEN_CHARS} characters)`);
  }
  return value;
}

function accessTokenOf(answer: TokenAnswer, operation: Operation): string {
  const token = tokenOf(answer as unknown as Record<string, unknown>, 'access_token', operation);
  if (!token) throw malformed(operation, 'no access token');
  return token;
}

export function tokensFromAnswer(answer: TokenAnswer, now: number, previous?: ActiveTokens): ActiveTokens {
  const operation: Operation = previous ? 'refresh' : 'login';
  const fields = answer as unknown as Record<string, unknown>;
  const accessToken = accessTokenOf(answer, operation);
  const refreshToken = tokenOf(fields, 'refresh_token', operation);
  const downloadToken = tokenOf(fields, 'download_token', operation);
  return {
    accessToken,
    accessExpiresAt: expiryFromAnswer(fields.expires_in, now, 3600),
    refreshToken: refreshToken ?? previous?.refreshToken,
    refreshExpiresAt:
      refreshToken !== undefined
        ? expiryFromAnswer(fields.refresh_expires_in, now, 1209600, LIFETIME_BOUNDS.maxRefreshSeconds)
        : previous?.refreshExpiresAt,
    downloadToken: downloadToken ?? previous?.downloadToken,
    issuedAt: now,
  };
}

export function sudoFromAnswer(userName: string, answer: TokenAnswer, now: number): StoredSudo {
  return {
    userName,
    accessToken: accessTokenOf(answer, 'sudo'),
    accessExpiresAt: expiryFromAnswer((answer as unknown as Record<string, unknown>).expires_in, now, 3600),
    issuedAt: now,
  };
}
