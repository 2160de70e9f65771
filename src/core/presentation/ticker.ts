import type { Clock, Disposable } from '../ports';

/** Something that changes with time: it says when it next needs a tick, and acts on one. */
export interface TimedView {
  nextChangeAt(now: number): number | undefined;
  onTick(now: number): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Timers cannot wait longer than about 24.8 days; a longer wait is taken in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * One timer for every countdown: the status bar, the tree's expiry texts and keep-alive. It is
 * set for the earliest moment anything changes, and no timer runs while nothing counts down.
 */
export class Ticker implements Disposable {
  private readonly views = new Set<TimedView>();
  private handle: unknown;
  private dueAt: number | undefined;
  private soon: unknown;

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers = realTimers,
  ) {}

  add(view: TimedView): Disposable {
    this.views.add(view);
    this.reschedule();
    return {
      dispose: () => {
        this.views.delete(view);
        this.reschedule();
      },
    };
  }

  /** Call after anything that may move a deadline (a login, a refresh, a setting). */
  reschedule(): void {
    const now = this.clock.now();
    let earliest: number | undefined;
    for (const view of this.views) {
      const at = view.nextChangeAt(now);
      if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
    }
    if (earliest === this.dueAt && this.handle !== undefined) return;
    this.cancel();
    if (earliest === undefined) return;
    this.dueAt = earliest;
    this.handle = this.timers.setTimeout(() => this.fire(), Math.min(Math.max(earliest - now, 0), MAX_DELAY_MS));
  }

  /**
   * For changes that come in bursts (a thousand sessions read at start-up): one reschedule once
   * the burst is over, instead of asking every view for its next change after each of them.
   */
  rescheduleSoon(): void {
    if (this.soon !== undefined) return;
    this.soon = this.timers.setTimeout(() => {
      this.soon = undefined;
      this.reschedule();
    }, 0);
  }

  /** Whether a timer is set: false whenever nothing counts down. */
  get isRunning(): boolean {
    return this.handle !== undefined;
  }

  dispose(): void {
    this.cancel();
    if (this.soon !== undefined) this.timers.clearTimeout(this.soon);
    this.soon = undefined;
    this.views.clear();
  }

  private fire(): void {
    this.handle = undefined;
    this.dueAt = undefined;
    const now = this.clock.now();
    for (const view of this.views) {
      try {
        view.onTick(now);
      } catch {
        // One view's failure must not stop the countdown of the others.
      }
    }
    this.reschedule();
  }

  private cancel(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    this.dueAt = undefined;
  }
}
