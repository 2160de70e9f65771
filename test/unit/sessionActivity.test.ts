import assert from 'node:assert/strict';
import type { CrossProcessLock } from '../../src/core/ports';
import { KeepAlive } from '../../src/core/session/keepAlive';
import { Simulator, startSimulator } from '../sim/index';
import { rejects } from '../support/assertions';
import { RecordingProxy, SeenRequest, startRecordingProxy } from '../support/recordingProxy';
import { makeWorld, needsSimulator, World } from '../support/world';

const ping = { method: 'GET', path: '/ping' } as const;
const isRefresh = (request: SeenRequest) => request.url.endsWith('/oauth2/token') && request.body.includes('"refresh_token"');
const isLogin = (request: SeenRequest) => request.url.endsWith('/oauth2/token') && request.body.includes('"password"');
const isSudo = (request: SeenRequest) => request.url.includes('/oauth2/sudo/');

async function eventually(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Issue 10 E1 and E6: overlapping operations on one connection, ordered over real sockets by a proxy that holds answers back. */
describe('Overlapping operations on one connection', () => {
  let world: World;
  let sim: Simulator;
  let proxy: RecordingProxy;
  afterEach(async () => {
    await world?.close();
    await proxy?.close();
    await sim?.close();
  });

  async function worldBehindProxy(delayAnswer: (request: SeenRequest, index: number) => number | undefined): Promise<World> {
    sim = await startSimulator({ quiet: true });
    proxy = await startRecordingProxy(sim.url, { delayAnswer });
    return makeWorld({ simulator: sim, profile: { instanceUrl: proxy.url } });
  }

  it('a refresh overlapping a sudo that ends after it leaves no activity behind (E1)', async function () {
    needsSimulator(this, 'orders answers through a proxy');
    world = await worldBehindProxy((request) => (isRefresh(request) ? 150 : isSudo(request) ? 400 : 0));
    const { engine, connectionId } = world;
    await engine.login(connectionId);
    const refreshing = engine.refresh(connectionId);
    await eventually(() => proxy.seen.some(isRefresh));
    const sudo = engine.sudo(connectionId, 'jim');
    assert.equal(engine.state(connectionId).activity, 'sudo');
    await refreshing;
    assert.equal(engine.state(connectionId).activity, 'sudo', 'the sudo still runs');
    await sudo;
    assert.equal(engine.state(connectionId).activity, undefined);
  });

  it("one operation's success does not clear another's error (E1)", async function () {
    needsSimulator(this, 'needs an unknown user');
    world = await makeWorld();
    const { engine, connectionId } = world;
    await engine.login(connectionId);
    const failure = await rejects(engine.sudo(connectionId, 'nobody'));
    assert.equal(engine.state(connectionId).error?.message, failure.message);
    await engine.refresh(connectionId);
    assert.equal(engine.state(connectionId).error?.message, failure.message, "the refresh cleared the sudo's error");
    await engine.sudo(connectionId, 'jim');
    assert.equal(engine.state(connectionId).error, undefined, 'the next sudo clears it');
  });

  it('two logins at once store the tokens issued last, which work (E6)', async function () {
    needsSimulator(this, 'orders answers through a proxy');
    // The first login's answer is held back, so that it arrives after the second login's.
    world = await worldBehindProxy((request, index) => (isLogin(request) && index === proxy.seen.findIndex(isLogin) ? 300 : 0));
    const { engine, connectionId } = world;
    const first = engine.login(connectionId);
    await eventually(() => sim.counters.loginsIssued >= 1);
    const second = engine.login(connectionId);
    await Promise.all([first, second]);
    assert.equal(sim.counters.loginsIssued, 2);
    const token = await engine.accessToken(connectionId);
    const target = await engine.targetFor(connectionId);
    const answer = await world.client.request(target, token, ping);
    assert.equal(answer.status, 200, 'the stored token was ended by the later login');
  });
});

/** Issue 10 E3: keep-alive backs off after a failure that is not Sugar's, and shows it. */
describe('KeepAlive after a failure', () => {
  let world: World;
  afterEach(async () => world?.close());

  it('a lock folder that cannot be written (EACCES) is not retried at once, is shown, and is retried later', async function () {
    needsSimulator(this, 'needs known token lifetimes');
    let failing = false;
    let attempts = 0;
    const lock: CrossProcessLock = {
      acquire: async () => {
        if (!failing) return async () => undefined;
        attempts++;
        throw Object.assign(new Error("EACCES: permission denied, open '/locks/session.lock'"), { code: 'EACCES' });
      },
    };
    world = await makeWorld({ lock, sim: { accessTokenTtl: 600 } });
    const { engine, connectionId, clock } = world;
    await engine.login(connectionId);
    const keepAlive = new KeepAlive(engine, world.logger, { enabled: () => true, connectionIds: () => [connectionId] });
    failing = true;
    clock.advance(545);
    keepAlive.onTick(clock.now());
    await eventually(() => attempts === 1 && engine.state(connectionId).activity === undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(engine.state(connectionId).error?.message ?? '', /EACCES/, 'the failure is shown');
    for (let i = 0; i < 5; i++) {
      keepAlive.onTick(clock.now());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(attempts, 1, 'retried at once');
    assert.ok(keepAlive.nextChangeAt(clock.now())! > clock.now(), 'the next try waits');
    failing = false;
    clock.advance(31);
    keepAlive.onTick(clock.now());
    await eventually(() => engine.state(connectionId).status === 'active');
    assert.equal(engine.state(connectionId).status, 'active', 'retried after the back-off, and succeeded');
    assert.equal(engine.state(connectionId).error, undefined);
  });
});
