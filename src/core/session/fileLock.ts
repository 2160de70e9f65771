import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CrossProcessLock } from '../ports';
import { cancelledError } from '../sugar/errors';

export interface FileLockOptions {
  /** A lock older than this is taken to be left by a crashed window and is broken. */
  staleMs?: number;
  pollMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A lock between processes that share a folder (VS Code windows share the extension's global
 * storage folder). Creating a file with 'wx' is atomic on every platform Node supports, which is
 * all a lock needs; SecretStorage itself has no compare-and-swap to build one on.
 */
export class FileLock implements CrossProcessLock {
  private readonly staleMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly folder: string,
    options: FileLockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? 90_000;
    this.pollMs = options.pollMs ?? 10;
  }

  async acquire(key: string, signal?: AbortSignal): Promise<() => Promise<void>> {
    await mkdir(this.folder, { recursive: true });
    const path = join(this.folder, `${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.lock`);
    const owner = `${process.pid}:${randomUUID()}`;
    for (;;) {
      if (signal?.aborted) throw cancelledError();
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(owner);
        await handle.close();
        return () => this.release(path, owner);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      await this.breakIfStale(path);
      await sleep(this.pollMs + Math.random() * this.pollMs);
    }
  }

  private async breakIfStale(path: string): Promise<void> {
    try {
      const info = await stat(path);
      if (Date.now() - info.mtimeMs > this.staleMs) await unlink(path);
    } catch {
      // Released meanwhile: the next attempt takes it.
    }
  }

  private async release(path: string, owner: string): Promise<void> {
    try {
      if ((await readFile(path, 'utf8')) === owner) await unlink(path);
    } catch {
      // Already broken as stale by another process; nothing of ours to remove.
    }
  }
}

/** For a single process: the engine's own single-flight is enough. */
export const inProcessOnly: CrossProcessLock = {
  acquire: async () => async () => undefined,
};
