/**
 * The last responses kept in memory for "Open Last Response": at most `maxCount` of them and
 * `maxBytes` in all, the oldest dropped first. A response larger than the whole budget is not
 * kept (the command then sends the request again).
 */
export class BoundedResponses<T> {
  private readonly kept = new Map<string, { value: T; bytes: number }>();
  private total = 0;

  constructor(
    private readonly sizeOf: (value: T) => number,
    readonly maxCount = 20,
    readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  set(key: string, value: T): void {
    this.delete(key);
    const bytes = Math.max(0, this.sizeOf(value));
    if (bytes > this.maxBytes) return;
    this.kept.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest] of this.kept) {
      if (this.kept.size <= this.maxCount && this.total <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  get(key: string): T | undefined {
    return this.kept.get(key)?.value;
  }

  get size(): number {
    return this.kept.size;
  }

  get bytes(): number {
    return this.total;
  }

  delete(key: string): void {
    const old = this.kept.get(key);
    if (!old) return;
    this.kept.delete(key);
    this.total -= old.bytes;
  }

  clear(): void {
    this.kept.clear();
    this.total = 0;
  }
}
