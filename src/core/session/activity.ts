import { SugarError, isCancellation } from '../sugar/errors';
import type { SessionActivity } from './sessionState';

const VERBS: Record<SessionActivity, string> = { login: 'log in', refresh: 'refresh the session', logout: 'log out', sudo: 'start the sudo session' };

/** Any failure as an explained error: a lock folder's EACCES must show, not vanish. */
export function explainFailure(activity: SessionActivity, error: unknown): SugarError {
  if (error instanceof SugarError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SugarError({ kind: 'session', remedy: 'openLog', explanation: `Could not ${VERBS[activity]}: ${message.slice(0, 500)}`, cause: error });
}

/**
 * What runs per connection, and what failed. Operations overlap (a keep-alive refresh during a
 * sudo or a login), so what runs is a list in start order, not one slot an operation could
 * restore wrongly; each operation kind has its own last error, which only its own next attempt
 * (or a new session) clears.
 */
export class Activity {
  private readonly running = new Map<string, SessionActivity[]>();
  private readonly errors = new Map<string, Map<SessionActivity, { error: SugarError; order: number }>>();
  private order = 0;

  constructor(private readonly changed: (connectionId: string) => void) {}

  /** The most recently started operation still running, for the row's "refreshing…". */
  current(connectionId: string): SessionActivity | undefined {
    const list = this.running.get(connectionId);
    return list?.[list.length - 1];
  }

  isRunning(connectionId: string, activity: SessionActivity): boolean {
    return this.running.get(connectionId)?.includes(activity) ?? false;
  }

  /** The most recent failure of any operation that has not been retried since. */
  error(connectionId: string): SugarError | undefined {
    let latest: { error: SugarError; order: number } | undefined;
    for (const entry of this.errors.get(connectionId)?.values() ?? []) if (!latest || entry.order > latest.order) latest = entry;
    return latest?.error;
  }

  /** A new session, or one adopted from another window: the old failures no longer describe it. */
  clearErrors(connectionId: string): void {
    this.errors.delete(connectionId);
  }

  async track<T>(connectionId: string, activity: SessionActivity, operation: () => Promise<T>): Promise<T> {
    let list = this.running.get(connectionId);
    if (!list) this.running.set(connectionId, (list = []));
    list.push(activity);
    this.errors.get(connectionId)?.delete(activity);
    this.changed(connectionId);
    try {
      return await operation();
    } catch (error) {
      // A cancelled operation is quiet; an ended session speaks through its own state.
      if (!isCancellation(error) && !(error instanceof SugarError && error.sessionEnded)) {
        let errors = this.errors.get(connectionId);
        if (!errors) this.errors.set(connectionId, (errors = new Map()));
        errors.set(activity, { error: explainFailure(activity, error), order: ++this.order });
      }
      throw error;
    } finally {
      list.splice(list.lastIndexOf(activity), 1);
      if (list.length === 0 && this.running.get(connectionId) === list) this.running.delete(connectionId);
      this.changed(connectionId);
    }
  }
}
