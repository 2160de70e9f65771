import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { HolderCommand, HolderEvent } from './lockHolder';

type EventOf<E extends HolderEvent['ev']> = Extract<HolderEvent, { ev: E }>;

/** The parent's side of test/support/lockHolder: a window in another process that takes the lock. */
export class LockProcess {
  private readonly child: ChildProcess;
  private readonly events: HolderEvent[] = [];
  private waiters: Array<() => void> = [];
  readonly exited: Promise<void>;

  constructor(folder: string, options: object = {}, user?: { uid: number; gid: number }) {
    this.child = fork(join(__dirname, 'lockHolder.js'), [folder, JSON.stringify(options)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...user,
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.on('message', (event: HolderEvent) => {
      this.events.push(event);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(command: HolderCommand): void {
    // A process that died already shows as events that never come, not as an uncaught error.
    if (this.child.connected) this.child.send(command, () => undefined);
  }

  /** The next event of this kind (for this key), or undefined when none comes within `withinMs`. */
  async next<E extends HolderEvent['ev']>(ev: E, key?: string, withinMs = 10_000): Promise<EventOf<E> | undefined> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const index = this.events.findIndex((event) => event.ev === ev && (key === undefined || (event as { key?: string }).key === key));
      if (index >= 0) return this.events.splice(index, 1)[0] as EventOf<E>;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async acquired(key: string, options: { holdMs?: number; marker?: string } = {}): Promise<EventOf<'acquired'>> {
    this.send({ op: 'acquire', key, ...options });
    const event = await this.next('acquired', key);
    if (!event) throw new Error(`the holder process did not get "${key}": ${JSON.stringify(this.events)}`);
    return event;
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

export type Settled<T> = { state: 'resolved'; value: T } | { state: 'rejected'; error: unknown } | { state: 'pending' };

/** How a promise stands after `ms`: a test that must not hang asks this instead of awaiting. */
export function settledWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ state: 'pending' }), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ state: 'resolved', value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ state: 'rejected', error });
      },
    );
  });
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
