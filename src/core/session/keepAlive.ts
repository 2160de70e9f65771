import type { Logger } from '../ports';
import type { TimedView } from '../presentation/ticker';
import type { SessionEngine } from './sessionEngine';

export interface KeepAliveOptions {
  enabled(): boolean;
  /** The connections to keep alive: every one the user has. */
  connectionIds(): Iterable<string>;
  /** Refresh this long before the access token expires (default one minute). */
  leadMs?: number;
  /** After a failed refresh, wait this long before the next try, doubling up to `maxBackoffMs` (default 30 s). */
  firstBackoffMs?: number;
  /** The longest wait between two failed tries (default 15 minutes). */
  maxBackoffMs?: number;
}

/** Failed tries in a row, and when the next may run. */
interface Failure {
  count: number;
  retryAt: number;
}

/**
 * Refreshes each logged-in session shortly before its access token expires, so that a token
 * copied a minute ago is not already dead. It rides on the shared ticker: no timer of its own.
 */
export class KeepAlive implements TimedView {
  private readonly leadMs: number;
  private readonly running = new Set<string>();
  private readonly failures = new Map<string, Failure>();

  constructor(
    private readonly engine: SessionEngine,
    private readonly logger: Logger,
    private readonly options: KeepAliveOptions,
  ) {
    this.leadMs = options.leadMs ?? 60_000;
  }

  nextChangeAt(now: number): number | undefined {
    if (!this.options.enabled()) return undefined;
    let earliest: number | undefined;
    for (const id of this.options.connectionIds()) {
      const due = this.dueAt(id);
      if (due === undefined) continue;
      const at = Math.max(due, now);
      if (earliest === undefined || at < earliest) earliest = at;
    }
    return earliest;
  }

  onTick(now: number): void {
    if (!this.options.enabled()) return;
    for (const id of this.options.connectionIds()) {
      const due = this.dueAt(id);
      if (due === undefined || due > now || this.running.has(id)) continue;
      this.running.add(id);
      this.engine
        .ensureFresh(id, this.leadMs)
        .then(
          () => this.failures.delete(id),
          (error: unknown) => this.failed(id, now, error),
        )
        .finally(() => this.running.delete(id));
    }
  }

  /**
   * A failed refresh is tried again later, never at once: a lock folder that cannot be written
   * (EACCES) or an instance that is down must not become a loop. The engine shows the error.
   */
  private failed(id: string, now: number, error: unknown): void {
    const count = (this.failures.get(id)?.count ?? 0) + 1;
    const first = this.options.firstBackoffMs ?? 30_000;
    const wait = Math.min(first * 2 ** Math.min(count - 1, 20), this.options.maxBackoffMs ?? 15 * 60_000);
    this.failures.set(id, { count, retryAt: now + wait });
    this.logger.warn(`Keeping ${id} alive failed (try ${count}; next in ${Math.round(wait / 1000)} s): ${error instanceof Error ? error.message : String(error)}`);
  }

  /** When a session wants its refresh; undefined when it has nothing a refresh could save. */
  private dueAt(id: string): number | undefined {
    if (this.running.has(id)) return undefined;
    const state = this.engine.state(id);
    const failure = this.failures.get(id);
    const keptAlive = state.status === 'active' || state.status === 'expiringSoon' || state.status === 'accessExpired';
    // After its own failure keep-alive tries again (later); an error of another operation stops it.
    if (!keptAlive && !(failure && state.status === 'error' && state.accessExpiresAt !== undefined)) return undefined;
    if (state.refreshExpiresAt !== undefined && state.refreshExpiresAt <= (state.accessExpiresAt ?? 0)) return undefined;
    const due = (state.accessExpiresAt ?? 0) - this.leadMs;
    return failure ? Math.max(due, failure.retryAt) : due;
  }
}
