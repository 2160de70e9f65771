import type { SugarError } from '../sugar/errors';
import type { SessionUser, StoredSession } from './storedSession';

export type SessionStatus =
  | 'loggedOut'
  | 'active'
  | 'expiringSoon'
  | 'accessExpired' // refreshable: the next use refreshes it
  | 'refreshExpired'
  | 'endedElsewhere'
  | 'error'
  | 'damaged'; // the stored record cannot be read: only forgetting it locally helps

export type SessionActivity = 'login' | 'refresh' | 'logout' | 'sudo';

export interface SudoState {
  /** `<connection id>/sudo/<user name>`: what commands take to act as that user. */
  id: string;
  userName: string;
  accessExpiresAt: number;
  expired: boolean;
}

/** What the tree and the status bar render; derived from the stored session and the clock. */
export interface SessionState {
  connectionId: string;
  status: SessionStatus;
  username?: string;
  platform?: string;
  /** The API version the session logged in with. */
  apiVersion?: string;
  user?: SessionUser;
  accessExpiresAt?: number;
  refreshExpiresAt?: number;
  sudo: SudoState[];
  /** Set with status 'error' and 'endedElsewhere': the explained reason. */
  error?: SugarError;
  /** With status 'damaged': what is wrong with the stored record. */
  damagedReason?: string;
  /** The explanation of how the session ended, when it did. */
  endedExplanation?: string;
  activity?: SessionActivity;
}

export interface StateThresholds {
  /** Below this much time left, the access token is "expiring soon". */
  expiringSoonMs: number;
}

/** Whether the session holds tokens (whatever their expiry): what "logged in" means to the views. */
export function hasTokens(state: SessionState): boolean {
  return state.accessExpiresAt !== undefined;
}

export function sudoSessionId(connectionId: string, userName: string): string {
  return `${connectionId}/sudo/${encodeURIComponent(userName)}`;
}

export interface SessionRef {
  connectionId: string;
  sudoUser?: string;
}

/** Accepts a connection id or a sudo session id. */
export function parseSessionRef(id: string): SessionRef {
  const marker = id.indexOf('/sudo/');
  if (marker < 0) return { connectionId: id };
  return { connectionId: id.slice(0, marker), sudoUser: decodeURIComponent(id.slice(marker + '/sudo/'.length)) };
}

export function deriveState(
  connectionId: string,
  session: StoredSession | undefined,
  now: number,
  thresholds: StateThresholds,
  lastError?: SugarError,
  activity?: SessionActivity,
): SessionState {
  const base: SessionState = {
    connectionId,
    status: 'loggedOut',
    username: session?.username,
    platform: session?.platform,
    apiVersion: session?.apiVersion,
    user: session?.user,
    sudo: [],
    activity,
  };
  if (session?.ended) {
    return { ...base, status: session.ended.reason === 'elsewhere' ? 'endedElsewhere' : 'refreshExpired', endedExplanation: session.ended.explanation, error: lastError };
  }
  const tokens = session?.tokens;
  if (!session || !tokens) {
    return lastError ? { ...base, status: 'error', error: lastError } : base;
  }
  const withTokens: SessionState = {
    ...base,
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt,
    sudo: Object.values(session.sudo)
      .map((sudo) => ({
        id: sudoSessionId(connectionId, sudo.userName),
        userName: sudo.userName,
        accessExpiresAt: sudo.accessExpiresAt,
        expired: sudo.accessExpiresAt <= now,
      }))
      .sort((a, b) => a.userName.localeCompare(b.userName)),
  };
  if (lastError) return { ...withTokens, status: 'error', error: lastError };
  const accessLeft = tokens.accessExpiresAt - now;
  if (accessLeft > thresholds.expiringSoonMs) return { ...withTokens, status: 'active' };
  if (accessLeft > 0) return { ...withTokens, status: 'expiringSoon' };
  if (tokens.refreshToken && (tokens.refreshExpiresAt ?? Infinity) > now) return { ...withTokens, status: 'accessExpired' };
  return { ...withTokens, status: 'refreshExpired' };
}
