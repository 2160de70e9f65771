/**
 * A session's schema (modules, fields, links), for the tree, the commands and IntelliSense. Asked
 * on first use, never at activation; kept per instance, user and platform (a sudo session sees
 * what its user may see), and forgotten when that session logs out.
 */
import { parseSessionRef } from '../../core/session/sessionState';
import type { SchemaIndex } from '../../core/schema/schemaIndex';
import type { SchemaCacheStore } from '../../core/schema/schemaSource';
import { SchemaSource } from '../../core/schema/schemaSource';
import type { ProfileStore } from '../../core/profiles/profileStore';
import type { SessionEngine } from '../../core/session/sessionEngine';

export class SchemaService {
  private readonly source: SchemaSource;

  constructor(
    private readonly engine: SessionEngine,
    private readonly profiles: ProfileStore,
    cache: SchemaCacheStore,
  ) {
    this.source = new SchemaSource(cache);
  }

  /** Instance, user and platform of a connection or sudo session: whose schema it is. */
  async keyOf(sessionId: string): Promise<string> {
    const ref = parseSessionRef(sessionId);
    const profile = await this.profiles.summary(ref.connectionId);
    if (!profile) throw new Error('That connection no longer exists.');
    const user = ref.sudoUser ?? profile.username;
    return JSON.stringify([profile.instanceUrl.toLowerCase(), user.toLowerCase(), profile.platform]);
  }

  /** The index, loading (or revalidating a cached copy) when this window has none yet. */
  async index(sessionId: string, signal?: AbortSignal): Promise<SchemaIndex> {
    const key = await this.keyOf(sessionId);
    return this.source.get(key, (request, s) => this.engine.request(sessionId, request, s), signal);
  }

  /** What is known without asking the server: completion never waits on a request. */
  async peek(sessionId: string): Promise<SchemaIndex | undefined> {
    return this.source.peek(await this.keyOf(sessionId));
  }

  /** After a 412 metadata_out_of_date or on demand: the next question revalidates. */
  async invalidate(sessionId: string): Promise<void> {
    this.source.invalidate(await this.keyOf(sessionId));
  }
}
