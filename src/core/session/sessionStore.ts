import type { CrossProcessLock, Disposable, SecretStore } from '../ports';
import { KeyedMutex } from './keyedMutex';
import { DamagedSession, SessionRead, StoredSession, readSession, secretsOf, serializeSession } from './storedSession';

export const SESSION_KEY_PREFIX = 'sugar.session.';

export function sessionKey(connectionId: string): string {
  return SESSION_KEY_PREFIX + connectionId;
}

/**
 * Where session records persist: the one seam to move onto the shared store primitive later.
 * Reads are validated; a write replaces one connection's record whole.
 */
export interface SessionRecords {
  read(connectionId: string): Promise<SessionRead>;
  write(connectionId: string, session: StoredSession): Promise<void>;
  remove(connectionId: string): Promise<void>;
  /** Another window (or process) changed a connection's record. */
  onDidChange?(listener: (connectionId: string) => void): Disposable;
}

/** Records as one secret per connection, `sugar.session.<id>`. */
export class SecretSessionRecords implements SessionRecords {
  constructor(private readonly secrets: SecretStore) {}

  async read(connectionId: string): Promise<SessionRead> {
    return readSession(await this.secrets.get(sessionKey(connectionId)));
  }
  write(connectionId: string, session: StoredSession): Promise<void> {
    return this.secrets.store(sessionKey(connectionId), serializeSession(session));
  }
  remove(connectionId: string): Promise<void> {
    return this.secrets.delete(sessionKey(connectionId));
  }
  onDidChange(listener: (connectionId: string) => void): Disposable {
    return (
      this.secrets.onDidChange?.((key) => {
        if (key.startsWith(SESSION_KEY_PREFIX)) listener(key.slice(SESSION_KEY_PREFIX.length));
      }) ?? { dispose: () => undefined }
    );
  }
}

interface Entry {
  loaded: boolean;
  session?: StoredSession;
  damaged?: DamagedSession;
}

/** What changed: `external` when another window wrote it, so that old failures can be cleared. */
export type StoreListener = (connectionId: string, external: boolean) => void;

/**
 * The sessions this window knows, kept equal to the store: read once on first use (one read for
 * every concurrent caller), changed only by read-modify-write under the cross-window lock with a
 * fresh read, and following other windows' writes through the store's change events.
 */
export class SessionStore implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly firstReads = new Map<string, Promise<SessionRead>>();
  private readonly mutex = new KeyedMutex();
  private secrets: readonly string[] | undefined;
  private readonly subscription?: Disposable;

  constructor(
    private readonly records: SessionRecords,
    private readonly lock: CrossProcessLock,
    private readonly changed: StoreListener,
  ) {
    this.subscription = records.onDidChange?.((connectionId) => void this.onRecordChanged(connectionId));
  }

  /** The session as last known, without touching the store. */
  session(connectionId: string): StoredSession | undefined {
    return this.entries.get(connectionId)?.session;
  }

  damaged(connectionId: string): DamagedSession | undefined {
    return this.entries.get(connectionId)?.damaged;
  }

  /** The connections whose record this window has read. */
  loadedIds(): string[] {
    return [...this.entries.keys()];
  }

  isLoaded(connectionId: string): boolean {
    return this.entries.get(connectionId)?.loaded ?? false;
  }

  async ensureLoaded(connectionId: string): Promise<StoredSession | undefined> {
    const entry = this.entries.get(connectionId);
    if (entry?.loaded) return entry.session;
    // The tree, the status bar and the auth provider ask at once at start-up: one read serves all.
    let reading = this.firstReads.get(connectionId);
    if (!reading) {
      reading = this.records.read(connectionId).finally(() => this.firstReads.delete(connectionId));
      this.firstReads.set(connectionId, reading);
    }
    const read = await reading;
    if (!this.isLoaded(connectionId)) this.adopt(connectionId, read);
    return this.session(connectionId);
  }

  /** A fresh read of the store, adopted: under the lock, what another window wrote is seen. */
  async reread(connectionId: string): Promise<StoredSession | undefined> {
    this.adopt(connectionId, await this.records.read(connectionId));
    return this.session(connectionId);
  }

  /** Runs an operation holding this connection's lock, in this process and across windows. */
  underLock<T>(connectionId: string, signal: AbortSignal | undefined, operation: () => Promise<T>): Promise<T> {
    return this.mutex.run(connectionId, async () => {
      const release = await this.lock.acquire(`session-${connectionId}`, signal);
      try {
        return await operation();
      } finally {
        await release();
      }
    });
  }

  /** Writes a session; the caller holds the lock. Adopted only once it is stored. */
  async write(connectionId: string, session: StoredSession): Promise<void> {
    await this.records.write(connectionId, session);
    this.adopt(connectionId, { session });
  }

  /**
   * Read, change and write one session under the lock, so that no other window's write is lost.
   * `change` sees undefined for a damaged record; returning undefined for it keeps it as it is.
   */
  async mutate(connectionId: string, change: (latest: StoredSession | undefined) => StoredSession | undefined, signal?: AbortSignal): Promise<StoredSession | undefined> {
    return this.underLock(connectionId, signal, async () => {
      const read = await this.records.read(connectionId);
      const next = change(read.session);
      if (next === read.session) {
        this.adopt(connectionId, read);
      } else if (next) {
        await this.write(connectionId, next);
      } else {
        await this.records.remove(connectionId);
        this.adopt(connectionId, {});
      }
      return this.session(connectionId);
    });
  }

  /** Drops a connection's record, damaged or not, under the lock. */
  forget(connectionId: string): Promise<void> {
    return this.underLock(connectionId, undefined, () => this.forgetHoldingLock(connectionId));
  }

  /** Drops a connection's record; the caller holds the lock. */
  async forgetHoldingLock(connectionId: string): Promise<void> {
    await this.records.remove(connectionId);
    this.adopt(connectionId, {});
  }

  /**
   * Every token this window holds, for the log's redaction (damaged records included): the same
   * array until a session changes, so that the log prepares it once rather than on every line.
   */
  knownSecrets(): readonly string[] {
    this.secrets ??= [...this.entries.values()].flatMap((entry) => (entry.damaged ? entry.damaged.secrets : secretsOf(entry.session)));
    return this.secrets;
  }

  dispose(): void {
    this.subscription?.dispose();
  }

  private async onRecordChanged(connectionId: string): Promise<void> {
    if (!this.entries.has(connectionId)) return;
    try {
      this.adopt(connectionId, await this.records.read(connectionId), true);
    } catch {
      // A store that cannot be read now keeps what we know; the next operation reads it again.
    }
  }

  private adopt(connectionId: string, read: SessionRead, external = false): void {
    let entry = this.entries.get(connectionId);
    if (!entry) this.entries.set(connectionId, (entry = { loaded: false }));
    const changed = !entry.loaded || fingerprint(entry) !== fingerprint(read);
    entry.loaded = true;
    entry.session = read.session;
    entry.damaged = read.damaged;
    if (!changed) return;
    this.secrets = undefined;
    this.changed(connectionId, external);
  }
}

function fingerprint(value: { session?: StoredSession; damaged?: DamagedSession }): string {
  return value.damaged ? `damaged:${value.damaged.reason}` : value.session ? serializeSession(value.session) : '';
}
