import assert from 'node:assert/strict';
import { makeWorld, needsSimulator, World } from '../support/world';

describe('nothing secret reaches the log', () => {
  let world: World;
  afterEach(async () => world?.close());

  it('a full flow (login, requests, refresh, sudo, failures, logout) logs no token, password or client secret', async function () {
    needsSimulator(this, 'needs every token the simulator issued');
    world = await makeWorld({ profile: { clientId: 'explorer-client', clientSecret: 'explorer-secret' } });
    const { engine, connectionId, sim } = world;
    await engine.login(connectionId);
    await engine.loadUser(connectionId);
    await engine.request(connectionId, { method: 'GET', path: '/Accounts', query: { max_num: 3 } });
    const download = await engine.downloadToken(connectionId);
    await engine.request(connectionId, { method: 'GET', path: '/ping', query: { download_token: download } });
    world.expireAccess();
    await engine.request(connectionId, { method: 'GET', path: '/me' });
    await engine.refresh(connectionId);
    const sudo = await engine.sudo(connectionId, 'jim');
    await engine.request(sudo.id, { method: 'GET', path: '/me' });
    await engine.login(connectionId, { password: 'wrong-password-123' }).catch(() => undefined);
    await engine.login(connectionId);
    await engine.logout(connectionId);

    const log = world.logger.lines.join('\n');
    assert.ok(world.logger.lines.length >= 10, `expected a real log, got ${world.logger.lines.length} lines`);
    assert.match(log, /GET \/rest\/v11_24\/Accounts/);
    const secrets = [...sim!.issuedSecrets(), 'admin', 'wrong-password-123', 'explorer-secret'];
    assert.ok(sim!.issuedSecrets().length >= 8);
    for (const secret of secrets) {
      // "admin" is also the user name, which may be logged; the password check is the whole-word one below.
      if (secret === 'admin') continue;
      assert.ok(!log.includes(secret), `the log contains a secret: ${secret.slice(0, 4)}…`);
    }
    assert.doesNotMatch(log, /password[^\n]*\badmin\b/i);
  });
});
