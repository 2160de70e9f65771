import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disposable, SecretStore } from '../../src/core/ports';

/** SecretStorage's shape in memory, with change events like VS Code's. */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  private readonly listeners = new Set<(key: string) => void>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.fire(key);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.fire(key);
  }
  onDidChange(listener: (key: string) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  private fire(key: string): void {
    for (const listener of this.listeners) listener(key);
  }
}

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
