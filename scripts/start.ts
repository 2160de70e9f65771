// npm start: the extension in a real VS Code (code-server) in your browser, next to a Sugar
// simulator, with demo connections already added — nobody types anything.
//
//   node out/scripts/start.js [--host 127.0.0.1|0.0.0.0] [--port <code-server port>] [--sim-port <port>]
//                             [--no-package] [--check] [--fresh]
//
// 1. installs the VS Code host when missing (scripts/install-host.sh: Node 24, code-server, chromium)
// 2. packages the extension (scripts/package.js: vsce, which builds dist/ in production mode)
//    and installs the .vsix into .vscode-host/start/exts
// 3. starts the simulator (HTTP 8080 / HTTPS 8443 when free) and writes the demo seed
//    (.vscode-host/start/seed.json: "Simulator (admin)" admin/admin and "Simulator (jim)" jim/jim,
//    platform custom_api, passwords remembered)
// 4. starts code-server (port 8000 when free) with SUGAR_EXPLORER_SEED_FILE in its environment
// 5. prints the URL to open; stays up until Ctrl-C, then stops both.
// --check: opens the URL in headless chromium, waits for the seeded connection in the Sugar view,
//          logs it in through the row's inline "Log In" action,
//          saves test-output/start/start.png, prints the timings and exits (0 when all was there).
// --fresh: forget the server-side state of earlier starts (.vscode-host/start/user).
// The connections themselves live in the browser (VS Code web keeps SecretStorage there, per
// origin): keep the same port to find them again.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { launchBrowser } from '../test/host/runner/browser';
import { startCodeServer, type CodeServer } from '../test/host/runner/codeServer';
import { codeServerEntry, hostDir, hostInstalled, installScript, nodeBin, projectRoot } from '../test/host/runner/paths';
import { startSimulator, type Simulator } from '../test/sim/index';

interface Args {
  host: string;
  port?: number;
  simPort?: number;
  packageIt: boolean;
  check: boolean;
  fresh: boolean;
}

const USAGE = 'usage: npm start -- [--host 127.0.0.1|0.0.0.0] [--port <n>] [--sim-port <n>] [--no-package] [--check] [--fresh]';

function parseArgs(argv: string[]): Args {
  const a: Args = { host: '127.0.0.1', packageIt: true, check: false, fresh: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--host') a.host = value();
    else if (arg === '--port') a.port = Number(value());
    else if (arg === '--sim-port') a.simPort = Number(value());
    else if (arg === '--no-package') a.packageIt = false;
    else if (arg === '--check') a.check = true;
    else if (arg === '--fresh') a.fresh = true;
    else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return a;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host }, () => probe.close(() => resolve(true)));
  });
}

async function pickPort(preferred: number, host: string): Promise<number> {
  if (await isFree(preferred, host)) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ port: 0, host }, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function step(text: string): void {
  console.log(`▸ ${text}`);
}

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const startDir = path.join(hostDir, 'start');
  const extensionsDir = path.join(startDir, 'exts');
  const userDataDir = path.join(startDir, 'user');
  const workspace = path.join(startDir, 'workspace');
  const vsix = path.join(startDir, 'sugar-rest-explorer.vsix');

  // 1. The host.
  if (!hostInstalled()) {
    step('installing the VS Code host (code-server on Node 24, chromium): about two minutes, once');
    const r = spawnSync('bash', [installScript], { stdio: 'inherit' });
    if (r.status !== 0) return fail(`scripts/install-host.sh failed (exit ${r.status})`);
  }
  if (args.fresh) fs.rmSync(userDataDir, { recursive: true, force: true });
  for (const d of [startDir, extensionsDir, userDataDir, workspace]) fs.mkdirSync(d, { recursive: true });

  // 2. Package and install the extension.
  if (args.packageIt || !fs.existsSync(vsix)) {
    step('building and packaging the extension');
    const t = Date.now();
    const r = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'package.js'), '--out', vsix], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) {
      process.stdout.write(r.stdout ?? '');
      return fail('packaging failed (see above)');
    }
    const sizeLine = (r.stdout ?? '').trim().split('\n').pop();
    console.log(`  ${sizeLine} (${secs(Date.now() - t)})`);
  }
  {
    step('installing it into code-server');
    const t = Date.now();
    const r = spawnSync(
      nodeBin,
      [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
      {
        encoding: 'utf8',
        env: { ...process.env, XDG_CONFIG_HOME: path.join(startDir, 'xdg-config'), XDG_DATA_HOME: path.join(startDir, 'xdg-data') },
      },
    );
    if (r.status !== 0) {
      process.stdout.write(`${r.stdout}${r.stderr}`);
      return fail('code-server --install-extension failed');
    }
    console.log(`  ${(r.stdout || '').trim().split('\n').filter((l) => /install/i.test(l)).pop() ?? 'installed'} (${secs(Date.now() - t)})`);
  }

  // 3. The simulator and the seed.
  const simHost = args.host;
  const simPort = args.simPort ?? (await pickPort(8080, simHost));
  const httpsPort = await pickPort(8443, simHost);
  const sim: Simulator = await startSimulator({ host: simHost, port: simPort, httpsPort, quiet: true });
  // A connection keeps its URL: when the simulator cannot have its usual port, the seeded names
  // say which port they are for, so they do not collide with the ones of an earlier start.
  const suffix = simPort === 8080 ? '' : ` :${simPort}`;
  const seedFile = path.join(startDir, 'seed.json');
  const seed = {
    connections: [
      { name: `Simulator (admin)${suffix}`, instanceUrl: sim.url, username: 'admin', password: 'admin', rememberPassword: true, platform: 'custom_api' },
      { name: `Simulator (jim)${suffix}`, instanceUrl: sim.url, username: 'jim', password: 'jim', rememberPassword: true, platform: 'custom_api' },
    ],
    active: `Simulator (admin)${suffix}`,
  };
  fs.writeFileSync(seedFile, JSON.stringify(seed, null, 2) + '\n', { mode: 0o600 });

  // 4. code-server.
  let server: CodeServer | undefined;
  const stopAll = async () => {
    await server?.stop().catch(() => undefined);
    await sim.close().catch(() => undefined);
  };
  try {
    const port = args.port ?? (await pickPort(8000, args.host));
    step(`starting code-server on ${args.host}:${port}`);
    server = await startCodeServer({
      tmpRoot: startDir,
      host: args.host,
      port,
      noTestDriver: true,
      env: { SUGAR_EXPLORER_SEED_FILE: seedFile },
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
      startTimeoutMs: 60_000,
    });
  } catch (e) {
    await stopAll();
    return fail(`code-server did not start: ${(e as Error).message}`);
  }
  const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}`;
  const upAfter = Date.now() - started;

  console.log('');
  console.log('Sugar REST Explorer is running.');
  console.log(`  Open in a browser:   ${url}`);
  if (args.host === '0.0.0.0') {
    for (const ip of lanAddresses()) console.log(`                       ${url.replace('127.0.0.1', ip)}`);
    console.log('  Warning: code-server runs without a password (--auth none); anyone who can reach this port gets an editor and a terminal on this machine.');
  }
  console.log('  The Sugar icon in the activity bar shows the seeded connections; right-click one to log in, sudo, copy tokens.');
  console.log(`  Sugar simulator:     ${sim.url}  (HTTPS ${sim.httpsUrl}, CA test/fixtures/tls/ca.pem)`);
  console.log(`  Demo users:          admin/admin (admin), jim/jim, sally/sally; platforms custom_api, base, mobile, portal, opi, sugar_rest_explorer`);
  console.log(`  Client with secret:  explorer-client / explorer-secret`);
  console.log(`  Simulator controls:  POST ${sim.url}/__sim/login-elsewhere {"userName":"admin","platform":"custom_api"}, POST ${sim.url}/__sim/expire, GET ${sim.url}/__sim/sessions`);
  console.log(`  Seed:                ${path.relative(projectRoot, seedFile)}  (adds a connection only when its name is new)`);
  console.log(`  Up in ${secs(upAfter)}. Ctrl-C stops code-server and the simulator.`);

  if (args.check) {
    const code = await check(url, seed.connections[0].name);
    await stopAll();
    // `npm test` counts this check: the packaged (minified, installed) extension, clicked as a person would.
    const results = path.join(projectRoot, 'test-output', 'results');
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, 'package.json'), JSON.stringify({ suite: 'package', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 }));
    console.log(`package check: ${code === 0 ? 1 : 0} passed, ${code === 0 ? 0 : 1} failed`);
    return code;
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`\n${signal}: stopping code-server and the simulator`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await stopAll();
  return 0;
}

/** Opens the URL as a person would and checks the seeded connection shows in the Sugar view. */
async function check(url: string, connectionName: string): Promise<number> {
  const t = Date.now();
  const checkRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-start-check-'));
  const browser = await launchBrowser({ tmpRoot: checkRoot });
  const shot = path.join(projectRoot, 'test-output', 'start', 'start.png');
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  try {
    const page = browser.page;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const entry = page.locator('.part.activitybar .action-item .action-label[aria-label^="Sugar"]');
    await entry.waitFor({ state: 'visible', timeout: 60_000 });
    const workbenchAfter = Date.now() - t;
    await entry.click();
    const row = page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: connectionName });
    await row.first().waitFor({ state: 'visible', timeout: 30_000 });
    const shownAfter = Date.now() - t;
    // Log it in as a person would (the row's inline "Log In" action): the seeded password works.
    const connectionRow = page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: connectionName }) }).first();
    const description = () => connectionRow.locator('.label-description').textContent({ timeout: 5_000 }).catch(() => null);
    const before = await description();
    // The list re-renders (and re-uses its row elements) while sessions load: locate, hover and
    // click again until the click lands, as a person would move the mouse again.
    for (let attempt = 1; ; attempt++) {
      try {
        await connectionRow.hover({ timeout: 5_000 });
        await connectionRow.locator('.action-label[aria-label^="Log In"]').click({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 4) throw error;
        await page.mouse.move(900, 500);
        await page.waitForTimeout(500);
      }
    }
    let after = await description();
    for (const end = Date.now() + 20_000; !/\d+ min/.test(after ?? '') && Date.now() < end; after = await description()) await page.waitForTimeout(200);
    await page.mouse.move(900, 500);
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot });
    console.log(`check: workbench up ${secs(workbenchAfter)} after opening the URL; "${connectionName}" in the Sugar view (${before ?? 'no description'}) after ${secs(shownAfter)}`);
    if (!/\d+ min/.test(after ?? '')) throw new Error(`logging "${connectionName}" in from its row did not work: it reads "${after}"`);
    console.log(`check: logged in from the row's Log In action: "${after}"`);
    console.log(`check: screenshot ${path.relative(projectRoot, shot)}`);
    return 0;
  } catch (e) {
    await browser.page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`check failed: ${(e as Error).message.split('\n')[0]} (screenshot ${path.relative(projectRoot, shot)})`);
    return 1;
  } finally {
    await browser.close().catch(() => undefined);
    fs.rmSync(checkRoot, { recursive: true, force: true });
  }
}

function fail(message: string): number {
  console.error(`npm start: ${message}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
