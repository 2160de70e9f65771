import type { Logger } from '../ports';
import type { TimedView } from '../presentation/ticker';
import type { SessionEngine } from './sessionEngine';

export interface KeepAliveOptions {
  enabled(): boolean;
  /** The connections to keep alive: every one the user has. */
  connectionIds(): Iterable<string>;
  /** Refresh this long before the access token expires (default one minute). */
  leadMs?: number;
}

/**
 * Refreshes each logged-in session shortly before its access token expires, so that a token
 * copied a minute ago is not already dead. It rides on the shared ticker: no timer of its own.
 */
export class KeepAlive implements TimedView {
  private readonly leadMs: number;
  private readonly running = new Set<string>();

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
        .catch((error: unknown) => this.logger.warn(`Keeping ${id} alive failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.running.delete(id));
    }
  }

  /** When a session wants its refresh; undefined when it has nothing a refresh could save. */
  private dueAt(id: string): number | undefined {
    if (this.running.has(id)) return undefined;
    const state = this.engine.state(id);
    if (state.status !== 'active' && state.status !== 'expiringSoon' && state.status !== 'accessExpired') return undefined;
    if (state.refreshExpiresAt !== undefined && state.refreshExpiresAt <= (state.accessExpiresAt ?? 0)) return undefined;
    return (state.accessExpiresAt ?? 0) - this.leadMs;
  }
}
