/**
 * The Testing view's results: which requests a run of some of them sends, and what each request's
 * outcome (from a real run against the simulator) shows as a test result.
 */
import assert from 'node:assert/strict';
import { runRequestFile, type RequestOutcome } from '../../src/core/checks/fileRunner';
import { engineSender } from '../../src/core/checks/sessionSend';
import { parseFileVariables } from '../../src/core/explore/fileVariables';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { requestsToRun } from '../../src/core/testing/testFiles';
import { outcomeLine, verdictOf } from '../../src/core/testing/testVerdicts';
import { makeWorld, needsSimulator, type World } from '../support/world';

const CHAIN = [
  '### Create', 'POST /Notes', 'Content-Type: application/json', '', '{"name": "n"}', '?? status == 200', '',
  '### Ping', 'GET /ping', '?? status == 200', '',
  '### Read it', 'GET /Notes/{{id}}', '?? body name == "n"', '',
  '### Me', 'GET /me', '?? status == 200',
].join('\n');

describe('Testing view: which requests a run sends', () => {
  const requests = parseRequestFile(CHAIN);

  it('sends a request without {{variables}} alone', () => {
    assert.deepEqual(requestsToRun(requests, [1]), [1]);
    assert.deepEqual(requestsToRun(requests, [3, 1]), [1, 3]);
  });

  it('sends the requests above a chosen one that uses {{variables}} first (they provide them)', () => {
    assert.deepEqual(requestsToRun(requests, [2]), [0, 1, 2]);
    assert.deepEqual(requestsToRun(requests, [3, 2]), [0, 1, 2, 3]);
  });

  it('sends a request alone when the file defines all its {{variables}} (no write above it is sent), and looks at its headers too', () => {
    const text = ['@module = Notes', '', '### Delete', 'DELETE /Notes/1', '?? status == 200', '', '### List', 'GET /{{module}}', '?? status == 200', '', '### By header', 'GET /me', 'X-Note: {{id}}', '?? status == 200'].join('\n');
    const own = parseRequestFile(text);
    assert.deepEqual(requestsToRun(own, [1], parseFileVariables(text)), [1]);
    assert.deepEqual(requestsToRun(own, [2], parseFileVariables(text)), [0, 1, 2]);
  });

  it('ignores an index that is not in the file', () => {
    assert.deepEqual(requestsToRun(requests, [7, -1, 0]), [0]);
  });
});

describe('Testing view: what an outcome shows', function () {
  this.timeout(20000);
  let world: World;
  let outcomes: RequestOutcome[];

  before(async function () {
    needsSimulator(this, 'real answers from the simulator');
    world = await makeWorld();
    await world.engine.login(world.connectionId);
    const file = [
      '### Passes', 'GET /ping', '?? status == 200', '',
      '### Fails', 'GET /me', '?? status == 200', '?? body current_user.user_name == "nobody"', '?? body current_user.user_name contains zz', '',
      '### No assertions, refused', 'GET /Accounts/no-such-id', '',
      '### Malformed', 'GET /ping', '?? status is 200',
    ].join('\n');
    outcomes = await runRequestFile(parseRequestFile(file), engineSender(world.engine, () => world.connectionId));
  });
  after(async () => world?.close());

  it('a request whose assertions all hold passed, with its duration', () => {
    const verdict = verdictOf(outcomes[0]);
    assert.equal(verdict.kind, 'passed');
    assert.equal(typeof (verdict as { durationMs?: number }).durationMs, 'number');
    assert.match(outcomeLine(outcomes[0]), /^✔ Passes → 200 in \d+ ms: 1 of 1 checks passed$/);
  });

  it('a failing request lists each failing assertion on its line with the actual value, a diff only for ==', () => {
    const verdict = verdictOf(outcomes[1]);
    assert.equal(verdict.kind, 'failed');
    if (verdict.kind !== 'failed') return;
    assert.deepEqual(verdict.failures, [
      { message: 'expected body current_user.user_name == "nobody", was "admin"', line: 7, actual: '"admin"', expected: '"nobody"' },
      { message: 'expected body current_user.user_name contains zz, was "admin"', line: 8, actual: '"admin"' },
    ]);
    assert.match(outcomeLine(outcomes[1]), /^✘ Fails → 200 in \d+ ms: expected body current_user\.user_name == "nobody", was "admin"; expected/);
  });

  it('a request without assertions that the server refused failed, on its request line', () => {
    const verdict = verdictOf(outcomes[2]);
    assert.deepEqual(verdict.kind === 'failed' && verdict.failures, [{ message: 'expected an accepted answer (status < 400), was 404', line: 11, actual: '404' }]);
  });

  it('a request that could not be sent errored, with one sentence, on its request line', () => {
    const verdict = verdictOf(outcomes[3]);
    assert.equal(verdict.kind, 'errored');
    if (verdict.kind !== 'errored') return;
    assert.equal(verdict.line, 14);
    assert.match(verdict.message, /^After "status" comes an operator/);
    assert.match(outcomeLine(outcomes[3]), /^⚠ Malformed: After "status"/);
  });

  it('a request not sent because the run was cancelled is skipped', () => {
    const skipped: RequestOutcome = { ...outcomes[0], skipped: true, passed: false, status: undefined, timeMs: undefined, results: [] };
    assert.deepEqual(verdictOf(skipped), { kind: 'skipped' });
    assert.equal(outcomeLine(skipped), '– Passes: skipped (the run was cancelled)');
  });
});
