/**
 * Work done on behalf of the latest question only, such as the filter builder's record count as
 * conditions are added: a newer run aborts the older one, and an older answer that arrives late
 * is dropped, so the count shown is always the one of the filter shown. Never blocks the caller.
 */
export class LatestOnly<T> {
  private controller: AbortController | undefined;
  private generation = 0;

  /** Starts `work`; `deliver` gets its result only if no newer run started and nothing disposed. */
  run(work: (signal: AbortSignal) => Promise<T>, deliver: (value: T) => void, failed: (error: unknown) => void = () => undefined): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !controller.signal.aborted;
    work(controller.signal).then(
      (value) => {
        if (current()) deliver(value);
      },
      (error: unknown) => {
        if (current()) failed(error);
      },
    );
  }

  /** Aborts what runs and drops its answer. */
  cancel(): void {
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
  }
}
