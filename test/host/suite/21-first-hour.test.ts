// Issue 11, items 1, 2, 3, 4, 5 and 13, through the workbench as a new user meets them: the view's
// + button after a row was clicked, a second login of the same user and platform, the status bar
// after a login, Sudo as User… from a row's menu, the menus of logged-in and admin rows, and the
// quick picks of users and modules. Only the set-up uses commands with arguments.
import * as assert from 'assert';
import type { Simulator } from '../../sim/index';
import { credentials, driver, eventually, explorer, needsDriver, openSugarView, run, sim, waitForStatus, type ExplorerApi } from './helpers';
import { clickRow, closeEditors, focusConnection, listRows, setConnectionExpanded, waitForBlock, type Row } from './exploreHelpers';
import { closeQuickInput, fromPalette, pick, readQuickInput, screenTitled } from './quickInput';

/** A platform of these tests alone: their logins end no other suite's sessions. */
const PLATFORM = 'first_hour';
const ALPHA = 'FH Alpha (admin)';
const BETA = 'FH Beta (admin)';
const JIM = 'FH Jim';
const MENU_ITEMS = '.context-view .action-label';
/** A message as a toast or in the notification center (toasts may be hidden while a list has focus). */
const NOTIFICATIONS = '.notification-list-item-message';

interface Session {
  status: string;
  user?: { isAdmin: boolean };
  sudo: Array<{ userName: string }>;
}

describe('issue 11: the first hour in the workbench', () => {
  let s: Simulator;
  let api: ExplorerApi;
  const ids: Record<string, string> = {};

  const state = (name: string) => api.sessionState(ids[name]) as unknown as Session;

  before(async function () {
    needsDriver(this);
    s = await sim();
    s.registerPlatform(PLATFORM);
    api = await explorer();
    const admin = { instanceUrl: s.url, username: 'admin', password: credentials.adminPassword, rememberPassword: true, platform: PLATFORM };
    ids[ALPHA] = await run<string>('sugar.addConnection', { name: ALPHA, ...admin });
    ids[BETA] = await run<string>('sugar.addConnection', { name: BETA, ...admin });
    ids[JIM] = await run<string>('sugar.addConnection', { name: JIM, instanceUrl: s.url, username: 'jim', password: credentials.jimPassword, rememberPassword: true, platform: PLATFORM });
  });

  afterEach(async () => {
    await driver.keyboard('Escape').catch(() => undefined);
    await closeQuickInput().catch(() => undefined);
  });

  after(async () => {
    await closeEditors().catch(() => undefined);
    for (const id of Object.values(ids)) {
      await run('sugar.logout', id).catch(() => undefined);
      await run('sugar.deleteConnection', id).catch(() => undefined);
    }
  });

  async function rowOf(name: string): Promise<Row> {
    return (await waitForBlock(name, () => true, 'present')).row!;
  }

  /**
   * Opens a row's context menu with the right button. A row's hover (its tooltip) can lie over
   * the next row for a moment and take the click: it is closed and the click made again.
   */
  async function openMenu(name: string): Promise<void> {
    await openSugarView();
    for (let attempt = 1; ; attempt++) {
      await driver.keyboard('Escape');
      try {
        await clickRow(await rowOf(name), 'label', 'right');
        await driver.waitFor(MENU_ITEMS, { timeoutMs: 5_000 });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** The labels of a row's context menu (closed again). */
  async function menuOf(name: string): Promise<string[]> {
    await openMenu(name);
    const labels = (await driver.attributes(MENU_ITEMS, 'aria-label')).map((label) => label ?? '');
    await driver.keyboard('Escape');
    return labels;
  }

  async function clickMenuItem(name: string, item: string): Promise<void> {
    await openMenu(name);
    await driver.waitFor(`${MENU_ITEMS}[aria-label="${item}"]`);
    // A click right after the menu opens is dropped by the menu (a pause before acting, not a timed assertion).
    await driver.wait(300);
    await driver.click(`${MENU_ITEMS}[aria-label="${item}"]`);
  }

  const toastTexts = async () => {
    await run('notifications.showList');
    return driver.texts(NOTIFICATIONS);
  };

  it('1: the view\'s + button opens the wizard also after a row was clicked', async function () {
    this.timeout(60_000);
    await openSugarView();
    await clickRow(await rowOf(JIM), 'label'); // the row is now the focused element VS Code hands the button
    await eventually(listRows, (all) => all.some((r) => r.label === JIM && r.selected), `row "${JIM}" selected`);
    await driver.click('.part.sidebar .action-label[aria-label="Add Connection"]');
    const screen = await screenTitled(/^Add Sugar Connection \(1\//).catch(async (error: Error) => {
      throw new Error(`${error.message}; notifications: ${JSON.stringify(await toastTexts())}`);
    });
    assert.match(screen.message, /address of the Sugar instance/);
    await closeQuickInput();
  });

  it('3: the status bar follows a login when the active connection is not logged in', async function () {
    this.timeout(60_000);
    await run('sugar.setActiveConnection', ids[JIM]); // set-up: the status bar shows a logged-out connection
    await waitForStatus((text) => !!text?.startsWith(JIM), `"${JIM}" before the login`);
    await fromPalette('Sugar: Log In');
    await pick(ALPHA);
    await eventually(() => state(ALPHA).status, (status) => status === 'active', `${ALPHA} logged in`);
    await waitForStatus((text) => !!text?.startsWith(ALPHA), `"${ALPHA}" after its login`);
  });

  it('2: a login that would end another connection\'s session says which and asks first', async function () {
    this.timeout(60_000);
    assert.strictEqual(state(ALPHA).status, 'active', 'set-up: the previous test logs in Alpha');
    await run('notifications.clearAll');
    await fromPalette('Sugar: Log In');
    await pick(BETA);
    // The question is a modal dialog. Where the workbench shows it, it must name the session and
    // is answered Cancel; the window that runs the tests refuses every modal dialog (VS Code's
    // DialogService in extension tests), which leaves only the outcome to check here. Both answers
    // are clicked in a second window in 25-modal-questions.
    const question = new RegExp(`Logging in to ${escapeRegExp(BETA)} ends the session of "${escapeRegExp(ALPHA)}"`);
    const dialog = await eventually(() => driver.texts('.monaco-dialog-box .dialog-message-text'), (texts) => texts.length > 0, 'a dialog', 3_000).catch(() => [] as string[]);
    if (dialog.length) {
      assert.ok(dialog.some((text) => question.test(text)), `the dialog reads ${JSON.stringify(dialog)}`);
      await driver.click('.monaco-dialog-box .dialog-buttons a.monaco-button:has-text("Cancel")');
    }
    // Nothing may be logged in before the user agreed (the old code logged in at once).
    await driver.wait(1_000);
    assert.strictEqual(state(ALPHA).status, 'active', `${ALPHA}'s session was ended before the user agreed`);
    assert.notStrictEqual(state(BETA).status, 'active', `${BETA} was logged in before the user agreed`);
  });

  it('2: when a login of our own ended a session anyway, the ended session names that connection', async function () {
    this.timeout(60_000);
    // A caller with an id is not asked (set-up: as another window or extension would).
    await run('sugar.login', ids[BETA]);
    // Alpha learns of it on its next use.
    await run('sugar.sendRequest', { connection: ids[ALPHA], method: 'GET', path: '/me' }).catch(() => undefined);
    await focusConnection(ALPHA);
    const { children } = await waitForBlock(ALPHA, (_r, c) => c.some((row) => /replaced|somewhere else/.test(row.label)), 'an explanation of the ended session');
    const explanation = children.find((row) => /replaced|somewhere else/.test(row.label))!.label;
    assert.match(explanation, new RegExp(`replaced by the login of the connection "${escapeRegExp(BETA)}"`));
    await setConnectionExpanded(ALPHA, false);
  });

  it('5: a logged-in row offers no Log In; Sudo as User… only on an admin session', async function () {
    this.timeout(90_000);
    await eventually(() => state(BETA).user?.isAdmin, (admin) => admin === true, `${BETA}'s /me read`);
    await run('sugar.login', ids[JIM]); // set-up
    await eventually(() => state(JIM).user, (user) => user?.isAdmin === false, `${JIM}'s /me read`);
    const beta = await eventually(() => menuOf(BETA), (labels) => labels.includes('Log Out'), `${BETA}'s menu`);
    assert.ok(!beta.includes('Log In'), `a logged-in row offers Log In: ${JSON.stringify(beta)}`);
    assert.ok(beta.includes('Sudo as User…'), `an admin row lacks Sudo as User…: ${JSON.stringify(beta)}`);
    const jim = await menuOf(JIM);
    assert.ok(!jim.includes('Log In'), `a logged-in row offers Log In: ${JSON.stringify(jim)}`);
    assert.ok(!jim.includes('Sudo as User…'), `a non-admin row offers Sudo as User…: ${JSON.stringify(jim)}`);
    const alpha = await menuOf(ALPHA); // its session ended above
    assert.ok(alpha.includes('Log In'), `a logged-out row lacks Log In: ${JSON.stringify(alpha)}`);
  });

  it('13: Sudo as User… offers the instance\'s users; a name not in the list can be typed', async function () {
    this.timeout(90_000);
    await clickMenuItem(BETA, 'Sudo as User…');
    const screen = await eventually(readQuickInput, (q) => !!q && q.title === `Sudo through ${BETA}` && q.rows.some((r) => r.startsWith('jim')), 'the users of the instance in the pick');
    assert.ok(screen!.rows.some((r) => r.startsWith('sally')), `rows: ${JSON.stringify(screen!.rows)}`);
    await driver.type('someone_else');
    await eventually(readQuickInput, (q) => !!q && q.rows.some((r) => r.startsWith('someone_else')), 'the typed name offered');
    await closeQuickInput();
    assert.deepStrictEqual(state(BETA).sudo, [], 'closing the pick started a sudo session');
  });

  it('4: after Sudo as User…, the new sudo row is shown (its connection expanded) and the user told', async function () {
    this.timeout(90_000);
    await run('notifications.clearAll');
    await setConnectionExpanded(BETA, false).catch(() => undefined);
    await clickMenuItem(BETA, 'Sudo as User…');
    await screenTitled(`Sudo through ${BETA}`);
    await driver.type('sally');
    await driver.keyboard('Enter');
    await eventually(() => state(BETA).sudo.map((x) => x.userName), (users) => users.includes('sally'), 'a sudo session as sally');
    await eventually(toastTexts, (texts) => texts.some((t) => t.includes(`Now acting as sally on ${BETA}`)), 'the message naming the user acted as');
    await waitForBlock(BETA, (row, children) => row.expanded === true && children.some((c) => c.label === 'Sudo: sally' && c.selected), 'expanded, with the new sudo row selected');
  });

  it('13: <module> in a path offers the instance\'s modules; a typed name stays possible', async function () {
    this.timeout(90_000);
    await fromPalette('Sugar: Send Request…');
    await pick(BETA);
    await pick('GET');
    await screenTitled('GET: path relative to /rest/{version}');
    await driver.type('/<module>/count');
    await driver.keyboard('Enter');
    const modules = await eventually(readQuickInput, (q) => !!q && q.title.includes('<module>') && q.rows.some((r) => r.startsWith('Accounts')), 'the modules of the instance');
    assert.ok(modules!.rows.some((r) => r.startsWith('Contacts')), `rows: ${JSON.stringify(modules!.rows)}`);
    await driver.type('NotAModule');
    await eventually(readQuickInput, (q) => !!q && q.rows.some((r) => r.startsWith('NotAModule')), 'the typed module offered');
    await closeQuickInput();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
