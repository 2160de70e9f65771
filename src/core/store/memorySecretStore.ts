import type { Disposable, SecretStore } from '../ports';

/**
 * SecretStorage's shape in memory, with change events like VS Code's: the store of the
 * command-line runner (whose sessions live as long as the process) and of the unit tests.
 */
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
