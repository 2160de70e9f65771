import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SugarClient, SugarTarget } from '../../src/core/sugar/client';
import { SugarError } from '../../src/core/sugar/errors';
import { DEFAULT_NETWORK, NetworkOptions, UndiciHttpDispatcher } from '../../src/core/sugar/http';
import { Simulator, startSimulator } from '../sim/index';
import { CapturingLogger } from '../support/logger';
import { startProxy } from '../support/proxy';
import { rejects } from '../support/assertions';


/** A port with nothing listening: bind, read the number, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SugarClient over real sockets to the simulator', () => {
  let sim: Simulator;
  let http: UndiciHttpDispatcher;
  let client: SugarClient;
  let logger: CapturingLogger;
  const network: NetworkOptions = { ...DEFAULT_NETWORK, proxy: { mode: 'none' }, connectTimeoutMs: 2000, totalTimeoutMs: 3000 };
  const target = (overrides: Partial<SugarTarget> = {}): SugarTarget => ({
    instanceUrl: sim.url,
    apiVersion: 'v11_24',
    clientId: 'sugar',
    clientSecret: '',
    platform: 'custom_api',
    network,
    ...overrides,
  });

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

  describe('flows', () => {
    it('logs in with a password and gets access, refresh and download tokens with lifetimes', async () => {
      const answer = await client.passwordLogin(target(), 'admin', 'admin');
      assert.equal(typeof answer.access_token, 'string');
      assert.equal(answer.expires_in, 3600);
      assert.equal(typeof answer.refresh_token, 'string');
      assert.equal(answer.refresh_expires_in, 1209600);
      assert.equal(typeof answer.download_token, 'string');
      assert.equal(sim.activeSessions('admin').filter((s) => s.platform === 'custom_api').length, 1);
    });

    it('refreshes with platform, client id and secret sent again, and the old tokens die', async () => {
      const first = await client.passwordLogin(target(), 'jim', 'jim');
      const second = await client.refresh(target(), first.refresh_token!);
      assert.notEqual(second.access_token, first.access_token);
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.equal(sim.counters.refreshesIssued, 1);
      assert.equal(sim.counters.refreshesWithoutPlatform, 0);
      const old = await client.request(target(), first.access_token, { method: 'GET', path: '/me' });
      assert.equal(old.status, 401);
      const reused = await rejects(client.refresh(target(), first.refresh_token!));
      assert.equal(reused.label, 'invalid_grant');
      assert.ok(reused.sessionEnded);
      assert.match(reused.message, /session was replaced/);
    });

    it('logs out with the refresh token, after which the access token is refused', async () => {
      const answer = await client.passwordLogin(target(), 'sally', 'sally');
      await client.logout(target(), answer.access_token, answer.refresh_token);
      const after = await client.request(target(), answer.access_token, { method: 'GET', path: '/me' });
      assert.equal(after.status, 401);
      assert.equal(sim.counters.logouts, 1);
      const again = await rejects(client.refresh(target(), answer.refresh_token!));
      assert.equal(again.label, 'invalid_grant');
    });

    it('sudo on /oauth2/sudo/:user_name gives an access token only, acting as that user', async () => {
      const admin = await client.passwordLogin(target(), 'admin', 'admin');
      const sudo = await client.sudo(target(), admin.access_token, 'jim');
      assert.equal(sudo.refresh_token, undefined);
      assert.equal(sudo.download_token, undefined);
      const me = await client.request(target(), sudo.access_token, { method: 'GET', path: '/me' });
      assert.equal((me.json as { current_user: { user_name: string } }).current_user.user_name, 'jim');
      const stillAdmin = await client.request(target(), admin.access_token, { method: 'GET', path: '/me' });
      assert.equal((stillAdmin.json as { current_user: { type: string } }).current_user.type, 'admin');
    });

    it('sudo explains a non-admin caller and an unknown user', async () => {
      const jim = await client.passwordLogin(target(), 'jim', 'jim');
      assert.match((await rejects(client.sudo(target(), jim.access_token, 'sally'))).message, /Only an admin can act as another user/);
      const admin = await client.passwordLogin(target(), 'admin', 'admin');
      assert.match((await rejects(client.sudo(target(), admin.access_token, 'ghost'))).message, /no active user named "ghost"/);
    });

    it('sends any method with query and JSON body, and returns status, headers, JSON, size and time', async () => {
      const { access_token: token } = await client.passwordLogin(target(), 'admin', 'admin');
      const list = await client.request(target(), token, { method: 'GET', path: '/Accounts', query: { max_num: 5, fields: 'name' } });
      assert.equal(list.status, 200);
      const page = list.json as { next_offset: number; records: Array<{ id: string; name: string }> };
      assert.equal(page.records.length, 5);
      assert.equal(page.next_offset, 5);
      assert.match(list.headers['content-type'], /json/);
      assert.ok(list.sizeBytes > 100);
      assert.ok(list.timeMs > 0);
      const created = await client.request(target(), token, { method: 'POST', path: 'Accounts', body: { name: 'Created by test' } });
      assert.equal(created.status, 200);
      const id = (created.json as { id: string }).id;
      const updated = await client.request(target(), token, { method: 'PUT', path: `/Accounts/${id}`, body: { name: 'Renamed' } });
      assert.equal((updated.json as { name: string }).name, 'Renamed');
      const deleted = await client.request(target(), token, { method: 'DELETE', path: `/Accounts/${id}` });
      assert.equal(deleted.status, 200);
      const gone = await client.request(target(), token, { method: 'GET', path: `/Accounts/${id}` });
      assert.equal(gone.status, 404);
      assert.equal(gone.error?.label, 'not_found');
    });

    it('returns a text answer as text (the help page)', async () => {
      const help = await client.request(target(), undefined, { method: 'GET', path: '/help' });
      assert.equal(help.status, 200);
      assert.equal(help.isJson, false);
      assert.match(help.text, /SugarCRM Auto Generated API Help/);
    });

    it('learns the highest API version from the 301, without logging in', async () => {
      assert.equal(await client.detectHighestVersion(sim.url, network), 'v11_24');
      sim.setMaxVersion('v11_16');
      try {
        assert.equal(await client.detectHighestVersion(sim.url, network), 'v11_16');
      } finally {
        sim.setMaxVersion('v11_24');
      }
      assert.equal(sim.counters.loginsIssued, 0);
    });

    it('explains a version the instance does not offer', async () => {
      const answer = await client.request(target({ apiVersion: 'v11_26' }), undefined, { method: 'GET', path: '/ping' });
      assert.equal(answer.status, 301);
      assert.match(answer.error!.message, /does not offer API version v11_26; the highest it offers is v11_24/);
    });
  });

  describe('login errors from the simulator, explained', () => {
    it('wrong password', async () => {
      assert.match((await rejects(client.passwordLogin(target(), 'sally', 'nope'))).message, /did not accept username "sally" with this password/);
    });
    it('unregistered platform: the 422 names the admin screen', async () => {
      const error = await rejects(client.passwordLogin(target({ platform: 'not_registered' }), 'admin', 'admin'));
      assert.equal(error.status, 422);
      assert.match(error.message, /platform "not_registered" is not registered on this instance; an admin adds it in Admin > Configure API Platforms/);
      assert.equal(error.remedy, 'editConnection');
    });
    it('client id with a wrong secret', async () => {
      assert.match((await rejects(client.passwordLogin(target({ clientSecret: 'x' }), 'admin', 'admin'))).message, /does not accept client id "sugar"/);
    });
    it('an inactive user', async () => {
      assert.match((await rejects(client.passwordLogin(target(), 'max', 'max'))).message, /did not accept username "max"/);
    });
    it('lockout after repeated failures', async () => {
      const sim2 = await startSimulator({ quiet: true, lockoutAfter: 2 });
      try {
        const t = target({ instanceUrl: sim2.url });
        await rejects(client.passwordLogin(t, 'jim', 'bad'));
        await rejects(client.passwordLogin(t, 'jim', 'bad'));
        assert.match((await rejects(client.passwordLogin(t, 'jim', 'jim'))).message, /"jim" is locked out after too many failed login attempts/);
      } finally {
        await sim2.close();
      }
    });
    it('maintenance mode refuses non-admins', async () => {
      sim.setMaintenance(true);
      try {
        assert.match((await rejects(client.passwordLogin(target(), 'jim', 'jim'))).message, /maintenance mode; only admins can log in/);
      } finally {
        sim.setMaintenance(false);
      }
    });
  });

  describe('transport failures, explained', () => {
    it('dns: a host that does not exist', async () => {
      const error = await rejects(client.request(target({ instanceUrl: 'http://no-such-host.invalid' }), undefined, { method: 'GET', path: '/ping' }));
      assert.equal(error.kind, 'dns');
      assert.match(error.message, /host name no-such-host\.invalid could not be found/);
    });
    it('refused: nothing listens on the port', async () => {
      const port = await closedPort();
      const error = await rejects(client.request(target({ instanceUrl: `http://127.0.0.1:${port}` }), undefined, { method: 'GET', path: '/ping' }));
      assert.equal(error.kind, 'refused');
      assert.match(error.message, new RegExp(`Nothing accepts connections at 127\\.0\\.0\\.1:${port}`));
    });
    it('timeout: a hanging answer hits the total time limit', async () => {
      sim.injectFault({ type: 'hang', times: 1 });
      const quick = { ...network, totalTimeoutMs: 300 };
      const error = await rejects(client.request(target({ network: quick }), undefined, { method: 'GET', path: '/help' }));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /did not answer within 0\.3 s/);
    });
    it('a slow answer within the limit succeeds', async () => {
      sim.injectFault({ type: 'slow', delayMs: 200, times: 1 });
      const answer = await client.request(target(), undefined, { method: 'GET', path: '/help' });
      assert.equal(answer.status, 200);
      assert.ok(answer.timeMs >= 190, `took ${answer.timeMs} ms`);
    });
    it('cancellation through an AbortSignal is a quiet "cancelled"', async () => {
      sim.injectFault({ type: 'hang', times: 1 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await rejects(client.request(target(), undefined, { method: 'GET', path: '/help' }, controller.signal));
      assert.equal(error.kind, 'cancelled');
    });
    it('a reset connection', async () => {
      sim.injectFault({ type: 'reset', times: 1 });
      const error = await rejects(client.request(target(), undefined, { method: 'GET', path: '/help' }));
      assert.equal(error.kind, 'network');
      assert.match(error.message, /closed the connection before answering/);
    });
    it('an HTML 502 from a proxy does not crash JSON parsing', async () => {
      sim.injectFault({ type: 'html502', times: 1 });
      const error = await rejects(client.passwordLogin(target(), 'admin', 'admin'));
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 502);
      assert.match(error.message, /HTML page/);
    });
    it('an empty 200 on login', async () => {
      sim.injectFault({ type: 'empty200', times: 1 });
      assert.match((await rejects(client.passwordLogin(target(), 'admin', 'admin'))).message, /empty body/);
    });
    it('an HTML login page answering 200', async () => {
      sim.injectFault({ type: 'htmlLogin200', times: 1 });
      assert.match((await rejects(client.passwordLogin(target(), 'admin', 'admin'))).message, /HTML page.*login page or a proxy/);
    });
    it('500 and 503 maintenance as Sugar JSON', async () => {
      sim.injectFault({ type: 'error500', times: 1 });
      const failed = await client.request(target(), undefined, { method: 'GET', path: '/help' });
      assert.equal(failed.status, 500);
      assert.match(failed.error!.message, /internal error/);
      sim.injectFault({ type: 'maintenance503', times: 1 });
      const maintenance = await client.request(target(), undefined, { method: 'GET', path: '/help' });
      assert.equal(maintenance.status, 503);
      assert.match(maintenance.error!.message, /maintenance mode/);
    });
  });

  describe('TLS', () => {
    it('trusts an extra CA certificate given for the profile', async () => {
      const answer = await client.passwordLogin(target({ instanceUrl: sim.httpsUrl, network: { ...network, caCertificate: sim.caCertificate } }), 'admin', 'admin');
      assert.equal(typeof answer.access_token, 'string');
    });
    it('explains a certificate from an unknown authority', async () => {
      const error = await rejects(client.request(target({ instanceUrl: sim.httpsUrl }), undefined, { method: 'GET', path: '/help' }));
      assert.equal(error.kind, 'tls');
      assert.match(error.message, /self-signed or issued by an authority this connection does not trust/);
      assert.equal(error.remedy, 'editConnection');
    });
    it('connects with verification turned off for the profile', async () => {
      const answer = await client.request(target({ instanceUrl: sim.httpsUrl, network: { ...network, tlsVerify: false } }), undefined, { method: 'GET', path: '/help' });
      assert.equal(answer.status, 200);
    });
    it('explains plain HTTP spoken to an HTTPS port', async () => {
      const plain = sim.httpsUrl.replace('https:', 'http:');
      const answer = await client.request(target({ instanceUrl: plain }), undefined, { method: 'GET', path: '/help' }).catch((error: unknown) => error);
      // Node's TLS server answers a plain request with a 400 or closes the socket; either way we say what happened.
      if (answer instanceof SugarError) assert.ok(['network', 'tls', 'http'].includes(answer.kind));
      else assert.ok((answer as { status: number }).status >= 400);
    });
  });

  describe('proxies', () => {
    it('goes through an explicit proxy URL', async () => {
      const proxy = await startProxy();
      try {
        const answer = await client.request(target({ network: { ...network, proxy: { mode: 'url', url: proxy.url } } }), undefined, { method: 'GET', path: '/help' });
        assert.equal(answer.status, 200);
        assert.equal(proxy.tunnels.length + proxy.forwarded.length, 1);
      } finally {
        await proxy.close();
      }
    });
    it('goes through an HTTPS_PROXY from the environment, and NO_PROXY exempts a host', async () => {
      const proxy = await startProxy();
      const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
      process.env.HTTP_PROXY = proxy.url;
      process.env.HTTPS_PROXY = proxy.url;
      process.env.NO_PROXY = 'localhost';
      try {
        const envNetwork: NetworkOptions = { ...network, proxy: { mode: 'env' } };
        await client.request(target({ network: envNetwork }), undefined, { method: 'GET', path: '/help' });
        assert.equal(proxy.tunnels.length + proxy.forwarded.length, 1, 'the request went through the proxy');
        const viaLocalhost = sim.url.replace('127.0.0.1', 'localhost');
        await client.request(target({ instanceUrl: viaLocalhost, network: envNetwork }), undefined, { method: 'GET', path: '/help' });
        assert.equal(proxy.tunnels.length + proxy.forwarded.length, 1, 'NO_PROXY kept localhost direct');
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
        await proxy.close();
      }
    });
  });

  describe('the log', () => {
    it('records method, path, status and time, and masks credential query parameters', async () => {
      const { access_token: token, download_token: download } = await client.passwordLogin(target(), 'admin', 'admin');
      await client.request(target(), token, { method: 'GET', path: '/ping', query: { download_token: download } });
      const line = logger.lines.find((l) => l.includes('/ping'));
      assert.match(line ?? '', /^info GET \/rest\/v11_24\/ping\?download_token=•••\s200 \d+ms \d+B$/);
      assert.ok(!logger.lines.join('\n').includes(token));
    });
  });
});

describe('UndiciHttpDispatcher answers', () => {
  it('hands header names lower-cased and a repeated header joined, whatever the server sent', async () => {
    const server = createHttpServer((_request, response) => {
      response.setHeader('X-Sugar-Trace', 'Abc');
      response.setHeader('Set-Cookie', ['a=1', 'b=2']);
      response.setHeader('Content-Type', 'application/json');
      response.end('"pong"');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const http = new UndiciHttpDispatcher();
    try {
      const { port } = server.address() as AddressInfo;
      const network: NetworkOptions = { ...DEFAULT_NETWORK, proxy: { mode: 'none' } };
      const answer = await http.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, network });
      assert.equal(answer.headers['x-sugar-trace'], 'Abc');
      assert.equal(answer.headers['set-cookie'], 'a=1, b=2');
      assert.equal(answer.headers['content-type'], 'application/json');
      assert.ok(Object.keys(answer.headers).every((name) => name === name.toLowerCase()));
      assert.equal(answer.body.toString(), '"pong"');
    } finally {
      await http.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
