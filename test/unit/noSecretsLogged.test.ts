import assert from 'node:assert/strict';
import { DEMO_USERS } from '../sim/index';
import { makeWorld, needsSimulator, World } from '../support/world';

// Passwords unlike any user name or word the log may hold: the search below skips none of them.
const ADMIN_PASSWORD = 'Adm1n-pw-7Qx';
const JIM_PASSWORD = 'J1m-pw-4Rz';

describe('nothing secret reaches the log', () => {
  let world: World;
  afterEach(async () => world?.close());

  it('a full flow (login, requests, refresh, sudo, failures, logout) logs no token, password or client secret', async function () {
    needsSimulator(this, 'needs every token the simulator issued');
    world = await makeWorld({
      sim: { users: DEMO_USERS.map((u) => (u.userName === 'admin' ? { ...u, password: ADMIN_PASSWORD } : u.userName === 'jim' ? { ...u, password: JIM_PASSWORD } : u)) },
      profile: { clientId: 'explorer-client', clientSecret: 'explorer-secret', password: ADMIN_PASSWORD },
    });
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
    const secrets = [...sim!.issuedSecrets(), ADMIN_PASSWORD, JIM_PASSWORD, 'wrong-password-123', 'explorer-secret'];
    assert.ok(sim!.issuedSecrets().length >= 8);
    // Every secret is searched for, in any case: none equals a user name that may be logged.
    for (const secret of secrets) assert.ok(!log.toLowerCase().includes(secret.toLowerCase()), `the log contains a secret: ${secret.slice(0, 4)}…`);
  });
});
