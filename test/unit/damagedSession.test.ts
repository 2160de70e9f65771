import assert from 'node:assert/strict';
import { describeSession } from '../../src/core/presentation/sessionText';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import { readSession } from '../../src/core/session/storedSession';
import { rejects } from '../support/assertions';
import { makeWorld, World } from '../support/world';

const ping = { method: 'GET', path: '/ping' } as const;

type Stored = { tokens: Record<string, unknown>; sudo: Record<string, unknown> } & Record<string, unknown>;

/** Ways a stored session is found damaged (issue 10 A3): each must read as 'damaged', nothing else may break. */
const damages: Record<string, (stored: Stored) => unknown> = {
  'a sudo entry that is null': (stored) => ({ ...stored, sudo: null }),
  'a sudo session that is null': (stored) => ({ ...stored, sudo: { jim: null } }),
  'a string expiry': (stored) => ({ ...stored, tokens: { ...stored.tokens, accessExpiresAt: String(stored.tokens.accessExpiresAt) } }),
  'tokens stored as a string': (stored) => ({ ...stored, tokens: String(stored.tokens.accessToken) }),
  'no expiry': (stored) => ({ ...stored, tokens: { ...stored.tokens, accessExpiresAt: undefined } }),
  'a token with a line break': (stored) => ({ ...stored, tokens: { ...stored.tokens, accessToken: `${String(stored.tokens.accessToken)}\r\nX-Evil: 1` } }),
};

describe('Damaged stored sessions', () => {
  let world: World;
  afterEach(async () => world?.close());

  for (const [name, damage] of Object.entries(damages)) {
    it(`${name}: reads as damaged, its token is never handed out, the log's mask still works, and Forget Locally mends it`, async () => {
      world = await makeWorld();
      const { store, connectionId } = world;
      await world.engine.login(connectionId);
      const other = await world.addConnection();
      await world.engine.login(other);
      const key = SessionEngine.storeKey(connectionId);
      const stored = JSON.parse((await store.get(key))!) as Stored;
      const accessToken = String(stored.tokens.accessToken);
      await store.store(key, JSON.stringify(damage(stored)));

      // A window that starts now reads the damaged record.
      const engine = new SessionEngine({ store, clock: world.clock, logger: world.logger, client: world.client, connections: world.connections });
      try {
        const state = await engine.load(connectionId);
        assert.equal(state.status, 'damaged');
        assert.ok(state.damagedReason, 'says what is wrong');
        assert.equal(describeSession(state, world.clock.now()), 'stored session damaged');
        assert.ok(engine.knownSecrets().includes(accessToken), "the damaged record's token is still masked in the log");
        const error = await rejects(engine.accessToken(connectionId));
        assert.match(error.message, /cannot be read .*forget it locally/);
        // Nothing else stops working: the other connection, state and secrets.
        await engine.load(other);
        assert.equal((await engine.request(other, ping)).status, 200);
        assert.equal(engine.state(other).status, 'active');
        assert.ok(engine.knownSecrets().includes(await engine.accessToken(other)));
        // Forget Locally, then a new login.
        await engine.forget(connectionId);
        assert.equal(engine.state(connectionId).status, 'loggedOut');
        assert.equal(await store.get(key), undefined);
        assert.equal((await engine.login(connectionId)).status, 'active');
      } finally {
        engine.dispose();
      }
    });
  }

  it('a value that is not JSON, or of a newer format, is damaged rather than read as no session', () => {
    assert.match(readSession('{"v":1,').damaged?.reason ?? '', /not JSON/);
    assert.match(readSession('{"v":2,"username":"a"}').damaged?.reason ?? '', /newer version/);
    assert.match(readSession('x'.repeat(70_000)).damaged?.reason ?? '', /larger than/);
    assert.deepEqual(readSession(undefined), {});
  });
});
