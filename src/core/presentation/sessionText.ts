import { hasTokens, SessionState } from '../session/sessionState';
import { formatRemaining } from './countdown';

const ACTIVITY_TEXT = { login: 'logging in…', refresh: 'refreshing…', logout: 'logging out…', sudo: 'starting sudo…' } as const;

/** "admin (admin)" once /me told us, else the user name the session logged in with. */
export function describeUser(state: SessionState): string {
  const name = state.user?.userName ?? state.username ?? '?';
  return state.user?.isAdmin ? `${name} (admin)` : name;
}

/** The connection row's description in the tree. */
export function describeSession(state: SessionState, now: number, options: { tlsUnverified?: boolean } = {}): string {
  const suffix = options.tlsUnverified ? ' · TLS unverified' : '';
  if (state.activity) return ACTIVITY_TEXT[state.activity] + suffix;
  const who = `${describeUser(state)} on ${state.platform ?? '?'}`;
  switch (state.status) {
    case 'loggedOut':
      return `logged out${suffix}`;
    case 'active':
      return `${who} · ${formatRemaining(state.accessExpiresAt!, now)}${suffix}`;
    case 'expiringSoon':
      return `${who} · expires in ${formatRemaining(state.accessExpiresAt!, now)}${suffix}`;
    case 'accessExpired':
      return `${who} · access expired, refreshable${suffix}`;
    case 'refreshExpired':
      return `session expired, log in again${suffix}`;
    case 'endedElsewhere':
      return `ended elsewhere${suffix}`;
    case 'error':
      return `error${suffix}`;
    case 'damaged':
      return `stored session damaged${suffix}`;
  }
}

/** The status bar's short form: "<name> · 59 min". */
export function statusBarText(name: string, state: SessionState, now: number): string {
  if (state.activity) return `${name} · ${ACTIVITY_TEXT[state.activity]}`;
  switch (state.status) {
    case 'active':
    case 'expiringSoon':
      return `${name} · ${formatRemaining(state.accessExpiresAt!, now)}`;
    case 'accessExpired':
      return `${name} · expired`;
    case 'refreshExpired':
      return `${name} · session expired`;
    case 'endedElsewhere':
      return `${name} · ended elsewhere`;
    case 'error':
      return state.accessExpiresAt && state.accessExpiresAt > now ? `${name} · ${formatRemaining(state.accessExpiresAt, now)} · error` : `${name} · error`;
    case 'loggedOut':
      return `${name} · logged out`;
    case 'damaged':
      return `${name} · session damaged`;
  }
}

/** Whether a state's text counts down, so the ticker must come back for it. */
export function countsDown(state: SessionState): boolean {
  return (state.status === 'active' || state.status === 'expiringSoon' || state.status === 'error') && hasTokens(state);
}

// Intl formatters are costly to build and the tree formats times for every logged-in connection;
// they are built on first use, because the first one also loads ICU data (milliseconds, at activation).
let timeFormat: Intl.DateTimeFormat | undefined;
let dayFormat: Intl.DateTimeFormat | undefined;
const DAY_MS = 86_400_000;

/** Dates beyond this are not dates (ECMAScript's limit); Intl throws on them. */
const MAX_DATE_MS = 8.64e15;

export function formatClockTime(at: number, now: number): string {
  // Expiries are clamped where tokens are read, but a time must never break a tooltip.
  if (!(Math.abs(at) <= MAX_DATE_MS) || !(Math.abs(now) <= MAX_DATE_MS)) return at > now ? 'far in the future' : 'long ago';
  timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  dayFormat ??= new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  const time = timeFormat.format(at);
  const offset = new Date(now).getTimezoneOffset() * 60_000;
  const sameDay = Math.floor((at - offset) / DAY_MS) === Math.floor((now - offset) / DAY_MS);
  return sameDay ? time : `${dayFormat.format(at)} ${time}`;
}
