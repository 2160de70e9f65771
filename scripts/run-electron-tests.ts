// npm run test:electron — the host suite in the desktop (Electron) extension host through
// @vscode/test-electron, for machines with internet: it downloads VS Code on first use (into
// .vscode-test/). Where the download fails (no internet, as on the CI machines) it says so and
// exits 2; `npm run test:host` runs the same suite offline in code-server instead.
//
// Two phases like test:host: the main suite, then the restart suite in a new VS Code on the same
// user data. Tests that read the rendered workbench skip (no workbench driver here).
//   node out/scripts/run-electron-tests.js [--version <vscode version|stable>] [--grep <text>] [--no-restart]
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { DEMO_USERS, startSimulator } from '../test/sim/index';

const projectRoot = path.resolve(__dirname, '..', '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const version = option('--version') ?? process.env.SUGAR_VSCODE_VERSION ?? 'stable';
  const grep = option('--grep');
  const restart = !process.argv.includes('--no-restart');
  const index = path.join(projectRoot, 'out', 'test', 'host', 'mochaIndex.js');
  for (const f of [index, path.join(projectRoot, 'dist', 'extension.js')]) {
    if (!fs.existsSync(f)) {
      console.error(`${f} is missing (npm run build && npx tsc -p tsconfig.test.json)`);
      return 1;
    }
  }

  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 30_000, cachePath: path.join(projectRoot, '.vscode-test') });
  } catch (e) {
    console.error(
      [
        `test:electron: could not download VS Code ${version} (${(e as Error).message}).`,
        '@vscode/test-electron needs internet on first use (update.code.visualstudio.com).',
        'Without internet, run the same suite in code-server instead: npm run test:host',
      ].join('\n'),
    );
    return 2;
  }

  const seedPassword = `SeedPw-${randomBytes(9).toString('hex')}`;
  const shared = await startSimulator({ quiet: true, users: DEMO_USERS.map((u) => (u.userName === 'sally' ? { ...u, password: seedPassword } : u)) });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-electron-'));
  const userDataDir = path.join(tmp, 'user');
  const artifacts = path.join(projectRoot, 'test-output', 'electron');
  fs.mkdirSync(artifacts, { recursive: true });
  const seedFile = path.join(tmp, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify({
    connections: [{ name: 'Simulator (sally)', instanceUrl: shared.url, username: 'sally', password: seedPassword, rememberPassword: true, platform: 'custom_api' }],
  }), { mode: 0o600 });
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const env = {
    SUGAR_EXPLORER_SEED_FILE: seedFile,
    SUGAR_HOST_SHARED_SIM_URL: shared.url,
    SUGAR_HOST_USER_DATA_DIR: userDataDir,
    SUGAR_HOST_ARTIFACTS: artifacts,
    SUGAR_HOST_SECRETS_FILE: path.join(tmp, 'secrets.json'),
    SUGAR_HOST_HANDOFF_FILE: path.join(tmp, 'restart-handoff.json'),
    ...(grep ? { SUGAR_HOST_GREP: grep } : {}),
  };
  const launchArgs = [
    workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
    `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(tmp, 'exts')}`,
    // Linux machines without a keyring: SecretStorage would otherwise ask how to store secrets.
    ...(process.platform === 'linux' ? ['--password-store=basic'] : []),
  ];

  let failed = 0;
  try {
    const phases: Array<[string, string]> = [['main', path.join(projectRoot, 'out', 'test', 'host', 'suite')]];
    if (restart) phases.push(['restart', path.join(projectRoot, 'out', 'test', 'host', 'suite-restart')]);
    for (const [name, suite] of phases) {
      console.log(`test:electron: ${name} suite in VS Code ${version}`);
      try {
        await runTests({
          vscodeExecutablePath,
          extensionDevelopmentPath: projectRoot,
          extensionTestsPath: index,
          launchArgs,
          extensionTestsEnv: { ...env, SUGAR_HOST_SUITE: suite },
        });
      } catch (e) {
        failed++;
        console.error(`test:electron: the ${name} suite failed (${(e as Error).message})`);
      }
    }
  } finally {
    fs.rmSync(path.join(tmp, 'secrets.json'), { force: true });
    await shared.close();
    if (failed === 0) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept: ${tmp}`);
  }
  console.log(failed === 0 ? 'test:electron: all suites passed' : `test:electron: ${failed} suite(s) failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
