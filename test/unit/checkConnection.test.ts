import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { checkConnection, CheckReport, CheckStep, LiveSession } from '../../src/core/profiles/checkConnection';
import { createProfile, CreateProfileInput, Profile } from '../../src/core/profiles/profile';
import { SugarClient } from '../../src/core/sugar/client';
import { UndiciHttpDispatcher } from '../../src/core/sugar/http';
import { Simulator, startSimulator } from '../sim/index';
import { CapturingLogger } from '../support/logger';
import { makeWorld, needsSimulator, World } from '../support/world';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function step(report: CheckReport, name: CheckStep['name']): CheckStep {
  const found = report.steps.find((s) => s.name === name);
  assert.ok(found, `no ${name} step in ${JSON.stringify(report.steps)}`);
  return found;
}

/** One sentence: ends with a period and has no line break. */
function assertOneSentence(text: string): void {
  assert.match(text, /^[^\n]+\.$/, `not one sentence: ${text}`);
}

describe('checkConnection against the simulator', () => {
  let sim: Simulator;
  let http: UndiciHttpDispatcher;
  let client: SugarClient;
  let logger: CapturingLogger;
  const network = { connectTimeoutMs: 2000, totalTimeoutMs: 3000 };

  const profile = (overrides: Partial<CreateProfileInput> = {}): Profile =>
    createProfile({ name: 'sim', instanceUrl: sim.url, username: 'jim', proxy: { mode: 'none' }, ...overrides }).profile;

  before(async () => {
    sim = await startSimulator({ quiet: true });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    logger = new CapturingLogger();
    http = new UndiciHttpDispatcher();
    client = new SugarClient(http, logger);
    sim.clearFaults();
    sim.resetCounters();
  });
  afterEach(async () => {
    await http.close();
  });

  it('passes every step, logs in and out again, and leaves no session on the platform', async () => {
    const report = await checkConnection(client, profile(), { password: 'jim', network });
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    assert.deepEqual(report.steps.map((s) => s.name), ['reachable', 'apiVersion', 'platform', 'login']);
    assert.ok(report.steps.every((s) => s.ok && !s.skipped));
    assert.equal(report.highestVersion, 'v11_24');
    assert.equal(step(report, 'reachable').detail, `The instance answered at ${sim.url}.`);
    assert.equal(step(report, 'apiVersion').detail, 'It offers API versions up to v11_24 (Sugar 14.0 or later).');
    assert.match(step(report, 'login').detail, /Logged in as jim and out again/);
    report.steps.forEach((s) => assertOneSentence(s.detail));
    assert.equal(sim.counters.loginsIssued, 1);
    assert.equal(sim.counters.logouts, 1);
    assert.deepEqual(sim.activeSessions('jim').filter((s) => s.platform === 'custom_api'), []);
  });

  it('uses a remembered password when none is given, and never logs it', async () => {
    const report = await checkConnection(client, profile({ password: 'jim', rememberPassword: true }), { network });
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    assert.equal(sim.counters.loginsIssued, 1);
    assert.ok(!logger.lines.some((line) => /\bjim\b.*password|password.*\bjim\b/i.test(line)));
  });

  it('ignores a stored password that is not to be remembered', async () => {
    const report = await checkConnection(client, profile({ password: 'jim', rememberPassword: false }), { network });
    assert.equal(step(report, 'login').skipped, true);
    assert.equal(sim.counters.loginsIssued, 0);
  });

  it('says what a pinned version is used when it is below the highest', async () => {
    const report = await checkConnection(client, profile({ apiVersion: 'v11_4' }), { password: 'jim', network });
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    assert.equal(step(report, 'apiVersion').detail, 'It offers API versions up to v11_24 (Sugar 14.0 or later); this connection uses v11_4.');
  });

  it('fails "reachable" on a closed port and checks nothing else', async () => {
    const port = await closedPort();
    const report = await checkConnection(client, profile({ instanceUrl: `http://127.0.0.1:${port}` }), { password: 'jim', network });
    assert.equal(report.ok, false);
    const reachable = step(report, 'reachable');
    assert.equal(reachable.ok, false);
    assert.equal(reachable.error?.kind, 'refused');
    assert.equal(reachable.detail, reachable.error?.message);
    for (const name of ['apiVersion', 'platform', 'login'] as const) {
      assert.equal(step(report, name).skipped, true, name);
      assertOneSentence(step(report, name).detail);
    }
    assert.equal(report.highestVersion, undefined);
  });

  it('fails "apiVersion" when the connection pins a version the instance does not offer', async () => {
    const report = await checkConnection(client, profile({ apiVersion: 'v11_27' }), { password: 'jim', network });
    assert.equal(report.ok, false);
    const version = step(report, 'apiVersion');
    assert.equal(version.ok, false);
    assert.match(version.detail, /set to API version v11_27, but the instance offers versions up to v11_24 \(Sugar 14\.0 or later\); choose v11_24 or auto\./);
    assert.equal(step(report, 'reachable').ok, true);
    // The credentials are still checked, on a version that works, and the detail says which.
    assert.equal(step(report, 'login').ok, true);
    assert.match(step(report, 'login').detail, /on API v11_24/);
  });

  it('fails "platform" with the admin screen when the platform is not registered, and skips the login', async () => {
    sim.registerPlatform('checker');
    sim.unregisterPlatform('checker');
    const report = await checkConnection(client, profile({ platform: 'checker' }), { password: 'jim', network });
    assert.equal(report.ok, false);
    const platform = step(report, 'platform');
    assert.equal(platform.ok, false);
    assert.equal(platform.error?.status, 422);
    assert.match(platform.detail, /Admin > Configure API Platforms/);
    assert.equal(step(report, 'login').skipped, true);
    assert.equal(sim.counters.loginsIssued, 0);
  });

  it('accepts a registered platform once an admin has added it', async () => {
    sim.registerPlatform('checker');
    try {
      const report = await checkConnection(client, profile({ platform: 'checker' }), { password: 'jim', network });
      assert.equal(report.ok, true, JSON.stringify(report.steps));
      assert.deepEqual(sim.activeSessions('jim').filter((s) => s.platform === 'checker'), []);
    } finally {
      sim.unregisterPlatform('checker');
    }
  });

  it('fails "login" on a wrong password and counts the platform as accepted', async () => {
    const report = await checkConnection(client, profile(), { password: 'not-jims', network });
    assert.equal(report.ok, false);
    const login = step(report, 'login');
    assert.equal(login.ok, false);
    assert.equal(login.error?.status, 401);
    assert.match(login.detail, /did not accept username "jim"/);
    assert.equal(step(report, 'platform').ok, true);
    assert.match(step(report, 'platform').detail, /checks the platform before the password/);
    assert.ok(!logger.lines.some((line) => line.includes('not-jims')), 'the password reached the log');
  });

  it('says "not checked" for the platform when the login fails for another reason', async () => {
    sim.injectFault({ type: 'html502', pathIncludes: '/oauth2/token', times: 1 });
    const report = await checkConnection(client, profile(), { password: 'jim', network });
    assert.equal(step(report, 'platform').ok, false);
    assert.equal(step(report, 'platform').detail, 'Not checked: the login failed first.');
    assert.equal(step(report, 'login').ok, false);
  });

  it('skips platform and login without a password and still passes', async () => {
    const report = await checkConnection(client, profile(), { network });
    assert.equal(report.ok, true);
    for (const name of ['platform', 'login'] as const) {
      assert.equal(step(report, name).skipped, true);
      assert.equal(step(report, name).detail, 'Not checked without a password.');
    }
    assert.equal(sim.counters.loginsIssued + sim.counters.loginsRejected, 0);
  });

  it('throws when cancelled instead of reporting a failure', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(checkConnection(client, profile(), { password: 'jim', network, signal: controller.signal }), (error: unknown) => {
      return error instanceof Error && (error as { kind?: string }).kind === 'cancelled';
    });
  });
});

describe('checkConnection of a logged-in connection (through its own session)', () => {
  let world: World;
  const network = { connectTimeoutMs: 2000, totalTimeoutMs: 3000 };

  beforeEach(async function () {
    world = await makeWorld();
    needsSimulator(this, 'counts the logins the simulator issued');
  });
  afterEach(async () => {
    await world.close();
  });

  const liveSession = (connectionId: string): LiveSession => ({
    platform: world.engine.state(connectionId).platform ?? '',
    request: (request, signal) => world.engine.request(connectionId, request, signal),
  });

  it('passes without a new login, names the server, and the session keeps working with the same token', async () => {
    const id = world.connectionId;
    await world.engine.login(id);
    const token = await world.engine.accessToken(id);
    const logins = world.sim!.counters.loginsIssued;
    const profile = (await world.profiles.get(id))!;

    const report = await checkConnection(world.client, profile, { session: liveSession(id), network });

    assert.equal(world.sim!.counters.loginsIssued, logins, 'the check logged in, which ends the session it checks');
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    assert.deepEqual(report.steps.map((s) => s.name), ['reachable', 'apiVersion', 'platform', 'login']);
    assert.match(step(report, 'login').detail, /session of admin works on Sugar ENT .*without a new login/);
    assert.match(step(report, 'platform').detail, /platform custom_api/);
    for (const s of report.steps) assertOneSentence(s.detail);
    assert.equal(world.engine.state(id).status, 'active');
    assert.equal(await world.engine.accessToken(id), token);
    const me = await world.engine.request(id, { method: 'GET', path: '/me' });
    assert.equal(me.status, 200);
  });

  it("fails 'login' when the session has ended elsewhere, still without logging in", async () => {
    const id = world.connectionId;
    await world.engine.login(id);
    // The same user on the same platform from another client: Sugar ends the first session.
    const other = await world.addConnection();
    await world.engine.login(other);
    const logins = world.sim!.counters.loginsIssued;
    const profile = (await world.profiles.get(id))!;

    const report = await checkConnection(world.client, profile, { session: liveSession(id), network });

    assert.equal(report.ok, false);
    assert.equal(step(report, 'login').ok, false);
    assert.equal(step(report, 'platform').skipped, true);
    assert.equal(world.sim!.counters.loginsIssued, logins, 'the check logged in');
  });
});
