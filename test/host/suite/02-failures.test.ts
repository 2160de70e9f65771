// When a session ends on the server (someone logged in as the same user on the same platform)
// and when a login fails: the explained state, and what the tree and the status bar show.
import * as assert from 'assert';
import type { Simulator } from '../../sim/index';
import {
  credentials, explorer, needsDriver, openSugarView, rejects, rememberSecret, run, copied,
  setExpanded, sim, waitForRow, waitForStatus, type ExplorerApi, type SessionState,
} from './helpers';

const ELSEWHERE = 'Ended elsewhere (jim)';
const WRONG = 'Wrong password (sally)';
const DETAIL_ROWS = new Set(['User', 'Platform', 'API version', 'Access token', 'Refresh token']);

describe('a session ended elsewhere', () => {
  let s: Simulator;
  let api: ExplorerApi;
  let id: string;

  before(async () => {
    s = await sim();
    api = await explorer();
    id = await run<string>('sugar.addConnection', {
      name: ELSEWHERE, instanceUrl: s.url, username: 'jim', password: credentials.jimPassword, rememberPassword: true, platform: 'opi',
    });
    const state = await run<SessionState>('sugar.login', id);
    assert.strictEqual(state.status, 'active');
    rememberSecret(await copied('sugar.copyAccessToken', id));
  });

  it('is endedElsewhere once the next refresh meets the server', async () => {
    // Another client logs in as jim on the same platform: Sugar ends the older session.
    const other = await s.loginElsewhere('jim', 'opi');
    rememberSecret(other.access_token, other.refresh_token);
    let settled: SessionState | Error;
    try {
      settled = await run<SessionState>('sugar.refresh', id);
    } catch (e) {
      settled = e as Error;
    }
    if (settled instanceof Error) assert.ok(settled.message.length > 0, 'refresh rejected without an explanation');
    else assert.strictEqual(settled.status, 'endedElsewhere');
    const state = api.sessionState(id);
    assert.strictEqual(state.status, 'endedElsewhere');
    assert.deepStrictEqual(state.sudo, []);
  });

  it('reads "ended elsewhere" in the tree, with the explanation as a child row, and in the status bar', async function () {
    needsDriver(this);
    await run('sugar.setActiveConnection', id);
    await openSugarView();
    await waitForRow(ELSEWHERE, (r) => r.description === 'ended elsewhere', 'description "ended elsewhere"');
    await setExpanded(ELSEWHERE, true);
    const { children } = await waitForRow(ELSEWHERE, (_r, c) => c.some((x) => !DETAIL_ROWS.has(x.label) && x.label.length > 10), 'an explanation row');
    const explanation = children.find((x) => !DETAIL_ROWS.has(x.label))!;
    assert.match(`${explanation.label} ${explanation.ariaLabel}`, /elsewhere|another|logged in|platform/i);
    await waitForStatus((t) => t === `${ELSEWHERE} · ended elsewhere`, `"${ELSEWHERE} · ended elsewhere"`);
  });

  it('logs in again after it ended elsewhere', async () => {
    const state = await run<SessionState>('sugar.login', id);
    assert.strictEqual(state.status, 'active');
    rememberSecret(await copied('sugar.copyAccessToken', id));
    await run('sugar.logout', id);
  });

  after(async () => {
    if (id) await run('sugar.deleteConnection', id).catch(() => undefined);
  });
});

describe('a failed login', () => {
  let s: Simulator;
  let api: ExplorerApi;
  let id: string;
  let error: Error;

  before(async () => {
    s = await sim();
    api = await explorer();
    id = await run<string>('sugar.addConnection', {
      name: WRONG, instanceUrl: s.url, username: 'sally', password: credentials.wrongPassword, rememberPassword: true, platform: 'mobile',
    });
  });

  it('sugar.login rejects with the explained error and the state is "error"', async () => {
    const rejectedBefore = s.counters.loginsRejected;
    error = await rejects('sugar.login', id);
    assert.ok(error.message.length > 10, `a bare error: ${JSON.stringify(error.message)}`);
    assert.ok(!error.message.includes(credentials.wrongPassword), 'the error message shows the password');
    assert.match(error.message, /password|credentials|user name|username/i);
    assert.strictEqual(s.counters.loginsRejected, rejectedBefore + 1, 'the login reached the simulator once');
    const state = api.sessionState(id);
    assert.strictEqual(state.status, 'error');
    assert.ok(state.error, 'state.error is not set');
  });

  it('shows "error" in the tree with the explanation as a child row', async function () {
    needsDriver(this);
    await openSugarView();
    await waitForRow(WRONG, (r) => r.description === 'error', 'description "error"');
    await setExpanded(WRONG, true);
    const { children } = await waitForRow(WRONG, (_r, c) => c.length > 0, 'an explanation row');
    const firstLine = error.message.split('\n')[0].trim();
    assert.ok(
      children.some((c) => c.label.length > 10 && (firstLine.startsWith(c.label.replace(/…$/, '')) || c.label.startsWith(firstLine))),
      `no child row reads the explanation "${firstLine}": ${JSON.stringify(children.map((c) => c.label))}`,
    );
  });

  after(async () => {
    if (id) await run('sugar.deleteConnection', id).catch(() => undefined);
  });
});
