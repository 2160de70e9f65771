import type { Disposable, SecretStore } from '../ports';
import { type RecordTransaction, SecretRecords } from '../store/secretRecords';
import type { Profile } from './profile';
import { addProfile, type ChangeResult, freshList, removeProfile, updateProfile } from './profileChanges';
import {
  EMPTY_LIST,
  idOfSecretsKey,
  PROFILES_KEY,
  PROFILES_LOCK,
  type ProfileSecrets,
  type ProfileSummary,
  secretsKey,
  type StoredList,
  validateList,
  validateSecrets,
} from './storedProfiles';

export { PROFILES_KEY, type ProfileSummary, storedForm } from './storedProfiles';

interface CachedList {
  summaries: ProfileSummary[];
  byId: Map<string, ProfileSummary>;
}

/**
 * The connections. The list (every non-secret field) is one secret, so start-up reads one key
 * however many connections there are; each connection's password and client secret are a record
 * of their own, read when the connection is first used. Every change runs under the cross-window
 * lock on fresh reads (profileChanges.ts), so two windows never lose each other's changes.
 */
export class ProfileStore implements Disposable {
  private cache: CachedList | undefined;
  /** Bumped whenever the cached list is dropped, so that a read begun before does not fill it. */
  private generation = 0;
  private reading: Promise<CachedList> | undefined;
  /** Secrets by id as last read; absent means not read yet. */
  private readonly secrets = new Map<string, ProfileSecrets>();
  private readonly secretReads = new Map<string, Promise<ProfileSecrets>>();
  /** Whole profiles, kept as the same objects until they change (callers key caches on them). */
  private readonly whole = new Map<string, Profile>();
  private secretList: readonly string[] | undefined;
  private problem: string | undefined;
  /** Changes taken in lock order, and the last one whose outcome is cached. */
  private turns = 0;
  private applied = 0;
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions: Disposable[] = [];

  constructor(
    store: SecretStore,
    private readonly records: SecretRecords = new SecretRecords(store),
  ) {
    const changed = (key: string): void => {
      if (key === PROFILES_KEY) this.forgetList();
      else {
        const id = idOfSecretsKey(key);
        // Views show no secrets: only a change to secrets this window holds is news.
        if (id === undefined || !(this.secrets.has(id) || this.secretReads.has(id))) return;
        this.forgetSecrets(id);
      }
      // Another window (or the store moving damage aside) changed the connections: read again on next use.
      this.fire();
    };
    const subscription = store.onDidChange?.(changed);
    if (subscription) this.subscriptions.push(subscription);
    this.subscriptions.push(records.onDidFindUnreadable((finding) => changed(finding.key)));
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Every connection without its secrets; empty (and `readProblem` says why) when the store fails. */
  async list(): Promise<ProfileSummary[]> {
    return (await this.listed()).summaries;
  }

  private listed(): Promise<CachedList> {
    if (this.cache) return Promise.resolve(this.cache);
    // Callers at start-up (tree, status bar, seed) share one read of the secret.
    this.reading ??= this.load().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** Why the connections could not be read (the secret store failed, e.g. a locked keyring). */
  readProblem(): string | undefined {
    return this.problem;
  }

  /** The ids as last read, without touching the store (empty before the first `list`). */
  cachedIds(): string[] {
    return (this.cache?.summaries ?? []).map((profile) => profile.id);
  }

  /** A connection without its secrets: no read beyond the list, for what only names and shows it. */
  async summary(id: string): Promise<ProfileSummary | undefined> {
    return (await this.listed()).byId.get(id);
  }

  /** A connection with its secrets (read on first use). */
  async get(id: string): Promise<Profile | undefined> {
    const known = this.cached(id);
    if (known) return known;
    const summary = (await this.listed()).byId.get(id);
    if (!summary) return undefined;
    const secrets = await this.readSecrets(id);
    return this.cache?.byId.get(id) === summary ? this.wholeOf(summary, secrets) : { ...summary, ...secrets };
  }

  /** A profile as last read, without touching the store: the request path asks on every call. */
  cached(id: string): Profile | undefined {
    const summary = this.cache?.byId.get(id);
    const secrets = this.secrets.get(id);
    return summary && secrets ? this.wholeOf(summary, secrets) : undefined;
  }

  async findByName(name: string): Promise<Profile | undefined> {
    const wanted = name.trim().toLowerCase();
    const found = (await this.list()).find((profile) => profile.name.toLowerCase() === wanted);
    return found && this.get(found.id);
  }

  add(profile: Profile): Promise<Profile> {
    return this.change((tx) => addProfile(tx, profile));
  }

  update(id: string, changes: Partial<Omit<Profile, 'id'>>): Promise<Profile> {
    return this.change((tx) => updateProfile(tx, id, changes));
  }

  remove(id: string): Promise<void> {
    return this.change((tx) => removeProfile(tx, id));
  }

  /**
   * Every password and client secret read so far, for the log's redaction: the same array until
   * they change, so that the log prepares it once rather than on every line.
   */
  knownSecrets(): readonly string[] {
    this.secretList ??= [...this.secrets.values()].flatMap((s) => [s.password ?? '', s.clientSecret]).filter((value) => value.length > 0);
    return this.secretList;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.listeners.clear();
  }

  private async load(): Promise<CachedList> {
    const generation = this.generation;
    const outcome = await this.records.read(PROFILES_KEY, validateList, PROFILES_LOCK);
    if (outcome.status === 'failed') {
      // Not cached: the next look (a refresh of the view) tries again, e.g. once the keyring is unlocked.
      this.problem = `The connections could not be read from the secret store (${outcome.reason}).`;
      return listOf(EMPTY_LIST);
    }
    this.problem = undefined;
    const stored = outcome.status === 'ok' ? outcome.value : EMPTY_LIST;
    if (stored.version === 1) {
      // The old format held the secrets: known now, and moved into their own records in the background.
      for (const entry of stored.entries) if (entry.secrets) this.rememberSecrets(entry.summary.id, entry.secrets);
      void this.change(migrateOnly).catch(() => undefined);
    }
    if (this.cache) return this.cache;
    // Dropped while reading (another window wrote): what was read is out of date, but it is
    // what this read can answer; the next look reads again.
    if (generation !== this.generation) return listOf(stored);
    this.cache = listOf(stored);
    return this.cache;
  }

  private async readSecrets(id: string): Promise<ProfileSecrets> {
    const known = this.secrets.get(id);
    if (known) return known;
    let reading = this.secretReads.get(id);
    if (!reading) {
      reading = this.records.read(secretsKey(id), validateSecrets, PROFILES_LOCK).then((outcome) => {
        if (this.secretReads.get(id) !== reading) return this.secrets.get(id) ?? { clientSecret: '' };
        this.secretReads.delete(id);
        if (outcome.status === 'failed') {
          this.problem = `The secrets of a connection could not be read from the secret store (${outcome.reason}).`;
          return { clientSecret: '' };
        }
        // Absent: a connection without secrets; unreadable: moved aside and reported, the user re-enters them.
        const secrets = outcome.status === 'ok' ? { clientSecret: outcome.value.clientSecret, ...(outcome.value.password !== undefined ? { password: outcome.value.password } : {}) } : { clientSecret: '' };
        this.rememberSecrets(id, secrets);
        return secrets;
      });
      this.secretReads.set(id, reading);
    }
    return reading;
  }

  /** One change under the lock; the cache then holds what was written. */
  private async change<R>(body: (tx: RecordTransaction) => Promise<ChangeResult<R>>): Promise<R> {
    let turn = 0;
    const { list, secrets, result } = await this.records.transaction(PROFILES_LOCK, (tx) => ((turn = ++this.turns), body(tx)));
    // Changes finish in lock order, but their continuations may run in any: only the latest is cached.
    const latest = turn > this.applied;
    if (latest) this.applied = turn;
    for (const [id, value] of secrets) {
      if (value && latest) this.rememberSecrets(id, value);
      else this.forgetSecrets(id);
    }
    this.forgetList();
    if (latest) this.cache = listOf(list);
    this.fire();
    return result;
  }

  private forgetList(): void {
    this.cache = undefined;
    this.reading = undefined;
    this.generation++;
    this.whole.clear();
  }

  private rememberSecrets(id: string, secrets: ProfileSecrets): void {
    this.secrets.set(id, secrets);
    this.whole.delete(id);
    this.secretList = undefined;
  }

  private forgetSecrets(id: string): void {
    this.secrets.delete(id);
    this.secretReads.delete(id);
    this.whole.delete(id);
    this.secretList = undefined;
  }

  private wholeOf(summary: ProfileSummary, secrets: ProfileSecrets): Profile {
    let profile = this.whole.get(summary.id);
    if (!profile) {
      profile = { ...summary, ...secrets };
      this.whole.set(summary.id, profile);
    }
    return profile;
  }

  private fire(): void {
    for (const listener of this.listeners) listener();
  }
}

function listOf(stored: StoredList): CachedList {
  const summaries = stored.entries.map((entry) => entry.summary);
  return { summaries, byId: new Map(summaries.map((summary) => [summary.id, summary])) };
}

async function migrateOnly(tx: RecordTransaction): Promise<ChangeResult<void>> {
  const secrets = new Map<string, ProfileSecrets | undefined>();
  return { list: await freshList(tx, secrets), secrets, result: undefined };
}
