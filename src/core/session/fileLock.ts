import { lstat, mkdir, rm, rmdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CrossProcessLock, LockRelease } from '../ports';
import { cancelledError } from '../sugar/errors';
import { isTransient, leaseLost, leaseName, leaseNote, LeaseOwner, legacyHolder, lockFolderError, rivalsInForce, waitedTooLong } from './leaseFiles';

export interface FileLockOptions {
  /**
   * A lease not renewed for this long is abandoned (a window that hung, or crashed on another
   * computer sharing the folder). A holder on this computer whose process is gone loses its lease
   * at once, whatever its age.
   */
  staleMs?: number;
  /** How often a held lease is renewed; a sixth of `staleMs` unless set. */
  renewMs?: number;
  /** The first pause between attempts; it doubles up to a fifth of a second. */
  pollMs?: number;
  /** How long `acquire` waits for another holder before it rejects with an explained error. */
  maxWaitMs?: number;
}

const maxPollMs = 200;
/**
 * How long permission errors in a row are retried before they count as real: on Windows a file or
 * folder being deleted, or held by a virus scanner, refuses access for a moment.
 */
const transientGraceMs = 1000;

/**
 * A lock between processes that share a folder (VS Code windows share the extension's global
 * storage folder), held as a lease: renewed while held, taken over at once when its holder's
 * process is gone and after `staleMs` when it stopped renewing, waited for at most `maxWaitMs`.
 * The holder learns through `release.lost` when it kept the lease too long without renewing and
 * another window may have taken it over. Why not proper-lockfile: its takeover is stat, then
 * rmdir of the shared path (two windows breaking one stale lock can both end up holding it), it
 * has no owner check, never breaks a lock dated in the future, and by default throws from a timer
 * when compromised.
 */
export class FileLock implements CrossProcessLock {
  private readonly staleMs: number;
  private readonly renewMs: number;
  private readonly pollMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly folder: string,
    options: FileLockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? 30_000;
    this.renewMs = options.renewMs ?? Math.max(10, Math.floor(this.staleMs / 6));
    this.pollMs = options.pollMs ?? 10;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  async acquire(key: string, signal?: AbortSignal): Promise<LockRelease> {
    const dir = join(this.folder, `${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.lock`);
    const mine = leaseName();
    const started = Date.now();
    let pause = this.pollMs;
    let failingSince: number | undefined;
    for (;;) {
      if (signal?.aborted) throw cancelledError();
      let holder: LeaseOwner | undefined;
      try {
        // No later than our lease's own date: the holder's count of its lease's age must not be short.
        const attemptedAt = Date.now();
        const outcome = await this.attempt(dir, mine);
        if (outcome === 'held') {
          const release = this.hold(key, dir, join(dir, mine), attemptedAt);
          if (!signal?.aborted) return release;
          await release();
          throw cancelledError();
        }
        holder = outcome;
        failingSince = undefined;
      } catch (error) {
        failingSince ??= Date.now();
        if (!isTransient(error) || Date.now() - failingSince >= transientGraceMs) throw lockFolderError(error, this.folder);
      }
      const waited = Date.now() - started;
      if (waited >= this.maxWaitMs) throw waitedTooLong(key, waited, holder);
      await pauseFor(Math.min(pause * (0.5 + Math.random()), this.maxWaitMs - waited), signal);
      pause = Math.min(pause * 2, maxPollMs);
    }
  }

  /**
   * One try: clear what is abandoned, then write our lease and look again. Two windows that both
   * write and then look cannot both see only themselves, so at most one holds; when both see the
   * other, both step back and try again after a random pause.
   */
  private async attempt(dir: string, mine: string): Promise<'held' | LeaseOwner> {
    const blocker = await this.lockFolder(dir);
    if (blocker) return blocker;
    const [holder] = await rivalsInForce(dir, mine, this.staleMs);
    if (holder) return holder;
    try {
      await writeFile(join(dir, mine), leaseNote(), { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The folder went away with its last holder's release, or something else stands there now.
      if (code === 'ENOENT' || code === 'ENOTDIR') return { sameHost: false };
      throw error;
    }
    let rival: LeaseOwner | undefined;
    try {
      [rival] = await rivalsInForce(dir, mine, this.staleMs);
    } catch (error) {
      // A lease of a live process left behind would keep every window out for staleMs.
      await rm(join(dir, mine), { force: true }).catch(() => undefined);
      throw error;
    }
    if (!rival) return 'held';
    await rm(join(dir, mine), { force: true });
    return rival;
  }

  /** Makes sure the lock folder exists; returns who holds the lock when something else stands at its path. */
  private async lockFolder(dir: string): Promise<LeaseOwner | undefined> {
    for (let round = 0; round < 2; round++) {
      try {
        await mkdir(dir);
        return undefined;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          await mkdir(this.folder, { recursive: true });
          continue;
        }
        if (code !== 'EEXIST') throw error;
      }
      const info = await lstat(dir).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) return undefined;
      const holder = await legacyHolder(dir, info.mtimeMs, info.isFile(), this.staleMs);
      if (holder) return holder;
    }
    return { sameHost: false };
  }

  private hold(key: string, dir: string, path: string, renewedAt: number): LockRelease {
    const lost = new AbortController();
    let renewing = false;
    let released = false;
    const lose = (why: string): void => {
      clearInterval(timer);
      if (!released) lost.abort(leaseLost(key, why));
    };
    const timer = setInterval(() => {
      if (renewing) return;
      const now = Date.now();
      // Not renewed in time (a hung host, a machine asleep): another window may already be inside.
      if (now - renewedAt > this.staleMs) return lose(`it was not renewed for ${Math.round((now - renewedAt) / 1000)} s`);
      renewing = true;
      utimes(path, new Date(now), new Date(now)).then(
        () => {
          renewing = false;
          renewedAt = now;
        },
        (error: NodeJS.ErrnoException) => {
          renewing = false;
          // Other errors: keep trying until the lease lapses.
          if (error.code === 'ENOENT') lose('another window took it over');
        },
      );
    }, this.renewMs);
    timer.unref?.();
    const release = async (): Promise<void> => {
      if (released) return;
      released = true;
      clearInterval(timer);
      // Our lease's name is ours alone: removing it never removes another window's.
      await rm(path, { force: true }).catch(() => undefined);
      // Leave no folder behind when empty (older versions wait on anything at this path).
      await rmdir(dir).catch(() => undefined);
    };
    return Object.assign(release, { lost: lost.signal });
  }
}

function pauseFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** For a single process: the engine's own single-flight is enough. */
export const inProcessOnly: CrossProcessLock = {
  acquire: async () => async () => undefined,
};
