import assert from 'node:assert/strict';
import { formatClockTime } from '../../src/core/presentation/sessionText';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import { parseSession } from '../../src/core/session/storedSession';
import { rejects } from '../support/assertions';
import { startTokenServer, TokenServer } from '../support/tokenServer';
import { makeWorld, needsSimulator, World } from '../support/world';

const DAY_MS = 24 * 3600 * 1000;
const good = (n: number) => ({
  access_token: `a0000000-0000-4000-8000-00000000000${n}`,
  expires_in: 3600,
  token_type: 'bearer',
  refresh_token: `r0000000-0000-4000-8000-00000000000${n}`,
  refresh_expires_in: 1209600,
  download_token: `d0000000-0000-4000-8000-00000000000${n}`,
});

/** Issue 10 C4: odd token answers are refused or brought into bounds; good tokens are never replaced by bad ones. */
describe('Odd token answers', () => {
  let world: World;
  let server: TokenServer;
  afterEach(async () => {
    await world?.close();
    await server?.close();
  });

  async function worldOn(answers: Record<string, () => unknown>): Promise<World> {
    server = await startTokenServer(answers);
    return makeWorld({ profile: { instanceUrl: server.url, apiVersion: 'v11_4' } });
  }

  const stored = async () => parseSession(await world.store.get(SessionEngine.storeKey(world.connectionId)));

  for (const [name, token] of [
    ['CR/LF', 'a0000000-0000\r\nX-Injected: 1'],
    ['a space', 'a0000000 0000'],
    ['1 MB', 'a'.repeat(1024 * 1024)],
    ['a number', 12345],
  ] as const) {
    it(`a login answer whose access token has ${name} is an explained error, and nothing is stored`, async function () {
      needsSimulator(this, 'uses its own token server');
      world = await worldOn({ password: () => ({ ...good(1), access_token: token }) });
      const error = await rejects(world.engine.login(world.connectionId));
      assert.match(error.message, /answered the login (with an access token that cannot be a token|without an access token)/);
      assert.equal(error.message.includes(String(token).slice(0, 20)), false, 'the error does not repeat the token');
      assert.equal(world.engine.state(world.connectionId).status, 'error');
      assert.equal(await stored(), undefined);
    });
  }

  it('expires_in 1e300 is clamped to 30 days, and the tooltip time still formats', async function () {
    needsSimulator(this, 'uses its own token server');
    world = await worldOn({ password: () => ({ ...good(1), expires_in: 1e300, refresh_expires_in: 1e300 }) });
    const state = await world.engine.login(world.connectionId);
    const now = world.clock.now();
    assert.ok(state.accessExpiresAt! <= now + 30 * DAY_MS, `access expiry ${state.accessExpiresAt}`);
    assert.ok(state.refreshExpiresAt! <= now + 365 * DAY_MS, `refresh expiry ${state.refreshExpiresAt}`);
    assert.equal(typeof formatClockTime(state.accessExpiresAt!, now), 'string');
    assert.equal(typeof formatClockTime(1e303, now), 'string');
  });

  it('expires_in that is negative, zero or not a number still gives a usable expiry', async function () {
    needsSimulator(this, 'uses its own token server');
    world = await worldOn({ password: () => ({ ...good(1), expires_in: -5 }) });
    const now = world.clock.now();
    const state = await world.engine.login(world.connectionId);
    assert.ok(state.accessExpiresAt! >= now + 10_000);
  });

  it('a refresh answer with refresh_token "" or none keeps the live refresh token', async function () {
    needsSimulator(this, 'uses its own token server');
    let refreshAnswer: unknown = { ...good(2), refresh_token: '' };
    world = await worldOn({ password: () => good(1), refresh_token: () => refreshAnswer });
    const { engine, connectionId } = world;
    await engine.login(connectionId);
    await engine.refresh(connectionId);
    assert.equal(await engine.accessToken(connectionId), good(2).access_token);
    assert.equal(await engine.refreshToken(connectionId), good(1).refresh_token);
    refreshAnswer = { access_token: good(3).access_token, expires_in: 3600 };
    await engine.refresh(connectionId);
    assert.equal(await engine.accessToken(connectionId), good(3).access_token);
    assert.equal(await engine.refreshToken(connectionId), good(1).refresh_token);
    assert.equal((await stored())?.tokens?.refreshToken, good(1).refresh_token);
  });

  it('a malformed refresh answer is an explained error, and the previous tokens stay', async function () {
    needsSimulator(this, 'uses its own token server');
    world = await worldOn({ password: () => good(1), refresh_token: () => ({ ...good(2), access_token: 'bad\r\ntoken' }) });
    const { engine, connectionId } = world;
    await engine.login(connectionId);
    const error = await rejects(engine.refresh(connectionId));
    assert.match(error.message, /answered the refresh with an access token that cannot be a token.*previous tokens are kept/);
    assert.equal((await stored())?.tokens?.accessToken, good(1).access_token);
    assert.equal(await engine.refreshToken(connectionId), good(1).refresh_token);
    assert.equal(engine.state(connectionId).error?.message, error.message);
  });
});
