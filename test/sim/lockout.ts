/**
 * Failed-login lockout. After `limit` consecutive failures the user is locked for a while of sim
 * time, and even a correct password is refused until it passes.
 */
export const LOCKOUT_SECONDS = 15 * 60;

interface Entry {
  failures: number;
  lockedUntil?: number;
}

export class Lockout {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  isLocked(userName: string): boolean {
    const e = this.entries.get(userName.toLowerCase());
    if (!e?.lockedUntil) return false;
    if (this.now() < e.lockedUntil) return true;
    this.entries.delete(userName.toLowerCase());
    return false;
  }

  recordFailure(userName: string): void {
    if (this.limit <= 0) return;
    const key = userName.toLowerCase();
    const e = this.entries.get(key) ?? { failures: 0 };
    e.failures++;
    if (e.failures >= this.limit) e.lockedUntil = this.now() + LOCKOUT_SECONDS * 1000;
    this.entries.set(key, e);
  }

  recordSuccess(userName: string): void {
    this.entries.delete(userName.toLowerCase());
  }
}
