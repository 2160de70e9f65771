import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLock } from '../../src/core/session/fileLock';
import type { WorkerCommand, WorkerReply } from '../support/refreshWorker';
import { FileSecretStore } from '../support/stores';
import { makeWorld, needsSimulator, World } from '../support/world';
import { SessionEngine } from '../../src/core/session/sessionEngine';

/** A window in its own process (test/support/refreshWorker) that answers one command at a time. */
function startWindow(args: string[]): { ask(command: WorkerCommand): Promise<WorkerReply>; ready: Promise<WorkerReply>; stop(): void } {
  const child = fork(join(__dirname, '..', 'support', 'refreshWorker.js'), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const nextReply = (): Promise<WorkerReply> => new Promise((resolve) => child.once('message', resolve));
  return {
    ready: nextReply(),
    ask: (command) => {
      const reply = nextReply();
      child.send(command);
      return reply;
    },
    stop: () => child.kill('SIGKILL'),
  };
}

describe('two windows in two processes: a refresh slower than the lock’s stale time', function () {
  this.timeout(60_000);
  let world: World;
  let folder: string;
  const stops: Array<() => void> = [];

  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    await world?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is never broken into: the other window waits, and no refresh token is spent twice', async function () {
    needsSimulator(this, 'slows one token answer down');
    folder = mkdtempSync(join(tmpdir(), 'sugar-slow-refresh-'));
    const [secrets, locks] = [join(folder, 'secrets'), join(folder, 'locks')];
    // Through a variable: this file also compiles against the lock that had no other options.
    const lockOptions = { staleMs: 1000 };
    world = await makeWorld({ store: new FileSecretStore(secrets), lock: new FileLock(locks, lockOptions) });
    await world.engine.login(world.connectionId);
    const windows = [0, 1].map(() => startWindow([secrets, locks, world.connectionId, JSON.stringify(lockOptions)]));
    for (const window of windows) stops.push(window.stop);
    await Promise.all(windows.map((window) => window.ready));
    world.sim!.resetCounters();
    // The first refresh takes three times the stale time; the lock's heartbeat must keep it held.
    world.sim!.injectFault({ type: 'slow', delayMs: 3000, pathIncludes: 'oauth2/token', times: 1 });
    const replies = await Promise.all(windows.map((window) => window.ask({ op: 'refresh' })));
    for (const reply of replies) assert.ok(reply.ok, reply.error ?? `HTTP ${reply.status}`);
    assert.equal(world.sim!.counters.refreshesRejected, 0, 'a window spent a refresh token the other had already spent');
    assert.equal(replies[0].token, replies[1].token);
  });

  it('a refresh whose lease was taken away while it ran does not write over what the other window stored', async function () {
    needsSimulator(this, 'slows one token answer down');
    folder = mkdtempSync(join(tmpdir(), 'sugar-lost-lease-'));
    const [secrets, locks] = [join(folder, 'secrets'), join(folder, 'locks')];
    const store = new FileSecretStore(secrets);
    world = await makeWorld({ store, lock: new FileLock(locks) });
    await world.engine.login(world.connectionId);
    const window = startWindow([secrets, locks, world.connectionId, JSON.stringify({ staleMs: 1500 })]);
    stops.push(window.stop);
    await window.ready;
    world.sim!.resetCounters();
    world.sim!.injectFault({ type: 'slow', delayMs: 3000, pathIncludes: 'oauth2/token', times: 1 });
    const refreshed = window.ask({ op: 'refresh' });
    // The window holds the lease while its token answer is delayed: take the lease away from it.
    const leaseFolder = join(locks, `session-${world.connectionId}.lock`);
    const leases = (): string[] => (existsSync(leaseFolder) ? readdirSync(leaseFolder).filter((name) => name.endsWith('.lease')) : []);
    for (let tries = 0; leases().length === 0; tries++) {
      assert.ok(tries < 400, 'the window never took the lease');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const lease of leases()) rmSync(join(leaseFolder, lease));
    // This window gets in meanwhile and stores a change: a sudo session.
    await world.engine.sudo(world.connectionId, 'sally');
    const reply = await refreshed;
    assert.ok(reply.ok, reply.error ?? `HTTP ${reply.status}`);
    const stored = JSON.parse((await store.get(SessionEngine.storeKey(world.connectionId)))!) as { tokens: { accessToken: string }; sudo: Record<string, unknown> };
    assert.ok(stored.sudo.sally, "the other window's sudo session was written over by the refresh that had lost its lease");
    assert.equal(stored.tokens.accessToken, reply.token, 'the refreshed tokens are stored onto the fresh record');
    assert.equal(world.sim!.counters.refreshesRejected, 0);
  });
});
