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
    sim = await startSimProcess(['--user', `${USER}:${PASSWORD}:admin`]);
    mkdirSync(join(folder, 'requests', 'nested'), { recursive: true });
    mkdirSync(join(folder, 'requests', 'node_modules'), { recursive: true });
    writeFileSync(join(folder, 'requests', 'me.sugar'), '### Who am I\nGET /me\n\n### Accounts\nGET /Accounts?max_num=2\n');
    writeFileSync(join(folder, 'requests', 'nested', 'sudo.sugar'), '# @connection Production as jim\n### Jim\nGET /me\n');
    writeFileSync(join(folder, 'requests', 'node_modules', 'ignored.sugar'), 'GET /never\n');
    writeFileSync(join(folder, 'failing.sugar'), '### Missing record\nGET /Accounts/no-such-id\n\n### As nobody\n# @connection X as nobody-here\nGET /me\n');
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
    const result = await run(['run', 'failing.sugar', 'requests/me.sugar', '--reporter', 'junit', '--output', 'report.xml']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^ {2}✗ Missing record {2}404 {2}\d+ ms$/m);
    assert.match(result.stdout, /^ {2}! As nobody {2}not sent: /m);
    const xml = readFileSync(join(folder, 'report.xml'), 'utf8');
    seen.push(xml);
    const [suites] = elements(parseXml(xml), 'testsuites');
    assert.deepEqual({ ...suites.attribs, time: undefined }, { name: 'sugar-rest', tests: '4', failures: '1', errors: '1', skipped: '0', time: undefined });
    const files = elements(suites, 'testsuite');
    assert.deepEqual(files.map((suite) => [suite.attribs.name, suite.attribs.tests]), [['failing.sugar', '2'], ['requests/me.sugar', '2']]);
    const cases = elements(files[0], 'testcase');
    assert.deepEqual(cases.map((c) => [c.attribs.name, c.attribs.classname, c.attribs.line]), [['Missing record', 'failing.sugar', '2'], ['As nobody', 'failing.sugar', '6']]);
    assert.match(cases[0].attribs.time, /^\d+\.\d{3}$/);
    const [failure] = elements(cases[0], 'failure');
    assert.match(textOf(failure), /404/);
    const [error] = elements(cases[1], 'error');
    assert.ok(error.attribs.message.length > 0);
    assert.deepEqual(elements(files[1], 'testcase').map((c) => c.children.length), [0, 0]);
    assert.deepEqual(await activeSessions(), []);
  });

  it('on SIGINT aborts the running request, logs out, reports the rest as not run and exits 130', async () => {
    await sim.control('POST', 'faults', { type: 'hang', pathIncludes: 'hang-here', times: 1 });
    let interrupted = false;
    const result = await run(['run', 'hang.sugar', '--reporter', 'junit', '--output', 'interrupted.xml'], {}, (stdout, child) => {
      if (!interrupted && stdout.includes('✓ Who am I')) {
        interrupted = true;
        // The hanging request is under way once the first line is out (the requests go in order).
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stdout, /interrupted by SIGINT/);
    assert.match(result.stderr, /Logged out of /);
    assert.deepEqual(await activeSessions(), []);
    const xml = readFileSync(join(folder, 'interrupted.xml'), 'utf8');
    seen.push(xml);
    assert.match(xml, /<testcase name="Never reached"[^>]*>\s*<skipped/);
  });

  it('names the missing variables in one sentence and exits 2, before reading any file', async () => {
    const result = await runCli(cli, ['run', 'requests'], { cwd: folder, env: { SUGAR_URL: sim.url, SUGAR_USERNAME: USER } });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim(), 'Set SUGAR_PASSWORD in the environment: the runner takes its connection from SUGAR_URL, SUGAR_USERNAME and SUGAR_PASSWORD (see --help).');
  });

  it('exits 2 with a sentence for a wrong password, an unknown option and a path that does not exist', async () => {
    const login = await run(['run', 'requests'], { SUGAR_PASSWORD: 'wrong-password-123' });
    assert.equal(login.code, 2);
    assert.match(login.stderr, /^Could not log in to .* as ci-admin: /m);
    const option = await run(['run', 'requests', '--colour']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /^Unknown option --colour: sugar-rest run/m);
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
