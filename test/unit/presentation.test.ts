import assert from 'node:assert/strict';
import { formatRemaining, nextCountdownChange } from '../../src/core/presentation/countdown';
import { describeSession, statusBarText } from '../../src/core/presentation/sessionText';
import { Ticker, Timers, TimedView } from '../../src/core/presentation/ticker';
import type { SessionState } from '../../src/core/session/sessionState';
import { curlCommand, shellQuote } from '../../src/core/sugar/curl';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const state = (over: Partial<SessionState>): SessionState => ({ connectionId: 'c1', status: 'active', username: 'admin', platform: 'custom_api', sudo: [], ...over });

describe('countdown text', () => {
  const rows: Array<[number, string]> = [
    [59 * 60_000 + 1, '60 min'],
    [59 * 60_000, '59 min'],
    [4 * 60_000 + 30_000, '5 min'],
    [2 * 60_000 + 1, '3 min'],
    [2 * 60_000, '120 s'],
    [45_000, '45 s'],
    [1, '1 s'],
    [0, 'expired'],
    [-5_000, 'expired'],
    [3 * 3_600_000, '3 h 0 min'],
    [14 * 24 * 3_600_000, '14 days'],
  ];
  for (const [left, text] of rows) {
    it(`${left} ms left reads "${text}"`, () => assert.equal(formatRemaining(T0 + left, T0), text));
  }

  it('changes next at the minute boundary, then every second in the last two minutes', () => {
    assert.equal(nextCountdownChange(T0 + 59 * 60_000 + 30_000, T0), T0 + 30_000);
    assert.equal(nextCountdownChange(T0 + 5 * 60_000, T0), T0 + 60_000);
    assert.equal(nextCountdownChange(T0 + 90_500, T0), T0 + 500);
    assert.equal(nextCountdownChange(T0, T0), undefined);
  });

  it('the text really changes at the moment announced, and not before', () => {
    for (const left of [59 * 60_000 + 30_000, 2 * 60_000 + 500, 90_500, 3_000]) {
      const expiry = T0 + left;
      const at = nextCountdownChange(expiry, T0)!;
      assert.equal(formatRemaining(expiry, at - 1), formatRemaining(expiry, T0));
      assert.notEqual(formatRemaining(expiry, at), formatRemaining(expiry, T0));
    }
  });
});

describe('session texts', () => {
  it('describes each state for the tree', () => {
    const exp = T0 + 59 * 60_000;
    assert.equal(describeSession(state({ accessExpiresAt: exp }), T0), 'admin on custom_api · 59 min');
    assert.equal(describeSession(state({ accessExpiresAt: exp, user: { id: '1', userName: 'admin', isAdmin: true } }), T0), 'admin (admin) on custom_api · 59 min');
    assert.equal(describeSession(state({ status: 'expiringSoon', accessExpiresAt: T0 + 240_000 }), T0), 'admin on custom_api · expires in 4 min');
    assert.equal(describeSession(state({ status: 'expiringSoon', accessExpiresAt: T0 + 45_000 }), T0), 'admin on custom_api · expires in 45 s');
    assert.equal(describeSession(state({ status: 'accessExpired', accessExpiresAt: T0 - 1 }), T0), 'admin on custom_api · access expired, refreshable');
    assert.equal(describeSession(state({ status: 'refreshExpired' }), T0), 'session expired, log in again');
    assert.equal(describeSession(state({ status: 'endedElsewhere' }), T0), 'ended elsewhere');
    assert.equal(describeSession(state({ status: 'loggedOut' }), T0, { tlsUnverified: true }), 'logged out · TLS unverified');
    assert.equal(describeSession(state({ activity: 'login' }), T0), 'logging in…');
  });

  it('writes the status bar text', () => {
    assert.equal(statusBarText('Dev', state({ accessExpiresAt: T0 + 59 * 60_000 }), T0), 'Dev · 59 min');
    assert.equal(statusBarText('Dev', state({ status: 'expiringSoon', accessExpiresAt: T0 + 45_000 }), T0), 'Dev · 45 s');
    assert.equal(statusBarText('Dev', state({ status: 'loggedOut' }), T0), 'Dev · logged out');
    assert.equal(statusBarText('Dev', state({ status: 'accessExpired' }), T0), 'Dev · expired');
    assert.equal(statusBarText('Dev', state({ status: 'endedElsewhere' }), T0), 'Dev · ended elsewhere');
  });
});

describe('Ticker: one timer for everything', () => {
  class FakeTimers implements Timers {
    pending: Array<{ callback: () => void; at: number; id: number }> = [];
    now = T0;
    private next = 0;
    setTimeout(callback: () => void, ms: number): unknown {
      const entry = { callback, at: this.now + ms, id: this.next++ };
      this.pending.push(entry);
      return entry.id;
    }
    clearTimeout(handle: unknown): void {
      this.pending = this.pending.filter((entry) => entry.id !== handle);
    }
    runNext(): void {
      this.pending.sort((a, b) => a.at - b.at);
      const entry = this.pending.shift()!;
      this.now = entry.at;
      entry.callback();
    }
  }

  it('keeps at most one timer, set for the earliest change, and none when nothing counts down', () => {
    const timers = new FakeTimers();
    const ticker = new Ticker({ now: () => timers.now }, timers);
    const ticks: string[] = [];
    const view = (name: string, expiry: number): TimedView => ({
      nextChangeAt: (now) => nextCountdownChange(expiry, now),
      onTick: () => ticks.push(name),
    });
    assert.equal(ticker.isRunning, false);
    ticker.add(view('a', T0 + 10 * 60_000 + 5_000));
    ticker.add(view('b', T0 + 3_000));
    assert.equal(timers.pending.length, 1);
    assert.equal(timers.pending[0].at, T0 + 1_000);
    for (let i = 0; i < 3; i++) timers.runNext();
    assert.equal(timers.now, T0 + 3_000);
    assert.equal(timers.pending.length, 1, 'b expired; a still counts down');
    assert.equal(timers.pending[0].at, T0 + 5_000);
    for (let i = 0; i < 1000 && timers.pending.length > 0; i++) timers.runNext();
    assert.equal(timers.pending.length, 0);
    assert.equal(ticker.isRunning, false);
    assert.ok(ticks.length >= 4);
  });

  it('asks the views once for a burst of changes, and sets the countdown timer after it', () => {
    const timers = new FakeTimers();
    const ticker = new Ticker({ now: () => timers.now }, timers);
    let asked = 0;
    ticker.add({ nextChangeAt: (now) => (asked++, nextCountdownChange(T0 + 3_000, now)), onTick: () => undefined });
    const runningTimer = timers.pending.length;
    asked = 0;
    for (let i = 0; i < 1000; i++) ticker.rescheduleSoon();
    assert.equal(asked, 0, 'nothing asked during the burst');
    assert.equal(timers.pending.length, runningTimer + 1, 'one timer stands for the whole burst');
    timers.pending.sort((a, b) => a.at - b.at);
    timers.runNext();
    assert.equal(asked, 1);
    assert.equal(timers.pending.length, 1, 'the countdown timer alone is left');
    ticker.rescheduleSoon();
    ticker.dispose();
    assert.equal(timers.pending.length, 0, 'dispose clears a pending reschedule too');
  });
});

describe('cURL lines', () => {
  it('quotes for a POSIX shell, token in the OAuth-Token header', () => {
    assert.equal(shellQuote(`it's`), `'it'\\''s'`);
    assert.equal(
      curlCommand({ method: 'GET', url: 'https://x.example/rest/v11_24/me', token: 'abc' }),
      `curl -sS -H 'OAuth-Token: abc' 'https://x.example/rest/v11_24/me'`,
    );
    assert.equal(
      curlCommand({ method: 'post', url: 'https://x/rest/v11/Accounts', token: 't', body: '{"name":"A\'s"}', insecure: true }),
      `curl -sS -k -X POST -H 'OAuth-Token: t' -H 'Content-Type: application/json' --data '{"name":"A'\\''s"}' 'https://x/rest/v11/Accounts'`,
    );
  });
});
