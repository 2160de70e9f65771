import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, opendir, rm, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SugarError } from '../sugar/errors';

/**
 * The files behind FileLock. A lock is a folder; whoever holds it has the one lease file in force
 * inside it. A lease file's name says who made it (a fresh id, the process id and a digest of the
 * host name), so the owner appears atomically with the lease, and a name belongs to one
 * acquisition only: removing an abandoned lease by name can never remove a newer holder's lease,
 * which is what made "stat, then unlink the shared path" unsafe.
 */

/** Who made a lease: enough to tell whether that process still runs on this computer. */
export interface LeaseOwner {
  pid?: number;
  /** False for a process on another computer sharing the folder, or unknown: only the age can tell. */
  sameHost: boolean;
}

const thisHost = createHash('sha256').update(hostname()).digest('hex').slice(0, 16);
const leasePattern = /^[0-9a-f-]{36}\.(\d{1,10})\.([0-9a-f]{16})\.lease$/;
/** Locks of versions before the lease: a file at the lock path, never renewed, broken after 90 s. */
const legacyStaleMs = 90_000;
/** A lock folder holds one lease per waiting window; more entries than this is not ours to sort out. */
const maxEntries = 256;

export const leaseName = (): string => `${randomUUID()}.${process.pid}.${thisHost}.lease`;

/** What a person looking into the folder learns; the name alone is what the code reads. */
export const leaseNote = (): string => JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });

export function leaseOwner(name: string): LeaseOwner | undefined {
  const match = leasePattern.exec(name);
  const pid = Number(match?.[1]);
  return match && pid > 0 && pid <= 0x7fffffff ? { pid, sameHost: match[2] === thisHost } : undefined;
}

/** True only when the owner certainly ended: a process of this computer that no longer exists. */
export function ownerEnded(owner: LeaseOwner | undefined): boolean {
  if (!owner?.pid || !owner.sameHost || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * A lease is in force while it was renewed within `staleMs` by an owner not known to have ended.
 * A date further ahead than `staleMs` (a clock set wrong, a damaged file) counts as abandoned too,
 * or it would never expire.
 */
export function inForce(mtimeMs: number, staleMs: number, owner: LeaseOwner | undefined): boolean {
  const age = Date.now() - mtimeMs;
  return age <= staleMs && age >= -staleMs && !ownerEnded(owner);
}

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** The leases in force in a lock folder other than `mine`; abandoned ones are removed on the way. */
export async function rivalsInForce(dir: string, mine: string, staleMs: number): Promise<LeaseOwner[]> {
  const rivals: LeaseOwner[] = [];
  let folder;
  try {
    folder = await opendir(dir);
  } catch (error) {
    // Removed meanwhile by a window releasing it, or replaced by a file: the next attempt sorts it out.
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return [{ sameHost: false }];
    throw error;
  }
  let seen = 0;
  for await (const entry of folder) {
    if (++seen > maxEntries) throw tooManyEntries(dir);
    if (entry.name === mine || !entry.name.endsWith('.lease')) continue;
    const path = join(dir, entry.name);
    const info = await lstat(path).catch((error: unknown) => (codeOf(error) === 'ENOENT' ? undefined : Promise.reject(error)));
    if (!info) continue;
    const owner = leaseOwner(entry.name);
    // A unique name is never reused, so two windows removing the same abandoned lease is harmless.
    if (info.isFile() && inForce(info.mtimeMs, staleMs, owner)) rivals.push(owner ?? { sameHost: false });
    else await rm(path, { recursive: true, force: true });
  }
  return rivals;
}

/**
 * Something that is not a folder at the lock path: an older version's lock file ("pid:id"), or
 * debris. Returns its owner while it is in force; removes it once abandoned.
 */
export async function legacyHolder(path: string, mtimeMs: number, isFile: boolean, staleMs: number): Promise<LeaseOwner | undefined> {
  const pid = isFile ? await legacyPid(path) : undefined;
  const owner = pid ? { pid, sameHost: true } : undefined;
  if (inForce(mtimeMs, Math.max(staleMs, legacyStaleMs), owner)) return owner ?? { sameHost: false };
  try {
    // Never a recursive removal: by now another window may have put a lock folder here.
    await unlink(path);
  } catch (error) {
    const info = await lstat(path).catch(() => undefined);
    if (info && !info.isDirectory()) throw error;
  }
  return undefined;
}

async function legacyPid(path: string): Promise<number | undefined> {
  try {
    // Non-blocking, no symlinks: a FIFO or a link put here must not hang or redirect the read.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
    try {
      const buffer = Buffer.alloc(64);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const match = /^(\d{1,10}):/.exec(buffer.toString('latin1', 0, bytesRead));
      const pid = Number(match?.[1]);
      return pid > 0 && pid <= 0x7fffffff ? pid : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** Errors a virus scanner or a file being deleted can cause for a moment on Windows. */
export const isTransient = (error: unknown): boolean => ['EPERM', 'EACCES', 'EBUSY'].includes(codeOf(error) ?? '');

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EBUSY: 'the file is busy',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file is in the way of the folder',
  EEXIST: 'a file is in the way of the folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links',
};

/** A file system error, told so that the user knows which folder and what to fix. */
export function lockFolderError(error: unknown, folder: string): unknown {
  const code = codeOf(error);
  if (!code || error instanceof SugarError) return error;
  return new SugarError({
    kind: 'session',
    remedy: 'openLog',
    explanation: `Cannot use the lock folder ${folder} (${code}: ${reasons[code] ?? 'file system error'}). VS Code windows take turns on a session through it, so it must be a writable folder.`,
    cause: error,
  });
}

function tooManyEntries(dir: string): SugarError {
  return new SugarError({
    kind: 'session',
    remedy: 'openLog',
    explanation: `The lock folder ${dir} holds more than ${maxEntries} entries, which no number of VS Code windows explains; remove it and try again.`,
  });
}

export function waitedTooLong(key: string, waitedMs: number, holder: LeaseOwner | undefined): SugarError {
  const who = holder?.pid ? `another VS Code window (process ${holder.pid}${holder.sameHost ? '' : ' on another computer'})` : 'another VS Code window';
  return new SugarError({
    kind: 'session',
    remedy: 'retry',
    explanation: `Gave up after ${Math.round(waitedMs / 1000)} s waiting for ${who} to finish with "${key}": it still holds the cross-window lock. Try again when it is done.`,
  });
}

export function leaseLost(key: string, why: string): SugarError {
  return new SugarError({ kind: 'session', remedy: 'retry', explanation: `The cross-window lock on "${key}" was lost while held: ${why}.` });
}
