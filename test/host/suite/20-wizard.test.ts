// Issue 11, items 6, 9 and 10, through the workbench as a new user meets them: the Add Connection
// wizard typed with the keyboard from the palette, Edit Connection, and the report of Check
// Connection. Only the set-up uses commands with arguments; the thing under test is driven
// through the palette, the quick input and Enter.
import * as assert from 'assert';
import type { Simulator } from '../../sim/index';
import {
  credentials, explorer, needsDriver, openSugarView, rejects, run, sim, waitForRow, eventually, type ExplorerApi,
} from './helpers';
import { answer, answerEachScreen, closeQuickInput, enter, fromPalette, pick, readQuickInput, screenTitled } from './quickInput';

/** Nothing listens on port 1: the check's first step fails there ("refused"). */
const DEAD_URL = 'http://127.0.0.1:1';

describe('the connection wizard and the check report, through the keyboard', () => {
  let s: Simulator;
  let api: ExplorerApi;
  const added: string[] = [];

  before(async function () {
    needsDriver(this);
    s = await sim();
    api = await explorer();
  });

  afterEach(async () => {
    await closeQuickInput().catch(() => undefined);
  });

  after(async () => {
    for (const id of added) await run('sugar.deleteConnection', id).catch(() => undefined);
  });

  async function byName(name: string) {
    return (await api.connections()).find((c) => c.name === name);
  }

  it('asks no secret for client sugar, numbers the screens truly and suggests "user @ host"', async function () {
    this.timeout(90_000);
    const host = new URL(s.url).host;
    await fromPalette('Sugar: Add Connection');
    await screenTitled('Add Sugar Connection (1/7)');
    await answer(s.url);
    await screenTitled('Add Sugar Connection (2/7)');
    await answer('admin');
    await screenTitled('Add Sugar Connection (3/7)');
    await answer(credentials.adminPassword);
    // A typed password adds a question; the total says so.
    const remember = await screenTitled('Add Sugar Connection (4/8)');
    assert.match(remember.placeholder, /Keep the password/);
    await enter();
    await screenTitled('Add Sugar Connection (5/8)');
    await enter();
    const client = await screenTitled('Add Sugar Connection (6/8)');
    assert.match(client.message, /OAuth client/);
    await enter(); // client sugar: the next screen is the API version, not a secret to press Enter on
    const version = await screenTitled('Add Sugar Connection (7/8)');
    assert.match(version.placeholder, /API version/);
    await enter();
    await screenTitled('Add Sugar Connection (8/8)');
    await enter(); // the suggested name
    await screenTitled('Add Sugar Connection: summary');
    await enter(); // Save
    const name = `admin @ ${host}`;
    const saved = await eventually(() => byName(name), (c) => !!c, `a connection named "${name}"`);
    added.push(saved!.id);
  });

  it('after a failed check, Enter goes to the failing field instead of saving; the fixed connection saves', async function () {
    this.timeout(90_000);
    const name = 'Wizard check (jim)';
    await fromPalette('Sugar: Add Connection');
    // Answered by what each screen asks, whatever its counter says (this test is about the check).
    await answerEachScreen([
      [/address of the Sugar instance/, DEAD_URL],
      [/user name to log in/, 'jim'],
      [/password of jim/, credentials.jimPassword],
      [/name for this connection/, name],
    ]);
    await pick('Check connection first');
    const results = await screenTitled('Add Sugar Connection: check', 30_000);
    await enter(); // the default after a failure
    const field = await screenTitled('Add Sugar Connection: Instance URL').catch(async (error: Error) => {
      assert.ok(!(await byName(name)), `Enter after a failed check saved the broken connection (the results read ${JSON.stringify(results.rows)})`);
      throw error;
    });
    assert.match(results.rows[0], /Change Instance URL/, `rows: ${JSON.stringify(results.rows)}`);
    assert.match(field.message, /127\.0\.0\.1:1|refused|answer/i, `the failure is not shown on the field: ${JSON.stringify(field.message)}`);
    await answer(s.url);
    const summary = await screenTitled('Add Sugar Connection: summary');
    assert.strictEqual(summary.rows[0], 'Save', `the answers changed since the check, so Save is first again: ${JSON.stringify(summary.rows)}`);
    await enter();
    const saved = await eventually(() => byName(name), (c) => !!c, `a connection named "${name}"`);
    added.push(saved!.id);
  });

  it('an edit that fixes the address clears the "error" on its row', async function () {
    this.timeout(90_000);
    const name = 'Wrong address (sally)';
    const id = await run<string>('sugar.addConnection', {
      name, instanceUrl: DEAD_URL, username: 'sally', password: credentials.sallyPassword, rememberPassword: true, platform: 'opi',
    });
    added.push(id);
    await rejects('sugar.login', id);
    await openSugarView();
    await waitForRow(name, (r) => /error/.test(r.description), 'description "error" after the failed login');
    await fromPalette('Sugar: Edit Connection');
    await pick(name);
    await screenTitled(`Edit Connection "${name}"`);
    await pick('Instance URL');
    await screenTitled(`Edit Connection "${name}": Instance URL`);
    await answer(s.url);
    await screenTitled(`Edit Connection "${name}"`);
    await enter(); // Save
    await waitForRow(name, (r) => r.description === 'logged out', 'description "logged out" once the address is fixed');
  });

  it('the report of a failed check leads with Edit Connection at the failing field; after the fix the check passes', async function () {
    this.timeout(90_000);
    const name = 'Check report (sally)';
    const id = await run<string>('sugar.addConnection', {
      name, instanceUrl: s.url, username: 'sally', password: credentials.wrongPassword, rememberPassword: true, platform: 'opi',
    });
    added.push(id);
    await fromPalette('Sugar: Check Connection');
    await pick(name);
    const report = await screenTitled(`Check Connection: ${name}`, 30_000);
    assert.match(report.placeholder, /found a problem/);
    // (Codicons render as no text.)
    assert.deepStrictEqual(report.rows.slice(0, 2), ['Edit Connection: Password', 'Open Log'], `rows: ${JSON.stringify(report.rows)}`);
    await enter();
    const field = await screenTitled(`Edit Connection "${name}": Password`);
    assert.ok(field.message.length > 0, 'the failure is not shown on the password field');
    await answer(credentials.sallyPassword);
    await screenTitled(`Edit Connection "${name}": Password`); // remember it?
    await enter();
    await screenTitled(`Edit Connection "${name}"`);
    await enter(); // Save
    await eventually(() => readQuickInput(), (q) => q === undefined, 'the edit closed');
    await fromPalette('Sugar: Check Connection');
    await pick(name);
    const passed = await screenTitled(`Check Connection: ${name}`, 30_000);
    assert.strictEqual(passed.placeholder, `${name}: the connection works.`);
    await enter(); // OK
  });
});
