import type { Clock } from '../../src/core/ports';

/** The engine's clock, moved by tests; starts at the real time so server and engine agree. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}
