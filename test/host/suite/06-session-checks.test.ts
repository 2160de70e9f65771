// Issue 10, E2 and E5: Check Connection on a logged-in connection must not end its session (Sugar
// keeps one session per user and platform), and the AuthenticationProvider's createSession must
// ask for the password when the connection does not remember one.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import { copied, credentials, currentUser, driver, eventually, explorer, me, needsDriver, rememberSecret, run, sim, type ExplorerApi, type SessionState } from './helpers';

interface CheckReport {
  ok: boolean;
  steps: Array<{ name: string; ok: boolean; skipped?: boolean; detail: string }>;
}

describe('issue 10 E2: Check Connection on a logged-in connection', () => {
  let s: Simulator;
  let id: string;

  before(async () => {
    s = await sim();
    await explorer();
    id = await run<string>('sugar.addConnection', {
      name: 'Check while logged in (jim)', instanceUrl: s.url, username: 'jim', password: credentials.jimPassword, rememberPassword: true, platform: 'mobile',
    });
  });

  it('checks through the session, without a login that would end it', async () => {
    const state = await run<SessionState>('sugar.login', id);
    assert.strictEqual(state.status, 'active');
    const token = await copied('sugar.copyAccessToken', id);
    rememberSecret(token);
    const loginsBefore = s.counters.loginsIssued;

    const report = await run<CheckReport>('sugar.checkConnection', id);

    assert.strictEqual(s.counters.loginsIssued, loginsBefore, 'Check Connection logged in, which ended the session it checked');
    assert.ok(report.ok, `the check failed: ${JSON.stringify(report.steps)}`);
    const login = report.steps.find((step) => step.name === 'login');
    assert.match(login?.detail ?? '', /session of jim works.*without a new login/);
    const answer = await me(s.url, token);
    assert.strictEqual(answer.status, 200, 'the session the check was run on no longer works');
    assert.strictEqual(currentUser(answer), 'jim');
  });

  after(async () => {
    if (id) await run('sugar.deleteConnection', id).catch(() => undefined);
  });
});

describe('issue 10 E5: AuthenticationProvider createSession', () => {
  const NAME = 'Sign in from Accounts (sally)';
  let s: Simulator;
  let api: ExplorerApi;
  let id: string;

  before(async () => {
    s = await sim();
    api = await explorer();
    // No remembered password: createSession has to ask for it.
    id = await run<string>('sugar.addConnection', { name: NAME, instanceUrl: s.url, username: 'sally', platform: 'mobile' });
  });

  it('asks for the password when signing in from the Accounts menu, and logs in with it', async function () {
    needsDriver(this);
    const commandsBefore = new Set(await vscode.commands.getCommands(true));
    // Not silent and no session: VS Code queues "Sign in with SugarCRM to use …" in the Accounts menu.
    const none = await vscode.authentication.getSession('sugarcrm', [NAME], { createIfNone: false });
    assert.strictEqual(none, undefined);
    const signIn = await eventually(
      async () => (await vscode.commands.getCommands(true)).find((c) => !commandsBefore.has(c) && /^sugarcrm:.*:signIn\d+$/.test(c)),
      (c) => c !== undefined,
      'the Accounts menu sign-in request for the connection',
    );
    // Run it as the Accounts menu would: VS Code calls the provider's createSession.
    const signingIn = run(signIn!);
    const failed = signingIn.then(
      () => undefined,
      (error: unknown) => error,
    );
    await Promise.race([driver.waitFor('.quick-input-widget input[type="password"]', { state: 'visible', timeoutMs: 15_000 }), failed.then((e) => e && Promise.reject(e))]);
    const prompt = (await driver.texts('.quick-input-widget')).join(' ');
    assert.match(prompt, /Password of sally/, `the input box reads ${JSON.stringify(prompt)}`);
    await driver.type(credentials.sallyPassword);
    await driver.keyboard('Enter');
    const error = await failed;
    assert.strictEqual(error, undefined, `signing in failed: ${String((error as Error | undefined)?.message ?? error)}`);

    assert.strictEqual(api.sessionState(id).status, 'active');
    const session = await vscode.authentication.getSession('sugarcrm', [NAME], { createIfNone: false, silent: true });
    assert.ok(session, 'no session after signing in');
    rememberSecret(session.accessToken);
    assert.strictEqual(currentUser(await me(s.url, session.accessToken)), 'sally');
  });

  after(async () => {
    if (id) await run('sugar.deleteConnection', id).catch(() => undefined);
  });
});
