import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../../src/core/ports';

/** SecretStorage's shape in memory: the runner's store, shared with the tests. */
export { MemorySecretStore } from '../../src/core/store/memorySecretStore';

/**
 * One file per key in a shared folder: what two VS Code windows share through SecretStorage,
 * for tests that run two engines in two processes. Writes are atomic (write, then rename).
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
  }
  private path(key: string): string {
    return join(this.folder, encodeURIComponent(key));
  }
  async get(key: string): Promise<string | undefined> {
    try {
      return readFileSync(this.path(key), 'utf8');
    } catch {
      return undefined;
    }
  }
  async store(key: string, value: string): Promise<void> {
    const temporary = `${this.path(key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, value);
    renameSync(temporary, this.path(key));
  }
  async delete(key: string): Promise<void> {
    try {
      unlinkSync(this.path(key));
    } catch {
      // Already gone.
    }
  }
}
