// Issue 11, item 7, through the workbench: with the demo's admin/admin the log masked the short
// password inside every word ("Logged out of Simulator (•••)", "Contact your •••istrator").
// A connection whose password is "admin" meets a refused login whose error says "administrator",
// logs in, sends a request with the password in a query (a credential position) and logs out, all
// from the palette; the extension's "Sugar" log, as the host wrote it, keeps the words and still masks the
// password where it is a credential. Only the set-up (adding the connection) uses a command.
import * as assert from 'assert';
import { startSimulator, type Simulator } from '../../sim/index';
import { driver, eventually, explorer, needsDriver, rememberSecret, run, type ExplorerApi } from './helpers';
import { activeUri, closeEditors, nextResponse, removeConnection } from './exploreHelpers';
import { sugarLogLines } from './logFiles';
import { closeQuickInput, fromPalette, pick, screenTitled } from './quickInput';
import { rememberShortPassword } from './shortPasswords';

/** The demo's user and password (the simulator's default users): a short password that is an ordinary word. */
const USER = 'admin';
const PASSWORD = 'admin';
const NAME = 'Demo (admin)';
const MASK = '•••';

describe('issue 11: a short password leaves the log\'s words intact', () => {
  let demo: Simulator;
  let api: ExplorerApi;
  let id = '';

  before(async function () {
    needsDriver(this);
    if (!process.env.SUGAR_HOST_USER_DATA_DIR) this.skip(); // no user data folder to read the log from
    // A simulator of its own with the demo's users as shipped (admin/admin), not the suite's canaries.
    demo = await startSimulator({ quiet: true });
    api = await explorer();
    rememberShortPassword({ username: USER, password: PASSWORD, shownNames: [NAME, USER] });
    id = await run<string>('sugar.addConnection', { name: NAME, instanceUrl: demo.url, username: USER, password: PASSWORD, rememberPassword: true });
  });

  afterEach(() => closeQuickInput().catch(() => undefined));

  after(async () => {
    await closeEditors().catch(() => undefined);
    if (id) await removeConnection(id);
    if (demo) {
      // Its tokens join the leak search like every other token of the run.
      rememberSecret(...demo.issuedSecrets());
      await demo.close();
    }
  });

  /** Sends a GET from the palette: connection, method, path, query (Enter for none). */
  async function sendFromPalette(path: string, query: string): Promise<void> {
    await fromPalette('Sugar: Send Request…');
    await pick(NAME);
    await pick('GET');
    await screenTitled('GET: path relative to /rest/{version}');
    await driver.type(path);
    await eventually(() => driver.texts('.quick-input-widget .monaco-list-row.focused .label-name'), (labels) => labels[0]?.trim() === path, `"${path}" the focused entry`);
    await driver.keyboard('Enter');
    await screenTitled(/^GET \//);
    if (query) await driver.type(query);
    await driver.keyboard('Enter');
  }

  /** The log's lines once one passes `check` (the host writes its log files shortly after each line). */
  const logLineWhere = (check: (line: string) => boolean, what: string) =>
    eventually(sugarLogLines, (lines) => lines.some(check), `the Sugar log: ${what}`).then((lines) => lines.filter(check));

  it('7: a refused login, a login, a request and a logout keep "administrator" and the connection\'s name; the password as a credential is masked', async function () {
    this.timeout(120_000);
    // Sugar in maintenance refuses the first login: "Please contact your administrator for details."
    demo.injectFault({ type: 'maintenance503', times: 1, pathIncludes: '/oauth2/token' });
    await fromPalette('Sugar: Log In');
    await pick(NAME);
    const refused = await logLineWhere((line) => line.includes('maintenance mode'), 'the refused login');
    assert.ok(refused.some((line) => line.includes('contact your administrator')), `the refusal's lines: ${JSON.stringify(refused)}`);
    assert.notStrictEqual(api.sessionState(id).status, 'active', 'the refused login logged in');

    await fromPalette('Sugar: Log In');
    await pick(NAME);
    await eventually(() => api.sessionState(id).status, (status) => status === 'active', `${NAME} logged in`);

    const before = activeUri();
    // A path no endpoint of /help starts with: Enter takes it as typed (with /me, the pick's focus
    // could still sit on /me/following when Enter came).
    await sendFromPalette('/Users/1', `password=${PASSWORD}`);
    await nextResponse(before, 'GET /Users/1');
    const [sent] = await logLineWhere((line) => line.includes('/Users/1?password='), 'the request with a password in its query');
    assert.match(sent, new RegExp(`GET /rest/v\\d+_\\d+/Users/1\\?password=${MASK} 200\\b`), `the request's line: ${sent}`);

    await fromPalette('Sugar: Log Out');
    await pick(NAME);
    await eventually(() => api.sessionState(id).status, (status) => status === 'loggedOut', `${NAME} logged out`);

    // "Demo (" is how far the name reads whatever the mask does to the rest of it.
    const [loggedIn] = await logLineWhere((line) => line.includes('Logged in to Demo ('), 'the login');
    const [loggedOut] = await logLineWhere((line) => line.includes('Logged out of "Demo ('), 'the logout');
    assert.ok(loggedIn.includes(`Logged in to ${NAME} as ${USER} `), `the login's line: ${loggedIn}`);
    assert.ok(loggedOut.includes(`Logged out of "${NAME}".`), `the logout's line: ${loggedOut}`);

    // No word of the run's log lost a part to the mask, and the password is nowhere as a credential.
    const lines = sugarLogLines();
    const cut = lines.filter((line) => line.includes(`(${MASK})`) || new RegExp(`${MASK}[\\p{L}\\p{N}]|[\\p{L}\\p{N}]${MASK}`, 'u').test(line));
    assert.deepStrictEqual(cut, [], 'log lines with a word or a name cut by the mask');
    assert.deepStrictEqual(lines.filter((line) => line.includes(`password=${PASSWORD}`)), [], 'the password in the clear');

    // And as the user reads it: Show Log opens the channel with the logout's line whole.
    await fromPalette('Sugar: Show Log');
    await eventually(
      // The editor renders spaces as no-break spaces.
      async () => (await driver.texts('.part.panel .view-lines')).join('\n').replace(/\u00a0/g, ' ').split('\n'),
      (shown) => shown.some((line) => line.includes(`Logged out of "${NAME}".`)),
      'the logout\'s line in the Output view',
    );
  });
});
