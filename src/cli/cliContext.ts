/**
 * The composition root of the command-line runner and of its MCP server: the same core as the
 * extension (session engine, profile store, secret records, file lock, client), with the one
 * connection the environment describes, an in-memory secret store (a CI job keeps nothing) and
 * a log on stderr. Login, refresh and sudo go through the engine, as in VS Code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../core/ports';
import { MemoryCache, ProfileConnections } from '../core/profiles/profileConnections';
import { ProfileStore } from '../core/profiles/profileStore';
import { FileLock } from '../core/session/fileLock';
import { SessionEngine } from '../core/session/sessionEngine';
import { hasTokens, parseSessionRef, sudoSessionId } from '../core/session/sessionState';
import { SingleFlight } from '../core/session/singleFlight';
import { MemorySecretStore } from '../core/store/memorySecretStore';
import { SecretRecords } from '../core/store/secretRecords';
import type { ApiRequest, ApiResponse } from '../core/sugar/client';
import { SugarClient } from '../core/sugar/client';
import { UndiciHttpDispatcher } from '../core/sugar/http';
import { CliConfigError, readCliEnvironment, type CliEnvironmentOptions } from './cliEnvironment';
import { isLogLevel, type LogLevel, StderrLog } from './stderrLog';

export { CliConfigError, CliUsageError, CLI_VARIABLES } from './cliEnvironment';

export interface CliContextOptions extends CliEnvironmentOptions {
  /** Log in while opening (default true): a wrong password is then an error of the start. */
  login?: boolean;
  /** Aborts the login of the start (SIGINT while logging in). */
  signal?: AbortSignal;
  /** Where log lines go (default stderr); the level: `logLevel`, else SUGAR_LOG_LEVEL, else `defaultLogLevel` (info). */
  logLevel?: LogLevel;
  defaultLogLevel?: LogLevel;
  writeLog?: (line: string) => void;
}

export interface CliContext {
  engine: SessionEngine;
  profiles: ProfileStore;
  /** The one connection, from the environment. */
  connectionId: string;
  /** Its name in messages: the instance's host. */
  connectionName: string;
  /** TLS certificates are not checked (--insecure or SUGAR_INSECURE_TLS); already said on stderr. */
  insecureTls: boolean;
  /** The session id to send as: the connection, or a sudo session as `sudoUser` (started by `request`). */
  sessionFor(sudoUser?: string): string;
  /**
   * Sends one request as a session of `sessionFor`: logs in again if the session ended, starts
   * the sudo session on first use, refreshes through the engine.
   */
  request(sessionId: string, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse>;
  /** Logs in (or not, when the session is alive) and starts the sudo session a session id names. */
  ensureSession(sessionId: string, signal?: AbortSignal): Promise<void>;
  /** stderr, redacted. */
  logger: StderrLog;
  /** Masks every secret the runner knows in a text it is about to print or write to a file. */
  redact(text: string): string;
  /**
   * Logs out every session it opened (sudo sessions too), closes HTTP, removes the lock folder.
   * Idempotent; never rejects. `loggedOut`: the server was told (false when there was no session).
   */
  close(): Promise<{ loggedOut: boolean }>;
}

/** A logout that hangs must not keep a cancelled CI job alive. */
const LOGOUT_DEADLINE_MS = 15_000;

/**
 * Reads the environment (throws CliConfigError, exit code 2, naming missing variables), builds
 * the core and, unless `login: false`, logs in. A failed login closes what was built and rejects
 * with the engine's explained SugarError.
 */
export async function openCliContext(env: NodeJS.ProcessEnv, options: CliContextOptions = {}): Promise<CliContext> {
  const settings = readCliEnvironment(env, options);
  const { profile } = settings;
  const store = new MemorySecretStore();
  // The engine's cross-process lock; nothing else shares this process's sessions, so a folder of its own.
  const lockFolder = mkdtempSync(join(tmpdir(), 'sugar-rest-'));
  const records = new SecretRecords(store, new FileLock(lockFolder));
  const profiles = new ProfileStore(store, records);
  const envLevel = env.SUGAR_LOG_LEVEL?.trim().toLowerCase();
  // The password and secret are masked from the first line on, before the store has read them.
  const given = [profile.password ?? '', profile.clientSecret].filter((secret) => secret.length > 0);
  const logger: StderrLog = new StderrLog(() => [given, engine.knownSecrets(), profiles.knownSecrets()], {
    level: options.logLevel ?? (isLogLevel(envLevel) ? envLevel : options.defaultLogLevel ?? 'info'),
    publicTexts: () => [profile.name, profile.username],
    ...(options.writeLog ? { write: options.writeLog } : {}),
  });
  const http = new UndiciHttpDispatcher();
  const client = new SugarClient(http, logger);
  const connections = new ProfileConnections(profiles, client, new MemoryCache());
  const engine: SessionEngine = new SessionEngine({ store, clock: systemClock, logger, client, connections, records, fetchUserAfterLogin: false });
  for (const warning of settings.warnings) logger.warn(warning);
  if (settings.insecureTls) logger.warn(`TLS certificates of ${profile.name} are not checked (--insecure or SUGAR_INSECURE_TLS): anyone on the network path can read the password and tokens.`);
  await profiles.add(profile);

  const logins = new SingleFlight<void>();
  const sudos = new SingleFlight<void>();
  const ensureLoggedIn = (signal?: AbortSignal): Promise<void> =>
    hasTokens(engine.state(profile.id)) ? Promise.resolve() : logins.run('login', async () => void (await engine.login(profile.id, { signal })));
  const ensureSession = async (sessionId: string, signal?: AbortSignal): Promise<void> => {
    await ensureLoggedIn(signal);
    const { sudoUser } = parseSessionRef(sessionId);
    if (!sudoUser || engine.state(profile.id).sudo.some((entry) => entry.userName === sudoUser)) return;
    await sudos.run(sudoUser, async () => void (await engine.sudo(profile.id, sudoUser, signal)));
  };

  let closing: Promise<{ loggedOut: boolean }> | undefined;
  const close = (): Promise<{ loggedOut: boolean }> =>
    (closing ??= (async () => {
      try {
        if (!hasTokens(engine.state(profile.id))) return { loggedOut: false };
        // The sudo sessions end with the admin session; a logout the server never hears of is said on stderr.
        const ended = await engine.logout(profile.id, { forgetLocally: true, signal: AbortSignal.timeout(LOGOUT_DEADLINE_MS) });
        if (ended.serverNotTold) logger.warn(`The server could not be told of the logout: ${ended.serverNotTold.message}`);
        return { loggedOut: !ended.serverNotTold };
      } catch (error) {
        logger.warn(`Could not log out: ${error instanceof Error ? error.message : String(error)}`);
        return { loggedOut: false };
      } finally {
        engine.dispose();
        profiles.dispose();
        await http.close().catch(() => undefined);
        rmSync(lockFolder, { recursive: true, force: true });
      }
    })());

  const context: CliContext = {
    engine,
    profiles,
    connectionId: profile.id,
    connectionName: profile.name,
    insecureTls: settings.insecureTls,
    sessionFor: (sudoUser) => (sudoUser ? sudoSessionId(profile.id, sudoUser) : profile.id),
    ensureSession,
    request: async (sessionId, request, signal) => {
      await ensureSession(sessionId, signal);
      return engine.request(sessionId, request, signal);
    },
    logger,
    redact: (text) => logger.redact(text),
    close,
  };
  if (options.login !== false) {
    try {
      await ensureLoggedIn(options.signal);
    } catch (error) {
      await close();
      // Cancelled (SIGINT while logging in): the caller knows why.
      if (options.signal?.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliConfigError(logger.redact(`Could not log in to ${profile.name} as ${profile.username}: ${reason}`), { cause: error });
    }
  }
  return context;
}
