// `sugar-rest run` as a CI job runs it: the bundled command (built here by esbuild.js's buildCli,
// as `npm run build` builds dist/cli.js) in a child process, against the simulator in another.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, runCli, type SimProcess, startSimProcess } from '../support/childProcesses';
import { elements, parseXml, textOf } from '../support/xmlTree';

const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildCli } = require(join(root, 'esbuild.js')) as { buildCli(options: { outdir: string; production?: boolean }): Promise<{ inputs: Record<string, unknown> }> };

const USER = 'ci-admin';
const PASSWORD = 'ci-S3cret-pass-7731';
const CLIENT_SECRET = 'explorer-secret';

describe('sugar-rest run (child processes)', function () {
  this.timeout(60_000);
  let sim: SimProcess;
  let folder: string;
  let cli: string;
  /** Everything every run printed or wrote, searched for secrets at the end. */
  const seen: string[] = [];

  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    SUGAR_URL: sim.url,
    SUGAR_USERNAME: USER,
    SUGAR_PASSWORD: PASSWORD,
    SUGAR_CLIENT_ID: 'explorer-client',
    SUGAR_CLIENT_SECRET: CLIENT_SECRET,
    // As much logging as there is: a secret in any log line would show.
    SUGAR_LOG_LEVEL: 'trace',
    ...extra,
  });
  const run = async (args: string[], extraEnv: Record<string, string> = {}, onStdout?: Parameters<typeof runCli>[2]['onStdout']): Promise<CliRun> => {
    const result = await runCli(cli, args, { cwd: folder, env: env(extraEnv), onStdout });
    seen.push(result.stdout, result.stderr);
    return result;
  };
  const activeSessions = (): Promise<unknown[]> => sim.control<unknown[]>('GET', 'sessions');

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sugar-cli-test-'));
    const outdir = join(root, 'out', 'cli-bundle');
    const metafile = await buildCli({ outdir, production: true });
    assert.ok(!Object.keys(metafile.inputs).some((file) => file.includes('src/vscode') || file === 'src/extension.ts'), 'the CLI bundle holds extension code');
    cli = join(outdir, 'cli.js');
    assert.ok(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n'), 'the bin has no node shebang');
    sim = await startSimProcess(['--user', `${USER}:${PASSWORD}:admin`]);
    mkdirSync(join(folder, 'requests', 'nested'), { recursive: true });
    mkdirSync(join(folder, 'requests', 'node_modules'), { recursive: true });
    writeFileSync(join(folder, 'requests', 'me.sugar'), `### Who am I\nGET /me\n?? status == 200\n?? body current_user.user_name == "${USER}"\n\n### Accounts\nGET /Accounts?max_num=2\n?? body records.length > 0\n`);
    // The connection name is ignored (one connection, from the environment); the user is not.
    writeFileSync(join(folder, 'requests', 'nested', 'sudo.sugar'), '# @connection Production as jim\n### Jim\nGET /me\n?? body current_user.user_name == "jim"\n');
    writeFileSync(join(folder, 'requests', 'node_modules', 'ignored.sugar'), 'GET /never\n');
    writeFileSync(
      join(folder, 'failing.sugar'),
      [
        '### Missing record',
        'GET /Accounts/no-such-id',
        '?? status == 200',
        '?? header content-type contains json',
        '',
        // An answer that holds a secret, shown as an assertion's actual value: it must be masked everywhere.
        '### Echoes the password',
        'POST /Accounts',
        'Content-Type: application/json',
        '',
        `{"name": "${PASSWORD}"}`,
        '',
        '?? body name == "someone else"',
        '',
        '### As nobody',
        '# @connection X as nobody-here',
        'GET /me',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'hang.sugar'), '### Who am I\nGET /me\n\n### Hangs\nGET /Accounts/hang-here\n\n### Never reached\nGET /me\n');
  });
  after(async () => {
    await sim?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('runs every .sugar file of a folder, prints a line per request and a summary, exits 0 and logs out', async () => {
    const result = await run(['run', 'requests']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.ok(lines.includes('requests/me.sugar'), result.stdout);
    assert.ok(lines.includes('requests/nested/sudo.sugar'), result.stdout);
    assert.ok(!result.stdout.includes('ignored.sugar'), 'node_modules was searched');
    assert.match(result.stdout, /^ {2}✓ Who am I {2}200 {2}\d+ ms$/m);
    assert.match(result.stdout, /^ {2}✓ Jim {2}200 {2}\d+ ms$/m);
    assert.match(result.stdout, /^3 requests in 2 files: 3 passed, 0 failed \(/m);
    assert.match(result.stderr, /Logged out of /);
    assert.deepEqual(await activeSessions(), []);
  });

  it('sends as the user of "# @connection … as <user>" through a sudo session, ended at the end', async () => {
    const before = await sim.control<{ sudoIssued: number; logouts: number }>('GET', 'counters');
    const result = await run(['run', 'requests/nested/sudo.sugar']);
    assert.equal(result.code, 0, result.stderr);
    const after = await sim.control<{ sudoIssued: number; logouts: number }>('GET', 'counters');
    assert.equal(after.sudoIssued - before.sudoIssued, 1);
    // The sudo session and the admin session, each told.
    assert.equal(after.logouts - before.logouts, 2);
    assert.deepEqual(await activeSessions(), []);
  });

  it('exits 1 on a failed request and writes JUnit XML: a testsuite per file, a testcase per request, failure and error', async () => {
    const result = await run(['run', 'failing.sugar', 'requests/me.sugar', '--reporter', 'junit', '--output', 'reports/sugar.xml']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^ {2}✗ Missing record {2}404 {2}\d+ ms\n {6}✗ status == 200 {2}\(actual: 404\)\n {2}✗ Echoes the password/m);
    assert.match(result.stdout, /^ {2}! As nobody {2}not sent: /m);
    assert.match(result.stdout, /^ {6}✗ body name == "someone else" {2}\(actual: "•••"\)$/m);
    const xml = readFileSync(join(folder, 'reports', 'sugar.xml'), 'utf8');
    seen.push(xml);
    const [suites] = elements(parseXml(xml), 'testsuites');
    assert.deepEqual({ ...suites.attribs, time: undefined }, { name: 'sugar-rest', tests: '5', failures: '2', errors: '1', skipped: '0', time: undefined });
    const files = elements(suites, 'testsuite');
    assert.deepEqual(files.map((suite) => [suite.attribs.name, suite.attribs.tests]), [['failing.sugar', '3'], ['requests/me.sugar', '2']]);
    const cases = elements(files[0], 'testcase');
    assert.deepEqual(cases.map((c) => [c.attribs.name, c.attribs.classname, c.attribs.line]), [['Missing record', 'failing.sugar', '2'], ['Echoes the password', 'failing.sugar', '7'], ['As nobody', 'failing.sugar', '16']]);
    assert.match(cases[0].attribs.time, /^\d+\.\d{3}$/);
    const [failure] = elements(cases[0], 'failure');
    assert.equal(failure.attribs.message, 'status == 200 (actual: 404)');
    assert.match(textOf(failure), /^GET \/Accounts\/no-such-id → HTTP 404\n✗ status == 200 \(actual: 404\)$/);
    assert.equal(elements(cases[1], 'failure')[0].attribs.message, 'body name == "someone else" (actual: "•••")');
    const [error] = elements(cases[2], 'error');
    assert.ok(error.attribs.message.length > 0);
    assert.deepEqual(elements(files[1], 'testcase').map((c) => c.children.length), [0, 0]);
    assert.deepEqual(await activeSessions(), []);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`on ${signal} aborts the running request, logs out, reports the rest as not run and exits ${code}`, async () => {
      const faulted = async (): Promise<number> => (await sim.control<{ requests: Record<string, number> }>('GET', 'counters')).requests.faulted ?? 0;
      const before = await faulted();
      await sim.control('POST', 'faults', { type: 'hang', pathIncludes: 'hang-here', times: 1 });
      let interrupting = false;
      const result = await run(['run', 'hang.sugar', '--reporter', 'junit', '--output', 'interrupted.xml'], {}, (stdout, child) => {
        if (interrupting || !stdout.includes('✓ Who am I')) return;
        interrupting = true;
        // Once the simulator holds the hanging request: the runner is waiting on it.
        void (async () => {
          while ((await faulted()) === before) await new Promise((resolve) => setTimeout(resolve, 20));
          child.kill(signal);
        })();
      });
      assert.equal(result.code, code, result.stderr);
      assert.match(result.stdout, new RegExp(`interrupted by ${signal}`));
      assert.match(result.stderr, /Logged out of /);
      assert.deepEqual(await activeSessions(), []);
      const xml = readFileSync(join(folder, 'interrupted.xml'), 'utf8');
      seen.push(xml);
      assert.match(xml, new RegExp(`<testcase name="Never reached"[^>]*>\\s*<skipped message="interrupted by ${signal}"/>`));
      // The request in flight was stopped, not failed: skipped too.
      assert.match(xml, /<testsuites name="sugar-rest" tests="3" failures="0" errors="0" skipped="2"/);
    });
  }

  it('with --bail sends nothing after the first failure and reports the rest skipped', async () => {
    const result = await run(['run', 'failing.sugar', 'requests/me.sugar', '--bail']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^ {2}- As nobody {2}skipped: --bail: an earlier request failed$/m);
    assert.match(result.stdout, /^ {2}- Who am I {2}skipped: --bail/m);
    assert.match(result.stdout, /^5 requests in 2 files: 0 passed, 1 failed, 4 skipped/m);
  });

  it('names the missing variables in one sentence and exits 2, before reading any file', async () => {
    const result = await runCli(cli, ['run', 'requests'], { cwd: folder, env: { SUGAR_URL: sim.url, SUGAR_USERNAME: USER } });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim(), 'Set SUGAR_PASSWORD in the environment: the runner takes its connection from SUGAR_URL, SUGAR_USERNAME and SUGAR_PASSWORD (see --help).');
  });

  it('exits 2 with a sentence for a wrong password, an unknown option, a folder as the report and a path that does not exist', async () => {
    const login = await run(['run', 'requests'], { SUGAR_PASSWORD: 'wrong-password-123' });
    assert.equal(login.code, 2);
    assert.match(login.stderr, /^Could not log in to .* as ci-admin: /m);
    const option = await run(['run', 'requests', '--colour']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /^Unknown option --colour: sugar-rest run/m);
    const folderAsReport = await run(['run', 'requests', '--reporter', 'junit', '--output', 'requests']);
    assert.equal(folderAsReport.code, 2);
    assert.match(folderAsReport.stderr, /^--output .*requests is a folder: name a file\.$/m);
    assert.ok(!folderAsReport.stderr.includes('Logged in'), 'it logged in before checking its arguments');
    const missing = await run(['run', 'nowhere']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^nowhere: no such file or folder\.$/m);
  });

  it('says on stderr that TLS certificates are not checked with --insecure, and refuses the self-signed instance without it', async () => {
    const insecure = await run(['run', 'requests/me.sugar', '--insecure'], { SUGAR_URL: sim.httpsUrl });
    assert.equal(insecure.code, 0, insecure.stderr);
    assert.match(insecure.stderr, /TLS certificates of .* are not checked/);
    const refused = await run(['run', 'requests/me.sugar'], { SUGAR_URL: sim.httpsUrl });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /certificate/i);
  });

  it('prints --help (naming every variable) and --version', async () => {
    const help = await runCli(cli, ['--help'], { cwd: folder, env: {} });
    assert.equal(help.code, 0);
    for (const name of ['SUGAR_URL', 'SUGAR_USERNAME', 'SUGAR_PASSWORD', 'SUGAR_PLATFORM', 'SUGAR_CLIENT_ID', 'SUGAR_CLIENT_SECRET', 'SUGAR_API_VERSION']) assert.ok(help.stdout.includes(name), name);
    assert.match(help.stdout, /the name is ignored/);
    const version = await runCli(cli, ['--version'], { cwd: folder, env: {} });
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('never printed or wrote the password, the client secret or a token the simulator issued', async () => {
    const issued = await sim.control<string[]>('GET', 'secrets');
    assert.ok(issued.length >= 10, `the runs above issued tokens (${issued.length})`);
    const everything = seen.join('\n');
    assert.ok(everything.length > 1000);
    for (const secret of [PASSWORD, CLIENT_SECRET, ...issued]) assert.ok(!everything.includes(secret), `a secret was printed: ${secret.slice(0, 4)}…`);
  });
});
