import type { Disposable, SecretStore } from '../ports';
import type { ReadOutcome, RecordTransaction, SecretRecords } from '../store/secretRecords';
import { readable, unreadable, type Validator } from '../store/verdict';
import { KeyedMutex } from './keyedMutex';
import { DamagedSession, SessionRead, StoredSession, readSessionValue, secretsOf, serializeSession } from './storedSession';

export const SESSION_KEY_PREFIX = 'sugar.session.';

export function sessionKey(connectionId: string): string {
  return SESSION_KEY_PREFIX + connectionId;
}

/** The cross-window lock a connection's session record is changed under (also by the store's own repairs). */
export function sessionLockKey(connectionId: string): string {
  return `session-${connectionId}`;
}

/**
 * One validated read of a session record through the store primitive. The validator keeps the
 * token-like strings of a damaged value: the log must still mask them after it is moved aside.
 */
async function readRecord(read: (validate: Validator<StoredSession>) => Promise<ReadOutcome<StoredSession>>): Promise<SessionRead> {
  let damaged: DamagedSession | undefined;
  const outcome = await read((json) => {
    const result = readSessionValue(json);
    if (result.session) return readable(result.session);
    damaged = result.damaged ?? { reason: 'it is empty', secrets: [] };
    return unreadable(damaged.reason);
  });
  switch (outcome.status) {
    case 'ok':
      return { session: outcome.value };
    case 'absent':
      return {};
    case 'unreadable':
      return { damaged: damaged ?? { reason: outcome.reason, secrets: [] } };
    case 'failed':
      throw new Error(`The secret store could not be read (${outcome.reason}).`);
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
 * The sessions this window knows, kept equal to the store (src/core/store, one key per
 * connection): read once on first use (one read for every concurrent caller), changed only by
 * read-modify-write under the cross-window lock with a fresh read, and following other windows'
 * writes through the store's change events. A damaged record is moved aside by the store (kept
 * under a backup key, reported) and stays shown as damaged here until it is forgotten or replaced.
 */
export class SessionStore implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly firstReads = new Map<string, Promise<SessionRead>>();
  private readonly mutex = new KeyedMutex();
  /** The transaction this process runs on a connection, while it holds that connection's lock. */
  private readonly held = new Map<string, RecordTransaction>();
  private secrets: readonly string[] | undefined;
  private readonly subscription?: Disposable;

  constructor(
    private readonly records: SecretRecords,
    events: SecretStore,
    private readonly changed: StoreListener,
  ) {
    this.subscription = events.onDidChange?.((key) => {
      if (key.startsWith(SESSION_KEY_PREFIX)) void this.onRecordChanged(key.slice(SESSION_KEY_PREFIX.length));
    });
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
      reading = this.readUnlocked(connectionId).finally(() => this.firstReads.delete(connectionId));
      this.firstReads.set(connectionId, reading);
    }
    const read = await reading;
    if (!this.isLoaded(connectionId)) this.adopt(connectionId, read);
    return this.session(connectionId);
  }

  /** A fresh read of the store, adopted: under the lock, what another window wrote is seen. */
  async reread(connectionId: string): Promise<StoredSession | undefined> {
    const tx = this.held.get(connectionId);
    this.adopt(connectionId, tx ? await this.readIn(tx, connectionId) : await this.readUnlocked(connectionId));
    return this.session(connectionId);
  }

  /**
   * Runs an operation holding this connection's lock, in this process and across windows. The
   * operation is handed the lease's `lost` signal: aborted when another window took the lock
   * over meanwhile, so that it does not write over what that window stored.
   */
  underLock<T>(connectionId: string, signal: AbortSignal | undefined, operation: (lost?: AbortSignal) => Promise<T>): Promise<T> {
    return this.mutex.run(connectionId, () =>
      this.records.transaction(
        sessionLockKey(connectionId),
        async (tx) => {
          this.held.set(connectionId, tx);
          try {
            return await operation(tx.lost);
          } finally {
            this.held.delete(connectionId);
          }
        },
        signal,
      ),
    );
  }

  /** Writes a session; the caller holds the lock and has read the record in it. Adopted only once stored. */
  async write(connectionId: string, session: StoredSession): Promise<void> {
    await this.holding(connectionId).write(sessionKey(connectionId), session);
    this.adopt(connectionId, { session }, false, true);
  }

  /**
   * Read, change and write one session under the lock, so that no other window's write is lost.
   * `change` sees undefined for a damaged record (moved aside by then); returning undefined for
   * it keeps it shown as it is. A change whose lease was lost meanwhile is not written.
   */
  async mutate(connectionId: string, change: (latest: StoredSession | undefined) => StoredSession | undefined, signal?: AbortSignal): Promise<StoredSession | undefined> {
    return this.underLock(connectionId, signal, async (lost) => {
      const tx = this.holding(connectionId);
      const read = await this.readIn(tx, connectionId);
      const next = change(read.session);
      if (next !== read.session) lost?.throwIfAborted();
      if (next === read.session) {
        this.adopt(connectionId, read);
      } else if (next) {
        await this.write(connectionId, next);
      } else {
        await tx.delete(sessionKey(connectionId));
        this.adopt(connectionId, {}, false, true);
      }
      return this.session(connectionId);
    });
  }

  /** Drops a connection's record, damaged or not (a damaged one is kept aside by the store), under the lock. */
  forget(connectionId: string, signal?: AbortSignal): Promise<void> {
    return this.underLock(connectionId, signal, () => this.forgetHoldingLock(connectionId));
  }

  /** Drops a connection's record; the caller holds the lock. */
  async forgetHoldingLock(connectionId: string): Promise<void> {
    const tx = this.holding(connectionId);
    // Read first: what cannot be read is moved aside rather than deleted unseen.
    await this.readIn(tx, connectionId);
    await tx.delete(sessionKey(connectionId));
    this.adopt(connectionId, {}, false, true);
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

  private holding(connectionId: string): RecordTransaction {
    const tx = this.held.get(connectionId);
    if (!tx) throw new Error(`The session of ${connectionId} is written only under its lock.`);
    return tx;
  }

  private readUnlocked(connectionId: string): Promise<SessionRead> {
    return readRecord((validate) => this.records.read(sessionKey(connectionId), validate, sessionLockKey(connectionId)));
  }

  private readIn(tx: RecordTransaction, connectionId: string): Promise<SessionRead> {
    return readRecord((validate) => tx.read(sessionKey(connectionId), validate));
  }

  private async onRecordChanged(connectionId: string): Promise<void> {
    if (!this.entries.has(connectionId)) return;
    try {
      this.adopt(connectionId, await this.readUnlocked(connectionId), true);
    } catch {
      // A store that cannot be read now keeps what we know; the next operation reads it again.
    }
  }

  /**
   * `replaced`: this window wrote or deleted the record. Otherwise a damaged record that is now
   * absent was only moved aside by the store, and stays shown until the user forgets it.
   */
  private adopt(connectionId: string, read: SessionRead, external = false, replaced = false): void {
    let entry = this.entries.get(connectionId);
    if (!entry) this.entries.set(connectionId, (entry = { loaded: false }));
    if (entry.damaged && !replaced && !read.session && !read.damaged) return;
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
