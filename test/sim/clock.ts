/**
 * The simulator's clock: wall time plus an offset that tests move forward, so token expiry can be
 * tested without waiting. Never goes backwards.
 */
export class SimClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`advanceTime needs seconds >= 0, got ${seconds}`);
    this.offsetMs += seconds * 1000;
  }
}

/** Sugar's ISO-8601 form: `2024-05-10T12:00:00+00:00` (no milliseconds, explicit offset). */
export function sugarIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
