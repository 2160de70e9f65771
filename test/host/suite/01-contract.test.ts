// The extension's command contract end to end against the in-host simulator, with what the real
// workbench renders after each step: add → log in → tree and status bar → copy every token →
// refresh → sudo → end sudo → log out (which ends sudo sessions too).
import * as assert from 'assert';
import { execFile } from 'child_process';
import { promisify } from 'util';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import {
  copied, credentials, currentUser, driver, eventually, explorer, MAIN, me, needsDriver, openSugarView, paletteEntries, rememberSecret, run,
  setExpanded, sim, waitForRow, waitForStatus, type ExplorerApi, type SessionState,
} from './helpers';

const curlBinary = ['/usr/bin/curl', '/bin/curl'].find((p) => fs.existsSync(p));

describe('contract: add, log in, copy, refresh, sudo, log out', () => {
  let s: Simulator;
  let api: ExplorerApi;
  let id: string;
  let accessToken: string;

  before(async () => {
    s = await sim();
    api = await explorer();
  });

  it('sugar.addConnection answers the new connection id, logged out', async () => {
    const answer = await run<unknown>('sugar.addConnection', {
      name: MAIN,
      instanceUrl: s.url,
      username: 'admin',
      password: credentials.adminPassword,
      rememberPassword: true,
      platform: 'custom_api',
    });
    assert.strictEqual(typeof answer, 'string', 'addConnection should answer the connection id');
    id = answer as string;
    const list = await api.connections();
    assert.ok(list.some((c) => c.id === id && c.name === MAIN), `connections() lacks ${MAIN}: ${JSON.stringify(list)}`);
    const state = api.sessionState(id);
    assert.strictEqual(state.connectionId, id);
    assert.strictEqual(state.status, 'loggedOut');
    assert.deepStrictEqual(state.sudo, []);
  });

  it('shows the new connection as "logged out" in the real tree', async function () {
    needsDriver(this);
    await openSugarView();
    const { row } = await waitForRow(MAIN, (r) => r.description === 'logged out', 'description "logged out"');
    assert.strictEqual(row!.label, MAIN);
  });

  it('sugar.login asks nothing and answers an active session state', async () => {
    const before = s.counters.loginsIssued;
    const state = await run<SessionState>('sugar.login', id);
    assert.ok(state && typeof state === 'object', 'login should answer the state object');
    assert.strictEqual(state.connectionId, id);
    assert.strictEqual(state.status, 'active');
    assert.strictEqual(state.username, 'admin');
    assert.strictEqual(state.platform, 'custom_api');
    assert.ok(typeof state.accessExpiresAt === 'number' && state.accessExpiresAt > Date.now(), 'accessExpiresAt in the future');
    assert.ok(typeof state.refreshExpiresAt === 'number' && state.refreshExpiresAt > state.accessExpiresAt!, 'refreshExpiresAt after accessExpiresAt');
    assert.deepStrictEqual(state.sudo, []);
    assert.strictEqual(s.counters.loginsIssued, before + 1, 'exactly one login reached the simulator');
    assert.strictEqual(api.sessionState(id).status, 'active');
    const sessions = s.activeSessions('admin').filter((x) => x.platform === 'custom_api' && !x.sudoBy);
    assert.strictEqual(sessions.length, 1, 'the simulator holds the session on custom_api');
  });

  it('renders the logged-in row, its details and the status bar', async function () {
    needsDriver(this);
    await run('sugar.setActiveConnection', id);
    await openSugarView();
    const { row } = await waitForRow(MAIN, (r) => /admin.* on custom_api · \d+ min/.test(r.description), 'description "admin (admin) on custom_api · N min"');
    assert.match(row!.description, /^admin \(admin\) on custom_api · \d+ min$/);
    await setExpanded(MAIN, true);
    const { children } = await waitForRow(MAIN, (_r, c) => c.length >= 5, 'detail rows');
    const labels = children.map((c) => c.label);
    for (const field of ['User', 'Platform', 'API version', 'Access token', 'Refresh token']) {
      assert.ok(labels.includes(field), `no "${field}" row under ${MAIN}: ${JSON.stringify(labels)}`);
    }
    const detail = (label: string) => children.find((c) => c.label === label)!.description;
    assert.match(detail('User'), /admin/);
    assert.match(detail('Platform'), /custom_api/);
    assert.match(detail('API version'), /11_24|11\.24/);
    // The token rows show when they expire, never the token.
    const token = await copied('sugar.copyAccessToken', id);
    for (const c of children) assert.ok(!c.text.includes(token) && !c.ariaLabel.includes(token), `row "${c.label}" shows the access token`);
    const text = await waitForStatus((t) => /· \d+ min$/.test(t ?? ''), `"${MAIN} · N min"`);
    assert.match(text!, new RegExp(`${MAIN.replace(/[()]/g, '\\$&')} · \\d+ min$`));
  });

  it('sugar.copyAccessToken puts a token on the clipboard that works against Sugar', async () => {
    accessToken = await copied('sugar.copyAccessToken', id);
    rememberSecret(accessToken);
    assert.ok(s.issuedSecrets().includes(accessToken), 'the clipboard holds something the simulator did not issue');
    const answer = await me(s.url, accessToken);
    assert.strictEqual(answer.status, 200);
    assert.strictEqual(currentUser(answer), 'admin');
  });

  it('sugar.copyRefreshToken and sugar.copyDownloadToken copy the session\'s other tokens', async () => {
    const refresh = await copied('sugar.copyRefreshToken', id);
    const download = await copied('sugar.copyDownloadToken', id);
    rememberSecret(refresh, download);
    const issued = s.issuedSecrets();
    assert.ok(issued.includes(refresh), 'the refresh token on the clipboard was not issued by the simulator');
    assert.ok(issued.includes(download), 'the download token on the clipboard was not issued by the simulator');
    assert.strictEqual(new Set([accessToken, refresh, download]).size, 3, 'access, refresh and download tokens should all differ');
    // A refresh token is no access token: Sugar refuses it.
    assert.strictEqual((await me(s.url, refresh)).status, 401);
  });

  it('sugar.copyAsCurl copies the masked line by default, the runnable one when asked for { token: "clear" }', async () => {
    const masked = await copied('sugar.copyAsCurl', id);
    assert.match(masked, /^curl\b/);
    assert.ok(!masked.includes(accessToken), 'the default (masked) curl line carries the access token');
    assert.ok(masked.includes('OAuth-Token: <access token'), `the masked line says where the token goes: ${masked}`);
    const line = await copied('sugar.copyAsCurl', id, { token: 'clear' });
    assert.match(line, /^curl\b/);
    assert.ok(line.includes(`OAuth-Token: ${accessToken}`), 'the curl line lacks the OAuth-Token header with the current access token');
    assert.ok(line.includes(s.url), `the curl line lacks the instance URL ${s.url}`);
    assert.match(line, /\/rest\/v\d+(_\d+)?\/me\b/);
    if (curlBinary) {
      // Asynchronously: the simulator answering it runs in this very process.
      const { stdout: out } = await promisify(execFile)('/bin/sh', ['-c', line], { encoding: 'utf8', timeout: 15_000 });
      assert.strictEqual(JSON.parse(out).current_user?.user_name, 'admin', 'running the copied line did not answer the admin');
    }
  });

  it('sugar.refresh gets a new access token; the new one works', async () => {
    const before = s.counters.refreshesIssued;
    const state = await run<SessionState>('sugar.refresh', id);
    assert.strictEqual(state.status, 'active');
    assert.strictEqual(s.counters.refreshesIssued, before + 1, 'one refresh reached the simulator');
    const fresh = await copied('sugar.copyAccessToken', id);
    rememberSecret(fresh);
    assert.ok(fresh !== accessToken, 'the access token did not change after refresh');
    const answer = await me(s.url, fresh);
    assert.strictEqual(answer.status, 200);
    assert.strictEqual(currentUser(answer), 'admin');
    accessToken = fresh;
  });

  let sudoId: string;
  let sudoToken: string;

  it('sugar.sudo answers <id>/sudo/<user>; its token acts as that user', async () => {
    const answer = await run<unknown>('sugar.sudo', id, 'jim');
    assert.strictEqual(answer, `${id}/sudo/jim`);
    sudoId = answer as string;
    const state = api.sessionState(id);
    assert.strictEqual(state.sudo.length, 1);
    assert.strictEqual(state.sudo[0].id, sudoId);
    assert.strictEqual(state.sudo[0].userName, 'jim');
    assert.ok(state.sudo[0].accessExpiresAt > Date.now(), 'sudo accessExpiresAt in the future');

    sudoToken = await copied('sugar.copyAccessToken', sudoId);
    rememberSecret(sudoToken);
    assert.ok(sudoToken !== accessToken, 'the sudo token is the admin token');
    const answerMe = await me(s.url, sudoToken);
    assert.strictEqual(answerMe.status, 200);
    assert.strictEqual(currentUser(answerMe), 'jim');

    const curl = await copied('sugar.copyAsCurl', sudoId, { token: 'clear' });
    assert.ok(curl.includes(`OAuth-Token: ${sudoToken}`), 'copyAsCurl(sudo id) does not carry the sudo token');
    // The admin's own token is unchanged and still the admin.
    assert.strictEqual(currentUser(await me(s.url, await copied('sugar.copyAccessToken', id))), 'admin');
  });

  it('shows the sudo session as a child row "Sudo: jim"', async function () {
    needsDriver(this);
    await openSugarView();
    await setExpanded(MAIN, true);
    await waitForRow(MAIN, (_r, c) => c.some((x) => x.label === 'Sudo: jim'), 'child row "Sudo: jim"');
  });

  it('the palette offers "End Sudo Session" while a sudo session is open (sugar.hasSudo)', async function () {
    needsDriver(this);
    await eventually(
      () => paletteEntries('Sugar: End Sudo'),
      (entries) => entries.some((entry) => entry.includes('Sugar: End Sudo Session')),
      'the palette with "End Sudo Session"',
    );
  });

  it('sugar.endSudo ends the sudo session: its token dies (401)', async () => {
    const answer = await run('sugar.endSudo', sudoId);
    assert.ok(answer === undefined || typeof answer === 'object', 'endSudo should settle');
    assert.deepStrictEqual(api.sessionState(id).sudo, []);
    assert.strictEqual((await me(s.url, sudoToken)).status, 401, 'the sudo token still works after endSudo');
    assert.strictEqual(currentUser(await me(s.url, accessToken)), 'admin', 'ending sudo ended the admin session too');
    assert.strictEqual(api.sessionState(id).status, 'active');
  });

  it('removes the "Sudo: jim" row after endSudo', async function () {
    needsDriver(this);
    await waitForRow(MAIN, (_r, c) => !c.some((x) => x.label.startsWith('Sudo:')), 'no sudo row');
  });

  it('the palette no longer offers "End Sudo Session" once no sudo session is open', async function () {
    needsDriver(this);
    await eventually(
      () => paletteEntries('Sugar: End Sudo'),
      (entries) => !entries.some((entry) => entry.includes('Sugar: End Sudo Session')),
      'the palette without "End Sudo Session"',
    );
  });

  it('sugar.logout ends the session and its sudo sessions on the server', async () => {
    sudoId = await run<string>('sugar.sudo', id, 'sally');
    assert.strictEqual(sudoId, `${id}/sudo/sally`);
    const sallyToken = await copied('sugar.copyAccessToken', sudoId);
    rememberSecret(sallyToken);
    assert.strictEqual(currentUser(await me(s.url, sallyToken)), 'sally');

    const state = await run<SessionState>('sugar.logout', id);
    assert.strictEqual(state.status, 'loggedOut');
    assert.deepStrictEqual(state.sudo, []);
    assert.strictEqual(api.sessionState(id).status, 'loggedOut');
    assert.strictEqual((await me(s.url, accessToken)).status, 401, 'the access token still works after logout');
    assert.strictEqual((await me(s.url, sallyToken)).status, 401, 'the sudo token still works after logout');
    assert.deepStrictEqual(s.activeSessions().filter((x) => x.platform === 'custom_api' && (x.userName === 'admin' || x.sudoBy === 'admin')), [], 'the simulator still holds sessions of the admin');
    // Nothing to copy any more: the copy command rejects with an explanation.
    await vscode.env.clipboard.writeText('unchanged');
    let err: unknown;
    try {
      await run('sugar.copyAccessToken', id);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof Error && err.message.length > 0, 'copyAccessToken of a logged-out connection should reject with an explanation');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'unchanged');
  });

  it('shows "logged out" in the tree and the status bar after logout', async function () {
    needsDriver(this);
    await waitForRow(MAIN, (r, c) => r.description === 'logged out' && !c.some((x) => x.label.startsWith('Sudo:')), '"logged out", no sudo rows');
    await waitForStatus((t) => t === `${MAIN} · logged out`, `"${MAIN} · logged out"`);
  });

  after(async () => {
    // The driver may be missing (test-electron); leave nothing half-done for the next files.
    if (driver.available) await driver.keyboard('Escape').catch(() => undefined);
  });
});
