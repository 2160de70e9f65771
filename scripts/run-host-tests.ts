// CLI: node out/scripts/run-host-tests.js [--suite fixture|main] [--grep <text>] [--timeout <s>] [--keep] [--verbose] [--no-restart]
// Installs the VS Code host if needed (scripts/install-host.sh), then runs the chosen mocha suite
// inside a real extension host (test/host/runner/run.ts). See test/host/README.md.
//
// --suite main (npm run test:host) runs two phases on the same user data, browser profile,
// workspace and port (so the same browser origin):
//   1. out/test/host/suite: the contract, the rendered tree and status bar, the screenshot, the
//      in-host leak search; the seeded connection points at a simulator of THIS process (it
//      outlives the extension host) and is logged in, its token hashes handed over in a file;
//   2. out/test/host/suite-restart: a new extension host finds that connection still logged in
//      with the same token.
// Then, with the browser closed, it searches the user data and the browser profile (globalState
// lives in its IndexedDB) for every secret of the run (the suites write them to
// test-output/host/secrets.json, deleted afterwards), writes test-output/results/host.json and
// prints one `N passed, N failed` line for all of it.
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hostInstalled, installScript, projectRoot } from '../test/host/runner/paths';
import { runHostTests, type HostTestResult } from '../test/host/runner/run';
import { DEMO_USERS, startSimulator, type Simulator } from '../test/sim/index';
import { filesUnder, freePort } from './hostFiles';

interface Suite {
  extensionDevelopmentPath: string;
  suiteDir: string;
}

const suites: Record<string, Suite> = {
  fixture: {
    extensionDevelopmentPath: path.join(projectRoot, 'test', 'host', 'fixture-ext'),
    suiteDir: path.join(projectRoot, 'out', 'test', 'host', 'fixture-suite'),
  },
  main: {
    extensionDevelopmentPath: projectRoot,
    suiteDir: path.join(projectRoot, 'out', 'test', 'host', 'suite'),
  },
};
const restartSuiteDir = path.join(projectRoot, 'out', 'test', 'host', 'suite-restart');
const artifactsDir = path.join(projectRoot, 'test-output', 'host');
const resultsFile = path.join(projectRoot, 'test-output', 'results', 'host.json');

interface Args {
  suite: string;
  grep: string;
  timeoutS: number;
  keep: boolean;
  verbose: boolean;
  restart: boolean;
}

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error(
    'usage: node out/scripts/run-host-tests.js [--suite fixture|main] [--grep <text>] [--timeout <seconds per phase>] [--keep] [--verbose] [--no-restart]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    suite: 'main', grep: '', timeoutS: 0, keep: process.env.SUGAR_HOST_KEEP === '1', verbose: process.env.SUGAR_HOST_VERBOSE === '1', restart: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? usage(`${arg} needs a value`);
    if (arg === '--suite') a.suite = value();
    else if (arg.startsWith('--suite=')) a.suite = arg.slice(8);
    else if (arg === '--grep') a.grep = value();
    else if (arg === '--timeout') a.timeoutS = Number(value());
    else if (arg === '--keep') a.keep = true;
    else if (arg === '--verbose') a.verbose = true;
    else if (arg === '--no-restart') a.restart = false;
    else if (arg === '-h' || arg === '--help') usage();
    else usage(`unknown argument ${arg}`);
  }
  if (!suites[a.suite]) usage(`unknown suite ${a.suite}`);
  return a;
}


/** Every (file, secret) where the secret occurs as UTF-8 or UTF-16LE bytes (V8 / IndexedDB keep two-byte strings so). */
export function searchSecrets(dir: string, secrets: string[]): Array<{ file: string; secret: string }> {
  const needles = secrets.map((s) => ({ s, utf8: Buffer.from(s, 'utf8'), utf16: Buffer.from(s, 'utf16le') }));
  const found: Array<{ file: string; secret: string }> = [];
  for (const file of filesUnder(dir)) {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      continue;
    }
    for (const n of needles) if (data.includes(n.utf8) || data.includes(n.utf16)) found.push({ file, secret: n.s });
  }
  return found;
}

const mask = (s: string) => `${s.slice(0, 4)}…(${s.length} chars)`;

function readSecretsFile(secretsFile: string): string[] {
  try {
    return (JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as { secrets: string[] }).secrets;
  } catch {
    return [];
  }
}

interface Totals {
  passed: number;
  failed: number;
  pending: number;
}

function report(label: string, result: HostTestResult, verbose: boolean): void {
  for (const s of result.screenshots) console.log(`screenshot: ${path.relative(projectRoot, s)}`);
  if (result.exitCode !== 0) {
    if (result.error) console.log(`error: ${result.error}`);
    // The runner's and the server's last words, without the known noise and stack frames.
    const tail = result.fullLog.filter((l) => !l.startsWith('[host:') && !l.startsWith('[noise]') && !/open-vsx\.org|^\s+at /.test(l.split('\n')[0])).map((l) => l.split('\n')[0]).slice(-15);
    if (!verbose && tail.length) console.log(['--- last runner/server lines ---', ...tail].join('\n'));
  }
  console.log(`${label}: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''} in ${(result.durationMs / 1000).toFixed(1)} s`);
}

async function runFixture(args: Args): Promise<Totals & { ok: boolean }> {
  const suite = suites.fixture;
  const result = await runHostTests({
    extensionDevelopmentPath: suite.extensionDevelopmentPath,
    extensionTestsPath: path.join(projectRoot, 'out', 'test', 'host', 'mochaIndex.js'),
    env: { SUGAR_HOST_SUITE: suite.suiteDir, ...(args.grep ? { SUGAR_HOST_GREP: args.grep } : {}) },
    artifactsDir,
    timeoutMs: args.timeoutS > 0 ? args.timeoutS * 1000 : undefined,
    verbose: args.verbose,
  });
  report('fixture', result, args.verbose);
  const ok = result.exitCode === 0 && result.failed === 0;
  keepOrRemove(args, ok, result.tmpRoot, result.userDataDir, result.browserProfileDir);
  return { passed: result.passed, failed: result.failed, pending: result.pending, ok };
}

function keepOrRemove(args: Args, ok: boolean, tmpRoot: string, userDataDir: string, browserProfileDir: string): void {
  if (args.keep || !ok) {
    console.log(`kept: user data ${userDataDir}`);
    console.log(`kept: browser profile ${browserProfileDir}`);
    if (!args.keep) console.log('(temp folders are kept after a failure; remove them when done)');
  } else {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

async function runMain(args: Args): Promise<Totals & { ok: boolean }> {
  const suite = suites.main;
  const index = path.join(projectRoot, 'out', 'test', 'host', 'mochaIndex.js');
  const timeoutMs = args.timeoutS > 0 ? args.timeoutS * 1000 : 300_000;

  // A simulator in this process: it outlives the first extension host, so the restart phase
  // finds the session the first phase logged in. Every user's password is unlike its name (not
  // the demo's admin/admin), so that the leak search below skips none of them.
  const passwords = new Map(DEMO_USERS.map((u) => [u.userName, `${u.userName}Pw-${randomBytes(9).toString('hex')}`]));
  const seedPassword = passwords.get('sally')!;
  const shared: Simulator = await startSimulator({
    quiet: true,
    users: DEMO_USERS.map((u) => ({ ...u, password: passwords.get(u.userName)! })),
  });
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-host-'));
  const port = await freePort();
  // Outside the searched folders (user/, browser-profile/): it holds a password on purpose.
  const seedFile = path.join(tmpRoot, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify({
    connections: [{ name: 'Simulator (sally)', instanceUrl: shared.url, username: 'sally', password: seedPassword, rememberPassword: true, platform: 'custom_api' }],
    active: 'Simulator (sally)',
  }, null, 2), { mode: 0o600 });
  // The suites write these; in this run's folder (not test-output/), so that two runs side by
  // side do not read or delete each other's. Outside the searched folders too.
  const secretsFile = path.join(tmpRoot, 'secrets.json');
  const handoffFile = path.join(tmpRoot, 'restart-handoff.json');
  const env = {
    SUGAR_EXPLORER_SEED_FILE: seedFile,
    SUGAR_HOST_SHARED_SIM_URL: shared.url,
    SUGAR_HOST_SECRETS_FILE: secretsFile,
    SUGAR_HOST_HANDOFF_FILE: handoffFile,
  };

  const totals: Totals = { passed: 0, failed: 0, pending: 0 };
  const add = (r: { passed: number; failed: number; pending: number }) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
    totals.pending += r.pending;
  };
  let allOk = true;
  let last: HostTestResult | undefined;
  try {
    console.log(`host tests, phase 1: ${path.relative(projectRoot, suite.suiteDir)} (shared simulator ${shared.url}, code-server port ${port})`);
    const first = await runHostTests({
      extensionDevelopmentPath: suite.extensionDevelopmentPath,
      extensionTestsPath: index,
      env: { ...env, SUGAR_HOST_SUITE: suite.suiteDir, ...(args.grep ? { SUGAR_HOST_GREP: args.grep } : {}) },
      artifactsDir, timeoutMs, verbose: args.verbose, tmpRoot, port,
    });
    last = first;
    report('phase 1 (main suite)', first, args.verbose);
    add(first);
    allOk &&= first.exitCode === 0 && first.failed === 0;

    if (!args.restart) {
      console.log('phase 2 (restart): skipped (--no-restart)');
    } else if (!fs.existsSync(handoffFile)) {
      console.log('phase 2 (restart): skipped, phase 1 handed nothing over (its seed/restart test did not run or failed)');
      if (!args.grep) {
        totals.failed++;
        allOk = false;
      }
    } else {
      console.log('host tests, phase 2: the same user data and browser profile in a new extension host');
      const second = await runHostTests({
        extensionDevelopmentPath: suite.extensionDevelopmentPath,
        extensionTestsPath: index,
        env: { ...env, SUGAR_HOST_SUITE: restartSuiteDir },
        artifactsDir, timeoutMs, verbose: args.verbose, tmpRoot, port,
      });
      last = second;
      report('phase 2 (restart)', second, args.verbose);
      add(second);
      allOk &&= second.exitCode === 0 && second.failed === 0;
    }

    // The leak search, with the browser closed (its IndexedDB complete on disk).
    const secrets = [...new Set([...readSecretsFile(secretsFile), ...shared.issuedSecrets(), ...passwords.values()])].filter((s) => s.length >= 8);
    if (secrets.length < 10 && !args.grep) {
      console.log(`leak search: only ${secrets.length} secrets known (the suite wrote no ${secretsFile}?): counted as a failure`);
      totals.failed++;
      allOk = false;
    }
    // Proof the search reads globalState at all: the extension caches an instance's API version
    // there (key apiVersion:<url>), which must show up in the browser's IndexedDB.
    const idb = path.join(first.browserProfileDir, 'Default', 'IndexedDB');
    const control = searchSecrets(idb, [`apiVersion:${shared.url}`]).length > 0;
    console.log(`leak search: globalState (IndexedDB) is readable in plain text: ${control ? 'yes (the API-version cache entry of the shared simulator is there)' : 'not shown (no API-version cache entry found)'}`);
    for (const [what, dir] of [['user data (settings, logs, storage)', first.userDataDir], ['browser profile (globalState, localStorage, history)', first.browserProfileDir]] as const) {
      const files = filesUnder(dir).length;
      const found = searchSecrets(dir, secrets);
      if (found.length === 0 && files > 0) {
        totals.passed++;
        console.log(`leak search: ✔ none of ${secrets.length} secrets in ${files} files of the ${what}`);
      } else {
        totals.failed++;
        allOk = false;
        console.log(`leak search: ✖ ${files === 0 ? `no files in ${dir}` : `${found.length} hit(s) in the ${what}:`}`);
        for (const f of found) console.log(`  ${path.relative(tmpRoot, f.file)}: ${mask(f.secret)}`);
      }
    }
  } finally {
    fs.rmSync(secretsFile, { force: true });
    fs.rmSync(handoffFile, { force: true });
    await shared.close();
  }
  keepOrRemove(args, allOk, tmpRoot, last?.userDataDir ?? path.join(tmpRoot, 'user'), last?.browserProfileDir ?? path.join(tmpRoot, 'browser-profile'));
  return { ...totals, ok: allOk };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();

  if (!hostInstalled()) {
    const t = Date.now();
    const r = spawnSync('bash', [installScript], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`scripts/install-host.sh failed (exit ${r.status})`);
      return 1;
    }
    console.log(`(host install took ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  const suite = suites[args.suite];
  const needed = [path.join(projectRoot, 'out', 'test', 'host', 'mochaIndex.js'), suite.suiteDir, path.join(suite.extensionDevelopmentPath, 'package.json')];
  if (args.suite === 'main') needed.push(restartSuiteDir, path.join(projectRoot, 'dist', 'extension.js'));
  for (const f of needed) {
    if (!fs.existsSync(f)) {
      console.error(`${f} is missing (build and compile first: npm run build && npx tsc -p tsconfig.test.json)`);
      if (args.suite === 'main') writeResults({ passed: 0, failed: 1, pending: 0 });
      return 1;
    }
  }
  console.log(`host tests: suite ${args.suite}, extension ${path.relative(projectRoot, suite.extensionDevelopmentPath) || '.'}`);

  const totals = args.suite === 'main' ? await runMain(args) : await runFixture(args);
  if (args.suite === 'main') writeResults(totals);
  console.log(`host run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.pending ? `, ${totals.pending} pending` : ''}`);
  return totals.ok && totals.failed === 0 ? 0 : 1;
}

function writeResults(t: Totals): void {
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify({ suite: 'host', passed: t.passed, failed: t.failed, pending: t.pending }, null, 2) + '\n');
}

// Ctrl-C / kill: exit through process.exit so the runner's exit hooks end code-server
// (its own process group) and playwright ends the browser.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    if (parseArgs(process.argv.slice(2)).suite === 'main') writeResults({ passed: 0, failed: 1, pending: 0 });
    process.exit(1);
  },
);
