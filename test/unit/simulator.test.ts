/**
 * The Sugar simulator against sugar-api.md, over real sockets. Every other suite trusts it, so each
 * rule of the page that the simulator claims to follow is checked here.
 */
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { startSimulator, type SimOptions, type Simulator } from '../sim';

const V = 'v11_24';
const UUIDISH = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface CallOpts {
  body?: unknown;
  form?: Record<string, string>;
  token?: string;
  bearer?: string;
  headers?: Record<string, string>;
  base?: string;
  signal?: AbortSignal;
}

async function call(sim: Simulator, method: string, path: string, o: CallOpts = {}): Promise<Res> {
  const headers: Record<string, string> = { ...o.headers };
  let body: string | undefined;
  if (o.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(o.form).toString();
  } else if (o.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  if (o.token) headers['OAuth-Token'] = o.token;
  if (o.bearer) headers.Authorization = `Bearer ${o.bearer}`;
  // '/rest/..' and '/__sim/..' as given; '/v11_3/ping' picks a version; '/ping' uses V.
  const full = path.startsWith('/rest') || path.startsWith('/__sim') ? path : /^\/v\d/.test(path) ? `/rest${path}` : `/rest/${V}${path}`;
  const url = `${o.base ?? sim.url}${full}`;
  const r = await fetch(url, { method, headers, body, signal: o.signal, redirect: 'manual' });
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

interface Tokens {
  access_token: string;
  refresh_token: string;
  download_token: string;
  expires_in: number;
  refresh_expires_in: number;
}

function login(sim: Simulator, username: string, password: string, extra: Record<string, unknown> = {}): Promise<Res> {
  return call(sim, 'POST', '/oauth2/token', {
    body: { grant_type: 'password', client_id: 'sugar', client_secret: '', username, password, platform: 'custom_api', ...extra },
  });
}

async function loginOk(sim: Simulator, username: string, extra: Record<string, unknown> = {}): Promise<Tokens> {
  const r = await login(sim, username, username, extra);
  assert.equal(r.status, 200, r.text);
  return r.json as Tokens;
}

function refresh(sim: Simulator, refreshToken: string, extra: Record<string, unknown> = {}): Promise<Res> {
  return call(sim, 'POST', '/oauth2/token', {
    body: { grant_type: 'refresh_token', client_id: 'sugar', client_secret: '', refresh_token: refreshToken, platform: 'custom_api', ...extra },
  });
}

function assertError(r: Res, status: number, error: string, message?: string | RegExp): void {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error, error, r.text);
  if (typeof message === 'string') assert.equal(r.json.error_message, message);
  else if (message) assert.match(r.json.error_message, message);
  assert.equal('error_description' in (r.json ?? {}), false);
}

describe('Sugar simulator', function () {
  this.timeout(10000);
  let sim: Simulator;
  const fresh = async (options: SimOptions = {}): Promise<Simulator> => {
    await sim?.close();
    sim = await startSimulator({ quiet: true, ...options });
    return sim;
  };
  beforeEach(() => fresh());
  after(() => sim?.close());

  describe('versions and paths', () => {
    it('answers 301 incorrect_version without Location for versions above the maximum, before auth', async () => {
      for (const v of ['v11_25', 'v12', 'v9', 'v11_', 'vfoo', '11_4']) {
        const r = await call(sim, 'GET', `/rest/${v}/ping`);
        assertError(r, 301, 'incorrect_version', 'Please change your requested API version to value between 10 and 11.24.');
        assert.equal(r.headers.get('location'), null);
      }
      assert.equal(sim.counters.requests.incorrect_version, 6);
    });

    it('accepts v10, v11 and v11_N up to the maximum, and follows setMaxVersion', async () => {
      for (const v of ['v10', 'v11', 'v11_1', 'v11_24']) {
        assertError(await call(sim, 'GET', `/rest/${v}/ping`), 401, 'need_login');
      }
      sim.setMaxVersion('v11');
      assertError(
        await call(sim, 'GET', '/rest/v11_1/ping'),
        301,
        'incorrect_version',
        'Please change your requested API version to value between 10 and 11.',
      );
      assertError(await call(sim, 'GET', '/rest/v11/ping'), 401, 'need_login');
    });

    it('answers HTML 404 outside /rest/<version>', async () => {
      for (const p of ['/rest/', '/rest', '/', '/index.php']) {
        const r = await fetch(`${sim.url}${p}`);
        assert.equal(r.status, 404);
        assert.match(r.headers.get('content-type') ?? '', /text\/html/);
        await r.text();
      }
    });
  });

  describe('password login', () => {
    it('issues distinct UUID-like tokens with the configured lifetimes', async () => {
      await fresh({ accessTokenTtl: 600, refreshTokenTtl: 7200 });
      const r = await login(sim, 'admin', 'admin');
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.json).sort(), [
        'access_token', 'download_token', 'expires_in', 'refresh_expires_in', 'refresh_token', 'scope', 'token_type',
      ]);
      assert.equal(r.json.token_type, 'bearer');
      assert.equal(r.json.scope, null);
      assert.equal(r.json.expires_in, 600);
      assert.equal(r.json.refresh_expires_in, 7200);
      const t = [r.json.access_token, r.json.refresh_token, r.json.download_token];
      for (const x of t) assert.match(x, UUIDISH);
      assert.equal(new Set(t).size, 3);
      assert.equal(sim.counters.loginsIssued, 1);
      assert.equal(sim.counters.requests['token.password'], 1);
      for (const x of t) assert.ok(sim.issuedSecrets().includes(x));
    });

    it('accepts form-encoded bodies and a custom client with its secret', async () => {
      const r = await call(sim, 'POST', '/oauth2/token', {
        form: { grant_type: 'password', client_id: 'explorer-client', client_secret: 'explorer-secret', username: 'jim', password: 'jim', platform: 'opi' },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(sim.activeSessions('jim').map((s) => [s.platform, s.clientId]), [['opi', 'explorer-client']]);
    });

    it('rejects each bad login with Sugar status, label and message', async () => {
      assertError(await login(sim, 'admin', ''), 400, 'invalid_request', /^Missing parameters/);
      assertError(await login(sim, 'admin', 'admin', { client_secret: 'x' }), 400, 'invalid_client', 'The client credentials are invalid');
      assertError(await login(sim, 'admin', 'admin', { client_id: 'nobody' }), 400, 'invalid_client');
      assertError(
        await login(sim, 'admin', 'admin', { client_id: 'explorer-client', client_secret: 'wrong' }),
        400,
        'invalid_client',
      );
      assertError(await login(sim, 'admin', 'nope'), 401, 'need_login', 'You must specify a valid username and password.');
      assertError(await login(sim, 'ghost', 'ghost'), 401, 'need_login', 'You must specify a valid username and password.');
      assertError(await login(sim, 'max', 'max'), 401, 'need_login', 'You must specify a valid username and password.');
      assertError(await login(sim, 'admin', 'admin', { grant_type: undefined }), 400, 'invalid_request');
      const unsupported = await login(sim, 'admin', 'admin', { grant_type: 'client_credentials' });
      assert.equal(unsupported.status, 400);
      assert.deepEqual(unsupported.json, { error: 'unsupported_grant_type' });
      // The last two are not password grants (counted as token.other).
      assert.equal(sim.counters.loginsRejected, 7);
      assert.equal(sim.counters.requests['token.other'], 2);
      assert.equal(sim.counters.loginsIssued, 0);
    });

    it('locks a user out after lockoutAfter failures, even with the right password, for 15 minutes', async () => {
      await fresh({ lockoutAfter: 3 });
      for (let i = 0; i < 3; i++) assertError(await login(sim, 'jim', 'bad'), 401, 'need_login', 'You must specify a valid username and password.');
      assertError(await login(sim, 'jim', 'jim'), 401, 'need_login', 'Too many failed login attempts.');
      assert.equal((await login(sim, 'sally', 'sally')).status, 200);
      sim.advanceTime(14 * 60);
      assertError(await login(sim, 'jim', 'jim'), 401, 'need_login', 'Too many failed login attempts.');
      sim.advanceTime(61);
      assert.equal((await login(sim, 'jim', 'jim')).status, 200);
    });

    it('rejects unregistered and malformed platforms with 422, defaults to base', async () => {
      assertError(await login(sim, 'jim', 'jim', { platform: 'myscript' }), 422, 'invalid_parameter', 'Invalid platform specified.');
      assertError(await login(sim, 'jim', 'jim', { platform: 'Bad Name' }), 422, 'invalid_parameter', 'Invalid platform specified.');
      assertError(await login(sim, 'jim', 'jim', { platform: 'x'.repeat(128) }), 422, 'invalid_parameter');
      sim.registerPlatform('myscript');
      assert.equal((await login(sim, 'jim', 'jim', { platform: 'myscript' })).status, 200);
      sim.unregisterPlatform('myscript');
      assertError(await login(sim, 'jim', 'jim', { platform: 'myscript' }), 422, 'invalid_parameter');
      assert.equal((await login(sim, 'sally', 'sally', { platform: undefined })).status, 200);
      assert.deepEqual(sim.activeSessions('sally').map((s) => s.platform), ['base']);
    });

    it('refuses non-admins in maintenance mode at login and on the API', async () => {
      const jim = await loginOk(sim, 'jim');
      const admin = await loginOk(sim, 'admin');
      sim.setMaintenance(true);
      assertError(await login(sim, 'jim', 'jim'), 401, 'need_login', /^SugarCRM is in maintenance mode\. Only admins can login/);
      assertError(await call(sim, 'GET', '/Accounts', { token: jim.access_token }), 503, 'maintenance');
      assert.equal((await call(sim, 'GET', '/Accounts', { token: admin.access_token })).status, 200);
      assert.equal((await login(sim, 'admin', 'admin')).status, 200);
      sim.setMaintenance(false);
      assert.equal((await call(sim, 'GET', '/Accounts', { token: jim.access_token })).status, 200);
    });
  });

  describe('sessions per platform', () => {
    it('keeps one session per user per platform: a new login ends the older one', async () => {
      const first = await loginOk(sim, 'jim');
      const other = await loginOk(sim, 'jim', { platform: 'opi' });
      const second = await loginOk(sim, 'jim');
      assertError(await call(sim, 'GET', '/ping', { token: first.access_token }), 401, 'invalid_grant', 'The access token provided is invalid.');
      assertError(await refresh(sim, first.refresh_token), 400, 'invalid_grant', 'Invalid refresh token');
      assert.equal((await call(sim, 'GET', '/ping', { token: second.access_token })).status, 200);
      assert.equal((await call(sim, 'GET', '/ping', { token: other.access_token })).status, 200);
      assert.deepEqual(sim.activeSessions('jim').map((s) => s.platform).sort(), ['custom_api', 'opi']);
    });

    it('allows two sessions on mobile', async () => {
      const a = await loginOk(sim, 'jim', { platform: 'mobile' });
      const b = await loginOk(sim, 'jim', { platform: 'mobile' });
      assert.equal((await call(sim, 'GET', '/ping', { token: a.access_token })).status, 200);
      const c = await loginOk(sim, 'jim', { platform: 'mobile' });
      assert.equal((await call(sim, 'GET', '/ping', { token: a.access_token })).status, 401);
      for (const t of [b, c]) assert.equal((await call(sim, 'GET', '/ping', { token: t.access_token })).status, 200);
    });

    it('loginElsewhere ends the session on that platform', async () => {
      const mine = await loginOk(sim, 'jim');
      const theirs = await sim.loginElsewhere('jim', 'custom_api');
      assertError(await call(sim, 'GET', '/ping', { token: mine.access_token }), 401, 'invalid_grant');
      assert.equal((await call(sim, 'GET', '/ping', { token: theirs.access_token })).status, 200);
    });
  });

  describe('refresh', () => {
    it('rotates all three tokens and kills the old ones at once (Sugar 14)', async () => {
      const t = await loginOk(sim, 'jim');
      const r = await refresh(sim, t.refresh_token);
      assert.equal(r.status, 200, r.text);
      const n = r.json as Tokens;
      assert.notEqual(n.access_token, t.access_token);
      assert.notEqual(n.refresh_token, t.refresh_token);
      assert.notEqual(n.download_token, t.download_token);
      assert.equal(n.expires_in, 3600);
      assert.equal(n.refresh_expires_in, 1209600);
      assertError(await call(sim, 'GET', '/ping', { token: t.access_token }), 401, 'invalid_grant', 'The access token provided is invalid.');
      assertError(await refresh(sim, t.refresh_token), 400, 'invalid_grant', 'Invalid refresh token');
      assert.equal((await call(sim, 'GET', '/ping', { token: n.access_token })).status, 200);
      assert.equal(sim.counters.refreshesIssued, 1);
      assert.equal(sim.counters.refreshesRejected, 1);
      assert.equal(sim.counters.requests['token.refresh'], 2);
    });

    it('keeps the old access token for the grace period when configured (Sugar 12)', async () => {
      await fresh({ oldAccessTokenGraceSeconds: 120 });
      const t = await loginOk(sim, 'jim');
      const n = (await refresh(sim, t.refresh_token)).json as Tokens;
      assert.equal((await call(sim, 'GET', '/ping', { token: t.access_token })).status, 200);
      assertError(await refresh(sim, t.refresh_token), 400, 'invalid_grant', 'Invalid refresh token');
      sim.advanceTime(121);
      assertError(await call(sim, 'GET', '/ping', { token: t.access_token }), 401, 'invalid_grant', 'The access token provided is invalid.');
      assert.equal((await call(sim, 'GET', '/ping', { token: n.access_token })).status, 200);
    });

    it('rejects an expired refresh token', async () => {
      await fresh({ accessTokenTtl: 60, refreshTokenTtl: 120 });
      const t = await loginOk(sim, 'jim');
      sim.advanceTime(121);
      assertError(await refresh(sim, t.refresh_token), 400, 'invalid_grant', /^Refresh token has expired: \d{4}-/);
    });

    it('moves a refresh without platform to base, ending the browser session, and counts it', async () => {
      const browser = await sim.loginElsewhere('jim', 'base');
      const t = await loginOk(sim, 'jim');
      const r = await refresh(sim, t.refresh_token, { platform: undefined });
      assert.equal(r.status, 200);
      assert.equal(sim.counters.refreshesWithoutPlatform, 1);
      assert.deepEqual(sim.activeSessions('jim').map((s) => s.platform), ['base']);
      assertError(await call(sim, 'GET', '/ping', { token: browser.access_token }), 401, 'invalid_grant');
      assertError(await refresh(sim, browser.refresh_token, { platform: 'base' }), 400, 'invalid_grant');
    });

    it('checks the client: credentials first, then that the token belongs to it', async () => {
      const t = await loginOk(sim, 'jim', { client_id: 'explorer-client', client_secret: 'explorer-secret' });
      assertError(await refresh(sim, t.refresh_token, { client_id: 'explorer-client', client_secret: 'x' }), 400, 'invalid_client');
      assertError(await refresh(sim, t.refresh_token), 400, 'invalid_grant', 'Invalid refresh token');
      const ok = await refresh(sim, t.refresh_token, { client_id: 'explorer-client', client_secret: 'explorer-secret' });
      assert.equal(ok.status, 200);
      assertError(await refresh(sim, ''), 400, 'invalid_request', /^Missing parameters/);
    });

    it('answers refresh_expires_in as an epoch time on refresh when SugarCloud-like', async () => {
      await fresh({ refreshExpiresAsEpoch: true });
      const t = await loginOk(sim, 'jim');
      assert.equal(t.refresh_expires_in, 1209600);
      const n = (await refresh(sim, t.refresh_token)).json as Tokens;
      assert.ok(n.refresh_expires_in > 10 * 365 * 24 * 3600);
      assert.ok(Math.abs(n.refresh_expires_in - (Math.floor(sim.now() / 1000) + 1209600)) <= 2);
    });
  });

  describe('authentication of API calls', () => {
    it('distinguishes no token, expired token and dead token', async () => {
      const jim = await loginOk(sim, 'jim');
      const admin = await loginOk(sim, 'admin');
      assertError(await call(sim, 'GET', '/me'), 401, 'need_login', 'No valid authentication for user.');
      assertError(await call(sim, 'GET', '/me', { token: 'not-a-token' }), 401, 'invalid_grant', 'The access token provided is invalid.');
      sim.expireAccessTokens('jim');
      assertError(await call(sim, 'GET', '/me', { token: jim.access_token }), 401, 'invalid_grant', 'The access token provided has expired.');
      assert.equal((await call(sim, 'GET', '/me', { token: admin.access_token })).status, 200);
      sim.advanceTime(3601);
      assertError(await call(sim, 'GET', '/me', { token: admin.access_token }), 401, 'invalid_grant', 'The access token provided has expired.');
      assert.equal(sim.counters.apiUnauthorized, 4);
      assert.equal((await refresh(sim, jim.refresh_token)).status, 200);
    });

    it('accepts Authorization: Bearer only from v11_3, OAuth-Token on every version', async () => {
      const t = await loginOk(sim, 'jim');
      assert.equal((await call(sim, 'GET', '/v11_3/ping', { bearer: t.access_token })).status, 200);
      assert.equal((await call(sim, 'GET', '/v11_24/ping', { bearer: t.access_token })).status, 200);
      assertError(await call(sim, 'GET', '/v11_2/ping', { bearer: t.access_token }), 401, 'need_login', 'No valid authentication for user.');
      assertError(await call(sim, 'GET', '/v10/ping', { bearer: t.access_token }), 401, 'need_login');
      assert.equal((await call(sim, 'GET', '/v10/ping', { token: t.access_token })).status, 200);
    });
  });

  describe('logout', () => {
    it('ends the session and its refresh token', async () => {
      const t = await loginOk(sim, 'jim');
      const r = await call(sim, 'POST', '/oauth2/logout', { token: t.access_token, body: { refresh_token: t.refresh_token } });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { success: true });
      assertError(await call(sim, 'GET', '/ping', { token: t.access_token }), 401, 'invalid_grant');
      assertError(await refresh(sim, t.refresh_token), 400, 'invalid_grant', 'Invalid refresh token');
      assert.equal(sim.counters.logouts, 1);
      assert.deepEqual(sim.activeSessions('jim'), []);
    });

    it('calls an expired token invalid, and needs a token', async () => {
      const t = await loginOk(sim, 'jim');
      sim.advanceTime(3601);
      assertError(await call(sim, 'POST', '/oauth2/logout', { token: t.access_token }), 401, 'invalid_grant', 'The access token provided is invalid.');
      assertError(await call(sim, 'POST', '/oauth2/logout'), 401, 'need_login');
      assert.equal(sim.counters.logouts, 0);
    });
  });

  describe('sudo', () => {
    it('gives an admin a token as another user, without refresh or download token', async () => {
      const admin = await loginOk(sim, 'admin');
      const jimOwn = await loginOk(sim, 'jim');
      const r = await call(sim, 'POST', '/oauth2/sudo/jim', { token: admin.access_token, body: { platform: 'custom_api', client_id: 'sugar' } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(Object.keys(r.json).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
      assert.equal(r.json.token_type, 'bearer');
      assert.equal(r.json.scope, null);
      assert.equal(r.json.expires_in, 3600);
      const me = await call(sim, 'GET', '/me', { token: r.json.access_token });
      assert.equal(me.json.current_user.user_name, 'jim');
      assert.equal((await call(sim, 'GET', '/me', { token: admin.access_token })).json.current_user.user_name, 'admin');
      assertError(await call(sim, 'GET', '/ping', { token: jimOwn.access_token }), 401, 'invalid_grant');
      const sessions = sim.activeSessions('jim');
      assert.equal(sessions.length, 1);
      assert.equal(sessions[0].sudoBy, 'admin');
      assert.equal(sessions[0].refreshExpiresAt, undefined);
      assert.equal(sim.counters.sudoIssued, 1);
    });

    it('refuses non-admins, sudo sessions, unknown or inactive users and unregistered platforms', async () => {
      const admin = await loginOk(sim, 'admin');
      const jim = await loginOk(sim, 'jim');
      assertError(await call(sim, 'POST', '/oauth2/sudo/sally', { token: jim.access_token, body: {} }), 403, 'not_authorized');
      const sudo = await call(sim, 'POST', '/oauth2/sudo/admin', { token: admin.access_token, body: { platform: 'opi' } });
      assert.equal(sudo.status, 200);
      assertError(await call(sim, 'POST', '/oauth2/sudo/sally', { token: sudo.json.access_token, body: {} }), 403, 'not_authorized');
      assertError(await call(sim, 'POST', '/oauth2/sudo/ghost', { token: admin.access_token, body: {} }), 404, 'not_found');
      assertError(await call(sim, 'POST', '/oauth2/sudo/max', { token: admin.access_token, body: {} }), 404, 'not_found');
      assertError(await call(sim, 'POST', '/oauth2/sudo/sally', { token: admin.access_token, body: { platform: 'nope' } }), 422, 'invalid_parameter');
      assertError(await call(sim, 'POST', '/oauth2/sudo/sally', { body: {} }), 401, 'need_login');
      const base = await call(sim, 'POST', '/oauth2/sudo/sally', { token: admin.access_token });
      assert.equal(base.status, 200);
      assert.deepEqual(sim.activeSessions('sally').map((s) => s.platform), ['base']);
    });
  });

  describe('endpoints', () => {
    it('ping, whattimeisit, me and metadata answer like Sugar', async () => {
      const t = await loginOk(sim, 'admin');
      const ping = await call(sim, 'GET', '/ping', { token: t.access_token });
      assert.equal(ping.text, '"pong"');
      assert.match(ping.headers.get('content-type') ?? '', /application\/json/);
      sim.advanceTime(86400 * 3);
      const t2 = await loginOk(sim, 'admin');
      const time = await call(sim, 'GET', '/ping/whattimeisit', { token: t2.access_token });
      assert.match(time.json, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      assert.ok(Math.abs(Date.parse(time.json) - sim.now()) < 2000);
      assert.ok(Date.parse(time.json) > Date.now() + 86400 * 2 * 1000);
      const me = (await call(sim, 'GET', '/me', { token: t2.access_token })).json.current_user;
      assert.equal(me.id, '1');
      assert.equal(me.user_name, 'admin');
      assert.equal(me.full_name, 'Administrator');
      assert.equal(me.type, 'admin');
      assert.equal(me.status, 'Active');
      assert.equal('is_admin' in me, false);
      const meta = await call(sim, 'GET', '/metadata?type_filter=server_info', { token: t2.access_token });
      assert.deepEqual(Object.keys(meta.json).sort(), ['_hash', 'server_info']);
      assert.equal(meta.json.server_info.flavor, 'ENT');
      assert.equal(meta.json.server_info.version, '14.0.0');
      assert.equal(meta.json.server_info.marketing_version, "Fall '24");
      assert.ok(meta.json.server_info.build);
      const pub = await call(sim, 'GET', '/metadata/public');
      assert.equal(pub.status, 200);
      assert.ok(pub.json.config && pub.json._hash);
      assertError(await call(sim, 'GET', '/serverinfo', { token: t2.access_token }), 404, 'no_method');
    });

    it('serves /help as HTML rows in Sugar shape, sorted, with long help tables', async () => {
      const r = await call(sim, 'GET', '/help');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      assert.match(r.text, /<title>SugarCRM Auto Generated API Help<\/title>/);
      const rowRe = /<div class="row-fluid line">\s*<div class="row-fluid">\s*<div class="span3">\s*(GET|POST|PUT|DELETE)\s*<span id="help_link_(\d+)" class="btn-link"[^>]*>\s*([^<]*?)\s*<\/span>/g;
      const rows = [...r.text.matchAll(rowRe)].map((m) => ({ type: m[1], n: m[2], path: m[3] }));
      assert.ok(rows.length >= 40, `only ${rows.length} rows`);
      for (const row of rows) assert.ok(r.text.includes(`id="endpoint_${row.n}_full"`), `no long help for ${row.n}`);
      const paths = rows.map((x) => x.path);
      assert.deepEqual(paths, [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      assert.ok(rows.some((x) => x.type === 'POST' && x.path === '/oauth2/sudo/:user_name'));
      assert.ok(rows.some((x) => x.type === 'GET' && x.path === '/&lt;module&gt;/:record'));
      assert.ok(!paths.includes('/oauth2/bwc/login'), 'rows without short help are left out');
      const ids = rows.map((x) => Number(x.n));
      assert.ok(ids.some((n, i) => i > 0 && n !== ids[i - 1] + 1), 'skipped rows leave gaps in N');
      const sudoN = rows.find((x) => x.path === '/oauth2/sudo/:user_name')?.n;
      const sudoLong = r.text.split(`id="endpoint_${sudoN}_full"`)[1].split('<div class="row-fluid line">')[0];
      assert.match(sudoLong, /<table class="table table-hover">/);
      assert.match(r.text, /<a href="\.\/help\/exceptions#SugarApiExceptionNotAuthorized">/);
      assert.match(r.text, /<div class="span2">\s*None\s*<\/div>/);
      assert.equal(sim.counters.requests.help, 1);
    });

    it('answers no_method for listed-only, unknown and wrong-method routes, before auth', async () => {
      assertError(await call(sim, 'GET', '/Widgets'), 404, 'no_method', 'Could not find a route with 1 elements');
      assertError(await call(sim, 'GET', '/accounts'), 404, 'no_method');
      assertError(await call(sim, 'DELETE', '/ping'), 404, 'no_method', 'Could not find a route with 1 elements');
      assertError(await call(sim, 'GET', '/Accounts/x/audit'), 404, 'no_method', 'Could not find a route with 3 elements');
      assertError(await call(sim, 'GET', '/oauth2/token'), 404, 'no_method', 'Could not find a route with 2 elements');
    });
  });

  describe('records', () => {
    it('pages Accounts with next_offset and fields', async () => {
      const t = await loginOk(sim, 'jim');
      const seen: string[] = [];
      const offsets: number[] = [];
      let offset = 0;
      while (offset !== -1) {
        const r = await call(sim, 'GET', `/Accounts?max_num=20&offset=${offset}&fields=name,industry`, { token: t.access_token });
        assert.equal(r.status, 200);
        for (const rec of r.json.records) {
          assert.match(rec.id, UUIDISH);
          assert.equal(typeof rec.name, 'string');
          assert.equal(typeof rec.industry, 'string');
          assert.equal('phone_office' in rec, false);
          seen.push(rec.id);
        }
        offset = r.json.next_offset;
        offsets.push(offset);
      }
      assert.deepEqual(offsets, [20, 40, -1]);
      assert.equal(new Set(seen).size, 60);
      const contacts = await call(sim, 'GET', '/Contacts', { token: t.access_token });
      assert.equal(contacts.json.records.length, 20);
      assert.equal(contacts.json.next_offset, 20);
      const count = await call(sim, 'GET', '/Contacts/count', { token: t.access_token });
      assert.deepEqual(count.json, { record_count: 25 });
      const again = await startSimulator({ quiet: true });
      try {
        const t2 = (await login(again, 'jim', 'jim')).json as Tokens;
        const first = await call(again, 'GET', '/Accounts?max_num=60', { token: t2.access_token });
        assert.deepEqual(first.json.records.map((x: { id: string }) => x.id), seen, 'seed data is deterministic');
      } finally {
        await again.close();
      }
    });

    it('retrieves, creates, updates and deletes, with not_found for missing ids', async () => {
      const t = await loginOk(sim, 'jim');
      const list = await call(sim, 'GET', '/Accounts?max_num=1', { token: t.access_token });
      const id = list.json.records[0].id;
      const one = await call(sim, 'GET', `/Accounts/${id}`, { token: t.access_token });
      assert.equal(one.json.id, id);
      assert.equal(one.json._module, 'Accounts');
      assertError(await call(sim, 'GET', '/Accounts/nope', { token: t.access_token }), 404, 'not_found', 'Could not find record: nope in module: Accounts');
      const created = await call(sim, 'POST', '/Accounts', { token: t.access_token, body: { name: 'Sim Test Co', industry: 'Energy' } });
      assert.equal(created.status, 200);
      assert.match(created.json.id, UUIDISH);
      const updated = await call(sim, 'PUT', `/Accounts/${created.json.id}`, { token: t.access_token, body: { industry: 'Banking' } });
      assert.equal(updated.json.industry, 'Banking');
      assert.equal(updated.json.name, 'Sim Test Co');
      assert.equal((await call(sim, 'GET', '/Accounts/count', { token: t.access_token })).json.record_count, 61);
      const del = await call(sim, 'DELETE', `/Accounts/${created.json.id}`, { token: t.access_token });
      assert.deepEqual(del.json, { id: created.json.id });
      assertError(await call(sim, 'GET', `/Accounts/${created.json.id}`, { token: t.access_token }), 404, 'not_found');
      assertError(await call(sim, 'PUT', '/Accounts/nope', { token: t.access_token, body: {} }), 404, 'not_found');
      assertError(await call(sim, 'DELETE', '/Accounts/nope', { token: t.access_token }), 404, 'not_found');
    });

    it('answers 412 metadata_out_of_date for a stale X-Metadata-Hash', async () => {
      const t = await loginOk(sim, 'jim');
      const hash = (await call(sim, 'GET', '/metadata?type_filter=server_info', { token: t.access_token })).json._hash;
      assert.equal((await call(sim, 'GET', '/Accounts', { token: t.access_token, headers: { 'X-Metadata-Hash': hash } })).status, 200);
      assertError(
        await call(sim, 'GET', '/Accounts', { token: t.access_token, headers: { 'X-Metadata-Hash': 'stale' } }),
        412,
        'metadata_out_of_date',
      );
      assert.equal((await call(sim, 'GET', '/metadata', { token: t.access_token, headers: { 'X-Metadata-Hash': 'stale' } })).status, 200);
    });
  });

  describe('faults', () => {
    it('answers HTML 502, JSON 500 and 503 a limited number of times', async () => {
      const t = await loginOk(sim, 'jim');
      sim.injectFault({ type: 'html502', times: 1 });
      const r502 = await call(sim, 'GET', '/ping', { token: t.access_token });
      assert.equal(r502.status, 502);
      assert.match(r502.headers.get('content-type') ?? '', /text\/html/);
      assert.match(r502.text, /Bad Gateway/);
      assert.equal((await call(sim, 'GET', '/ping', { token: t.access_token })).status, 200);
      sim.injectFault({ type: 'error500', times: 1 });
      assertError(await call(sim, 'GET', '/ping', { token: t.access_token }), 500, 'fatal_error');
      sim.injectFault({ type: 'maintenance503', times: 2 });
      assertError(await call(sim, 'GET', '/ping', { token: t.access_token }), 503, 'maintenance');
      assertError(await call(sim, 'GET', '/ping', { token: t.access_token }), 503, 'maintenance');
      assert.equal((await call(sim, 'GET', '/ping', { token: t.access_token })).status, 200);
      assert.equal(sim.counters.requests.faulted, 4);
      assert.equal(sim.counters.requests.ping, 2);
    });

    it('answers empty 200 and HTML login pages', async () => {
      sim.injectFault({ type: 'empty200', times: 1 });
      const empty = await call(sim, 'GET', '/metadata/public');
      assert.equal(empty.status, 200);
      assert.equal(empty.text, '');
      sim.injectFault({ type: 'htmlLogin200', times: 1 });
      const html = await call(sim, 'POST', '/oauth2/token', { body: { grant_type: 'password' } });
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      assert.match(html.text, /<form/);
      assert.equal(html.json, undefined);
    });

    it('resets the connection', async () => {
      sim.injectFault({ type: 'reset', times: 1 });
      await assert.rejects(call(sim, 'GET', '/ping'), (err: Error & { cause?: { code?: string } }) => {
        assert.match(String(err.cause?.code ?? err.message), /ECONNRESET|UND_ERR_SOCKET|other side closed/);
        return true;
      });
      assertError(await call(sim, 'GET', '/ping'), 401, 'need_login');
    });

    it('hangs until aborted, and close() still returns at once', async () => {
      sim.injectFault({ type: 'hang' });
      await assert.rejects(call(sim, 'GET', '/ping', { signal: AbortSignal.timeout(200) }), /abort|timeout/i);
      const pending = call(sim, 'GET', '/ping').catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 50));
      const started = Date.now();
      await sim.close();
      assert.ok(Date.now() - started < 1000);
      assert.ok((await pending) instanceof Error);
    });

    it('answers slowly, only on matching paths, never on /__sim/', async () => {
      sim.injectFault({ type: 'slow', delayMs: 300, pathIncludes: '/ping' });
      let started = Date.now();
      assertError(await call(sim, 'GET', '/metadata?x=1'), 401, 'need_login');
      assert.ok(Date.now() - started < 250);
      assert.equal((await call(sim, 'GET', '/__sim/counters')).status, 200);
      started = Date.now();
      assertError(await call(sim, 'GET', '/ping'), 401, 'need_login');
      assert.ok(Date.now() - started >= 290);
      sim.clearFaults();
      started = Date.now();
      await call(sim, 'GET', '/ping');
      assert.ok(Date.now() - started < 250);
    });
  });

  describe('HTTPS, control API and load', () => {
    it('serves HTTPS with a certificate signed by the test CA', async () => {
      const get = (ca?: string): Promise<{ status: number; body: string }> =>
        new Promise((resolve, reject) => {
          const req = httpsRequest(`${sim.httpsUrl}/rest/${V}/metadata/public`, { ca, agent: false }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          req.on('error', reject);
          req.end();
        });
      assert.match(sim.httpsUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.match(sim.caCertificate, /BEGIN CERTIFICATE/);
      const ok = await get(sim.caCertificate);
      assert.equal(ok.status, 200);
      assert.ok(JSON.parse(ok.body)._hash);
      await assert.rejects(get(), (err: NodeJS.ErrnoException) => {
        assert.match(String(err.code), /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER/);
        return true;
      });
    });

    it('offers the controls over HTTP under /__sim/', async () => {
      const post = (p: string, body: unknown): Promise<Res> => call(sim, 'POST', `/__sim/${p}`, { body });
      const elsewhere = await post('login-elsewhere', { userName: 'jim', platform: 'base' });
      assert.match(elsewhere.json.access_token, UUIDISH);
      const sessions = await call(sim, 'GET', '/__sim/sessions');
      assert.deepEqual(sessions.json.map((s: { userName: string; platform: string }) => [s.userName, s.platform]), [['jim', 'base']]);
      assert.equal((await call(sim, 'GET', '/ping', { token: elsewhere.json.access_token })).status, 200);
      await post('expire', { userName: 'jim' });
      assertError(await call(sim, 'GET', '/ping', { token: elsewhere.json.access_token }), 401, 'invalid_grant', 'The access token provided has expired.');
      const before = sim.now();
      await post('advance', { seconds: 100 });
      assert.ok(sim.now() - before >= 100000);
      await post('faults', { type: 'error500', times: 1, pathIncludes: '/ping' });
      assert.equal((await call(sim, 'GET', '/ping')).status, 500);
      await post('faults', { type: 'error500' });
      assert.equal((await call(sim, 'DELETE', '/__sim/faults')).status, 200);
      assert.equal((await call(sim, 'GET', '/ping')).status, 401);
      await post('maintenance', { on: true });
      assertError(await login(sim, 'jim', 'jim'), 401, 'need_login', /maintenance/);
      await post('maintenance', { on: false });
      await post('platforms', { name: 'zapier', registered: true });
      assert.equal((await login(sim, 'jim', 'jim', { platform: 'zapier' })).status, 200);
      await post('platforms', { name: 'zapier', registered: false });
      assert.equal((await login(sim, 'jim', 'jim', { platform: 'zapier' })).status, 422);
      const counters = await call(sim, 'GET', '/__sim/counters');
      assert.equal(counters.json.loginsIssued, 1);
      assert.ok(counters.json.requests.sim >= 8);
      await post('reset-counters', {});
      assert.equal(sim.counters.loginsIssued, 0);
      assert.equal((await post('advance', { seconds: 'x' })).status, 400);
      assert.equal((await post('faults', { type: 'nope' })).status, 400);
    });

    it('handles 1000 concurrent requests', async function () {
      // Outcomes only; a busy machine (CI beside other work) needs more than the suite's 10 s.
      this.timeout(60_000);
      const t = await loginOk(sim, 'jim');
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          call(sim, 'GET', i % 2 ? '/ping' : '/Accounts?max_num=5', { token: t.access_token }).then((r) => r.status),
        ),
      );
      assert.deepEqual(new Set(results), new Set([200]));
      assert.equal(sim.counters.requests.ping, 500);
      assert.equal(sim.counters.requests.records, 500);
    });
  });
});

describe('Sugar simulator: large and non-JSON answers', function () {
  this.timeout(20000);
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ quiet: true });
  });
  after(() => sim?.close());

  it('GET /Notes/large?mb=10 answers about 10 MB of valid, deterministic JSON', async () => {
    const t = await loginOk(sim, 'jim');
    const r = await call(sim, 'GET', '/Notes/large?mb=10', { token: t.access_token });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /application\/json/);
    const bytes = Buffer.byteLength(r.text);
    assert.equal(Number(r.headers.get('content-length')), bytes);
    assert.ok(Math.abs(bytes - 10 * 1024 * 1024) < 1024, `${bytes} bytes`);
    assert.equal(r.json.next_offset, -1);
    assert.ok(r.json.records.length > 10000);
    assert.deepEqual(Object.keys(r.json.records[0]), ['id', 'name', 'date_modified', 'description', 'portal_flag', '_module']);
    assert.match(r.json.records[0].id, UUIDISH);
    const again = await call(sim, 'GET', '/Notes/large?mb=10', { token: t.access_token });
    assert.equal(again.text, r.text);
  });

  it('sizes by mb, checks it, and needs a login', async () => {
    const t = await loginOk(sim, 'jim');
    const before = sim.counters.requests.large ?? 0;
    const small = await call(sim, 'GET', '/Notes/large?mb=0.5', { token: t.access_token });
    assert.ok(Math.abs(Buffer.byteLength(small.text) - 512 * 1024) < 1024);
    assertError(await call(sim, 'GET', '/Notes/large?mb=lots', { token: t.access_token }), 422, 'invalid_parameter');
    assertError(await call(sim, 'GET', '/Notes/large?mb=0', { token: t.access_token }), 422, 'invalid_parameter');
    assertError(await call(sim, 'GET', '/Notes/large'), 401, 'need_login');
    assert.equal(sim.counters.requests.large - before, 4);
  });

  it('GET /Notes/:record/file/:field answers text/plain, after a login', async () => {
    const t = await loginOk(sim, 'jim');
    const r = await call(sim, 'GET', '/Notes/n-1/file/filename', { token: t.access_token });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(r.json, undefined);
    assert.match(r.text, /^line 1 of filename in note n-1\n/);
    assertError(await call(sim, 'GET', '/Notes/n-1/file/filename'), 401, 'need_login');
  });

  it('lists both on the help page', async () => {
    const help = (await call(sim, 'GET', '/help')).text;
    assert.match(help, /\/Notes\/large\s*<\/span>[\s\S]*?A large list, for testing big answers\./);
    assert.match(help, /\/&lt;module&gt;\/:record\/file\/:field\s*<\/span>/);
  });
});
