import type { TokenAnswer } from '../sugar/client';

/** Ten years of seconds: a larger "expires in" is SugarCloud's absolute epoch time, not a duration. */
const EPOCH_THRESHOLD_SECONDS = 10 * 365 * 24 * 3600;

/** An answer's lifetime as an absolute time in ms: seconds from now, or an epoch time in seconds. */
export function expiryFromAnswer(value: number | undefined, now: number, fallbackSeconds: number): number {
  const seconds = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallbackSeconds;
  return seconds > EPOCH_THRESHOLD_SECONDS ? seconds * 1000 : now + seconds * 1000;
}

export interface StoredSudo {
  userName: string;
  accessToken: string;
  accessExpiresAt: number;
  issuedAt: number;
}

/** Who the session belongs to, from GET /me; fetched after login without delaying it. */
export interface SessionUser {
  id: string;
  userName: string;
  fullName?: string;
  isAdmin: boolean;
}

export interface ActiveTokens {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken?: string;
  refreshExpiresAt?: number;
  downloadToken?: string;
  issuedAt: number;
}

/** How a session ended without our own logout, kept so that every window can say so. */
export interface SessionEnd {
  reason: 'elsewhere' | 'refreshExpired';
  at: number;
  explanation: string;
}

/** One connection's session as kept in the secret store (one key per connection). */
export interface StoredSession {
  v: 1;
  username: string;
  platform: string;
  clientId: string;
  instanceUrl: string;
  apiVersion: string;
  tokens?: ActiveTokens;
  ended?: SessionEnd;
  user?: SessionUser;
  sudo: Record<string, StoredSudo>;
}

export function tokensFromAnswer(answer: TokenAnswer, now: number, previous?: ActiveTokens): ActiveTokens {
  return {
    accessToken: answer.access_token,
    accessExpiresAt: expiryFromAnswer(answer.expires_in, now, 3600),
    refreshToken: answer.refresh_token ?? previous?.refreshToken,
    refreshExpiresAt:
      answer.refresh_token !== undefined
        ? expiryFromAnswer(answer.refresh_expires_in, now, 1209600)
        : previous?.refreshExpiresAt,
    downloadToken: answer.download_token ?? previous?.downloadToken,
    issuedAt: now,
  };
}

export function sudoFromAnswer(userName: string, answer: TokenAnswer, now: number): StoredSudo {
  return {
    userName,
    accessToken: answer.access_token,
    accessExpiresAt: expiryFromAnswer(answer.expires_in, now, 3600),
    issuedAt: now,
  };
}

export function serializeSession(session: StoredSession): string {
  return JSON.stringify(session);
}

/** A damaged or foreign value reads as no session rather than breaking every window. */
export function parseSession(text: string | undefined): StoredSession | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<StoredSession>;
    if (value?.v !== 1 || typeof value.username !== 'string') return undefined;
    return { ...value, sudo: value.sudo ?? {} } as StoredSession;
  } catch {
    return undefined;
  }
}

/** Every credential in a session, for redaction and leak checks. */
export function secretsOf(session: StoredSession | undefined): string[] {
  if (!session) return [];
  const values = [session.tokens?.accessToken, session.tokens?.refreshToken, session.tokens?.downloadToken];
  for (const sudo of Object.values(session.sudo)) values.push(sudo.accessToken);
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}
