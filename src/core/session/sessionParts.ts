import type { Clock, Logger } from '../ports';
import type { SugarApi } from '../sugar/client';
import { SugarError } from '../sugar/errors';
import type { Activity } from './activity';
import type { ConnectionResolver } from './connection';
import type { TargetCache } from './sessionRecord';
import type { SessionStore } from './sessionStore';
import type { StoredSession } from './storedSession';

/** What the session engine's parts share: built once by the engine, handed to each part. */
export interface SessionParts {
  store: SessionStore;
  activity: Activity;
  client: SugarApi;
  connections: ConnectionResolver;
  clock: Clock;
  logger: Logger;
  targets: TargetCache;
  /** A token this close to its expiry is refreshed before use rather than sent to die. */
  refreshMarginMs: number;
}

/** How a log line names a connection: by its name once resolved (never by its internal id when avoidable). */
export function connectionName(parts: SessionParts, connectionId: string): string {
  const name = parts.connections.resolved?.(connectionId)?.name;
  return name ? JSON.stringify(name) : `connection ${connectionId}`;
}

export function isExpired(parts: SessionParts, expiresAt: number, margin = parts.refreshMarginMs): boolean {
  return parts.clock.now() + margin >= expiresAt;
}

/** `connection`: how to name it (see connectionName). */
export function notLoggedIn(connection: string, session: StoredSession | undefined, damaged?: { reason: string }): SugarError {
  if (damaged) {
    return new SugarError({
      kind: 'session',
      remedy: 'none',
      explanation: `The stored session of this connection cannot be read (${damaged.reason}); forget it locally, then log in again.`,
    });
  }
  if (session?.ended) {
    return new SugarError({ kind: 'session', remedy: 'login', sessionEnded: true, explanation: session.ended.explanation });
  }
  // `sessionEnded`: there is no session, so no operation shows this as its failure.
  return new SugarError({ kind: 'session', remedy: 'login', sessionEnded: true, explanation: `Not logged in on ${connection}; log in first.` });
}

/** The session of a connection with its tokens, read from the store on first use. */
export async function requireTokens(parts: SessionParts, connectionId: string): Promise<StoredSession> {
  const session = await parts.store.ensureLoaded(connectionId);
  if (!session?.tokens) throw notLoggedIn(connectionName(parts, connectionId), session, parts.store.damaged(connectionId));
  return session;
}
