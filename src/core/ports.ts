/**
 * The narrow interfaces the core needs from its host. The VS Code layer implements them with
 * SecretStorage, a LogOutputChannel and Date.now; tests implement them with files and fake clocks.
 */

export interface Disposable {
  dispose(): void;
}

/** Where tokens, passwords and client secrets live: SecretStorage in VS Code. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Fires when another window (or process) changed a key, so that cached copies can be re-read. */
  onDidChange?(listener: (key: string) => void): Disposable;
}

/** Milliseconds since the epoch; injected so that tests move time without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Messages only: callers never pass a token, password or secret (the adapter redacts anyway). */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * A lock shared by every process that shares the secret store (VS Code windows), so that two
 * windows never spend the same refresh token. `acquire` resolves with a release function; it
 * rejects when `signal` aborts or after a bounded wait, with an explained error.
 */
export interface CrossProcessLock {
  acquire(key: string, signal?: AbortSignal): Promise<LockRelease>;
}

/** Releases a held lock when called. */
export interface LockRelease {
  (): Promise<void>;
  /**
   * Aborted (with an explained error as its reason) when the lock was lost while held: this
   * process went longer than the lease's stale time without renewing it (a hung or sleeping host)
   * and another window may have taken it over. Check it before writing what was read under the lock.
   */
  readonly lost?: AbortSignal;
}

/** Small non-secret facts remembered per instance, such as its highest API version. */
export interface KeyValueCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void | Promise<void>;
}
