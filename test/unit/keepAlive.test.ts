import assert from 'node:assert/strict';
import { KeepAlive } from '../../src/core/session/keepAlive';
import { makeWorld, needsSimulator, World } from '../support/world';

describe('KeepAlive', () => {
  let world: World;
  afterEach(async () => world?.close());

  it('refreshes a session a minute before its access token expires, once, and reports when it next wants to', async function () {
    needsSimulator(this, 'counts refreshes');
    world = await makeWorld({ sim: { accessTokenTtl: 600 } });
    const { engine, connectionId, clock, sim } = world;
    await engine.login(connectionId);
    let enabled = true;
    const keepAlive = new KeepAlive(engine, world.logger, { enabled: () => enabled, connectionIds: () => [connectionId] });
    const expiresAt = engine.state(connectionId).accessExpiresAt!;
    assert.equal(keepAlive.nextChangeAt(clock.now()), expiresAt - 60_000);
    sim!.resetCounters();
    keepAlive.onTick(clock.now());
    assert.equal(sim!.counters.refreshesIssued, 0, 'not due yet');
    clock.advance(545);
    keepAlive.onTick(clock.now());
    keepAlive.onTick(clock.now());
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(sim!.counters.refreshesIssued, 1);
    assert.ok(engine.state(connectionId).accessExpiresAt! > expiresAt);
    enabled = false;
    assert.equal(keepAlive.nextChangeAt(clock.now()), undefined);
  });

  it('ensureFresh spends nothing while the token has more than the lead time left', async function () {
    needsSimulator(this, 'counts refreshes');
    world = await makeWorld({ sim: { accessTokenTtl: 600 } });
    const { engine, connectionId, sim } = world;
    await engine.login(connectionId);
    sim!.resetCounters();
    await engine.ensureFresh(connectionId, 60_000);
    assert.equal(sim!.counters.refreshesIssued, 0);
  });
});
