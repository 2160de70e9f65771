import type { Clock, CrossProcessLock, Disposable, Logger, SecretStore } from '../ports';
import type { ApiRequest, ApiResponse, SugarApi, SugarTarget } from '../sugar/client';
import { WHOLE_ANSWER_LIMIT_BYTES } from '../sugar/requestBounds';
import { SugarError } from '../sugar/errors';
import { SecretRecords } from '../store/secretRecords';
import { inProcessLock } from '../store/inProcessLock';
import { Activity } from './activity';
import type { ConnectionResolver } from './connection';
import { LogoutOptions, SessionEnding } from './logout';
import { RequestPath } from './requests';
import { Retargeting, Retirement } from './retarget';
import { SessionParts, connectionName, requireTokens } from './sessionParts';
import { TargetCache } from './sessionRecord';
import { SessionRef, SessionState, SudoState, deriveState, parseSessionRef } from './sessionState';
import { SessionStore, sessionKey } from './sessionStore';
import { TokenService } from './tokenService';

export { SESSION_KEY_PREFIX } from './sessionStore';
export type { LogoutOptions } from './logout';
export type { Retirement } from './retarget';

export interface SessionEngineOptions {
  store: SecretStore;
  clock: Clock;
  logger: Logger;
  client: SugarApi;
  connections: ConnectionResolver;
  /** Shared with other windows; without it only this process is coordinated. */
  lock?: CrossProcessLock;
  /** Below this much time left a session is "expiring soon" (default 5 minutes); a function follows a setting. */
  expiringSoonMs?: number | (() => number);
  /** A token this close to its expiry is refreshed before use rather than sent to die (default 10 s). */
  refreshMarginMs?: number;
  /** Fetch GET /me after a login, in the background (default true). */
  fetchUserAfterLogin?: boolean;
  /** Fires when connections change: an edited instance, client or platform retires its session at once. */
  watchConnections?: (listener: () => void) => Disposable;
  /**
   * The store primitive session records persist through (one key per connection), shared with
   * the profiles; made over `store` and `lock` unless given.
   */
  records?: SecretRecords;
}

export interface LogoutResult {
  state: SessionState;
  /** The session had already ended on the server (expired, replaced or logged out elsewhere). */
  alreadyEnded: boolean;
  /** The server could not be told; the local tokens were forgotten because the caller asked. */
  serverNotTold?: SugarError;
}

/**
 * Every connection's session, as one object for the views and commands. The work is done by its
 * parts: the store (records, other windows' changes), the token service (login, refresh, sudo),
 * the request path, session ending (logout), retargeting (a session stays on its own target) and
 * activity (what runs, what failed).
 */
export class SessionEngine implements Disposable {
  private readonly listeners = new Set<(state: SessionState) => void>();
  private readonly parts: SessionParts;
  private readonly retargeting: Retargeting;
  private readonly tokens: TokenService;
  private readonly requests: RequestPath;
  private readonly ending: SessionEnding;
  private readonly userFetches = new Map<string, Promise<void>>();
  private readonly expiringSoon: () => number;
  private readonly subscriptions: Disposable[] = [];

  constructor(private readonly options: SessionEngineOptions) {
    const expiringSoon = options.expiringSoonMs ?? 5 * 60_000;
    this.expiringSoon = typeof expiringSoon === 'function' ? expiringSoon : () => expiringSoon;
    const activity = new Activity((connectionId) => this.emit(connectionId));
    const records = options.records ?? new SecretRecords(options.store, options.lock ?? inProcessLock(), options.clock);
    const store = new SessionStore(records, options.store, (connectionId, external) => {
      // Another window's write replaces what failed here: the old failure no longer describes it.
      if (external) activity.clearErrors(connectionId);
      this.emit(connectionId);
    });
    this.parts = {
      store,
      activity,
      client: options.client,
      connections: options.connections,
      clock: options.clock,
      logger: options.logger,
      targets: new TargetCache(),
      refreshMarginMs: options.refreshMarginMs ?? 10_000,
    };
    this.retargeting = new Retargeting(this.parts);
    this.tokens = new TokenService(this.parts, this.retargeting);
    this.requests = new RequestPath(this.parts, this.tokens);
    this.ending = new SessionEnding(this.parts, this.tokens);
    this.subscriptions.push(store);
    if (options.watchConnections) this.subscriptions.push(options.watchConnections(() => this.reconcileAll()));
  }

  static storeKey(connectionId: string): string {
    return sessionKey(connectionId);
  }

  onDidChange(listener: (state: SessionState) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A session ended because its connection was edited to another instance, client or platform. */
  onDidRetire(listener: (retirement: Retirement) => void): Disposable {
    return this.retargeting.onDidRetire(listener);
  }

  /** The state as last known, without touching the store; `load` first for a fresh one. */
  state(connectionId: string): SessionState {
    const { store, activity, clock } = this.parts;
    const damaged = store.damaged(connectionId);
    if (damaged) {
      return { connectionId, status: 'damaged', sudo: [], activity: activity.current(connectionId), damagedReason: damaged.reason, error: activity.error(connectionId) };
    }
    return deriveState(connectionId, store.session(connectionId), clock.now(), { expiringSoonMs: this.expiringSoon() }, activity.error(connectionId), activity.current(connectionId));
  }

  /**
   * Forgets the last failure shown for a connection, e.g. after the user edited what caused it:
   * it described the connection as it was. The next attempt reports its own.
   */
  clearError(connectionId: string): void {
    this.parts.activity.clearErrors(connectionId);
    this.emit(connectionId);
  }

  isLoaded(connectionId: string): boolean {
    return this.parts.store.isLoaded(connectionId);
  }

  async load(connectionId: string): Promise<SessionState> {
    await this.parts.store.ensureLoaded(connectionId);
    return this.state(connectionId);
  }

  /** Every token this engine holds, for the log's redaction: the same array until a session changes. */
  knownSecrets(): readonly string[] {
    return this.parts.store.knownSecrets();
  }

  async login(connectionId: string, options: { password?: string; signal?: AbortSignal } = {}): Promise<SessionState> {
    await this.tokens.login(connectionId, options.password, options.signal);
    if (this.options.fetchUserAfterLogin ?? true) void this.loadUser(connectionId);
    return this.state(connectionId);
  }

  /**
   * Keep-alive: refreshes only if the access token has less than `minRemainingMs` left. Another
   * window that refreshed first is adopted under the lock, so two windows never both spend it.
   */
  async ensureFresh(connectionId: string, minRemainingMs: number, signal?: AbortSignal): Promise<SessionState> {
    await this.tokens.accessToken({ connectionId }, signal, minRemainingMs);
    return this.state(connectionId);
  }

  /** A refresh the user asked for: spends the refresh token even if the access token is still good. */
  async refresh(connectionId: string, signal?: AbortSignal): Promise<SessionState> {
    const session = await requireTokens(this.parts, connectionId);
    await this.tokens.refreshTokens(connectionId, session.tokens!.accessToken, signal);
    return this.state(connectionId);
  }

  async logout(connectionId: string, options: LogoutOptions = {}): Promise<LogoutResult> {
    const outcome = await this.ending.logout(connectionId, options);
    return { state: this.state(connectionId), ...outcome };
  }

  /** Drops the local session without telling the server (a deleted connection, a damaged record, a forced forget). */
  forget(connectionId: string): Promise<void> {
    return this.ending.forget(connectionId);
  }

  async sudo(connectionId: string, userName: string, signal?: AbortSignal): Promise<SudoState> {
    const sudo = await this.tokens.sudo(connectionId, userName, signal);
    this.parts.logger.info(`Acting as ${userName} through ${connectionName(this.parts, connectionId)}.`);
    return this.state(connectionId).sudo.find((entry) => entry.userName === sudo.userName)!;
  }

  async endSudo(sudoId: string, options: LogoutOptions = {}): Promise<SessionState> {
    await this.ending.endSudo(sudoId, options);
    return this.state(parseSessionRef(sudoId).connectionId);
  }

  /** A token that is valid now for a connection or sudo session id, refreshing or re-issuing it if needed. */
  accessToken(ref: string | SessionRef, signal?: AbortSignal, minValidityMs?: number): Promise<string> {
    return this.tokens.accessToken(typeof ref === 'string' ? parseSessionRef(ref) : ref, signal, minValidityMs);
  }

  /** The connection's download token (for `?download_token=`); sudo sessions have none. */
  async downloadToken(connectionId: string): Promise<string> {
    const token = (await requireTokens(this.parts, connectionId)).tokens!.downloadToken;
    if (!token) throw new SugarError({ kind: 'session', explanation: 'This session has no download token.' });
    return token;
  }

  async refreshToken(connectionId: string): Promise<string> {
    const token = (await requireTokens(this.parts, connectionId)).tokens!.refreshToken;
    if (!token) throw new SugarError({ kind: 'session', explanation: 'This session has no refresh token.' });
    return token;
  }

  /** Downloads a file by the session's download token, else as any request (see RequestPath.download). */
  download(ref: string | SessionRef, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
    return this.requests.download(typeof ref === 'string' ? parseSessionRef(ref) : ref, request, signal);
  }

  /** Sends one request as a connection or sudo session (see RequestPath). */
  request(ref: string | SessionRef, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
    return this.requests.request(typeof ref === 'string' ? parseSessionRef(ref) : ref, request, signal);
  }

  /** The target a session's requests go to: its own instance, client and platform, whatever the profile says now. */
  targetFor(connectionId: string, signal?: AbortSignal): Promise<SugarTarget> {
    return this.requests.targetFor(connectionId, signal);
  }

  /** Checks a connection against its session's target, ending the session if it was edited away from it. */
  reconcile(connectionId: string): Promise<Retirement | undefined> {
    return this.retargeting.reconcile(connectionId);
  }

  /** GET /me after a login: who we are and whether we are an admin. Never delays the login. */
  loadUser(connectionId: string): Promise<void> {
    let running = this.userFetches.get(connectionId);
    if (!running) {
      running = this.fetchUser(connectionId).finally(() => this.userFetches.delete(connectionId));
      this.userFetches.set(connectionId, running);
    }
    return running;
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.listeners.clear();
  }

  private reconcileAll(): void {
    for (const connectionId of this.parts.store.loadedIds()) {
      void this.reconcile(connectionId).catch((error: unknown) => this.parts.logger.warn(`Could not end the session of an edited connection: ${String(error)}`));
    }
  }

  private async fetchUser(connectionId: string): Promise<void> {
    try {
      const response = await this.request(connectionId, { method: 'GET', path: '/me', wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES });
      const user = (response.json as { current_user?: Record<string, unknown> } | undefined)?.current_user;
      if (response.error || !user || typeof user.id !== 'string') return;
      const id = user.id;
      await this.parts.store.mutate(connectionId, (latest) =>
        latest?.tokens
          ? {
              ...latest,
              user: {
                id,
                userName: typeof user.user_name === 'string' ? user.user_name : latest.username,
                fullName: typeof user.full_name === 'string' ? user.full_name : undefined,
                isAdmin: user.type === 'admin',
              },
            }
          : latest,
      );
    } catch (error) {
      this.parts.logger.debug(`Could not read /me for ${connectionName(this.parts, connectionId)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private emit(connectionId: string): void {
    if (this.listeners.size === 0) return;
    const state = this.state(connectionId);
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.parts.logger.error(`A session listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
