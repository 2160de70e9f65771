import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LockRelease } from '../../src/core/ports';
import { FileLock } from '../../src/core/session/fileLock';
import { isCancellation, SugarError } from '../../src/core/sugar/errors';
import { delay, LockProcess, settledWithin } from '../support/lockProcesses';

// The lock between VS Code windows, between real processes. Options go through a variable so that
// this file still compiles against the timestamp lock it replaced (to see these tests fail there).
describe('cross-window lock: a lease between real processes', function () {
  this.timeout(40_000);
  let folder: string;
  let locks: string;
  let processes: LockProcess[] = [];
  let readOnly: string[] = [];

  const spawnWindow = (options: object, user?: { uid: number; gid: number }): LockProcess => {
    const created = new LockProcess(locks, options, user);
    processes.push(created);
    return created;
  };
  const lockWith = (options: object): FileLock => new FileLock(locks, options);
  const explained = (error: unknown, pattern: RegExp): void => {
    assert.ok(error instanceof SugarError, `not an explained error: ${String(error)}`);
    assert.match(error.message, pattern);
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sugar-lease-'));
    locks = join(folder, 'locks');
  });

  afterEach(async () => {
    await Promise.all(processes.map((created) => created.kill()));
    processes = [];
    for (const path of readOnly.splice(0)) chmodSync(path, 0o755);
    rmSync(folder, { recursive: true, force: true });
  });

  it('a holder killed with -9 in the middle of its lease is taken over at once, long before the stale time', async () => {
    const holder = spawnWindow({ staleMs: 60_000 });
    await holder.acquired('session-a');
    let got = false;
    const waiting = lockWith({ staleMs: 60_000, maxWaitMs: 20_000 })
      .acquire('session-a')
      .then((release) => ((got = true), release));
    await delay(300);
    assert.equal(got, false, 'a live holder keeps the lock');
    await holder.kill();
    const outcome = await settledWithin(waiting, 10_000);
    assert.equal(outcome.state, 'resolved', 'the lock of a process that is gone is taken over');
    if (outcome.state === 'resolved') await outcome.value();
  });

  it('a holder that keeps the lock three times its stale time is never broken into while it renews', async () => {
    const marker = join(folder, 'inside');
    const holder = spawnWindow({ staleMs: 1000 });
    await holder.acquired('session-b', { holdMs: 3000, marker });
    const release = await lockWith({ staleMs: 1000 }).acquire('session-b');
    const brokeIn = existsSync(marker);
    const released = await holder.next('released', 'session-b');
    await release();
    assert.equal(brokeIn, false, 'the waiter got in while the holder was still inside');
    assert.equal(released?.lost, false);
  });

  it('a holder frozen past its stale time loses the lease to a waiter, and is told so', async function () {
    if (process.platform === 'win32') this.skip();
    const holder = spawnWindow({ staleMs: 1000 });
    await holder.acquired('session-g');
    holder.signal('SIGSTOP');
    const taken = await settledWithin(lockWith({ staleMs: 1000 }).acquire('session-g'), 10_000);
    holder.signal('SIGCONT');
    assert.equal(taken.state, 'resolved', 'a lease nobody renews expires');
    const lost = await holder.next('lost', 'session-g', 5000);
    assert.ok(lost, 'the frozen holder learns, once running again, that its lease is gone');
    assert.match(lost.message, /lost while held/);
    if (taken.state === 'resolved') await taken.value();
  });

  describe('debris at the lock path never makes a wait unbounded', () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    const inAnHour = new Date(Date.now() + 3_600_000);

    it('an old directory with a file in it at the lock path', async () => {
      mkdirSync(join(locks, 'session-c.lock'), { recursive: true });
      writeFileSync(join(locks, 'session-c.lock', 'debris'), 'x');
      utimesSync(join(locks, 'session-c.lock'), hourAgo, hourAgo);
      const outcome = await settledWithin(lockWith({ staleMs: 1000, maxWaitMs: 3000 }).acquire('session-c'), 8000);
      assert.equal(outcome.state, 'resolved');
      if (outcome.state === 'resolved') await outcome.value();
    });

    it('a lock file dated an hour ahead', async () => {
      mkdirSync(locks, { recursive: true });
      writeFileSync(join(locks, 'session-d.lock'), `${process.pid}:debris`);
      utimesSync(join(locks, 'session-d.lock'), inAnHour, inAnHour);
      const outcome = await settledWithin(lockWith({ staleMs: 1000, maxWaitMs: 3000 }).acquire('session-d'), 8000);
      assert.equal(outcome.state, 'resolved');
      if (outcome.state === 'resolved') await outcome.value();
    });

    it("a frozen holder's lease dated an hour ahead", async function () {
      if (process.platform === 'win32') this.skip();
      const holder = spawnWindow({ staleMs: 30_000 });
      await holder.acquired('session-f');
      holder.signal('SIGSTOP');
      const dir = join(locks, 'session-f.lock');
      for (const name of readdirSync(dir)) utimesSync(join(dir, name), inAnHour, inAnHour);
      const outcome = await settledWithin(lockWith({ staleMs: 30_000, maxWaitMs: 3000 }).acquire('session-f'), 8000);
      holder.signal('SIGCONT');
      assert.equal(outcome.state, 'resolved');
      if (outcome.state === 'resolved') await outcome.value();
    });

    it('a live holder that never lets go: the wait ends with an explained error', async () => {
      const holder = spawnWindow({ staleMs: 1000 });
      await holder.acquired('session-e');
      const outcome = await settledWithin(lockWith({ staleMs: 1000, maxWaitMs: 1500 }).acquire('session-e'), 8000);
      assert.equal(outcome.state, 'rejected');
      if (outcome.state === 'rejected') explained(outcome.error, /Gave up after \d+ s waiting for another VS Code window \(process \d+\)/);
    });
  });

  it('a lock folder that cannot be created (a file in the way) gives an explained error', async () => {
    writeFileSync(join(folder, 'file'), '');
    const outcome = await settledWithin(new FileLock(join(folder, 'file', 'locks')).acquire('session-h'), 8000);
    assert.equal(outcome.state, 'rejected');
    if (outcome.state === 'rejected') explained(outcome.error, /lock folder .*file.*ENOTDIR/);
  });

  it('an abandoned lock this user may not remove (EACCES/EPERM) gives an explained error, not an endless wait', async () => {
    // Another user's crashed window left it. As root, the waiter runs as "nobody" in a sticky,
    // world-writable folder (root ignores file modes); otherwise the folder is made read-only.
    const root = process.getuid?.() === 0;
    mkdirSync(locks, { recursive: true });
    chmodSync(folder, 0o755);
    chmodSync(locks, 0o1777);
    const holder = spawnWindow({});
    await holder.acquired('session-i');
    await holder.kill();
    await delay(300);
    const options = { staleMs: 200, maxWaitMs: 5000 };
    let outcome;
    if (root) {
      const waiter = spawnWindow(options, { uid: 65534, gid: 65534 });
      waiter.send({ op: 'acquire', key: 'session-i' });
      outcome = await waiter.next('failed', 'session-i', 8000);
      assert.ok(outcome, 'the waiter neither got the lock nor gave up with an error');
    } else {
      readOnly = [locks, ...readdirSync(locks).map((name) => join(locks, name))];
      for (const path of readOnly) chmodSync(path, 0o555);
      const settled = await settledWithin(lockWith(options).acquire('session-i'), 8000);
      assert.equal(settled.state, 'rejected');
      outcome = settled.state === 'rejected' ? { message: String((settled.error as Error).message), kind: (settled.error as SugarError).kind } : undefined;
    }
    assert.equal(outcome?.kind, 'session');
    assert.match(outcome?.message ?? '', /lock folder .*(EACCES|EPERM)/);
  });

  it('an abort while waiting rejects at once with the cancellation error', async () => {
    const holder = spawnWindow({});
    await holder.acquired('session-j');
    const aborter = new AbortController();
    const waiting = lockWith({}).acquire('session-j', aborter.signal);
    await delay(200);
    aborter.abort();
    const outcome = await settledWithin(waiting, 2000);
    assert.equal(outcome.state, 'rejected');
    if (outcome.state === 'rejected') assert.ok(isCancellation(outcome.error), String(outcome.error));
    const already = await settledWithin(lockWith({}).acquire('session-j', AbortSignal.abort()), 2000);
    assert.equal(already.state, 'rejected');
  });

  it('two processes racing for a stale lock, one of them slow to remove it: only ever one inside, 20 rounds', async () => {
    const crashed = spawnWindow({ staleMs: 300 });
    for (let round = 0; round < 20; round++) await crashed.acquired(`race-${round}`);
    await crashed.kill();
    await delay(500);
    const racers = [spawnWindow({ staleMs: 300 }), spawnWindow({ staleMs: 300, slowRemovalMs: 40 })];
    await Promise.all(racers.map((racer) => racer.next('ready')));
    const overlaps: number[] = [];
    for (let round = 0; round < 20; round++) {
      const key = `race-${round}`;
      const marker = join(folder, `inside-${round}`);
      for (const racer of racers) racer.send({ op: 'acquire', key, holdMs: 100, marker });
      const entries = await Promise.all(racers.map((racer) => racer.next('acquired', key)));
      await Promise.all(racers.map((racer) => racer.next('released', key)));
      assert.ok(entries.every(Boolean), `round ${round}: both racers got the lock in turn`);
      if (entries.some((entry) => entry?.intruded)) overlaps.push(round);
    }
    assert.deepEqual(overlaps, [], 'rounds in which both racers held the lock at once');
  });

  it('the release handle stays a plain function and says whether the lease was lost', async () => {
    const release: LockRelease = await lockWith({}).acquire('session-k');
    assert.equal(release.lost?.aborted, false);
    await release();
    await release();
    assert.deepEqual(readdirSync(locks), [], 'nothing is left behind');
  });
});
