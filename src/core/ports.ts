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
 * windows never spend the same refresh token. `acquire` resolves with a release function.
 */
export interface CrossProcessLock {
  acquire(key: string, signal?: AbortSignal): Promise<() => Promise<void>>;
}

/** Small non-secret facts remembered per instance, such as its highest API version. */
export interface KeyValueCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void | Promise<void>;
}
