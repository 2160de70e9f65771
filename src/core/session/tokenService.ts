import type { SugarTarget } from '../sugar/client';
import { SugarError } from '../sugar/errors';
import { KeyedMutex } from './keyedMutex';
import type { Retargeting } from './retarget';
import { SessionParts, connectionName, isExpired, notLoggedIn, requireTokens } from './sessionParts';
import { requestTarget } from './sessionRecord';
import type { SessionRef } from './sessionState';
import { findReplacer, replacedExplanation } from './sharedSession';
import { SingleFlight } from './singleFlight';
import type { ActiveTokens, StoredSession, StoredSudo } from './storedSession';
import { sudoFromAnswer, tokensFromAnswer } from './tokenAnswer';

export function isDeadTokenError(error: unknown): boolean {
  return error instanceof SugarError && error.status === 401 && error.label === 'invalid_grant';
}

/**
 * Getting tokens, under the rules Sugar's OAuth2 forces on a client: one login per connection at
 * a time (the last issued is the one stored), one refresh per session at a time across windows
 * (through the lock), new tokens stored before they are handed out, a dead token retried with a
 * newer one before refreshing again, sudo tokens re-issued from the admin session.
 */
export class TokenService {
  private readonly logins = new KeyedMutex();
  private readonly refreshes = new SingleFlight<StoredSession>();
  private readonly sudoIssues = new SingleFlight<StoredSudo>();

  constructor(
    private readonly parts: SessionParts,
    private readonly retargeting: Retargeting,
  ) {}

  /**
   * Logs in. Two logins of one connection run one after the other: each new login ends the
   * previous one's session on the server, so storing them in answer order could keep a dead one.
   */
  login(connectionId: string, password: string | undefined, signal?: AbortSignal): Promise<StoredSession | undefined> {
    const { activity, clock, connections, client, logger, store } = this.parts;
    return activity.track(connectionId, 'login', () =>
      this.logins.run(connectionId, async () => {
        const connection = await connections.resolve(connectionId, signal);
        const secret = password ?? connection.password;
        if (!secret) {
          throw new SugarError({ kind: 'session', remedy: 'login', explanation: `No password is remembered for ${connection.name}; enter it to log in.` });
        }
        // A session of the connection's former target is ended there first, never carried over.
        const previous = store.session(connectionId);
        if (previous?.tokens && previous.instanceUrl && !requestTarget(connection, previous)) await this.retargeting.retire(connectionId, signal);
        const { target, username } = connection;
        const answer = await client.passwordLogin(target, username, secret, signal);
        const tokens = tokensFromAnswer(answer, clock.now());
        const stored = await store.mutate(connectionId, (latest) => ({
          v: 1,
          username,
          platform: target.platform,
          clientId: target.clientId,
          instanceUrl: target.instanceUrl,
          apiVersion: target.apiVersion,
          tokens,
          // Sudo tokens are sessions of their own on the server; a new admin login does not end them.
          sudo: latest?.tokens && latest.username === username && requestTarget(connection, latest) ? latest.sudo : {},
        }), signal);
        activity.clearErrors(connectionId);
        logger.info(`Logged in to ${connection.name} as ${username} on platform ${target.platform} (API ${target.apiVersion}).`);
        return stored;
      }),
    );
  }

  /** A token that is valid now for a connection or sudo session, refreshing or re-issuing it if needed. */
  async accessToken({ connectionId, sudoUser }: SessionRef, signal?: AbortSignal, minValidityMs = this.parts.refreshMarginMs): Promise<string> {
    let session = await requireTokens(this.parts, connectionId);
    if (sudoUser) {
      const sudo = session.sudo[sudoUser];
      if (!sudo) {
        throw new SugarError({ kind: 'session', remedy: 'none', explanation: `There is no sudo session as ${sudoUser} on this connection.` });
      }
      if (!isExpired(this.parts, sudo.accessExpiresAt, minValidityMs)) return sudo.accessToken;
      return (await this.reissueSudo(connectionId, sudoUser, sudo.accessToken, signal)).accessToken;
    }
    if (isExpired(this.parts, session.tokens!.accessExpiresAt, minValidityMs)) {
      session = await this.refreshTokens(connectionId, session.tokens!.accessToken, signal);
    }
    return session.tokens!.accessToken;
  }

  /** After a 401 for `deadToken`: a newer token if one arrived meanwhile, else one refresh (shared). */
  async tokenAfterDeath(ref: SessionRef, deadToken: string, signal?: AbortSignal): Promise<string> {
    const session = this.parts.store.session(ref.connectionId);
    if (ref.sudoUser) {
      const current = session?.sudo[ref.sudoUser];
      if (current && current.accessToken !== deadToken) return current.accessToken;
      return (await this.reissueSudo(ref.connectionId, ref.sudoUser, deadToken, signal)).accessToken;
    }
    const current = session?.tokens;
    if (current && current.accessToken !== deadToken) return current.accessToken;
    const refreshed = await this.refreshTokens(ref.connectionId, deadToken, signal);
    return refreshed.tokens!.accessToken;
  }

  /** The session's own target for this connection (see Retargeting.targetOf). */
  async targetFor(connectionId: string, session: StoredSession, signal?: AbortSignal): Promise<SugarTarget> {
    const connection = await this.parts.connections.resolve(connectionId, signal);
    return this.retargeting.targetOf(connectionId, connection, session);
  }

  /**
   * The only place a refresh token is spent. One per connection at a time in this process
   * (single flight) and across processes (the lock); under the lock the store is read again,
   * because another window may already have rotated the tokens that we found dead.
   */
  refreshTokens(connectionId: string, staleAccessToken: string, signal?: AbortSignal): Promise<StoredSession> {
    const { activity, logger, store } = this.parts;
    return this.refreshes.run(connectionId, () =>
      activity.track(connectionId, 'refresh', () =>
        store.underLock(connectionId, signal, async (lost) => {
          const latest = await store.reread(connectionId);
          if (!latest?.tokens) throw notLoggedIn(connectionName(this.parts, connectionId), latest, store.damaged(connectionId));
          // Newer tokens than the ones the caller found stale or dead: another window (or an earlier
          // refresh here) already rotated them, and spending the refresh token again would end the session.
          if (latest.tokens.accessToken !== staleAccessToken && !isExpired(this.parts, latest.tokens.accessExpiresAt)) {
            logger.debug(`Adopted tokens of ${connectionName(this.parts, connectionId)} refreshed by another window.`);
            return latest;
          }
          return this.spendRefreshToken(connectionId, latest, signal, lost);
        }),
      ),
    );
  }

  private async spendRefreshToken(connectionId: string, latest: StoredSession, signal?: AbortSignal, lost?: AbortSignal): Promise<StoredSession> {
    const { client, clock, logger, store } = this.parts;
    const tokens = latest.tokens!;
    if (!tokens.refreshToken || isExpired(this.parts, tokens.refreshExpiresAt ?? Infinity)) {
      return this.markEnded(connectionId, latest, new SugarError({ kind: 'session', remedy: 'login', sessionEnded: true, explanation: 'The refresh token has expired; log in again.' }));
    }
    // Checked before the refresh token leaves: never to a target the session was not issued for.
    const target = await this.targetFor(connectionId, latest, signal);
    try {
      const answer = await client.refresh(target, tokens.refreshToken, signal);
      const fresh = tokensFromAnswer(answer, clock.now(), tokens);
      // The lease was taken over while the answer was awaited: another window may have written.
      if (lost?.aborted) return this.afterLostLease(connectionId, tokens.refreshToken, fresh);
      const updated: StoredSession = { ...latest, tokens: fresh };
      // Stored before anyone gets the new access token: a crash now must not lose the only live refresh token.
      await store.write(connectionId, updated);
      logger.info(`Refreshed the session of ${connectionName(this.parts, connectionId)}.`);
      return updated;
    } catch (error) {
      if (!(error instanceof SugarError) || !error.sessionEnded) throw error;
      const again = await store.reread(connectionId);
      if (again?.tokens && again.tokens.refreshToken !== tokens.refreshToken) return again;
      return this.markEnded(connectionId, latest, error);
    }
  }

  /**
   * A refresh answered after its lease was lost: the record is read again. When another window
   * replaced or ended the tokens meanwhile, its record is adopted and the new tokens are not
   * written over it; otherwise they are stored onto the fresh record (what else changed is kept),
   * because the refresh token they replace is spent.
   */
  private async afterLostLease(connectionId: string, spentRefreshToken: string, fresh: ActiveTokens): Promise<StoredSession> {
    const { logger, store } = this.parts;
    const again = await store.reread(connectionId);
    if (again?.tokens?.refreshToken !== spentRefreshToken) {
      logger.warn(`The cross-window lock on the session of ${connectionId} was lost during a refresh; adopted what another window stored.`);
      if (!again?.tokens) throw notLoggedIn(connectionId, again, store.damaged(connectionId));
      return again;
    }
    const updated: StoredSession = { ...again, tokens: fresh };
    await store.write(connectionId, updated);
    logger.info(`Refreshed the session of ${connectionId} (its cross-window lock was lost meanwhile; nothing else had been stored).`);
    return updated;
  }

  private async markEnded(connectionId: string, latest: StoredSession, cause: SugarError): Promise<never> {
    const expired = /expired/i.test(cause.sugarMessage ?? cause.message);
    // "Somewhere else" is often one of our own connections: then it is named.
    const replacer = expired ? undefined : await findReplacer(connectionId, latest, this.parts.store, this.parts.connections);
    const reason = replacer
      ? new SugarError({ kind: cause.kind, remedy: 'login', sessionEnded: true, status: cause.status, label: cause.label, explanation: replacedExplanation(replacer, latest), cause })
      : cause;
    const ended: StoredSession = {
      ...latest,
      tokens: undefined,
      sudo: {},
      ended: {
        reason: expired ? 'refreshExpired' : 'elsewhere',
        at: this.parts.clock.now(),
        explanation: reason.message,
      },
    };
    await this.parts.store.write(connectionId, ended);
    this.parts.logger.warn(`Session of ${connectionName(this.parts, connectionId)} ended: ${reason.message}`);
    throw reason;
  }

  /** Starts (or re-issues) a sudo session as `userName` from the admin session. */
  sudo(connectionId: string, userName: string, signal?: AbortSignal): Promise<StoredSudo> {
    return this.parts.activity.track(connectionId, 'sudo', () => this.issueSudo(connectionId, userName, signal));
  }

  private reissueSudo(connectionId: string, userName: string, staleToken: string, signal?: AbortSignal): Promise<StoredSudo> {
    return this.sudoIssues.run(`${connectionId}\u0000${userName}`, async () => {
      const current = this.parts.store.session(connectionId)?.sudo[userName];
      if (current && current.accessToken !== staleToken && !isExpired(this.parts, current.accessExpiresAt)) return current;
      return this.issueSudo(connectionId, userName, signal);
    });
  }

  private async issueSudo(connectionId: string, userName: string, signal?: AbortSignal): Promise<StoredSudo> {
    const { client, clock, store } = this.parts;
    const answer = await this.withParentToken(connectionId, signal, async (token) => {
      const session = await requireTokens(this.parts, connectionId);
      return client.sudo(await this.targetFor(connectionId, session, signal), token, userName, signal);
    });
    const sudo = sudoFromAnswer(userName, answer, clock.now());
    const stored = await store.mutate(connectionId, (latest) => (latest?.tokens ? { ...latest, sudo: { ...latest.sudo, [userName]: sudo } } : latest), signal);
    const issued = stored?.sudo[userName];
    if (!issued) throw notLoggedIn(connectionName(this.parts, connectionId), stored, store.damaged(connectionId));
    return issued;
  }

  private async withParentToken<T>(connectionId: string, signal: AbortSignal | undefined, use: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken({ connectionId }, signal);
    try {
      return await use(token);
    } catch (error) {
      if (!isDeadTokenError(error)) throw error;
      return use(await this.tokenAfterDeath({ connectionId }, token, signal));
    }
  }
}
