/**
 * One "VS Code window" that only takes the cross-window lock, in its own process: the parent test
 * drives it over IPC and may kill -9 it, stop it or start it as another user. While it holds a
 * lock it can keep a marker file, so that a second holder getting in at the same time shows.
 */
import { closeSync, openSync, unlinkSync } from 'node:fs';
// A plain require: the namespace object of an ES import has read-only properties.
import fsPromises = require('node:fs/promises');
import { FileLock } from '../../src/core/session/fileLock';
import type { LockRelease } from '../../src/core/ports';

export type HolderCommand =
  | { op: 'acquire'; key: string; holdMs?: number; marker?: string }
  | { op: 'release'; key: string }
  | { op: 'exit' };

export type HolderEvent =
  | { ev: 'ready'; pid: number }
  | { ev: 'acquired'; key: string; intruded: boolean }
  | { ev: 'lost'; key: string; message: string }
  | { ev: 'released'; key: string; lost: boolean }
  | { ev: 'failed'; key: string; message: string; kind?: string };

const [folder, optionsJson] = process.argv.slice(2);
const { slowRemovalMs, ...options } = JSON.parse(optionsJson ?? '{}') as { slowRemovalMs?: number };
const lock = new FileLock(folder, options);

// A window whose extension host is busy: it pauses between judging a lock abandoned and removing
// it, which is when a takeover that is not atomic removes the lock another window just took.
if (slowRemovalMs) {
  for (const name of ['unlink', 'rm'] as const) {
    const original = fsPromises[name] as (...args: unknown[]) => Promise<void>;
    Object.assign(fsPromises, { [name]: (...args: unknown[]) => new Promise((resolve) => setTimeout(resolve, slowRemovalMs)).then(() => original(...args)) });
  }
}
const held = new Map<string, { release: LockRelease; marker?: string }>();
const send = (event: HolderEvent): void => void process.send?.(event);

/** Creates the marker exclusively: it already being there means someone else is inside. */
function enter(marker: string | undefined): boolean {
  if (!marker) return false;
  try {
    closeSync(openSync(marker, 'wx'));
    return false;
  } catch {
    return true;
  }
}

async function acquire(command: Extract<HolderCommand, { op: 'acquire' }>): Promise<void> {
  try {
    const release: LockRelease = await lock.acquire(command.key);
    const intruded = enter(command.marker);
    held.set(command.key, { release, marker: intruded ? undefined : command.marker });
    release.lost?.addEventListener('abort', () => send({ ev: 'lost', key: command.key, message: String((release.lost?.reason as Error)?.message) }));
    send({ ev: 'acquired', key: command.key, intruded });
    if (command.holdMs !== undefined) setTimeout(() => void letGo(command.key), command.holdMs);
  } catch (error) {
    send({ ev: 'failed', key: command.key, message: error instanceof Error ? error.message : String(error), kind: (error as { kind?: string }).kind });
  }
}

async function letGo(key: string): Promise<void> {
  const entry = held.get(key);
  if (!entry) return;
  held.delete(key);
  if (entry.marker) unlinkSync(entry.marker);
  const lost = entry.release.lost?.aborted ?? false;
  await entry.release();
  send({ ev: 'released', key, lost });
}

process.on('message', (command: HolderCommand) => {
  if (command.op === 'acquire') void acquire(command);
  else if (command.op === 'release') void letGo(command.key);
  else process.exit(0);
});
// A parent that failed or went away must not leave this process behind.
process.on('disconnect', () => process.exit(0));
send({ ev: 'ready', pid: process.pid });
