import assert from 'node:assert/strict';
import { parseSession } from '../../src/core/session/storedSession';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import type { SessionState } from '../../src/core/session/sessionState';
import { MemoryCache, ProfileConnections } from '../../src/core/profiles/profileConnections';
import { ProfileStore } from '../../src/core/profiles/profileStore';
import { SugarClient } from '../../src/core/sugar/client';
import { live, makeWorld, needsSimulator, World } from '../support/world';
import { CapturingLogger } from '../support/logger';
import { rejects } from '../support/assertions';


const ping = { method: 'GET', path: '/ping' } as const;

describe('SessionEngine', () => {
  let world: World;
  afterEach(async () => {
    await world?.close();
  });

  describe('login and state', () => {
    it('logs in, stores the tokens and derives "active" with both expiries', async () => {
      world = await makeWorld();
      const { engine, clock, connectionId } = world;
      const before = clock.now();
      const state = await engine.login(connectionId);
      assert.equal(state.status, 'active');
      assert.equal(state.username, live?.username ?? 'admin');
      assert.equal(state.platform, live?.platform ?? 'custom_api');
      assert.ok(state.accessExpiresAt! >= before + 60_000);
      assert.ok(state.refreshExpiresAt! > state.accessExpiresAt!);
      const stored = parseSession(await world.store.get(SessionEngine.storeKey(connectionId)));
      assert.equal(stored?.tokens?.accessToken, await engine.accessToken(connectionId));
    });

    it('moves through expiring soon, access expired and refresh expired with the clock', async function () {
      needsSimulator(this, 'needs known token lifetimes');
      world = await makeWorld({ sim: { accessTokenTtl: 600, refreshTokenTtl: 1200 } });
      const { engine, clock, connectionId } = world;
      await engine.login(connectionId);
      assert.equal(engine.state(connectionId).status, 'active');
      clock.advance(360);
      assert.equal(engine.state(connectionId).status, 'expiringSoon');
      clock.advance(300);
      assert.equal(engine.state(connectionId).status, 'accessExpired');
      clock.advance(600);
      assert.equal(engine.state(connectionId).status, 'refreshExpired');
    });

    it('reads the epoch-time refresh_expires_in of SugarCloud as an absolute time', async function () {
      needsSimulator(this, 'needs the SugarCloud quirk switched on');
      world = await makeWorld({ sim: { refreshExpiresAsEpoch: true } });
      const { engine, connectionId } = world;
      await engine.login(connectionId);
      const state = await engine.refresh(connectionId);
      const expected = world.sim!.now() + 1209600 * 1000;
      assert.ok(Math.abs(state.refreshExpiresAt! - expected) < 5000, `refresh expiry ${state.refreshExpiresAt} vs ${expected}`);
    });

    it('a failed login leaves an "error" state with the explanation, and the next login clears it', async function () {
      needsSimulator(this, 'uses a wrong password on purpose (could lock the live user out)');
      world = await makeWorld();
      const { engine, connectionId } = world;
      const error = await rejects(engine.login(connectionId, { password: 'wrong' }));
      assert.match(error.message, /did not accept username "admin"/);
      assert.equal(engine.state(connectionId).status, 'error');
      assert.equal(engine.state(connectionId).error?.message, error.message);
      await engine.login(connectionId);
      assert.equal(engine.state(connectionId).status, 'active');
      assert.equal(engine.state(connectionId).error, undefined);
    });

    it('an unregistered platform explains the admin screen to visit', async function () {
      needsSimulator(this, 'needs an unregistered platform');
      world = await makeWorld({ profile: { platform: 'my_new_tool' } });
      const error = await rejects(world.engine.login(world.connectionId));
      assert.match(error.message, /"my_new_tool" is not registered.*Admin > Configure API Platforms/);
    });

    it('a cancelled login is quiet: no error state', async function () {
      needsSimulator(this, 'needs a hanging answer');
      world = await makeWorld();
      world.sim!.injectFault({ type: 'hang', pathIncludes: 'oauth2/token', times: 1 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await rejects(world.engine.login(world.connectionId, { signal: controller.signal }));
      assert.equal(error.kind, 'cancelled');
      assert.equal(world.engine.state(world.connectionId).status, 'loggedOut');
    });

    it('asks for a password when none is remembered', async () => {
      world = await makeWorld({ profile: { rememberPassword: false } });
      const error = await rejects(world.engine.login(world.connectionId));
      assert.equal(error.kind, 'session');
      assert.match(error.message, /No password is remembered/);
      const state = await world.engine.login(world.connectionId, { password: world.password });
      assert.equal(state.status, 'active');
    });

    it('resolves "auto" to the highest version once per instance, and uses it', async function () {
      needsSimulator(this, 'counts the simulator\'s requests');
      world = await makeWorld({ profile: { apiVersion: 'auto' } });
      const second = await world.addConnection({ apiVersion: 'auto', username: 'jim', password: 'jim' });
      world.sim!.resetCounters();
      await world.engine.login(world.connectionId);
      await world.engine.login(second);
      const stored = parseSession(await world.store.get(SessionEngine.storeKey(second)));
      assert.equal(stored?.apiVersion, 'v11_24');
      assert.equal(world.sim!.counters.requests['incorrect_version'] ?? 0, 1, 'one version probe for both connections');
    });

    it('tells listeners about every change', async () => {
      world = await makeWorld();
      const seen: SessionState['status'][] = [];
      world.engine.onDidChange((state) => seen.push(state.status));
      await world.engine.login(world.connectionId);
      await world.engine.logout(world.connectionId);
      assert.ok(seen.includes('active'));
      assert.equal(seen[seen.length - 1], 'loggedOut');
    });

    it('loads who the user is from /me after login, admin or not', async () => {
      world = await makeWorld();
      await world.engine.login(world.connectionId);
      await world.engine.loadUser(world.connectionId);
      const user = world.engine.state(world.connectionId).user;
      assert.equal(user?.userName, live?.username ?? 'admin');
      if (!live) assert.equal(user?.isAdmin, true);
    });
  });

  describe('refresh', () => {
    it('200 concurrent requests on an expired access token: exactly one refresh, none rejected, all succeed', async () => {
      world = await makeWorld();
      const { engine, connectionId, sim } = world;
      await engine.login(connectionId);
      sim?.resetCounters();
      world.expireAccess();
      const answers = await Promise.all(Array.from({ length: 200 }, () => engine.request(connectionId, ping)));
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
      assert.ok(answers.every((a) => a.json === 'pong'));
      if (sim) {
        assert.equal(sim.counters.refreshesIssued, 1);
        assert.equal(sim.counters.refreshesRejected, 0);
        assert.equal(sim.counters.refreshesWithoutPlatform, 0);
      }
    });

    it('200 concurrent requests whose token died on the server only: one refresh, every request retried once', async function () {
      needsSimulator(this, 'kills tokens on the server');
      world = await makeWorld();
      const { engine, connectionId, sim } = world;
      await engine.login(connectionId);
      sim!.resetCounters();
      sim!.expireAccessTokens();
      const answers = await Promise.all(Array.from({ length: 200 }, () => engine.request(connectionId, ping)));
      assert.ok(answers.every((a) => a.status === 200));
      assert.equal(sim!.counters.refreshesIssued, 1);
      assert.equal(sim!.counters.refreshesRejected, 0);
      assert.equal(sim!.counters.apiUnauthorized, 200);
    });

    it('stores the new tokens before handing them out', async () => {
      world = await makeWorld();
      const { engine, connectionId, store } = world;
      await engine.login(connectionId);
      const before = await engine.accessToken(connectionId);
      await engine.refresh(connectionId);
      const after = await engine.accessToken(connectionId);
      assert.notEqual(after, before);
      assert.equal(parseSession(await store.get(SessionEngine.storeKey(connectionId)))?.tokens?.accessToken, after);
    });

    it('adopts tokens another window rotated instead of spending the dead refresh token', async () => {
      world = await makeWorld();
      const { connectionId, store, sim } = world;
      await world.engine.login(connectionId);
      // A second engine on the same store, like a second VS Code window without change events.
      const other = new SessionEngine({
        store: { get: (k) => store.get(k), store: (k, v) => store.store(k, v), delete: (k) => store.delete(k) },
        clock: world.clock,
        logger: new CapturingLogger(),
        client: new SugarClient(world.http, new CapturingLogger()),
        connections: new ProfileConnections(new ProfileStore(store), world.client, new MemoryCache()),
        fetchUserAfterLogin: false,
      });
      await other.load(connectionId);
      sim?.resetCounters();
      await world.engine.refresh(connectionId);
      // `other` still holds the old access token: the server says it is dead, and the store has a newer one.
      const answer = await other.request(connectionId, ping);
      assert.equal(answer.status, 200);
      if (sim) {
        assert.equal(sim.counters.refreshesIssued, 1);
        assert.equal(sim.counters.refreshesRejected, 0);
      }
      assert.equal(await other.accessToken(connectionId), await world.engine.accessToken(connectionId));
      other.dispose();
    });

    it('follows another window through store change events', async () => {
      world = await makeWorld();
      const { engine, connectionId, store } = world;
      await engine.load(connectionId);
      const other = new SessionEngine({
        store,
        clock: world.clock,
        logger: new CapturingLogger(),
        client: world.client,
        connections: world.connections,
        fetchUserAfterLogin: false,
      });
      await other.login(connectionId);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(engine.state(connectionId).status, 'active');
      other.dispose();
    });

    it('a login elsewhere with the same user and platform ends the session, explained as such', async function () {
      needsSimulator(this, 'logs the user in elsewhere through the simulator');
      world = await makeWorld();
      const { engine, connectionId, sim } = world;
      await engine.login(connectionId);
      await sim!.loginElsewhere('admin', 'custom_api');
      const error = await rejects(engine.request(connectionId, ping));
      assert.match(error.message, /session was replaced, most likely by a login with the same user and platform \(custom_api\) somewhere else/);
      assert.equal(error.remedy, 'login');
      const state = engine.state(connectionId);
      assert.equal(state.status, 'endedElsewhere');
      assert.match(state.endedExplanation ?? '', /somewhere else/);
      assert.equal(sim!.counters.refreshesRejected, 1);
      // Every other window reads the same ending from the store.
      const stored = parseSession(await world.store.get(SessionEngine.storeKey(connectionId)));
      assert.equal(stored?.ended?.reason, 'elsewhere');
      assert.equal(stored?.tokens, undefined);
      // And a new login starts over.
      assert.equal((await engine.login(connectionId)).status, 'active');
    });

    it('an expired refresh token ends the session without asking the server', async function () {
      needsSimulator(this, 'needs a short refresh lifetime');
      world = await makeWorld({ sim: { accessTokenTtl: 60, refreshTokenTtl: 120 } });
      const { engine, connectionId, sim, clock } = world;
      await engine.login(connectionId);
      sim!.resetCounters();
      clock.advance(200);
      sim!.advanceTime(200);
      const error = await rejects(engine.request(connectionId, ping));
      assert.match(error.message, /refresh token has expired/);
      assert.equal(engine.state(connectionId).status, 'refreshExpired');
      assert.equal(sim!.counters.refreshesIssued + sim!.counters.refreshesRejected, 0);
    });

    it('a refresh that fails on the network keeps the tokens and shows the error', async function () {
      needsSimulator(this, 'injects a connection reset');
      world = await makeWorld();
      const { engine, connectionId, sim } = world;
      await engine.login(connectionId);
      sim!.injectFault({ type: 'reset', pathIncludes: 'oauth2/token', times: 1 });
      const error = await rejects(engine.refresh(connectionId));
      assert.equal(error.kind, 'network');
      const state = engine.state(connectionId);
      assert.equal(state.status, 'error');
      assert.ok(state.accessExpiresAt);
      assert.equal((await engine.refresh(connectionId)).status, 'active');
    });
  });

  describe('sudo', () => {
    beforeEach(function () {
      if (live && !live.sudoUser) {
        this.currentTest!.title += ' (skipped: set SUGAR_SUDO_USER)';
        this.skip();
      }
    });
    const sudoUser = live?.sudoUser ?? 'jim';

    it('acts as another user, as a child of the admin session', async () => {
      world = await makeWorld();
      const { engine, connectionId } = world;
      await engine.login(connectionId);
      const sudo = await engine.sudo(connectionId, sudoUser);
      assert.equal(sudo.id, `${connectionId}/sudo/${sudoUser}`);
      const me = await engine.request(sudo.id, { method: 'GET', path: '/me' });
      assert.equal((me.json as { current_user: { user_name: string } }).current_user.user_name, sudoUser);
      assert.deepEqual(engine.state(connectionId).sudo.map((s) => s.userName), [sudoUser]);
      const adminMe = await engine.request(connectionId, { method: 'GET', path: '/me' });
      assert.notEqual((adminMe.json as { current_user: { user_name: string } }).current_user.user_name, sudoUser);
    });

    it('re-issues an expired sudo token from the admin session', async function () {
      needsSimulator(this, 'counts sudo tokens issued');
      world = await makeWorld();
      const { engine, connectionId, sim } = world;
      await engine.login(connectionId);
      const sudo = await engine.sudo(connectionId, 'jim');
      const first = await engine.accessToken(sudo.id);
      world.expireAccess();
      const answers = await Promise.all(Array.from({ length: 20 }, () => engine.request(sudo.id, { method: 'GET', path: '/me' })));
      assert.ok(answers.every((a) => a.status === 200));
      assert.notEqual(await engine.accessToken(sudo.id), first);
      assert.equal(sim!.counters.sudoIssued, 2);
      assert.equal(sim!.counters.refreshesIssued, 1, 'the admin token was refreshed once to re-issue');
    });

    it('ends one sudo session on the server and locally', async () => {
      world = await makeWorld();
      const { engine, connectionId } = world;
      await engine.login(connectionId);
      const sudo = await engine.sudo(connectionId, sudoUser);
      const token = await engine.accessToken(sudo.id);
      const state = await engine.endSudo(sudo.id);
      assert.deepEqual(state.sudo, []);
      const target = await engine.targetFor(connectionId);
      assert.equal((await world.client.request(target, token, ping)).status, 401);
    });

    it('logout ends the admin session and its sudo children', async () => {
      world = await makeWorld();
      const { engine, connectionId } = world;
      await engine.login(connectionId);
      const sudo = await engine.sudo(connectionId, sudoUser);
      const sudoToken = await engine.accessToken(sudo.id);
      const adminToken = await engine.accessToken(connectionId);
      const target = await engine.targetFor(connectionId);
      const result = await engine.logout(connectionId);
      assert.equal(result.state.status, 'loggedOut');
      assert.equal(result.alreadyEnded, false);
      assert.equal((await world.client.request(target, sudoToken, ping)).status, 401);
      assert.equal((await world.client.request(target, adminToken, ping)).status, 401);
      assert.equal(await world.store.get(SessionEngine.storeKey(connectionId)), undefined);
    });
  });

  describe('logout', () => {
    it('with an expired access token, refreshes first so that the server really ends the session', async function () {
      needsSimulator(this, 'reads the simulator\'s sessions');
      world = await makeWorld();
      const { engine, connectionId, sim } = world;
      await engine.login(connectionId);
      world.expireAccess();
      const result = await engine.logout(connectionId);
      assert.equal(result.alreadyEnded, false);
      assert.equal(sim!.activeSessions('admin').filter((s) => s.platform === 'custom_api').length, 0);
    });

    it('says when the session had already ended on the server', async function () {
      needsSimulator(this, 'logs the user in elsewhere');
      world = await makeWorld();
      await world.engine.login(world.connectionId);
      await world.sim!.loginElsewhere('admin', 'custom_api');
      const result = await world.engine.logout(world.connectionId);
      assert.equal(result.alreadyEnded, true);
      assert.equal(result.state.status, 'loggedOut');
    });

    it('when the server cannot be reached, keeps the tokens unless asked to forget them', async function () {
      needsSimulator(this, 'injects connection resets');
      world = await makeWorld();
      const { engine, connectionId, sim } = world;
      await engine.login(connectionId);
      sim!.injectFault({ type: 'reset', pathIncludes: 'oauth2/logout' });
      const error = await rejects(engine.logout(connectionId));
      assert.match(error.message, /closed the connection before answering\. The session may still be alive on the server, so its tokens are kept/);
      assert.notEqual(engine.state(connectionId).accessExpiresAt, undefined);
      const result = await engine.logout(connectionId, { forgetLocally: true });
      assert.equal(result.state.status, 'loggedOut');
      assert.equal(result.serverNotTold?.kind, 'network');
      assert.equal(await world.store.get(SessionEngine.storeKey(connectionId)), undefined);
    });

    it('requests after logout ask to log in', async () => {
      world = await makeWorld();
      await world.engine.login(world.connectionId);
      await world.engine.logout(world.connectionId);
      const error = await rejects(world.engine.request(world.connectionId, ping));
      assert.equal(error.remedy, 'login');
      assert.match(error.message, /Not logged in/);
    });
  });
});

describe('SessionEngine: requests with the token and target at hand', () => {
  let world: World;
  afterEach(async () => {
    await world?.close();
  });

  it('an edited connection is used from the next request on', async function () {
    needsSimulator(this, 'asks for an API version the simulator does not offer');
    world = await makeWorld();
    const { engine, connectionId } = world;
    await engine.login(connectionId);
    assert.equal((await engine.request(connectionId, ping)).status, 200);
    await world.profiles.update(connectionId, { apiVersion: 'v99' });
    const answer = await engine.request(connectionId, ping);
    assert.equal(answer.status, 301);
    assert.equal(answer.error?.label, 'incorrect_version');
  });

  it('a token that expired while idle is refreshed before the request, not sent to die', async function () {
    needsSimulator(this, 'counts refreshes');
    world = await makeWorld();
    const { engine, connectionId } = world;
    await engine.login(connectionId);
    await engine.request(connectionId, ping);
    const before = await engine.accessToken(connectionId);
    world.expireAccess();
    const issued = world.sim!.counters.refreshesIssued;
    const unauthorized = world.sim!.counters.apiUnauthorized;
    assert.equal((await engine.request(connectionId, ping)).status, 200);
    assert.equal(world.sim!.counters.refreshesIssued - issued, 1);
    assert.equal(world.sim!.counters.apiUnauthorized - unauthorized, 0, 'the expired token was sent');
    assert.notEqual(await engine.accessToken(connectionId), before);
  });

  it('knownSecrets is the same array until a session changes, then holds the new tokens', async () => {
    world = await makeWorld();
    const { engine, connectionId } = world;
    await engine.login(connectionId);
    const first = engine.knownSecrets();
    assert.equal(engine.knownSecrets(), first);
    assert.ok(first.includes(await engine.accessToken(connectionId)));
    await engine.refresh(connectionId);
    const second = engine.knownSecrets();
    assert.notEqual(second, first);
    assert.ok(second.includes(await engine.accessToken(connectionId)));
    assert.ok(second.includes(await engine.refreshToken(connectionId)));
  });
});

describe('SessionEngine: a retry after a failure', () => {
  it('returns a state without the earlier error once the login succeeds', async function () {
    needsSimulator(this, 'uses a wrong password on purpose');
    const world = await makeWorld();
    try {
      await world.engine.login(world.connectionId, { password: 'wrong' }).catch(() => undefined);
      assert.equal(world.engine.state(world.connectionId).status, 'error');
      const state = await world.engine.login(world.connectionId);
      assert.equal(state.status, 'active');
      assert.equal(state.error, undefined);
    } finally {
      await world.close();
    }
  });
});

describe('ProfileStore', () => {
  it('answers concurrent first reads with one read of the secret store', async () => {
    const { MemorySecretStore } = await import('../support/stores');
    const store = new MemorySecretStore();
    let reads = 0;
    const counting = { ...store, get: async (key: string) => (reads++, store.get(key)), store: store.store.bind(store), delete: store.delete.bind(store) };
    const profiles = new ProfileStore(counting);
    await Promise.all([profiles.list(), profiles.list(), profiles.get('x'), profiles.findByName('y')]);
    assert.equal(reads, 1);
  });
});

describe('ProfileStore secrets and lookups', () => {
  it('hands the same secrets array until the profiles change, and cached() follows an update', async () => {
    const { MemorySecretStore } = await import('../support/stores');
    const { createProfile } = await import('../../src/core/profiles/profile');
    const profiles = new ProfileStore(new MemorySecretStore());
    const { profile } = createProfile({ name: 'a', instanceUrl: 'https://sugar.example.com', username: 'u', password: 'first-password', rememberPassword: true });
    await profiles.add(profile);
    const first = profiles.knownSecrets();
    assert.equal(profiles.knownSecrets(), first);
    assert.ok(first.includes('first-password'));
    await profiles.update(profile.id, { password: 'second-password' });
    assert.notEqual(profiles.knownSecrets(), first);
    assert.ok(profiles.knownSecrets().includes('second-password'));
    assert.equal(profiles.cached(profile.id)?.password, 'second-password');
    assert.equal(profiles.cached('no such id'), undefined);
  });
});
