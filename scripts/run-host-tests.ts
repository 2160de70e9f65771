// CLI: node out/scripts/run-host-tests.js [--suite fixture|main] [--grep <text>] [--timeout <s>] [--keep] [--verbose]
// Installs the VS Code host if needed (scripts/install-host.sh), then runs the chosen mocha suite
// inside a real extension host (test/host/runner/run.ts). See test/host/README.md.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { hostInstalled, installScript, projectRoot } from '../test/host/runner/paths';
import { runHostTests } from '../test/host/runner/run';

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

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error(
    'usage: node out/scripts/run-host-tests.js [--suite fixture|main] [--grep <text>] [--timeout <seconds>] [--keep] [--verbose]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const a = { suite: 'main', grep: '', timeoutS: 0, keep: process.env.SUGAR_HOST_KEEP === '1', verbose: process.env.SUGAR_HOST_VERBOSE === '1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? usage(`${arg} needs a value`);
    if (arg === '--suite') a.suite = value();
    else if (arg.startsWith('--suite=')) a.suite = arg.slice(8);
    else if (arg === '--grep') a.grep = value();
    else if (arg === '--timeout') a.timeoutS = Number(value());
    else if (arg === '--keep') a.keep = true;
    else if (arg === '--verbose') a.verbose = true;
    else if (arg === '-h' || arg === '--help') usage();
    else usage(`unknown argument ${arg}`);
  }
  if (!suites[a.suite]) usage(`unknown suite ${a.suite}`);
  return a;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const suite = suites[args.suite];

  if (!hostInstalled()) {
    const t = Date.now();
    const r = spawnSync('bash', [installScript], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`scripts/install-host.sh failed (exit ${r.status})`);
      return 1;
    }
    console.log(`(host install took ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  const index = path.join(projectRoot, 'out', 'test', 'host', 'mochaIndex.js');
  for (const f of [index, suite.suiteDir, path.join(suite.extensionDevelopmentPath, 'package.json')]) {
    if (!fs.existsSync(f)) {
      console.error(`${f} is missing (compile first: npx tsc -p tsconfig.test.json)`);
      return 1;
    }
  }

  const artifactsDir = path.join(projectRoot, 'test-output', 'host');
  console.log(`host tests: suite ${args.suite} (${path.relative(projectRoot, suite.suiteDir)}), extension ${path.relative(projectRoot, suite.extensionDevelopmentPath) || '.'}`);
  const result = await runHostTests({
    extensionDevelopmentPath: suite.extensionDevelopmentPath,
    extensionTestsPath: index,
    env: {
      SUGAR_HOST_SUITE: suite.suiteDir,
      ...(args.grep ? { SUGAR_HOST_GREP: args.grep } : {}),
    },
    artifactsDir,
    timeoutMs: args.timeoutS > 0 ? args.timeoutS * 1000 : undefined,
    verbose: args.verbose,
  });

  for (const s of result.screenshots) console.log(`screenshot: ${path.relative(projectRoot, s)}`);
  if (result.exitCode !== 0) {
    if (result.error) console.log(`error: ${result.error}`);
    const tail = result.fullLog.filter((l) => !l.startsWith('[host:')).slice(-25);
    if (!args.verbose && tail.length) console.log(['--- last runner/server lines ---', ...tail].join('\n'));
  }
  if (args.keep || result.exitCode !== 0) {
    console.log(`kept: user data ${result.userDataDir}`);
    console.log(`kept: browser profile ${result.browserProfileDir}`);
    if (!args.keep) console.log('(temp folders are kept after a failure; remove them when done)');
  } else {
    fs.rmSync(result.tmpRoot, { recursive: true, force: true });
  }
  console.log(`host run took ${(result.durationMs / 1000).toFixed(1)} s`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return result.exitCode === 0 && result.failed === 0 ? 0 : 1;
}

// Ctrl-C / kill: exit through process.exit so the runner's exit hooks end code-server
// (its own process group) and playwright ends the browser.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
