// The runner's composition (src/cli/cliContext.ts) against the simulator: the one connection from
// the environment, login, sudo and logout through the engine, nothing left on the server.
import assert from 'node:assert/strict';
import { CliConfigError, openCliContext } from '../../src/cli/cliContext';
import { Simulator, startSimulator } from '../sim/index';

describe('cli context', () => {
  let sim: Simulator;
  const lines: string[] = [];
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    SUGAR_URL: sim.url,
    SUGAR_USERNAME: 'admin',
    SUGAR_PASSWORD: 'admin',
    SUGAR_CLIENT_ID: 'explorer-client',
    SUGAR_CLIENT_SECRET: 'explorer-secret',
    ...extra,
  });

  before(async () => {
    sim = await startSimulator({ quiet: true });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  it('logs in, sends as the admin and as a sudo user, and logs every session out on close', async () => {
    const context = await openCliContext(env(), { writeLog: (line) => lines.push(line), logLevel: 'debug' });
    try {
      assert.equal(context.connectionName, new URL(sim.url).host);
      assert.equal(sim.activeSessions('admin').length, 1);
      const me = await context.request(context.sessionFor(), { method: 'GET', path: '/me' });
      assert.equal((me.json as { current_user: { user_name: string } }).current_user.user_name, 'admin');
      const asJim = await context.request(context.sessionFor('jim'), { method: 'GET', path: '/me' });
      assert.equal((asJim.json as { current_user: { user_name: string } }).current_user.user_name, 'jim');
      assert.equal(sim.activeSessions('jim').length, 1);
    } finally {
      await context.close();
    }
    assert.deepEqual(sim.activeSessions('admin'), []);
    assert.deepEqual(sim.activeSessions('jim'), []);
    const log = lines.join('');
    assert.match(log, /Logged out of/);
    for (const secret of [...sim.issuedSecrets(), 'explorer-secret']) assert.ok(!log.includes(secret), 'a secret reached the log');
  });

  it('names every missing variable in one sentence, with exit code 2', async () => {
    await assert.rejects(openCliContext({ SUGAR_URL: sim.url, SUGAR_PASSWORD: '' }), (error: unknown) => {
      assert.ok(error instanceof CliConfigError);
      assert.equal(error.exitCode, 2);
      assert.match(error.message, /^Set SUGAR_USERNAME and SUGAR_PASSWORD in the environment/);
      return true;
    });
  });

  it('says on stderr that TLS is not checked when asked not to, and uses the default platform', async () => {
    const context = await openCliContext(env({ SUGAR_URL: sim.httpsUrl }), { insecureTls: true, writeLog: (line) => lines.push(line) });
    try {
      assert.equal(context.insecureTls, true);
      assert.equal(sim.activeSessions('admin')[0].platform, 'custom_api');
    } finally {
      await context.close();
    }
    assert.match(lines.join(''), /\[warn\] TLS certificates of .* are not checked/);
  });

  it('refuses a self-signed instance unless told otherwise, and leaves nothing open', async () => {
    await assert.rejects(openCliContext(env({ SUGAR_URL: sim.httpsUrl }), { writeLog: (line) => lines.push(line) }), /certificate/i);
    assert.deepEqual(sim.activeSessions('admin'), []);
  });
});
