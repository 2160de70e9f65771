// Issue 11, item 2: before a login or a check that would end another connection's session, the
// extension asks in a modal dialog ("Log In Anyway" / "Check Anyway"). The window that runs these
// tests cannot show one: VS Code's DialogService refuses every modal dialog in a window whose
// payload carries extensionTestsPath (prompt() throws "refused to show dialog in tests"). So the
// questions are answered in a second window of the same workbench (driver.openWindow: the same
// server, folder and extension, no tests), which shows them as a user sees them; the outcome is
// read from the simulator (whose session still works) and from that window's tree.
import * as assert from 'assert';
import type { Simulator } from '../../sim/index';
import { copied, credentials, driver, eventually, me, needsDriver, openSugarView, rememberSecret, run, sim } from './helpers';
import { focusConnection, removeConnection, setConnectionExpanded, waitForBlock } from './exploreHelpers';
import { pick, readQuickInput, screenTitled } from './quickInput';

const PLATFORM = 'modal_questions';
const ALPHA = 'MQ Alpha (admin)';
const BETA = 'MQ Beta (admin)';
const DIALOG = '.monaco-dialog-box';

describe('issue 11: the questions before ending another connection\'s session, answered in a window that shows them', () => {
  let s: Simulator;
  const ids: Record<string, string> = {};

  before(async function () {
    needsDriver(this);
    this.timeout(120_000);
    s = await sim();
    s.registerPlatform(PLATFORM);
    const admin = { instanceUrl: s.url, username: 'admin', password: credentials.adminPassword, rememberPassword: true, platform: PLATFORM };
    ids[ALPHA] = await run<string>('sugar.addConnection', { name: ALPHA, ...admin });
    ids[BETA] = await run<string>('sugar.addConnection', { name: BETA, ...admin });
  });

  after(async () => {
    await driver.closeWindow().catch(() => undefined);
    for (const id of Object.values(ids)) await removeConnection(id);
  });

  /** Set-up in this window: Alpha logged in (by id, so not asked), Beta not; answers Alpha's token. */
  async function alphaLoggedInOnly(): Promise<string> {
    await run('sugar.logout', ids[BETA]).catch(() => undefined);
    await run('sugar.login', ids[ALPHA]);
    const token = await copied('sugar.copyAccessToken', ids[ALPHA]);
    rememberSecret(token);
    assert.strictEqual((await me(s.url, token)).status, 200, 'set-up: Alpha\'s session works');
    return token;
  }

  /** Logins the instance issued so far (to any connection of the run). */
  const logins = () => s.counters.loginsIssued;

  /**
   * A fresh second window (it reads the sessions as they are now), its Sugar view open: that
   * activates the extension there, whose context keys let the palette offer its commands.
   */
  async function openSecondWindow(): Promise<void> {
    await driver.openWindow();
    await openSugarView();
    // A new window's workbench and extension host start while other windows work: up to a minute.
    await waitForBlock(ALPHA, () => true, 'in the second window\'s tree', 60_000).catch(async (error: Error) => {
      await driver.screenshot('modal-questions-second-window.png').catch(() => undefined);
      throw error;
    });
    await waitForBlock(BETA, () => true, 'in the second window\'s tree');
  }

  /** Runs a command from the second window's palette (F1), as typed by the user, and picks the connection. */
  async function fromSecondPalette(title: string, connection: string): Promise<void> {
    await driver.keyboard('Escape');
    await driver.keyboard('F1');
    await eventually(readQuickInput, (q) => !!q, 'the command palette of the second window');
    await driver.type(title);
    await eventually(readQuickInput, (q) => !!q && !!q.rows[0]?.startsWith(title), `the palette's first entry "${title}"`);
    await driver.keyboard('Enter');
    // Keys typed before the palette has gone would land in it, not in the command's pick.
    await eventually(readQuickInput, (q) => !q || !q.rows[0]?.startsWith(title), `the palette closed after "${title}"`);
    await pick(connection);
  }

  /** The modal's message once it shows; then clicks `button`. */
  async function answer(button: string): Promise<string> {
    await driver.waitFor(`${DIALOG} .dialog-message-text`, { timeoutMs: 20_000 });
    const [message] = await driver.texts(`${DIALOG} .dialog-message-text`);
    await driver.click(`${DIALOG} .dialog-buttons a.monaco-button:has-text("${button}")`);
    await driver.waitFor(DIALOG, { state: 'detached' });
    return message;
  }

  /** Answers Cancel to the question `command` asks about Beta; asserts that nothing logged in or ended. Answers the question. */
  async function cancel(command: string, alphaToken: string): Promise<string> {
    const before = logins();
    await fromSecondPalette(command, BETA);
    const message = await answer('Cancel');
    await driver.wait(1_000); // what a wrongly started login would do meanwhile (not a timed assertion)
    assert.strictEqual((await me(s.url, alphaToken)).status, 200, `${ALPHA}'s session was ended after Cancel`);
    assert.strictEqual(logins() - before, 0, `${command} logged in after Cancel`);
    return message;
  }

  /** Set-up of each group: Alpha logged in, Beta not, and a fresh second window; answers Alpha's token. */
  async function prepare(): Promise<string> {
    const token = await alphaLoggedInOnly();
    await openSecondWindow();
    return token;
  }

  /** Both questions: the command that asks, its question, its go-on button and what going on must do. */
  const groups: Array<{ command: string; question: string; button: string; title: string; goneOn: (alphaToken: string) => Promise<void> }> = [
    {
      command: 'Sugar: Check Connection',
      question: `Checking ${BETA} (it logs in) ends the session of "${ALPHA}".`,
      button: 'Check Anyway',
      title: 'the check runs and its login ends the other session',
      goneOn: async (alphaToken) => {
        // The check ran: its report (a quick pick) shows.
        await screenTitled(`Check Connection: ${BETA}`, 30_000);
        await driver.keyboard('Escape');
        await eventually(() => me(s.url, alphaToken).then((a) => a.status), (status) => status === 401, `${ALPHA}'s session ended by the check's login`);
      },
    },
    {
      command: 'Sugar: Log In',
      question: `Logging in to ${BETA} ends the session of "${ALPHA}".`,
      button: 'Log In Anyway',
      title: 'the other session ends and its row names the connection that replaced it',
      goneOn: async (alphaToken) => {
        await eventually(() => me(s.url, alphaToken).then((a) => a.status), (status) => status === 401, `${ALPHA}'s session ended by ${BETA}'s login`);
        // Alpha learns of it on its next use: a request from the palette.
        await fromSecondPalette('Sugar: Send Request…', ALPHA);
        await pick('GET');
        await screenTitled('GET: path relative to /rest/{version}');
        await driver.type('/me');
        await driver.keyboard('Enter');
        await screenTitled(/^GET \//);
        await driver.keyboard('Enter');
        await focusConnection(ALPHA);
        const { children } = await waitForBlock(ALPHA, (_r, c) => c.some((row) => /replaced/.test(row.label)), 'the explanation of the ended session', 30_000);
        const explanation = children.find((row) => /replaced/.test(row.label))!.label;
        assert.match(explanation, new RegExp(`replaced by the login of the connection "${escapeRegExp(BETA)}"`));
        await setConnectionExpanded(ALPHA, false);
      },
    },
  ];

  for (const group of groups) {
    describe(group.command, () => {
      let alphaToken = '';

      before(async function () {
        this.timeout(120_000);
        alphaToken = await prepare();
      });

      it('Cancel: the question names the session, and nothing ends', async function () {
        this.timeout(90_000);
        assert.strictEqual(await cancel(group.command, alphaToken), group.question);
      });

      it(`${group.button}: ${group.title}`, async function () {
        this.timeout(120_000);
        await fromSecondPalette(group.command, BETA);
        assert.strictEqual(await answer(group.button), group.question);
        await group.goneOn(alphaToken);
      });
    });
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
