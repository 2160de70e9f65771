/**
 * Sugar keeps one session per user and platform on an instance: a login of one connection ends
 * the session of any other connection with the same instance, user and platform. What the views
 * need to warn before such a login, and to name the connection that replaced a session after it.
 */
import type { ConnectionResolver } from './connection';
import type { StoredSession } from './storedSession';

export interface SessionIdentity {
  instanceUrl: string;
  username: string;
  platform: string;
}

function normalUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}

/** Whether a login as `a` ends a session of `b` on the server (Sugar compares user names without case). */
export function sharesServerSession(a: SessionIdentity, b: SessionIdentity): boolean {
  return normalUrl(a.instanceUrl) === normalUrl(b.instanceUrl) && a.username.toLowerCase() === b.username.toLowerCase() && a.platform === b.platform;
}

/** The ended-session explanation when one of our own connections' logins replaced it. */
export function replacedExplanation(replacer: string, identity: SessionIdentity): string {
  return `The session was replaced by the login of the connection "${replacer}" (same user ${identity.username} and platform ${identity.platform} on this instance); log in again.`;
}

/**
 * The name of a loaded connection whose session, issued after `ended`'s, shares its user, platform
 * and instance: the login that ended it. Undefined when no connection of ours explains it.
 */
export async function findReplacer(
  connectionId: string,
  ended: StoredSession,
  sessions: { loadedIds(): string[]; session(id: string): StoredSession | undefined },
  connections: ConnectionResolver,
): Promise<string | undefined> {
  const issuedAt = ended.tokens?.issuedAt;
  if (issuedAt === undefined || !ended.instanceUrl) return undefined;
  for (const id of sessions.loadedIds()) {
    const other = id === connectionId ? undefined : sessions.session(id);
    if (!other?.tokens || other.tokens.issuedAt < issuedAt || !sharesServerSession(other, ended)) continue;
    const details = connections.resolved?.(id) ?? (await connections.resolve(id).catch(() => undefined));
    if (details) return details.name;
  }
  return undefined;
}
