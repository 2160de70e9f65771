import type { CrossProcessLock } from '../ports';
import { cancelledError } from '../sugar/errors';

/**
 * A lock for one process (tests, scripts): callers of one key wait in turn. Across windows the
 * composition root passes the file-based lease instead.
 */
export function inProcessLock(): CrossProcessLock {
  const tails = new Map<string, Promise<void>>();
  return {
    async acquire(key, signal) {
      if (signal?.aborted) throw cancelledError();
      const before = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const tail = before.then(() => mine);
      tails.set(key, tail);
      await before;
      return async () => {
        if (tails.get(key) === tail) tails.delete(key);
        release();
      };
    },
  };
}
