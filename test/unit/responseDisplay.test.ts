/** What response tabs, History rows and log lines read like: plain titles, typed text, no internals. */
import assert from 'node:assert/strict';
import type { HistoryEntry } from '../../src/core/explore/history';
import { displayText, historyDescription, historyLabel, historyTooltip } from '../../src/core/explore/historyDisplay';
import { responseTitle } from '../../src/core/explore/responseTitle';
import { formatClockTime } from '../../src/core/presentation/sessionText';
import { SugarError } from '../../src/core/sugar/errors';
import { makeWorld, needsSimulator, type World } from '../support/world';

const NOW = Date.UTC(2026, 10, 29, 14, 30);
const entry = (over: Partial<HistoryEntry> = {}): HistoryEntry => ({ id: '1', sessionId: 'c1', method: 'GET', path: '/Accounts', at: NOW - 60_000, status: 200, timeMs: 42, ...over });

describe('display of typed paths', () => {
  it('decodes what the user typed (%3A is :, %20 a space, UTF-8 letters)', () => {
    assert.equal(displayText('/Meetings/a%3Ab%20c'), '/Meetings/a:b c');
    assert.equal(displayText('/Accounts/M%C3%BCller'), '/Accounts/Müller');
  });
  it('keeps separators, control and direction characters and broken escapes encoded', () => {
    assert.equal(displayText('/a%2Fb%3Fc%23d%26e%3Df%25'), '/a%2Fb%3Fc%23d%26e%3Df%25');
    assert.equal(displayText('/x%0Ay%E2%80%AEz'), '/x%0Ay%E2%80%AEz');
    assert.equal(displayText('/bad%E2%28%A1'), '/bad%E2%28%A1');
    assert.equal(displayText('/a%3A%2F%3Ab'), '/a:%2F:b');
  });
  it('stays linear on a long run of escapes', () => {
    const text = '%3A'.repeat(200_000);
    assert.equal(displayText(text), ':'.repeat(200_000));
  });
});

describe('History rows', () => {
  it('label: method and path only, decoded; the query goes to the description', () => {
    const e = entry({ path: '/Meetings/a%3Ab?max_num=5', query: { fields: 'name' } });
    assert.equal(historyLabel(e), 'GET /Meetings/a:b');
    assert.equal(historyDescription(e, NOW), `200 · ${formatClockTime(e.at, NOW)} · ?max_num=5&fields=name`);
  });
  it('description: the clock time right after the status or "failed", on successful rows too', () => {
    assert.match(historyDescription(entry(), NOW), /^200 · \d{1,2}:\d{2}/);
    assert.match(historyDescription(entry({ status: undefined, failure: 'Cancelled.' }), NOW), /^failed · \d{1,2}:\d{2}/);
  });
  it('tooltip: the whole request, status and duration, time, sudo user, failure', () => {
    const ok = historyTooltip(entry({ path: '/Accounts', query: { q: 'a:b' }, sessionId: 'c1/sudo/jim%20b' }), NOW).split('\n');
    assert.equal(ok[0], 'GET /Accounts?q=a:b');
    assert.equal(ok[1], '200 · 42 ms');
    assert.match(ok[2], /^Sent \d{1,2}:\d{2}/);
    assert.equal(ok[3], 'as jim b');
    const failed = historyTooltip(entry({ status: undefined, failure: 'The instance did not answer.' }), NOW);
    assert.match(failed, /\nFailed: The instance did not answer\.\n/);
  });
});

describe('response tab titles', () => {
  it('method and path without /rest/vNN, no extension, no status unless asked', () => {
    assert.equal(responseTitle('get', 'https://x.example/rest/v11_24/Accounts'), 'GET Accounts');
    assert.equal(responseTitle('GET', 'https://x.example/rest/v11_24/Accounts?max_num=2'), 'GET Accounts max_num=2');
    assert.equal(responseTitle('GET', 'https://x.example/rest/v11_24/Accounts', 404), 'GET Accounts · 404');
    assert.doesNotMatch(responseTitle('GET', 'https://x.example/rest/v11/a.jsonc'), /[\\/:*?"<>|#%]/);
  });
  it('names a request editor from a bare path; capped at 80 characters', () => {
    assert.equal(responseTitle('POST', '/Accounts'), 'POST Accounts');
    assert.ok(responseTitle('GET', `https://x.example/rest/v11/${'a'.repeat(500)}`).length <= 80);
  });
});

describe('error log lines', () => {
  it('a validation message carries no bare [kind] tag; facts keep theirs', () => {
    assert.equal(new SugarError({ kind: 'session', explanation: 'Give the connection a name.' }).toLogLine(), 'Give the connection a name.');
    assert.equal(new SugarError({ kind: 'http', status: 404, explanation: 'Not found.' }).toLogLine(), 'Not found. [http: HTTP 404]');
  });
});

describe('log lines name connections', function () {
  this.timeout(20000);
  let world: World | undefined;
  after(async () => world?.close());

  it('sudo, refresh and logout lines carry the connection\'s name, never its id', async function () {
    needsSimulator(this, 'sudo as jim needs the simulator');
    world = await makeWorld({ profile: { name: 'Named Local' } });
    const { engine, connectionId, logger } = world;
    await engine.login(connectionId);
    await engine.sudo(connectionId, 'jim');
    await engine.refresh(connectionId);
    await engine.logout(connectionId);
    const lines = logger.lines.filter((line) => /Acting as jim|Refreshed the session|Logged out of/.test(line));
    assert.equal(lines.length, 3, JSON.stringify(logger.lines));
    for (const line of lines) {
      assert.ok(line.includes('"Named Local"'), line);
      assert.ok(!line.includes(connectionId), line);
    }
    await assert.rejects(engine.refresh(connectionId), (error: Error) => error.message === 'Not logged in on "Named Local"; log in first.');
  });
});
