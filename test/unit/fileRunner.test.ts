/**
 * Running a whole `.sugar` file against the simulator over real sockets: chaining {{variables}},
 * assertions, requests that cannot be sent, transport failures, cancelling, and sudo requests.
 */
import assert from 'node:assert/strict';
import { type FileRunDeps, type RequestOutcome, runRequestFile, summaryOf } from '../../src/core/checks/fileRunner';
import { engineSender } from '../../src/core/checks/sessionSend';
import { parseFileVariables } from '../../src/core/explore/fileVariables';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { sudoSessionId } from '../../src/core/session/sessionState';
import { makeWorld, needsSimulator, type World } from '../support/world';

describe('running a request file', function () {
  this.timeout(20000);
  let world: World;
  let connectionName: string;
  const sent: string[] = [];

  /** As the extension and the CLI do: each request through its session (sudo when the file says so). */
  const deps: FileRunDeps = {
    send(request, resolved, signal) {
      sent.push(`${request.connection?.sudoUser ?? 'admin'} ${resolved.method} ${resolved.path}`);
      const through = engineSender(world.engine, ({ connection }) => (connection?.sudoUser ? sudoSessionId(world.connectionId, connection.sudoUser) : world.connectionId));
      return through.send(request, resolved, signal);
    },
  };

  before(async function () {
    needsSimulator(this, 'uses the demo users and injected faults');
    world = await makeWorld();
    await world.engine.login(world.connectionId);
    connectionName = (await world.profiles.get(world.connectionId))!.name;
  });
  after(async () => world?.close());
  beforeEach(() => {
    sent.length = 0;
    world?.sim?.clearFaults();
  });

  it('chains variables from each JSON answer to the next requests and checks every assertion', async () => {
    const file = [
      '### Create',
      'POST /Accounts',
      'Content-Type: application/json',
      '',
      '{"name": "Chained Inc"}',
      '',
      '?? status == 200',
      '?? body id exists',
      '',
      '### Read it back',
      'GET /Accounts/{{id}}',
      '?? body name == "Chained Inc"',
      '?? header content-type contains json',
      '?? status == 404',
      '###',
      'GET /Accounts/{{id}}/nothing-here',
      '',
      '### Malformed',
      'GET /ping',
      '?? status is 200',
      '',
      '### Unknown variable',
      'GET /Accounts/{{nope}}',
      '###',
      'GET /ping',
    ].join('\n');
    const seen: number[] = [];
    const outcomes = await runRequestFile(parseRequestFile(file), deps, { onOutcome: (outcome) => seen.push(outcome.index) });
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5]);
    const [create, read, nothing, malformed, unknown, ping] = outcomes;
    assert.equal(create.passed, true, JSON.stringify(create.results.map((r) => r.message)));
    const id = /"([^"]+)"/.exec(create.results[1].actual)?.[1];
    assert.ok(id);
    assert.equal(sent[1], `admin GET /Accounts/${id}`);
    assert.deepEqual(
      read.results.map((result) => [result.passed, result.message]),
      [
        [true, 'body name == "Chained Inc": passed, was "Chained Inc"'],
        [true, 'header content-type contains json: passed, was "application/json"'],
        [false, 'expected status == 404, was 200'],
      ],
    );
    assert.equal(read.passed, false);
    // No assertions: a test of such a request is that it got an answer below 400.
    assert.deepEqual([nothing.status, nothing.passed, nothing.results], [404, false, []]);
    assert.deepEqual(summaryOf(nothing), { name: `GET /Accounts/{{id}}/nothing-here`, status: 404, passed: false, failures: [{ assertion: 'status < 400', actual: '404' }] });
    assert.deepEqual(summaryOf(read), { name: 'Read it back', status: 200, passed: false, failures: [{ assertion: 'status == 404', actual: '200' }] });
    assert.equal(malformed.passed, false);
    assert.match(malformed.error!, /^After "status" comes an operator/);
    assert.equal(unknown.error, 'Nothing defines {{nope}}: add a line "@nope = value" above the request, or send the request whose response provides it first.');
    assert.deepEqual([ping.status, ping.passed], [200, true]);
    // Neither the malformed request nor the one with an unknown variable was sent.
    assert.equal(sent.length, 4);
  });

  it('fills the file\'s own `@name = value` variables (before the previous answer\'s) in path, headers and body', async () => {
    const file = [
      '@module = Accounts',
      '@account = Variables Inc',
      '### Create',
      'POST /{{module}}',
      'Content-Type: application/json',
      '',
      '{"name": "{{account}}"}',
      '?? status == 200',
      '### Read it back',
      'GET /{{module}}/{{id}}',
      '?? body name == "Variables Inc"',
      '### Undefined',
      'GET /{{nowhere}}',
    ].join('\n');
    const outcomes = await runRequestFile(parseRequestFile(file), deps, { fileVariables: parseFileVariables(file) });
    assert.deepEqual(outcomes.map((outcome) => outcome.passed), [true, true, false]);
    assert.match(sent[0], /^admin POST \/Accounts$/);
    assert.match(sent[1], /^admin GET \/Accounts\/[\w-]+$/);
    assert.match(outcomes[2].error ?? '', /Nothing defines \{\{nowhere\}\}/);
    assert.equal(sent.length, 2);
  });

  it('reports a transport failure on its request and goes on with the next', async () => {
    world.sim!.injectFault({ type: 'reset', pathIncludes: '/ping', times: 1 });
    const outcomes = await runRequestFile(parseRequestFile('GET /ping\n?? status == 200\n###\nGET /me\n?? status == 200'), deps);
    assert.equal(outcomes[0].passed, false);
    assert.ok(outcomes[0].error);
    assert.equal(outcomes[0].status, undefined);
    assert.equal(outcomes[1].passed, true);
  });

  it('stops at once when cancelled: the request in flight and the rest are skipped', async () => {
    // The second request hangs on the server until the run is cancelled.
    world.sim!.injectFault({ type: 'hang', pathIncludes: '/ping', times: 1 });
    const controller = new AbortController();
    const file = 'GET /me\n?? status == 200\n###\nGET /ping\n###\nGET /me\n###\nGET /me';
    const outcomes: RequestOutcome[] = [];
    const run = runRequestFile(parseRequestFile(file), deps, {
      signal: controller.signal,
      onOutcome: (outcome) => {
        outcomes.push(outcome);
      },
    });
    // Cancelled once the hanging request has been sent.
    const cancel = setInterval(() => {
      if (sent.length === 2) controller.abort();
    }, 10);
    const result = await run.finally(() => clearInterval(cancel));
    assert.deepEqual(result.map((o) => [o.index, o.passed, o.skipped ?? false]), [
      [0, true, false],
      [1, false, true],
      [2, false, true],
      [3, false, true],
    ]);
    assert.equal(result[1].error, undefined);
    assert.deepEqual(sent, ['admin GET /me', 'admin GET /ping']);
    assert.deepEqual(outcomes, result);
    assert.equal(summaryOf(result[2]).skipped, true);
  });

  it('sends a `# @connection X as jim` request as jim, who sees what jim sees', async () => {
    const file = [
      `# @connection ${connectionName}`,
      '### Admin',
      'GET /me',
      '?? body current_user.user_name == admin',
      '?? body current_user.type == admin',
      '',
      `# @connection ${connectionName} as jim`,
      '### Jim',
      'GET /me',
      '?? body current_user.user_name == jim',
      '?? body current_user.type == admin',
      '',
      '### Jim may not create users',
      'POST /Users',
      'Content-Type: application/json',
      '',
      '{"user_name": "eve"}',
      '?? status == 403',
    ].join('\n');
    const [admin, jim, create] = await runRequestFile(parseRequestFile(file), deps);
    assert.equal(admin.passed, true, JSON.stringify(admin.results.map((r) => r.message)));
    assert.equal(jim.error, undefined);
    assert.deepEqual(jim.results.map((r) => [r.passed, r.actual]), [[true, '"jim"'], [false, '"user"']]);
    assert.equal(create.passed, true, JSON.stringify(create.results.map((r) => r.message)));
    assert.deepEqual(sent, ['admin GET /me', 'jim GET /me', 'jim POST /Users']);
    // The sudo session was started for the file, once.
    assert.deepEqual(world.engine.state(world.connectionId).sudo.map((entry) => entry.userName), ['jim']);
  });
});
