import { SugarError } from '../sugar/errors';
import { isTransportFailure, tellServerLogout } from './serverLogout';
import { SessionParts, connectionName, isExpired } from './sessionParts';
import { parseSessionRef } from './sessionState';
import type { TokenService } from './tokenService';

export interface LogoutOptions {
  /** Forget the local tokens even when the server could not be told. */
  forgetLocally?: boolean;
  signal?: AbortSignal;
}

export interface LogoutOutcome {
  /** The session had already ended on the server (expired, replaced or logged out elsewhere). */
  alreadyEnded: boolean;
  /** The server could not be told; the local tokens were forgotten because the caller asked. */
  serverNotTold?: SugarError;
}

/** Ending sessions: the admin session with its sudo children, one sudo session, or only locally. */
export class SessionEnding {
  constructor(
    private readonly parts: SessionParts,
    private readonly tokens: TokenService,
  ) {}

  async logout(connectionId: string, options: LogoutOptions = {}): Promise<LogoutOutcome> {
    const { store, activity, client, logger } = this.parts;
    const session = await store.ensureLoaded(connectionId);
    if (!session?.tokens) {
      await this.forget(connectionId, options.signal);
      return { alreadyEnded: session?.ended !== undefined };
    }
    return activity.track(connectionId, 'logout', async () => {
      const target = await this.tokens.targetFor(connectionId, session, options.signal);
      const failures: SugarError[] = [];
      let alreadyEnded = false;
      for (const sudo of Object.values(session.sudo)) {
        const outcome = await tellServerLogout(client, target, sudo.accessToken, undefined, options.signal);
        if (outcome instanceof SugarError) failures.push(outcome);
      }
      let tokens = session.tokens!;
      if (isExpired(this.parts, tokens.accessExpiresAt) && tokens.refreshToken && !isExpired(this.parts, tokens.refreshExpiresAt ?? Infinity)) {
        // Logout needs a live access token, and only a logout deletes the refresh token on the server.
        const refreshed = await this.tokens.refreshTokens(connectionId, tokens.accessToken, options.signal).catch(() => undefined);
        if (refreshed?.tokens) tokens = refreshed.tokens;
      }
      const outcome = await tellServerLogout(client, target, tokens.accessToken, tokens.refreshToken, options.signal);
      if (outcome === 'alreadyEnded') alreadyEnded = true;
      else if (outcome instanceof SugarError) failures.push(outcome);
      const unreachable = failures.find(isTransportFailure);
      if (unreachable && !options.forgetLocally) {
        throw new SugarError({
          kind: unreachable.kind,
          remedy: 'retry',
          status: unreachable.status,
          cause: unreachable,
          explanation: `${unreachable.message} The session may still be alive on the server, so its tokens are kept; log out again later, or forget them locally.`,
        });
      }
      await this.forget(connectionId, options.signal);
      logger.info(`Logged out of ${connectionName(this.parts, connectionId)}${alreadyEnded ? ' (the session had already ended on the server)' : ''}.`);
      return { alreadyEnded, serverNotTold: unreachable };
    });
  }

  /** Drops the local session without telling the server (a deleted connection, a damaged record, a forced forget). */
  async forget(connectionId: string, signal?: AbortSignal): Promise<void> {
    await this.parts.store.forget(connectionId, signal);
    this.parts.activity.clearErrors(connectionId);
  }

  async endSudo(sudoId: string, options: LogoutOptions = {}): Promise<void> {
    const { connectionId, sudoUser } = parseSessionRef(sudoId);
    if (!sudoUser) throw new SugarError({ kind: 'session', explanation: `${sudoId} is not a sudo session.` });
    const session = await this.parts.store.ensureLoaded(connectionId);
    const sudo = session?.sudo[sudoUser];
    if (session && sudo) {
      const target = await this.tokens.targetFor(connectionId, session, options.signal);
      const outcome = await tellServerLogout(this.parts.client, target, sudo.accessToken, undefined, options.signal);
      if (outcome instanceof SugarError && isTransportFailure(outcome) && !options.forgetLocally) throw outcome;
    }
    await this.parts.store.mutate(connectionId, (latest) => {
      if (!latest) return undefined;
      const { [sudoUser]: _ended, ...rest } = latest.sudo;
      return { ...latest, sudo: rest };
    }, options.signal);
  }
}
