// Send Request…'s path pick, driven as a user who types fast: the path typed and Enter at once,
// with no wait for the list to catch up. A helper saw `/me` typed and `/me/following` sent (an
// endpoint that starts with the text): the pick accepted a row the workbench had focused for an
// earlier value, or a row the extension host had already replaced (its rows are numbered by
// position, and the "as typed" row came and went with each key). Each round is a user's
// request; the rounds repeat because the race needs the extension host to lag behind the keys.
// Also: a row the user moves to with the arrow keys after typing is still what is sent.
import * as assert from 'assert';
import type { Simulator } from '../../sim/index';
import { activeUri, addActiveConnection, closeEditors, nextResponse, parseResponseTab, removeConnection } from './exploreHelpers';
import { API, driver, eventually, needsDriver, run, sim } from './helpers';
import { closeQuickInput, fromPalette, pick, readQuickInput, screenTitled } from './quickInput';

const NAME = 'Typed path (admin)';
const PLATFORM = 'typed_path_tests';
const PATH_TITLE = 'GET: path relative to /rest/{version}';

describe('typed path: Send Request… sends the path as typed', () => {
  let s: Simulator;
  let id = '';

  before(async function () {
    needsDriver(this);
    s = await sim();
    id = await addActiveConnection(s, NAME, PLATFORM);
    // The endpoint list read once now, so the pick shows it at once (the race needs the rows).
    const endpoints = await run<Array<{ method: string; path: string }>>('sugar.listEndpoints', id);
    assert.ok(endpoints.some((e) => e.method === 'GET' && e.path === '/me/following'), 'the instance lists no GET /me/following');
  });

  afterEach(() => closeQuickInput().catch(() => undefined));

  after(async () => {
    await closeEditors().catch(() => undefined);
    if (id) await removeConnection(id);
  });

  /** Opens the path pick of a GET as NAME, with the endpoints listed. */
  async function openPathPick(): Promise<void> {
    // No response tab open: the next one to show is this request's.
    await closeEditors();
    await fromPalette('Sugar: Send Request…');
    const first = await eventually(readQuickInput, (q) => !!q && q.rows.length > 0, 'the first question of Send Request…');
    if (first!.rows.some((r) => r.startsWith(NAME))) await pick(NAME);
    await pick('GET');
    await screenTitled(PATH_TITLE);
    // The list draws only the rows in view: the endpoints are there once /help's first ones are.
    await eventually(readQuickInput, (q) => !!q && q.title === PATH_TITLE && q.rows.length > 5 && q.rows[0].startsWith('/<module>'), 'the endpoints in the path pick');
  }

  /** The query question's title names the path chosen; Enter there sends it. Returns the tab's first line. */
  async function chosenAndSent(): Promise<{ chosen: string; sent: string }> {
    const before = activeUri();
    const query = await screenTitled(/^GET \//);
    await driver.keyboard('Enter');
    const doc = await nextResponse(before, `the response of ${query.title}`);
    return { chosen: query.title.replace(/^GET /, ''), sent: parseResponseTab(doc.getText()).comments[0] };
  }

  // An endpoint others start with; a text no endpoint is; a text that starts an endpoint but is none.
  for (const typed of ['/me', '/Accounts?max_num=1', '/me/follow']) {
    it(`"${typed}" typed and Enter at once sends ${typed}, five times out of five`, async function () {
      this.timeout(240_000);
      const wrong: string[] = [];
      for (let round = 1; round <= 5; round++) {
        await openPathPick();
        await driver.type(typed);
        await driver.keyboard('Enter');
        const { chosen, sent } = await chosenAndSent();
        if (chosen !== typed || sent !== `GET ${s.url}/rest/${API}${typed}`) wrong.push(`round ${round}: chose ${chosen}, sent ${sent}`);
      }
      assert.deepStrictEqual(wrong, [], `typed ${typed}`);
    });
  }

  it('a row the user moves to after typing is sent: "/me/fo", then Down to /me/following', async function () {
    this.timeout(120_000);
    const FOCUSED = '.quick-input-widget .monaco-list-row.focused';
    await openPathPick();
    await driver.type('/me/fo');
    // The list for "/me/fo" has arrived (its "as typed" row is focused): a Down now is the user's
    // choice, which no list sent later for an earlier key can undo.
    await eventually(() => driver.texts(FOCUSED), (rows) => /^\/me\/fo\s*as typed/.test(rows[0]?.trim() ?? ''), '"/me/fo as typed" focused');
    await driver.keyboard('ArrowDown');
    await eventually(() => driver.texts(`${FOCUSED} .label-name`), (labels) => labels[0]?.trim() === '/me/following', '"/me/following" focused');
    await driver.keyboard('Enter');
    const { chosen, sent } = await chosenAndSent();
    assert.strictEqual(chosen, '/me/following');
    assert.strictEqual(sent, `GET ${s.url}/rest/${API}/me/following`);
  });
});
