import assert from 'node:assert/strict';
import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLock } from '../../src/core/session/fileLock';
import type { WorkerCommand, WorkerReply } from '../support/refreshWorker';
import { FileSecretStore } from '../support/stores';
import { makeWorld, World } from '../support/world';

class Window {
  private readonly child: ChildProcess;
  private pending?: (reply: WorkerReply) => void;
  readonly ready: Promise<WorkerReply>;

  constructor(storeDir: string, lockDir: string, connectionId: string) {
    this.child = fork(join(__dirname, '..', 'support', 'refreshWorker.js'), [storeDir, lockDir, connectionId], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve) => (this.pending = resolve));
    this.child.on('message', (reply: WorkerReply) => this.pending?.(reply));
  }

  send(command: WorkerCommand): Promise<WorkerReply> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.child.send(command);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ op: 'exit' });
    });
  }
}

describe('two VS Code windows in two processes sharing one store', function () {
  this.timeout(60_000);
  let world: World;
  let folder: string;
  let windows: Window[] = [];

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sugar-two-windows-'));
    world = await makeWorld({ store: new FileSecretStore(join(folder, 'secrets')), lock: new FileLock(join(folder, 'locks')) });
    await world.engine.login(world.connectionId);
    windows = [0, 1].map(() => new Window(join(folder, 'secrets'), join(folder, 'locks'), world.connectionId));
    await Promise.all(windows.map((window) => window.ready));
  });

  afterEach(async () => {
    await Promise.all(windows.map((window) => window.close()));
    await world.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('20 rounds of simultaneous refreshes never end the session, and both end with the same working token', async () => {
    world.sim?.resetCounters();
    let last: WorkerReply[] = [];
    for (let round = 0; round < 20; round++) {
      // Even rounds: both windows press "Refresh Token" at once. Odd rounds: both find the access
      // token expired at once (their clocks move 2 hours) and refresh on their own.
      const command: WorkerCommand = round % 2 === 0 ? { op: 'refresh' } : { op: 'expireAndRequest', advanceSeconds: 7200 };
      if (round % 2 === 1) world.sim?.expireAccessTokens();
      last = await Promise.all(windows.map((window) => window.send(command)));
      for (const reply of last) assert.ok(reply.ok, `round ${round}: ${reply.error ?? `HTTP ${reply.status}`}`);
    }
    assert.equal(last[0].token, last[1].token);
    if (world.sim) {
      assert.equal(world.sim.counters.refreshesRejected, 0, 'no window ever spent a refresh token the other had already spent');
      assert.ok(world.sim.counters.refreshesIssued >= 20, `refreshes issued: ${world.sim.counters.refreshesIssued}`);
      assert.ok(world.sim.counters.refreshesIssued <= 40);
    }
  });
});
