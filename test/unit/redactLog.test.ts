import assert from 'node:assert/strict';
import { REDACTED, SecretRedactor } from '../../src/core/sugar/redact';
import { makeWorld, needsSimulator, World } from '../support/world';

/** Credentials that differ from every user and connection name, so that a search for them means something. */
const USER = { userName: 'dana', password: 'Dn-7x', fullName: 'Dana Test', type: 'admin' as const, status: 'Active' as const };
const CLIENT = { id: 'explorer-client', secret: 'explorer-secret-77' };

describe('the log redaction over a real session (engine, profile store, simulator)', () => {
  let world: World;
  afterEach(async () => world?.close());

  it('masks every form of the password, client secret and tokens, and a token replaced by a refresh for an hour', async function () {
    needsSimulator(this, 'needs tokens issued by the simulator');
    world = await makeWorld({
      sim: { users: [USER], clients: { [CLIENT.id]: CLIENT.secret } },
      profile: { username: USER.userName, password: USER.password, clientId: CLIENT.id, clientSecret: CLIENT.secret },
    });
    const { engine, profiles, connectionId, clock } = world;
    // As src/extension.ts composes the log (RedactingLog runs every line through this).
    const log = new SecretRedactor(() => [engine.knownSecrets(), profiles.knownSecrets()], { now: () => clock.now() });
    await engine.login(connectionId);
    const access = await engine.accessToken(connectionId);
    const refresh = await engine.refreshToken(connectionId);
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const lines = [
      `GET /x?token=${encodeURIComponent(access)} ${access.toUpperCase()}`,
      `{"refresh_token":${JSON.stringify(refresh)},"copy":"${refresh.slice(0, 10)}\n${refresh.slice(10)}"}`,
      `Authorization: Basic ${b64(`${CLIENT.id}:${CLIENT.secret}`)}`,
      `Authorization: Basic ${b64(`${USER.userName}:${USER.password}`)}`,
      `grant_type=password&username=${USER.userName}&password=${USER.password}&client_secret=${CLIENT.secret}`,
      `the password is ${USER.password}.`,
      ...world.logger.lines,
    ];
    const masked = lines.map((line) => log.redact(line)).join('\n');
    for (const secret of [access, refresh, CLIENT.secret, USER.password, b64(`${CLIENT.id}:${CLIENT.secret}`), b64(`${USER.userName}:${USER.password}`)]) {
      assert.ok(!masked.toLowerCase().includes(secret.toLowerCase()), `a secret reached the log: ${secret.slice(0, 4)}…\n${masked}`);
    }
    assert.match(masked, /username=dana/, 'the user name, no secret, is kept');

    await engine.refresh(connectionId);
    const fresh = await engine.accessToken(connectionId);
    assert.notEqual(fresh, access);
    assert.equal(log.redact(`old ${access} new ${fresh}`), `old ${REDACTED} new ${REDACTED}`);
    clock.advance(61 * 60);
    assert.equal(log.redact(`old ${access}`), `old ${access}`, 'a token replaced more than an hour ago is no longer a known secret');
  });
});
