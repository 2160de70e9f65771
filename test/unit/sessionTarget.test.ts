import assert from 'node:assert/strict';
import type { Retirement } from '../../src/core/session/sessionEngine';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import { parseSession } from '../../src/core/session/storedSession';
import { Simulator, startSimulator } from '../sim/index';
import { rejects } from '../support/assertions';
import { RecordingProxy, startRecordingProxy } from '../support/recordingProxy';
import { makeWorld, needsSimulator, World } from '../support/world';

const ping = { method: 'GET', path: '/ping' } as const;

/** Resolves once `done()` holds, checking every 10 ms for at most `ms`. */
async function eventually(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Issue 10 B1: a session is bound to the instance, client and platform it was issued for. */
describe('A session goes only where it was issued', () => {
  let world: World;
  let other: Simulator | undefined;
  let foreign: RecordingProxy | undefined;
  afterEach(async () => {
    await world?.close();
    await foreign?.close();
    await other?.close();
    foreign = other = undefined;
  });

  async function sessionSecrets(): Promise<string[]> {
    return [await world.engine.accessToken(world.connectionId), await world.engine.refreshToken(world.connectionId)];
  }

  function collectRetirements(engine: SessionEngine): Retirement[] {
    const retirements: Retirement[] = [];
    // Optional call: the same test runs against an engine without retirements, to see it fail there.
    (engine as Partial<SessionEngine>).onDidRetire?.((retirement) => retirements.push(retirement));
    return retirements;
  }

  it('an edited instance URL sends no token to the new host, ends the session on its own server and says so', async function () {
    needsSimulator(this, 'needs a second instance');
    world = await makeWorld();
    other = await startSimulator({ quiet: true });
    foreign = await startRecordingProxy(other.url);
    const { engine, connectionId, sim } = world;
    await engine.login(connectionId);
    const secrets = await sessionSecrets();
    const logouts = sim!.counters.logouts;
    const retirements = collectRetirements(engine);

    await world.profiles.update(connectionId, { instanceUrl: foreign.url });
    // Whatever comes next (a request, a keep-alive after expiry), nothing of the old session goes there.
    await engine.request(connectionId, ping).catch(() => undefined);
    world.clock.advance(2 * 3600);
    await engine.ensureFresh(connectionId, 60_000).catch(() => undefined);
    for (const secret of secrets) assert.equal(foreign.received(secret), false, 'a token of the old session reached the new host');

    await eventually(() => retirements.length > 0);
    assert.equal(retirements.length, 1);
    assert.deepEqual(retirements[0].changed, ['instance URL']);
    assert.equal(retirements[0].endedOnServer, true);
    assert.match(retirements[0].explanation, new RegExp(`was ended on ${world.url.replace(/[.:/]/g, '\\$&')}`));
    assert.equal(sim!.counters.logouts - logouts, 1, 'the old server was told');
    assert.equal(engine.state(connectionId).status, 'loggedOut', engine.state(connectionId).error?.message);
    assert.equal(parseSession(await world.store.get(SessionEngine.storeKey(connectionId))), undefined);
    const error = await rejects(engine.request(connectionId, ping));
    assert.equal(error.remedy, 'login');
    for (const secret of secrets) assert.equal(foreign.received(secret), false);
  });

  it('without a change event, the request path still refuses to send, and the retirement follows', async function () {
    needsSimulator(this, 'needs a second instance');
    world = await makeWorld();
    other = await startSimulator({ quiet: true });
    foreign = await startRecordingProxy(other.url);
    const { sim, connectionId } = world;
    // A second engine on the same store and profiles, as a window that missed the profile change.
    const engine = new SessionEngine({ store: world.store, clock: world.clock, logger: world.logger, client: world.client, connections: world.connections });
    try {
      await engine.login(connectionId);
      const secrets = [await engine.accessToken(connectionId), await engine.refreshToken(connectionId)];
      const retirements = collectRetirements(engine);
      await world.profiles.update(connectionId, { instanceUrl: foreign.url });
      const error = await rejects(engine.request(connectionId, ping));
      assert.match(error.message, /instance URL changed since the login/);
      for (const secret of secrets) assert.equal(foreign.received(secret), false);
      await eventually(() => retirements.length > 0);
      assert.equal(retirements[0]?.endedOnServer, true);
      assert.equal(engine.state(connectionId).status, 'loggedOut');
      assert.ok(sim!.counters.logouts >= 1);
    } finally {
      engine.dispose();
    }
  });

  it('an edited platform ends the session on its platform before anything is sent on the new one', async function () {
    needsSimulator(this, 'counts logouts');
    world = await makeWorld();
    const { engine, connectionId, sim } = world;
    await engine.login(connectionId);
    const retirements = collectRetirements(engine);
    const logouts = sim!.counters.logouts;
    await world.profiles.update(connectionId, { platform: 'base' });
    await eventually(() => retirements.length > 0);
    assert.deepEqual(retirements[0]?.changed, ['platform']);
    assert.equal(sim!.counters.logouts - logouts, 1);
    assert.equal(engine.state(connectionId).status, 'loggedOut');
    const state = await engine.login(connectionId);
    assert.equal(state.platform, 'base');
  });

  it('when the old server cannot be reached, the session is forgotten here, and the message says so', async function () {
    needsSimulator(this, 'stops an instance');
    world = await makeWorld();
    other = await startSimulator({ quiet: true });
    foreign = await startRecordingProxy(world.url);
    const { engine } = world;
    const connectionId = await world.addConnection({ instanceUrl: other.url });
    await engine.login(connectionId);
    const secrets = [await engine.accessToken(connectionId), await engine.refreshToken(connectionId)];
    const retirements = collectRetirements(engine);
    await other.close();
    other = undefined;
    await world.profiles.update(connectionId, { instanceUrl: foreign.url });
    await eventually(() => retirements.length > 0, 15_000);
    assert.equal(retirements[0]?.endedOnServer, false);
    assert.match(retirements[0]!.explanation, /could not be told .*may live there until it expires/);
    assert.equal(engine.state(connectionId).status, 'loggedOut');
    for (const secret of secrets) assert.equal(foreign.received(secret), false);
  });

  it('an edited connection with API version auto whose new URL cannot be reached still ends its old session', async function () {
    needsSimulator(this, 'counts logouts');
    world = await makeWorld();
    const { engine } = world;
    const connectionId = await world.addConnection({ apiVersion: 'auto' });
    await engine.login(connectionId);
    const retirements = collectRetirements(engine);
    world.sim!.resetCounters();
    // Nothing listens there: the version of `auto` cannot be learned from the new URL.
    await world.profiles.update(connectionId, { instanceUrl: 'http://127.0.0.1:9' });
    await eventually(() => retirements.length > 0, 15_000);
    assert.equal(retirements[0]?.endedOnServer, true, 'the old session was not ended');
    assert.equal(world.sim!.counters.logouts, 1, 'ended on its own server');
    assert.equal(engine.state(connectionId).status, 'loggedOut');
  });

  it('a session stored before targets were recorded is bound to the profile at first use, and recorded', async function () {
    needsSimulator(this, 'rewrites a stored session');
    world = await makeWorld();
    const { connectionId, store } = world;
    await world.engine.login(connectionId);
    const key = SessionEngine.storeKey(connectionId);
    const { instanceUrl: _url, clientId: _client, platform: _platform, ...legacy } = JSON.parse((await store.get(key))!) as Record<string, unknown>;
    await store.store(key, JSON.stringify(legacy));
    const engine = new SessionEngine({ store, clock: world.clock, logger: world.logger, client: world.client, connections: world.connections });
    try {
      assert.equal((await engine.request(connectionId, ping)).status, 200);
      let recorded: ReturnType<typeof parseSession>;
      await eventually(() => {
        void store.get(key).then((text) => (recorded = parseSession(text)));
        return recorded?.instanceUrl === world.url;
      });
      assert.equal(recorded?.instanceUrl, world.url);
      assert.equal(recorded?.platform, 'custom_api');
      assert.equal(recorded?.clientId, 'sugar');
    } finally {
      engine.dispose();
    }
  });
});
