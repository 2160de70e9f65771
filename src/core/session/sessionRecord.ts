import type { SugarTarget } from '../sugar/client';
import type { ConnectionDetails } from './connection';
import type { StoredSession } from './storedSession';

/**
 * A session belongs to the instance, OAuth client and platform it was issued for: its tokens go
 * there and nowhere else, whatever the profile says now. The profile still supplies what does not
 * change whom the token is shown to: the API version (on the same instance), the client secret of
 * the same client, the network settings.
 */
export interface SessionTargetIdentity {
  instanceUrl: string;
  clientId: string;
  platform: string;
}

export function identityOf(session: StoredSession): SessionTargetIdentity {
  return { instanceUrl: session.instanceUrl, clientId: session.clientId, platform: session.platform };
}

/** A session stored before targets were recorded: bound to the profile's target at first use. */
export function isUnbound(session: StoredSession): boolean {
  return session.instanceUrl === '' && session.clientId === '' && session.platform === '';
}

export function bindToConnection(session: StoredSession, connection: ConnectionDetails): StoredSession {
  const { instanceUrl, clientId, platform, apiVersion } = connection.target;
  return { ...session, instanceUrl, clientId, platform, apiVersion: session.apiVersion || apiVersion };
}

/** What of the session's target the profile no longer matches, in words; empty when it matches. */
export function retargetedFields(connection: ConnectionDetails, session: StoredSession): string[] {
  const target = connection.target;
  const changed: string[] = [];
  if (target.instanceUrl !== session.instanceUrl) changed.push('instance URL');
  if (target.clientId !== session.clientId) changed.push('client id');
  if (target.platform !== session.platform) changed.push('platform');
  return changed;
}

/**
 * Where a session's tokens may be sent: the connection's target when it still names the same
 * instance, client and platform; undefined when the connection was edited away from them.
 */
export function requestTarget(connection: ConnectionDetails, session: StoredSession): SugarTarget | undefined {
  const target = connection.target;
  return target.instanceUrl === session.instanceUrl && target.clientId === session.clientId && target.platform === session.platform ? target : undefined;
}

/**
 * The session's own server, to end it there after the connection was edited away from it. The
 * client secret is the profile's only for the same client; the network settings are the profile's.
 */
export function originalTarget(connection: ConnectionDetails, session: StoredSession): SugarTarget {
  const target = connection.target;
  const sameInstance = target.instanceUrl === session.instanceUrl;
  return {
    ...target,
    instanceUrl: session.instanceUrl,
    clientId: session.clientId,
    platform: session.platform,
    // The profile's version is '' when its `auto` could not be resolved: the session's own then.
    apiVersion: (sameInstance && target.apiVersion) || session.apiVersion || target.apiVersion,
    clientSecret: target.clientId === session.clientId ? target.clientSecret : '',
  };
}

/**
 * The target of a session for a connection, remembered per (session, connection) pair: both are
 * replaced, never changed in place, so the answer stays right and the request path pays one
 * WeakMap lookup.
 */
export class TargetCache {
  private readonly known = new WeakMap<StoredSession, { connection: ConnectionDetails; target: SugarTarget | undefined }>();

  targetOf(connection: ConnectionDetails, session: StoredSession): SugarTarget | undefined {
    const known = this.known.get(session);
    if (known?.connection === connection) return known.target;
    const target = requestTarget(connection, session);
    this.known.set(session, { connection, target });
    return target;
  }
}
