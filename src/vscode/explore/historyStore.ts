import vscode = require('vscode');
import type { HistoryEntry } from '../../core/explore/history';
import { lazy } from '../../lazyLoader';
import { BoundedResponses } from '../../core/explore/responseRetention';
import type { ApiResponse } from '../../core/sugar/client';

const KEY_PREFIX = 'sugar.history.';

type LastResponse = { response: ApiResponse; url: string; sessionLabel: string };

/** UTF-16 text, and about as much again for its parsed JSON. */
const estimatedBytes = ({ response }: LastResponse): number => response.text.length * (response.isJson ? 4 : 2);

/**
 * The last 50 requests per connection, in globalState (no tokens: the engine adds those when
 * sending; no credential bodies or parameters: see addToHistory). The last responses live in
 * memory only, for "Open Last Response", within a count and a byte budget.
 */
export class HistoryStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly lastResponses = new BoundedResponses<LastResponse>(estimatedBytes);

  /** What readHistory made of each stored value, while globalState hands out the same one. */
  private readonly read = new WeakMap<object, HistoryEntry[]>();

  constructor(private readonly state: vscode.Memento) {}

  /**
   * How many requests are kept, without reading them: the tree needs only this to draw a
   * connection's History row, and History's readers (privacy, validation) load behind the lazy seam.
   */
  count(connectionId: string): number {
    const stored = this.state.get<unknown>(KEY_PREFIX + connectionId);
    return Array.isArray(stored) ? stored.length : 0;
  }

  /** Read through readHistory: entries of another shape are skipped, older entries made private. */
  entries(connectionId: string): HistoryEntry[] {
    const stored = this.state.get<unknown>(KEY_PREFIX + connectionId);
    if (typeof stored !== 'object' || stored === null) return [];
    let entries = this.read.get(stored);
    if (!entries) this.read.set(stored, (entries = lazy().readHistory(stored)));
    return entries;
  }

  async add(connectionId: string, entry: HistoryEntry, answer?: LastResponse): Promise<void> {
    await this.state.update(KEY_PREFIX + connectionId, lazy().addToHistory(this.entries(connectionId), entry));
    if (answer) this.lastResponses.set(entry.id, answer);
    this.changed.fire(connectionId);
  }

  lastResponse(entryId: string): LastResponse | undefined {
    return this.lastResponses.get(entryId);
  }

  async clear(connectionId: string): Promise<void> {
    await this.state.update(KEY_PREFIX + connectionId, undefined);
    this.changed.fire(connectionId);
  }

  dispose(): void {
    this.changed.dispose();
    this.lastResponses.clear();
  }
}
