import { type Clock, type CrossProcessLock, type Disposable, type SecretStore, systemClock } from '../ports';
import { keepNewestBackups } from './backupIndex';
import { inProcessLock } from './inProcessLock';
import { judge, type Validator } from './verdict';

export type ReadOutcome<T> =
  | { status: 'absent' }
  /** `readOnly` says why the value must not be written over (a newer version wrote it). */
  | { status: 'ok'; value: T; readOnly?: string }
  /** Damaged; under the lock it has been moved aside to `backupKey` (and the key is now free). */
  | { status: 'unreadable'; reason: string; backupKey?: string }
  /** The secret store itself failed (a locked keyring): nothing is known about the value. */
  | { status: 'failed'; reason: string };

/** Something stored that could not be read, or may not be written: the user is told once. */
export interface UnreadableFinding {
  key: string;
  reason: string;
  /** Where the unreadable value (or its unreadable part) was moved; absent for read-only data. */
  backupKey?: string;
  readOnly: boolean;
  at: number;
}

/** A write this process refused, so as not to destroy what it could not read. */
export class StoreRefusedError extends Error {}

/** Reads and writes inside one `transaction`, all under its lock; every read is fresh. */
export interface RecordTransaction {
  read<T>(key: string, validate: Validator<T>): Promise<ReadOutcome<T>>;
  /** Allowed only for a key read in this transaction and found absent, readable or moved aside. */
  write(key: string, json: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Aborted when the cross-window lease was lost while held (another window may be inside). */
  readonly lost?: AbortSignal;
}

const MAX_FINDINGS = 50;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one primitive for what is persisted in the secret store. `read` validates (no lock, no
 * write); `transaction` runs a read-modify-write under the cross-window lock with fresh reads,
 * moving aside (to `<key>.backup.<ISO date>`, the newest five kept) what it cannot read before anything is written,
 * and refusing to write over what a newer version wrote. Profiles and session records share it.
 */
export class SecretRecords {
  private readonly listeners = new Set<(finding: UnreadableFinding) => void>();
  private readonly findings: UnreadableFinding[] = [];
  private readonly reported = new Set<string>();
  private readonly quarantines = new Map<string, Promise<unknown>>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly lock: CrossProcessLock = inProcessLock(),
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * A validated read without the lock, for caches and start-up. Damaged data is not written
   * here; a locked fresh read moves it aside in the background (`lockKey`: the lock its writers take).
   */
  async read<T>(key: string, validate: Validator<T>, lockKey: string = key): Promise<ReadOutcome<T>> {
    let text: string | undefined;
    try {
      text = await this.secrets.get(key);
    } catch (error) {
      return { status: 'failed', reason: describeError(error) };
    }
    if (text === undefined) return { status: 'absent' };
    const verdict = judge(text, validate);
    switch (verdict.kind) {
      case 'ok':
        return { status: 'ok', value: verdict.value };
      case 'readOnly':
        this.report({ key, reason: verdict.reason, readOnly: true });
        return { status: 'ok', value: verdict.value, readOnly: verdict.reason };
      case 'partial':
        this.quarantineSoon(key, validate, lockKey);
        return { status: 'ok', value: verdict.value };
      case 'unreadable':
        this.quarantineSoon(key, validate, lockKey);
        return { status: 'unreadable', reason: verdict.reason };
    }
  }

  /** Runs `body` under the cross-window lock `lockKey`; the lock is released however it ends. */
  async transaction<R>(lockKey: string, body: (tx: RecordTransaction) => Promise<R>, signal?: AbortSignal): Promise<R> {
    const release = await this.lock.acquire(lockKey, signal);
    try {
      return await body(new Transaction(this.secrets, this, release.lost));
    } finally {
      await release();
    }
  }

  /**
   * Read-modify-write of one key: `edit` sees the fresh outcome and returns the JSON to store,
   * `null` to delete the key, or `undefined` to leave it.
   */
  update<T>(key: string, validate: Validator<T>, edit: (current: ReadOutcome<T>) => unknown, lockKey: string = key, signal?: AbortSignal): Promise<void> {
    return this.transaction(
      lockKey,
      async (tx) => {
        const next = edit(await tx.read(key, validate));
        if (next === null) await tx.delete(key);
        else if (next !== undefined) await tx.write(key, next);
      },
      signal,
    );
  }

  /** The text of a backup, for the user to look at (it may hold passwords: show, never log). */
  async readBackup(backupKey: string): Promise<string | undefined> {
    return this.secrets.get(backupKey);
  }

  onDidFindUnreadable(listener: (finding: UnreadableFinding) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** What was found so far in this process (the most recent 50). */
  found(): readonly UnreadableFinding[] {
    return this.findings;
  }

  /** @internal the backup key for `key` now; the date says when it was moved aside. */
  backupKeyFor(key: string): string {
    return `${key}.backup.${new Date(this.clock.now()).toISOString()}`;
  }

  /** @internal told once per key and backup (read-only data: once per key and reason). */
  report(finding: Omit<UnreadableFinding, 'at'>): void {
    const id = `${finding.key}\n${finding.backupKey ?? finding.reason}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    const full = { ...finding, at: this.clock.now() };
    this.findings.push(full);
    if (this.findings.length > MAX_FINDINGS) this.findings.shift();
    for (const listener of this.listeners) listener(full);
  }

  private quarantineSoon<T>(key: string, validate: Validator<T>, lockKey: string): void {
    if (this.quarantines.has(key)) return;
    const done = this.transaction(lockKey, (tx) => tx.read(key, validate))
      .catch(() => undefined)
      .finally(() => this.quarantines.delete(key));
    this.quarantines.set(key, done);
  }

  /** @internal for tests and callers that must wait until damage found by `read` is moved aside. */
  settled(): Promise<unknown> {
    return Promise.all(this.quarantines.values());
  }
}

class Transaction implements RecordTransaction {
  /** Keys this transaction may write: read fresh and found absent, readable or moved aside. */
  private readonly writable = new Set<string>();
  private readonly refusals = new Map<string, string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly records: SecretRecords,
    readonly lost?: AbortSignal,
  ) {}

  async read<T>(key: string, validate: Validator<T>): Promise<ReadOutcome<T>> {
    let text: string | undefined;
    try {
      text = await this.secrets.get(key);
    } catch (error) {
      // Nothing can be written safely without knowing what is there.
      throw new StoreRefusedError(`The secret store could not be read (${describeError(error)}); nothing was changed.`);
    }
    if (text === undefined) {
      this.writable.add(key);
      return { status: 'absent' };
    }
    const verdict = judge(text, validate);
    switch (verdict.kind) {
      case 'ok':
        this.writable.add(key);
        return { status: 'ok', value: verdict.value };
      case 'readOnly':
        this.refusals.set(key, verdict.reason);
        this.records.report({ key, reason: verdict.reason, readOnly: true });
        return { status: 'ok', value: verdict.value, readOnly: verdict.reason };
      case 'partial': {
        // The unreadable part first, then the readable rest in its place: a crash in between
        // leaves the original, which the next read moves aside again.
        const backupKey = await this.moveAside(key, JSON.stringify(verdict.aside));
        await this.secrets.store(key, JSON.stringify(verdict.repaired));
        this.writable.add(key);
        this.records.report({ key, reason: verdict.reason, backupKey, readOnly: false });
        return { status: 'ok', value: verdict.value };
      }
      case 'unreadable': {
        const backupKey = await this.moveAside(key, text);
        await this.secrets.delete(key);
        this.writable.add(key);
        this.records.report({ key, reason: verdict.reason, backupKey, readOnly: false });
        return { status: 'unreadable', reason: verdict.reason, backupKey };
      }
    }
  }

  /** Stores `text` under a new backup key of `key`, keeping only the newest few backups of it. */
  private async moveAside(key: string, text: string): Promise<string> {
    const backupKey = this.records.backupKeyFor(key);
    await this.secrets.store(backupKey, text);
    await keepNewestBackups(this.secrets, key, backupKey);
    return backupKey;
  }

  async write(key: string, json: unknown): Promise<void> {
    this.check(key);
    await this.secrets.store(key, JSON.stringify(json));
  }

  async delete(key: string): Promise<void> {
    this.check(key);
    await this.secrets.delete(key);
  }

  private check(key: string): void {
    const refusal = this.refusals.get(key);
    if (refusal !== undefined) throw new StoreRefusedError(`${refusal}; it is kept as it is and not written over.`);
    if (!this.writable.has(key)) throw new Error(`The store refuses to write ${key} without reading it first under the lock.`);
  }
}
