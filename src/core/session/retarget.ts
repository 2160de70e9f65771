import type { Disposable } from '../ports';
import type { SugarTarget } from '../sugar/client';
import { SugarError, isCancellation } from '../sugar/errors';
import type { ConnectionDetails } from './connection';
import { tellServerLogout } from './serverLogout';
import { SessionParts, isExpired } from './sessionParts';
import { SessionTargetIdentity, bindToConnection, identityOf, isUnbound, originalTarget, requestTarget, retargetedFields } from './sessionRecord';
import { SingleFlight } from './singleFlight';
import type { StoredSession } from './storedSession';

/** A session ended because its connection was edited to another instance, client or platform. */
export interface Retirement {
  connectionId: string;
  /** Where the session was issued: it was ended there, never sent to the new target. */
  from: SessionTargetIdentity;
  /** Which of instance URL, client id and platform changed. */
  changed: string[];
  /** False when its server could not be told: the session was only forgotten here. */
  endedOnServer: boolean;
  /** One sentence for the user. */
  explanation: string;
}

/**
 * Keeps sessions on their own target. A session is bound to the instance, client and platform
 * it was issued for; once the connection names another one, the session is ended on its own
 * server (or forgotten here when that cannot be reached) and the user is told, and its tokens
 * are never sent to the new target.
 */
export class Retargeting {
  private readonly retirements = new SingleFlight<Retirement | undefined>();
  private readonly listeners = new Set<(retirement: Retirement) => void>();

  constructor(private readonly parts: SessionParts) {}

  onDidRetire(listener: (retirement: Retirement) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Where this session's tokens may go for this connection. A session stored before targets were
   * recorded is bound to the connection's target now. When the connection was edited away from
   * the session's target, the session's retirement starts and this throws, explained.
   */
  targetOf(connectionId: string, connection: ConnectionDetails, session: StoredSession): SugarTarget {
    if (isUnbound(session)) session = this.bind(connectionId, connection, session);
    const target = this.parts.targets.targetOf(connection, session);
    if (target) return target;
    // Not awaited: the caller may hold the lock that the retirement needs.
    void this.retire(connectionId);
    // Ended, not failed: no operation shows it as its error; the retirement says what happened.
    throw new SugarError({
      kind: 'session',
      remedy: 'login',
      sessionEnded: true,
      explanation: `This connection's ${retargetedFields(connection, session).join(' and ')} changed since the login, so its session is not sent there; it is being ended on ${session.instanceUrl}. Log in again.`,
    });
  }

  /** Checks a connection after its profile changed; resolves with the retirement if one ran. */
  async reconcile(connectionId: string): Promise<Retirement | undefined> {
    const session = this.parts.store.session(connectionId);
    if (!session?.tokens || isUnbound(session)) return undefined;
    try {
      const connection = await this.identify(connectionId);
      if (requestTarget(connection, session)) return undefined;
    } catch {
      // A deleted connection is forgotten by its own command; one that cannot be resolved sends nothing.
      return undefined;
    }
    return this.retire(connectionId);
  }

  /** Ends the session on its own server under the lock, then forgets it; one at a time per connection. */
  retire(connectionId: string, signal?: AbortSignal): Promise<Retirement | undefined> {
    return this.retirements.run(connectionId, () =>
      this.parts.activity.track(connectionId, 'logout', async () => {
        const connection = await this.identify(connectionId, signal);
        const retirement = await this.parts.store.underLock(connectionId, signal, async () => {
          const latest = await this.parts.store.reread(connectionId);
          if (!latest?.tokens || isUnbound(latest) || requestTarget(connection, latest)) return undefined;
          const outcome = await this.endOnOwnServer(connection, latest, signal);
          await this.parts.store.forgetHoldingLock(connectionId);
          this.parts.activity.clearErrors(connectionId);
          return this.describe(connectionId, connection, latest, outcome);
        });
        if (retirement) this.announce(retirement);
        return retirement;
      }),
    );
  }

  /**
   * The connection's instance, client and platform. Without resolving an `auto` version where the
   * resolver can: the new URL of an edited connection may be unreachable (a typo), and the
   * session of the old one must still be ended.
   */
  private identify(connectionId: string, signal?: AbortSignal): Promise<ConnectionDetails> {
    const { connections } = this.parts;
    return connections.identify ? connections.identify(connectionId) : connections.resolve(connectionId, signal);
  }

  /**
   * Binds a session stored before targets were recorded to the connection's target: at once for
   * this use, and in the store in the background (the caller may hold the lock).
   */
  private bind(connectionId: string, connection: ConnectionDetails, session: StoredSession): StoredSession {
    void this.parts.store
      .mutate(connectionId, (latest) => (latest && isUnbound(latest) ? bindToConnection(latest, connection) : latest))
      .then(
        () => this.parts.logger.info(`Recorded the instance, client and platform of the session of ${connection.name} (stored before they were kept).`),
        (error: unknown) => this.parts.logger.warn(`Could not record the target of the session of ${connection.name}: ${String(error)}`),
      );
    return bindToConnection(session, connection);
  }

  /** Logs the session out on the server that issued it; the SugarError when that failed. */
  private async endOnOwnServer(connection: ConnectionDetails, session: StoredSession, signal?: AbortSignal): Promise<SugarError | undefined> {
    const target = originalTarget(connection, session);
    const failures: SugarError[] = [];
    for (const sudo of Object.values(session.sudo)) {
      const outcome = await tellServerLogout(this.parts.client, target, sudo.accessToken, undefined, signal);
      if (outcome instanceof SugarError) failures.push(outcome);
    }
    let tokens = session.tokens!;
    if (isExpired(this.parts, tokens.accessExpiresAt) && tokens.refreshToken && !isExpired(this.parts, tokens.refreshExpiresAt ?? Infinity)) {
      // Only a logout deletes the refresh token on the server, and a logout needs a live access token.
      try {
        const answer = await this.parts.client.refresh(target, tokens.refreshToken, signal);
        tokens = { ...tokens, accessToken: answer.access_token, refreshToken: answer.refresh_token || tokens.refreshToken };
      } catch (error) {
        if (isCancellation(error)) throw error;
      }
    }
    const outcome = await tellServerLogout(this.parts.client, target, tokens.accessToken, tokens.refreshToken, signal);
    if (outcome instanceof SugarError) failures.push(outcome);
    return failures[0];
  }

  private describe(connectionId: string, connection: ConnectionDetails, session: StoredSession, failure: SugarError | undefined): Retirement {
    const from = identityOf(session);
    const changed = retargetedFields(connection, session);
    const issued = `its session (issued for ${from.instanceUrl}, client ${from.clientId}, platform ${from.platform})`;
    const explanation = failure
      ? `${connection.name}: the ${changed.join(' and ')} changed, so ${issued} was forgotten here; ${from.instanceUrl} could not be told (${failure.message}), so it may live there until it expires. Log in again.`
      : `${connection.name}: the ${changed.join(' and ')} changed, so ${issued} was ended on ${from.instanceUrl}. Log in again.`;
    return { connectionId, from, changed, endedOnServer: !failure, explanation };
  }

  private announce(retirement: Retirement): void {
    this.parts.logger.warn(retirement.explanation);
    for (const listener of this.listeners) {
      try {
        listener(retirement);
      } catch (error) {
        this.parts.logger.error(`A session listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
