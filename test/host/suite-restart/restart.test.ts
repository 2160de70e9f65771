// Second phase of `npm run test:host`: a new extension host (and a new workbench page) on the
// user data, browser profile and workspace of the first phase. The connection the first phase
// logged in must still be there and still logged in with the same token, without a new login.
import * as assert from 'assert';
import * as fs from 'fs';
import {
  copied, currentUser, driver, eventually, explorer, handoffFile, me, openSugarView, rememberSecret, run, sha256,
  waitForRow, writeSecretsFile, type SessionState,
} from '../suite/helpers';

interface Handoff {
  name: string;
  id: string;
  username: string;
  accessTokenSha256: string;
  refreshTokenSha256: string;
  loginsIssued: number;
  refreshesIssued: number;
}

describe('after an extension host restart', () => {
  let handoff: Handoff;
  const simUrl = process.env.SUGAR_HOST_SHARED_SIM_URL!;
  const counters = async () => (await (await fetch(`${simUrl}/__sim/counters`)).json()) as { loginsIssued: number; refreshesIssued: number };

  before(function () {
    if (!fs.existsSync(handoffFile) || !simUrl) this.skip();
    handoff = JSON.parse(fs.readFileSync(handoffFile, 'utf8')) as Handoff;
  });

  after(async () => {
    await writeSecretsFile();
  });

  it('still has the connection, once (the seed did not add it again)', async () => {
    const api = await explorer();
    const list = await api.connections();
    assert.deepStrictEqual(list.filter((c) => c.name === handoff.name), [{ id: handoff.id, name: handoff.name }]);
  });

  it('is still logged in with the same access token, without logging in again', async () => {
    const api = await explorer();
    const first = api.sessionState(handoff.id).status;
    const t0 = Date.now();
    // The extension reads stored sessions just after activation (not during it): give it a moment.
    const state = await eventually(() => api.sessionState(handoff.id), (s) => s.status !== 'loggedOut', 'the session state after restart', 5_000).catch(() => api.sessionState(handoff.id));
    if (first !== state.status) console.log(`      (sessionState right after activate(): ${first}; ${state.status} ${Date.now() - t0} ms later)`);
    assert.ok(state.status === 'active' || state.status === 'expiringSoon', `state after restart: ${state.status}`);
    assert.strictEqual(state.username, handoff.username);
    const access = await copied('sugar.copyAccessToken', handoff.id);
    const refresh = await copied('sugar.copyRefreshToken', handoff.id);
    rememberSecret(access, refresh);
    assert.ok(sha256(access) === handoff.accessTokenSha256, 'the access token changed across the restart');
    assert.ok(sha256(refresh) === handoff.refreshTokenSha256, 'the refresh token changed across the restart');
    assert.strictEqual(currentUser(await me(simUrl, access)), handoff.username);
    const now = await counters();
    assert.strictEqual(now.loginsIssued, handoff.loginsIssued, 'the restarted extension logged in again');
  });

  it('shows it logged in, in the tree', async function () {
    if (!driver.available) this.skip();
    await openSugarView();
    await waitForRow(handoff.name, (r) => new RegExp(`${handoff.username}.* on custom_api · \\d+ min`).test(r.description), 'logged-in description');
  });

  it('logs out after the restart: the token dies on the server', async () => {
    const access = await copied('sugar.copyAccessToken', handoff.id);
    const state = await run<SessionState>('sugar.logout', handoff.id);
    assert.strictEqual(state.status, 'loggedOut');
    assert.strictEqual((await me(simUrl, access)).status, 401);
  });
});
