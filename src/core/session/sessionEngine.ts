import type { Clock, CrossProcessLock, Disposable, Logger, SecretStore } from '../ports';
import type { ApiRequest, ApiResponse, SugarApi, SugarTarget } from '../sugar/client';
import { WHOLE_ANSWER_LIMIT_BYTES } from '../sugar/requestBounds';
import { SugarError, isCancellation } from '../sugar/errors';
import type { ConnectionDetails, ConnectionResolver } from './connection';
import { inProcessOnly } from './fileLock';
import { KeyedMutex } from './keyedMutex';
import { SessionActivity, SessionRef, SessionState, SudoState, deriveState, parseSessionRef } from './sessionState';
import { SingleFlight } from './singleFlight';
import {
  StoredSession,
  StoredSudo,
  parseSession,
  secretsOf,
  serializeSession,
  sudoFromAnswer,
  tokensFromAnswer,
} from './storedSession';

export const SESSION_KEY_PREFIX = 'sugar.session.';

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
}

export interface LogoutOptions {
  /** Forget the local tokens even when the server could not be told. */
  forgetLocally?: boolean;
  signal?: AbortSignal;
}

export interface LogoutResult {
  state: SessionState;
  /** The session had already ended on the server (expired, replaced or logged out elsewhere). */
  alreadyEnded: boolean;
  /** The server could not be told; the local tokens were forgotten because the caller asked. */
  serverNotTold?: SugarError;
}

interface Entry {
  loaded: boolean;
  session?: StoredSession;
  lastError?: SugarError;
  activity?: SessionActivity;
}

const TRANSPORT_KINDS = new Set(['dns', 'refused', 'timeout', 'tls', 'network', 'http']);

function isDeadTokenAnswer(response: ApiResponse): boolean {
  return response.status === 401 && response.error?.label === 'invalid_grant';
}

function isDeadTokenError(error: unknown): boolean {
  return error instanceof SugarError && error.status === 401 && error.label === 'invalid_grant';
}

/**
 * Every connection's session: its tokens, their expiry, and the rules Sugar's OAuth2 forces on a
 * client. One refresh per session at a time (across windows through the lock), new tokens stored
 * before they are handed out, a dead token retried with a newer one before refreshing again.
 */
export class SessionEngine implements Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Sessions are replaced, never changed in place: a target made for one stays right for it. */
  private readonly targets = new WeakMap<StoredSession, { connection: ConnectionDetails; target: SugarTarget }>();
  /** knownSecrets(), until a session changes. */
  private secrets: readonly string[] | undefined;
  private readonly refreshes = new SingleFlight<StoredSession>();
  private readonly sudoIssues = new SingleFlight<StoredSudo>();
  private readonly userFetches = new Map<string, Promise<void>>();
  private readonly firstReads = new Map<string, Promise<StoredSession | undefined>>();
  private readonly mutex = new KeyedMutex();
  private readonly listeners = new Set<(state: SessionState) => void>();
  private readonly lock: CrossProcessLock;
  private readonly expiringSoon: () => number;
  private readonly refreshMarginMs: number;
  private readonly storeSubscription?: Disposable;

  constructor(private readonly options: SessionEngineOptions) {
    this.lock = options.lock ?? inProcessOnly;
    const expiringSoon = options.expiringSoonMs ?? 5 * 60_000;
    this.expiringSoon = typeof expiringSoon === 'function' ? expiringSoon : () => expiringSoon;
    this.refreshMarginMs = options.refreshMarginMs ?? 10_000;
    this.storeSubscription = options.store.onDidChange?.((key) => void this.onStoreChanged(key));
  }

  static storeKey(connectionId: string): string {
    return SESSION_KEY_PREFIX + connectionId;
  }

  onDidChange(listener: (state: SessionState) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The state as last known, without touching the store; `load` first for a fresh one. */
  state(connectionId: string): SessionState {
    const entry = this.entries.get(connectionId);
    return deriveState(
      connectionId,
      entry?.session,
      this.options.clock.now(),
      { expiringSoonMs: this.expiringSoon() },
      entry?.lastError,
      entry?.activity,
    );
  }

  isLoaded(connectionId: string): boolean {
    return this.entries.get(connectionId)?.loaded ?? false;
  }

  async load(connectionId: string): Promise<SessionState> {
    await this.ensureLoaded(connectionId);
    return this.state(connectionId);
  }

  /**
   * Every token this engine holds, for the log's redaction: the same array until a session
   * changes, so that the log prepares it once rather than on every line.
   */
  knownSecrets(): readonly string[] {
    this.secrets ??= [...this.entries.values()].flatMap((entry) => secretsOf(entry.session));
    return this.secrets;
  }

  // ---- login, refresh, logout ------------------------------------------------------------

  async login(connectionId: string, options: { password?: string; signal?: AbortSignal } = {}): Promise<SessionState> {
    return this.track(connectionId, 'login', async () => {
      const connection = await this.options.connections.resolve(connectionId, options.signal);
      const password = options.password ?? connection.password;
      if (!password) {
        throw new SugarError({
          kind: 'session',
          remedy: 'login',
          explanation: `No password is remembered for ${connection.name}; enter it to log in.`,
        });
      }
      const { target, username } = connection;
      const answer = await this.options.client.passwordLogin(target, username, password, options.signal);
      const now = this.options.clock.now();
      await this.mutate(connectionId, (previous) => ({
        v: 1,
        username,
        platform: target.platform,
        clientId: target.clientId,
        instanceUrl: target.instanceUrl,
        apiVersion: target.apiVersion,
        tokens: tokensFromAnswer(answer, now),
        // Sudo tokens are sessions of their own on the server; a new admin login does not end them.
        sudo: previous && !previous.ended && previous.username === username ? previous.sudo : {},
      }));
      this.options.logger.info(`Logged in to ${connection.name} as ${username} on platform ${target.platform} (API ${target.apiVersion}).`);
      if (this.options.fetchUserAfterLogin ?? true) void this.loadUser(connectionId);
      return this.state(connectionId);
    });
  }

  /**
   * Keep-alive: refreshes only if the access token has less than `minRemainingMs` left. Another
   * window that refreshed first is adopted under the lock, so two windows never both spend it.
   */
  async ensureFresh(connectionId: string, minRemainingMs: number, signal?: AbortSignal): Promise<SessionState> {
    await this.accessToken({ connectionId }, signal, minRemainingMs);
    return this.state(connectionId);
  }

  /** A refresh the user asked for: spends the refresh token even if the access token is still good. */
  async refresh(connectionId: string, signal?: AbortSignal): Promise<SessionState> {
    const session = await this.requireTokens(connectionId);
    await this.refreshTokens(connectionId, session.tokens!.accessToken, signal);
    return this.state(connectionId);
  }

  async logout(connectionId: string, options: LogoutOptions = {}): Promise<LogoutResult> {
    const session = await this.ensureLoaded(connectionId);
    if (!session?.tokens) {
      await this.forget(connectionId);
      return { state: this.state(connectionId), alreadyEnded: session?.ended !== undefined };
    }
    return this.track(connectionId, 'logout', async () => {
      const connection = await this.options.connections.resolve(connectionId, options.signal);
      const target = this.targetOf(connection, session);
      const failures: SugarError[] = [];
      let alreadyEnded = false;
      for (const sudo of Object.values(session.sudo)) {
        const outcome = await this.tellServerLogout(target, sudo.accessToken, undefined, options.signal);
        if (outcome instanceof SugarError) failures.push(outcome);
      }
      let tokens = session.tokens!;
      if (this.isExpired(tokens.accessExpiresAt) && tokens.refreshToken && !this.isExpired(tokens.refreshExpiresAt ?? Infinity)) {
        // Logout needs a live access token, and only a logout deletes the refresh token on the server.
        const refreshed = await this.refreshTokens(connectionId, tokens.accessToken, options.signal).catch(() => undefined);
        if (refreshed?.tokens) tokens = refreshed.tokens;
      }
      const outcome = await this.tellServerLogout(target, tokens.accessToken, tokens.refreshToken, options.signal);
      if (outcome === 'alreadyEnded') alreadyEnded = true;
      else if (outcome instanceof SugarError) failures.push(outcome);
      const unreachable = failures.find((failure) => TRANSPORT_KINDS.has(failure.kind));
      if (unreachable && !options.forgetLocally) {
        throw new SugarError({
          kind: unreachable.kind,
          remedy: 'retry',
          status: unreachable.status,
          cause: unreachable,
          explanation: `${unreachable.message} The session may still be alive on the server, so its tokens are kept; log out again later, or forget them locally.`,
        });
      }
      await this.forget(connectionId);
      this.options.logger.info(`Logged out of ${connection.name}${alreadyEnded ? ' (the session had already ended on the server)' : ''}.`);
      return { state: this.state(connectionId), alreadyEnded, serverNotTold: unreachable };
    });
  }

  /** Drops the local session without telling the server (a deleted connection, a forced forget). */
  async forget(connectionId: string): Promise<void> {
    await this.mutex.run(connectionId, async () => {
      await this.options.store.delete(SessionEngine.storeKey(connectionId));
      this.entries.set(connectionId, { loaded: true });
    });
    this.emit(connectionId);
  }

  // ---- sudo ------------------------------------------------------------------------------

  async sudo(connectionId: string, userName: string, signal?: AbortSignal): Promise<SudoState> {
    return this.track(connectionId, 'sudo', async () => {
      const sudo = await this.issueSudo(connectionId, userName, signal);
      this.options.logger.info(`Acting as ${userName} through connection ${connectionId}.`);
      return this.state(connectionId).sudo.find((entry) => entry.userName === sudo.userName)!;
    });
  }

  async endSudo(sudoId: string, options: LogoutOptions = {}): Promise<SessionState> {
    const { connectionId, sudoUser } = parseSessionRef(sudoId);
    if (!sudoUser) throw new SugarError({ kind: 'session', explanation: `${sudoId} is not a sudo session.` });
    const session = await this.ensureLoaded(connectionId);
    const sudo = session?.sudo[sudoUser];
    if (session && sudo) {
      const connection = await this.options.connections.resolve(connectionId, options.signal);
      const outcome = await this.tellServerLogout(this.targetOf(connection, session), sudo.accessToken, undefined, options.signal);
      if (outcome instanceof SugarError && TRANSPORT_KINDS.has(outcome.kind) && !options.forgetLocally) throw outcome;
    }
    await this.mutate(connectionId, (latest) => {
      if (!latest) return undefined;
      const { [sudoUser]: _ended, ...rest } = latest.sudo;
      return { ...latest, sudo: rest };
    });
    return this.state(connectionId);
  }

  // ---- tokens and requests -----------------------------------------------------------------

  /** A token that is valid now for a connection or sudo session id, refreshing or re-issuing it if needed. */
  async accessToken(ref: string | SessionRef, signal?: AbortSignal, minValidityMs = this.refreshMarginMs): Promise<string> {
    const { connectionId, sudoUser } = typeof ref === 'string' ? parseSessionRef(ref) : ref;
    let session = await this.requireTokens(connectionId);
    if (sudoUser) {
      const sudo = session.sudo[sudoUser];
      if (!sudo) {
        throw new SugarError({ kind: 'session', remedy: 'none', explanation: `There is no sudo session as ${sudoUser} on this connection.` });
      }
      if (!this.isExpired(sudo.accessExpiresAt, minValidityMs)) return sudo.accessToken;
      return (await this.reissueSudo(connectionId, sudoUser, sudo.accessToken, signal)).accessToken;
    }
    if (this.isExpired(session.tokens!.accessExpiresAt, minValidityMs)) {
      session = await this.refreshTokens(connectionId, session.tokens!.accessToken, signal);
    }
    return session.tokens!.accessToken;
  }

  /** The connection's download token (for `?download_token=`); sudo sessions have none. */
  async downloadToken(connectionId: string): Promise<string> {
    const session = await this.requireTokens(connectionId);
    const token = session.tokens!.downloadToken;
    if (!token) throw new SugarError({ kind: 'session', explanation: 'This session has no download token.' });
    return token;
  }

  async refreshToken(connectionId: string): Promise<string> {
    const session = await this.requireTokens(connectionId);
    const token = session.tokens!.refreshToken;
    if (!token) throw new SugarError({ kind: 'session', explanation: 'This session has no refresh token.' });
    return token;
  }

  /**
   * Sends one request as a connection or sudo session. A 401 for a token that has meanwhile been
   * replaced is retried with the newer token; otherwise it causes one (shared) refresh and one retry.
   */
  async request(ref: string | SessionRef, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
    const sessionRef = typeof ref === 'string' ? parseSessionRef(ref) : ref;
    const { token, target } = this.readyNow(sessionRef) ?? {
      token: await this.accessToken(sessionRef, signal),
      target: await this.targetFor(sessionRef.connectionId, signal),
    };
    const response = await this.options.client.request(target, token, request, signal);
    if (!isDeadTokenAnswer(response)) return response;
    const retryToken = await this.tokenAfterDeath(sessionRef, token, signal);
    return this.options.client.request(target, retryToken, request, signal);
  }

  /** The target a session's requests go to: its own platform and client, whatever the profile says now. */
  async targetFor(connectionId: string, signal?: AbortSignal): Promise<SugarTarget> {
    const session = await this.ensureLoaded(connectionId);
    const connection = await this.options.connections.resolve(connectionId, signal);
    return this.targetOf(connection, session);
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
    this.storeSubscription?.dispose();
    this.listeners.clear();
  }

  // ---- internals -----------------------------------------------------------------------------

  private async fetchUser(connectionId: string): Promise<void> {
    try {
      const response = await this.request(connectionId, { method: 'GET', path: '/me', wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES });
      const user = (response.json as { current_user?: Record<string, unknown> } | undefined)?.current_user;
      if (!response.error && user && typeof user.id === 'string') {
        await this.mutate(connectionId, (latest) =>
          latest?.tokens
            ? {
                ...latest,
                user: {
                  id: user.id as string,
                  userName: String(user.user_name ?? latest.username),
                  fullName: typeof user.full_name === 'string' ? user.full_name : undefined,
                  isAdmin: user.type === 'admin',
                },
              }
            : latest,
        );
      }
    } catch (error) {
      this.options.logger.debug(`Could not read /me for ${connectionId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async tokenAfterDeath(ref: SessionRef, deadToken: string, signal?: AbortSignal): Promise<string> {
    const session = this.entries.get(ref.connectionId)?.session;
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

  /**
   * The only place a refresh token is spent. One per connection at a time in this process
   * (single flight) and across processes (the lock); under the lock the store is read again,
   * because another window may already have rotated the tokens that we found dead.
   */
  private refreshTokens(connectionId: string, staleAccessToken: string, signal?: AbortSignal): Promise<StoredSession> {
    return this.refreshes.run(connectionId, () =>
      this.track(connectionId, 'refresh', () =>
        this.underLock(connectionId, signal, async () => {
          const latest = await this.readStore(connectionId);
          if (!latest?.tokens) {
            this.adopt(connectionId, latest);
            throw this.notLoggedIn(connectionId, latest);
          }
          // Newer tokens than the ones the caller found stale or dead: another window (or an earlier
          // refresh here) already rotated them, and spending the refresh token again would end the session.
          if (latest.tokens.accessToken !== staleAccessToken && !this.isExpired(latest.tokens.accessExpiresAt)) {
            this.options.logger.debug(`Adopted tokens of ${connectionId} refreshed by another window.`);
            this.adopt(connectionId, latest);
            return latest;
          }
          return this.spendRefreshToken(connectionId, latest, signal);
        }),
      ),
    );
  }

  private async spendRefreshToken(connectionId: string, latest: StoredSession, signal?: AbortSignal): Promise<StoredSession> {
    const tokens = latest.tokens!;
    if (!tokens.refreshToken || this.isExpired(tokens.refreshExpiresAt ?? Infinity)) {
      return this.markEnded(connectionId, latest, new SugarError({
        kind: 'session',
        remedy: 'login',
        sessionEnded: true,
        explanation: 'The refresh token has expired; log in again.',
      }));
    }
    const connection = await this.options.connections.resolve(connectionId, signal);
    try {
      const answer = await this.options.client.refresh(this.targetOf(connection, latest), tokens.refreshToken, signal);
      const updated: StoredSession = { ...latest, tokens: tokensFromAnswer(answer, this.options.clock.now(), tokens) };
      // Stored before anyone gets the new access token: a crash now must not lose the only live refresh token.
      await this.writeStore(connectionId, updated);
      this.adopt(connectionId, updated);
      this.options.logger.info(`Refreshed the session of ${connection.name}.`);
      return updated;
    } catch (error) {
      if (!(error instanceof SugarError) || !error.sessionEnded) throw error;
      const again = await this.readStore(connectionId);
      if (again?.tokens && again.tokens.refreshToken !== tokens.refreshToken) {
        this.adopt(connectionId, again);
        return again;
      }
      return this.markEnded(connectionId, latest, error);
    }
  }

  private async markEnded(connectionId: string, latest: StoredSession, reason: SugarError): Promise<never> {
    const ended: StoredSession = {
      ...latest,
      tokens: undefined,
      sudo: {},
      ended: {
        reason: /expired/i.test(reason.sugarMessage ?? reason.message) ? 'refreshExpired' : 'elsewhere',
        at: this.options.clock.now(),
        explanation: reason.message,
      },
    };
    await this.writeStore(connectionId, ended);
    this.adopt(connectionId, ended);
    this.options.logger.warn(`Session of ${connectionId} ended: ${reason.message}`);
    throw reason;
  }

  private reissueSudo(connectionId: string, userName: string, staleToken: string, signal?: AbortSignal): Promise<StoredSudo> {
    return this.sudoIssues.run(`${connectionId}\u0000${userName}`, async () => {
      const current = this.entries.get(connectionId)?.session?.sudo[userName];
      if (current && current.accessToken !== staleToken && !this.isExpired(current.accessExpiresAt)) return current;
      return this.issueSudo(connectionId, userName, signal);
    });
  }

  private async issueSudo(connectionId: string, userName: string, signal?: AbortSignal): Promise<StoredSudo> {
    const connection = await this.options.connections.resolve(connectionId, signal);
    const answer = await this.withParentToken(connectionId, signal, async (token) => {
      const session = await this.requireTokens(connectionId);
      return this.options.client.sudo(this.targetOf(connection, session), token, userName, signal);
    });
    const sudo = sudoFromAnswer(userName, answer, this.options.clock.now());
    await this.mutate(connectionId, (latest) => (latest?.tokens ? { ...latest, sudo: { ...latest.sudo, [userName]: sudo } } : latest));
    const stored = this.entries.get(connectionId)?.session?.sudo[userName];
    if (!stored) throw this.notLoggedIn(connectionId, this.entries.get(connectionId)?.session);
    return stored;
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

  /** 'alreadyEnded' when the server no longer knew the token; a SugarError when it could not be told. */
  private async tellServerLogout(target: SugarTarget, accessToken: string, refreshToken: string | undefined, signal?: AbortSignal): Promise<'done' | 'alreadyEnded' | SugarError> {
    try {
      await this.options.client.logout(target, accessToken, refreshToken, signal);
      return 'done';
    } catch (error) {
      if (isCancellation(error)) throw error;
      if (error instanceof SugarError && error.status === 401) return 'alreadyEnded';
      return error instanceof SugarError ? error : new SugarError({ kind: 'network', explanation: String(error), cause: error });
    }
  }

  private targetOf(connection: ConnectionDetails, session: StoredSession | undefined): SugarTarget {
    if (!session) return connection.target;
    const known = this.targets.get(session);
    if (known?.connection === connection) return known.target;
    const target = { ...connection.target, platform: session.platform, clientId: session.clientId };
    this.targets.set(session, { connection, target });
    return target;
  }

  /**
   * The token and target of a request when both are at hand and the token is good: most requests.
   * It answers without a single await, which the request path, measured against raw undici, needs.
   */
  private readyNow({ connectionId, sudoUser }: SessionRef): { token: string; target: SugarTarget } | undefined {
    const session = this.entries.get(connectionId)?.session;
    if (!session?.tokens) return undefined;
    const token = sudoUser ? session.sudo[sudoUser] : session.tokens;
    if (!token || this.isExpired(token.accessExpiresAt)) return undefined;
    const connection = this.options.connections.resolved?.(connectionId);
    return connection && { token: token.accessToken, target: this.targetOf(connection, session) };
  }

  private isExpired(expiresAt: number, margin = this.refreshMarginMs): boolean {
    return this.options.clock.now() + margin >= expiresAt;
  }

  private async requireTokens(connectionId: string): Promise<StoredSession> {
    const session = await this.ensureLoaded(connectionId);
    if (!session?.tokens) throw this.notLoggedIn(connectionId, session);
    return session;
  }

  private notLoggedIn(connectionId: string, session: StoredSession | undefined): SugarError {
    if (session?.ended) {
      return new SugarError({ kind: 'session', remedy: 'login', sessionEnded: true, explanation: session.ended.explanation });
    }
    return new SugarError({ kind: 'session', remedy: 'login', explanation: `Not logged in on connection ${connectionId}; log in first.` });
  }

  /** Runs an operation with its activity shown, and remembers or clears its error. */
  private async track<T>(connectionId: string, activity: SessionActivity, operation: () => Promise<T>): Promise<T> {
    const entry = this.entry(connectionId);
    const previousActivity = entry.activity;
    entry.activity = activity;
    // A new attempt replaces the last failure: the state it returns must not still show that error.
    entry.lastError = undefined;
    this.emit(connectionId);
    try {
      return await operation();
    } catch (error) {
      if (!isCancellation(error) && error instanceof SugarError && !error.sessionEnded) entry.lastError = error;
      throw error;
    } finally {
      entry.activity = previousActivity === activity ? undefined : previousActivity;
      this.emit(connectionId);
    }
  }

  private async underLock<T>(connectionId: string, signal: AbortSignal | undefined, operation: () => Promise<T>): Promise<T> {
    return this.mutex.run(connectionId, async () => {
      const release = await this.lock.acquire(`session-${connectionId}`, signal);
      try {
        return await operation();
      } finally {
        await release();
      }
    });
  }

  /** Read, change and write one session under the lock, so that no other window's write is lost. */
  private async mutate(connectionId: string, change: (latest: StoredSession | undefined) => StoredSession | undefined): Promise<void> {
    await this.underLock(connectionId, undefined, async () => {
      const latest = await this.readStore(connectionId);
      const next = change(latest);
      if (next === latest) {
        this.adopt(connectionId, latest);
        return;
      }
      if (next) await this.writeStore(connectionId, next);
      else await this.options.store.delete(SessionEngine.storeKey(connectionId));
      this.adopt(connectionId, next);
    });
  }

  private async ensureLoaded(connectionId: string): Promise<StoredSession | undefined> {
    const entry = this.entries.get(connectionId);
    if (entry?.loaded) return entry.session;
    // The tree, the status bar and the auth provider ask at once at start-up: one read serves all.
    let reading = this.firstReads.get(connectionId);
    if (!reading) {
      reading = this.readStore(connectionId).finally(() => this.firstReads.delete(connectionId));
      this.firstReads.set(connectionId, reading);
    }
    const session = await reading;
    const current = this.entry(connectionId);
    if (!current.loaded) {
      current.loaded = true;
      current.session = session;
      this.secrets = undefined;
      this.emit(connectionId);
    }
    return current.session;
  }

  private async readStore(connectionId: string): Promise<StoredSession | undefined> {
    return parseSession(await this.options.store.get(SessionEngine.storeKey(connectionId)));
  }

  private async writeStore(connectionId: string, session: StoredSession): Promise<void> {
    await this.options.store.store(SessionEngine.storeKey(connectionId), serializeSession(session));
  }

  private async onStoreChanged(key: string): Promise<void> {
    if (!key.startsWith(SESSION_KEY_PREFIX)) return;
    const connectionId = key.slice(SESSION_KEY_PREFIX.length);
    if (!this.entries.has(connectionId)) return;
    const session = await this.readStore(connectionId);
    const entry = this.entry(connectionId);
    if (serialize(entry.session) !== serialize(session)) {
      entry.lastError = undefined;
      this.adopt(connectionId, session);
    }
  }

  private adopt(connectionId: string, session: StoredSession | undefined): void {
    const entry = this.entry(connectionId);
    const changed = serialize(entry.session) !== serialize(session) || !entry.loaded;
    entry.loaded = true;
    entry.session = session;
    this.secrets = undefined;
    if (changed) this.emit(connectionId);
  }

  private entry(connectionId: string): Entry {
    let entry = this.entries.get(connectionId);
    if (!entry) {
      entry = { loaded: false };
      this.entries.set(connectionId, entry);
    }
    return entry;
  }

  private emit(connectionId: string): void {
    if (this.listeners.size === 0) return;
    const state = this.state(connectionId);
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.options.logger.error(`A session listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

function serialize(session: StoredSession | undefined): string {
  return session ? serializeSession(session) : '';
}
