import type * as vscode from 'vscode';
import type { KeyValueCache } from '../core/ports';

/** The highest API version per instance URL, remembered across restarts; public facts only. */
export class MementoCache implements KeyValueCache {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly prefix = 'sugar.cache.',
  ) {}

  get(key: string): string | undefined {
    return this.memento.get<string>(this.prefix + key);
  }

  async set(key: string, value: string): Promise<void> {
    await this.memento.update(this.prefix + key, value);
  }
}
