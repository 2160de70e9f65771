/**
 * The schema cache on disk, shared by every window: one file per instance and user in the
 * extension's global storage, written to a temporary name and renamed, so that a window never
 * reads half a file another one is writing. Contents are metadata, never a token.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SchemaCacheStore } from '../../core/schema/schemaSource';

/** A cached schema larger than this is not read back (a damaged or hostile file). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export class SchemaFiles implements SchemaCacheStore {
  constructor(private readonly folder: string) {}

  private file(key: string): string {
    return join(this.folder, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  async read(key: string): Promise<string | undefined> {
    try {
      const buffer = await readFile(this.file(key));
      return buffer.length > MAX_CACHE_BYTES ? undefined : buffer.toString('utf8');
    } catch {
      return undefined;
    }
  }

  async write(key: string, text: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const target = this.file(key);
    const temporary = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
  }
}
