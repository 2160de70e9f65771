import vscode = require('vscode');
import { addToHistory, HistoryEntry } from '../../core/explore/history';
import type { ApiResponse } from '../../core/sugar/client';

const KEY_PREFIX = 'sugar.history.';

/**
 * The last 50 requests per connection, in globalState (no tokens: the engine adds those when
 * sending). The last response of each entry lives in memory only, for "Open Last Response".
 */
export class HistoryStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly lastResponses = new Map<string, { response: ApiResponse; url: string; sessionLabel: string }>();

  constructor(private readonly state: vscode.Memento) {}

  entries(connectionId: string): HistoryEntry[] {
    return this.state.get<HistoryEntry[]>(KEY_PREFIX + connectionId) ?? [];
  }

  async add(connectionId: string, entry: HistoryEntry, answer?: { response: ApiResponse; url: string; sessionLabel: string }): Promise<void> {
    await this.state.update(KEY_PREFIX + connectionId, addToHistory(this.entries(connectionId), entry));
    if (answer) this.lastResponses.set(entry.id, answer);
    this.changed.fire(connectionId);
  }

  lastResponse(entryId: string): { response: ApiResponse; url: string; sessionLabel: string } | undefined {
    return this.lastResponses.get(entryId);
  }

  async clear(connectionId: string): Promise<void> {
    await this.state.update(KEY_PREFIX + connectionId, undefined);
    this.changed.fire(connectionId);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
