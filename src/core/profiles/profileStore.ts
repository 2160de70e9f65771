import type { Disposable, SecretStore } from '../ports';
import type { Profile } from './profile';

export const PROFILES_KEY = 'sugar.profiles';
const NO_PROFILES: readonly Profile[] = [];

/** A value derived from a list, made again only when the list is replaced (profiles never change in place). */
function derivedFrom<T, R>(derive: (list: readonly T[]) => R): (list: readonly T[]) => R {
  let last: { of: readonly T[]; value: R } | undefined;
  return (list) => {
    if (last?.of !== list) last = { of: list, value: derive(list) };
    return last.value;
  };
}

interface StoredProfiles {
  v: 1;
  profiles: Profile[];
}

/**
 * All connection profiles, kept as one secret: they hold passwords and client secrets, and one
 * key means one SecretStorage read at start-up however many connections there are.
 */
export class ProfileStore implements Disposable {
  private cache: Profile[] | undefined;
  /** By id: a lookup per request must not walk 1,000 profiles. */
  private readonly indexOf = derivedFrom((profiles: readonly Profile[]) => new Map(profiles.map((profile) => [profile.id, profile])));
  private readonly secretsOf = derivedFrom((profiles: readonly Profile[]): readonly string[] =>
    profiles.flatMap((profile) => [profile.password ?? '', profile.clientSecret]).filter((value) => value.length > 0),
  );
  private reading: Promise<Profile[]> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly subscription?: Disposable;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: SecretStore) {
    this.subscription = store.onDidChange?.((key) => {
      if (key !== PROFILES_KEY) return;
      // Another window changed the connections: read them again on next use and tell the views.
      this.cache = undefined;
      this.reading = undefined;
      this.fire();
    });
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async list(): Promise<Profile[]> {
    if (this.cache) return this.cache;
    // Callers at start-up (tree, status bar, seed) share one read of the secret.
    this.reading ??= this.store.get(PROFILES_KEY).then((text) => {
      this.reading = undefined;
      this.cache ??= parseProfiles(text);
      return this.cache;
    });
    return this.reading;
  }

  /** The ids as last read, without touching the store (empty before the first `list`). */
  cachedIds(): string[] {
    return (this.cache ?? []).map((profile) => profile.id);
  }

  async get(id: string): Promise<Profile | undefined> {
    return this.cached(id) ?? this.indexOf(await this.list()).get(id);
  }

  /** A profile as last read, without touching the store: the request path asks on every call. */
  cached(id: string): Profile | undefined {
    return this.cache && this.indexOf(this.cache).get(id);
  }

  async findByName(name: string): Promise<Profile | undefined> {
    const wanted = name.trim().toLowerCase();
    return (await this.list()).find((profile) => profile.name.toLowerCase() === wanted);
  }

  async add(profile: Profile): Promise<Profile> {
    await this.change((profiles) => [...profiles, profile]);
    return profile;
  }

  async update(id: string, changes: Partial<Omit<Profile, 'id'>>): Promise<Profile> {
    let updated: Profile | undefined;
    await this.change((profiles) =>
      profiles.map((profile) => {
        if (profile.id !== id) return profile;
        updated = { ...profile, ...changes, id };
        return updated;
      }),
    );
    if (!updated) throw new Error(`No connection with id ${id}.`);
    return updated;
  }

  async remove(id: string): Promise<void> {
    await this.change((profiles) => profiles.filter((profile) => profile.id !== id));
  }

  /**
   * Every password and client secret, for the log's redaction: the same array until the profiles
   * change, so that the log prepares it once rather than on every line.
   */
  knownSecrets(): readonly string[] {
    return this.secretsOf(this.cache ?? NO_PROFILES);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.listeners.clear();
  }

  /** Read-modify-write on a fresh copy, one at a time, so that a change from another window is kept. */
  private change(edit: (profiles: Profile[]) => Profile[]): Promise<void> {
    const next = this.writes.then(async () => {
      const fresh = parseProfiles(await this.store.get(PROFILES_KEY));
      const edited = edit(fresh);
      await this.store.store(PROFILES_KEY, JSON.stringify({ v: 1, profiles: edited } satisfies StoredProfiles));
      this.cache = edited;
      this.fire();
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  private fire(): void {
    for (const listener of this.listeners) listener();
  }
}

function parseProfiles(text: string | undefined): Profile[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as Partial<StoredProfiles>;
    return Array.isArray(value.profiles) ? value.profiles : [];
  } catch {
    return [];
  }
}
