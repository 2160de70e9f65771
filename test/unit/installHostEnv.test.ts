// scripts/install-host.sh runs nested `npm install`s (Node 24, then code-server). Started from
// `npm test` or `npm start`, it inherits the outer npm's NODE and npm_* variables; these must not
// reach the nested installs, or code-server's postinstall reads the outer Node's version from
// npm_config_user_agent and refuses (issue 9). This runs the script's own nested-install function
// (scripts/host-env.sh) in a real bash and a real npm, installing a local package whose
// postinstall records what it runs with, under an environment shaped like an outer npm's.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..', '..');
const hostEnvScript = path.join(projectRoot, 'scripts', 'host-env.sh');

/** What an outer npm, running on another Node, hands to the scripts it starts. */
function outerNpmEnvironment(elsewhere: string, otherNode: string): NodeJS.ProcessEnv {
  return {
    NODE: otherNode,
    npm_node_execpath: otherNode,
    npm_execpath: '/opt/other/lib/node_modules/npm/bin/npm-cli.js',
    npm_config_user_agent: 'npm/11.19.1 node/v18.0.0 linux x64 workspaces/false',
    npm_config_local_prefix: elsewhere,
    npm_config_prefix: elsewhere,
    npm_config_global_prefix: elsewhere,
    npm_config_nodedir: '/opt/other',
    npm_config_node_gyp: '/opt/other/node-gyp.js',
    NPM_CONFIG_LOGLEVEL: 'silent',
    npm_lifecycle_event: 'test',
    npm_package_name: 'sugar-rest-explorer',
    INIT_CWD: elsewhere,
  };
}

describe('install-host: nested installs under an npm-like environment', function () {
  this.timeout(120_000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-install-env-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('runs the nested npm and its postinstall on the host Node, with none of the outer npm settings', () => {
    // The host Node: a wrapper around this Node that marks every process it starts, so that the
    // record tells which `node` npm and the postinstall really ran on.
    const nodeHome = path.join(tmp, 'host-node');
    fs.mkdirSync(path.join(nodeHome, 'bin'), { recursive: true });
    const hostNode = path.join(nodeHome, 'bin', 'node');
    fs.writeFileSync(hostNode, `#!/bin/sh\nexport SUGAR_TEST_HOST_NODE=1\nexec ${JSON.stringify(process.execPath)} "$@"\n`, { mode: 0o755 });

    // A local package whose postinstall writes down what it sees, packed as a registry package is.
    const pkgDir = path.join(tmp, 'probe');
    fs.mkdirSync(pkgDir);
    const record = path.join(tmp, 'record.json');
    fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name: 'sugar-env-probe', version: '1.0.0', scripts: { postinstall: 'node record.js' } }));
    fs.writeFileSync(
      path.join(pkgDir, 'record.js'),
      `require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({
        hostNode: process.env.SUGAR_TEST_HOST_NODE === '1',
        execPath: process.execPath,
        NODE: process.env.NODE,
        userAgent: process.env.npm_config_user_agent,
        nodedir: process.env.npm_config_nodedir,
        initCwd: process.env.INIT_CWD,
      }));`,
    );
    const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: pkgDir, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = path.join(tmp, packed.stdout.trim().split('\n').pop()!);

    const target = path.join(tmp, 'target');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name: 'target', private: true, allowScripts: { 'sugar-env-probe': true } }));
    const elsewhere = path.join(tmp, 'elsewhere');
    fs.mkdirSync(elsewhere);

    const run = spawnSync(
      'bash',
      ['-c', 'set -euo pipefail; source "$1"; clean_npm_environment; NODE_HOME="$2" host_npm "$3" install --no-package-lock --foreground-scripts --offline "$4"', 'probe', hostEnvScript, nodeHome, target, tarball],
      { encoding: 'utf8', env: { ...process.env, ...outerNpmEnvironment(elsewhere, '/opt/other/bin/node') } },
    );
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);

    const seen = JSON.parse(fs.readFileSync(record, 'utf8')) as Record<string, unknown>;
    assert.equal(seen.hostNode, true, 'the postinstall ran on the host Node');
    assert.equal(seen.NODE === undefined || seen.NODE !== '/opt/other/bin/node', true, `NODE still names the outer Node: ${String(seen.NODE)}`);
    assert.match(String(seen.userAgent), new RegExp(`node/${process.version.replace(/\./g, '\\.')} `), 'the user agent is the nested npm\'s own');
    assert.equal(seen.nodedir, nodeHome, 'native modules build against the host Node');
    assert.notEqual(seen.initCwd, elsewhere, 'INIT_CWD is the nested npm\'s own');
    assert.ok(fs.existsSync(path.join(target, 'node_modules', 'sugar-env-probe', 'package.json')), 'installed into the target folder');
    assert.ok(!fs.existsSync(path.join(elsewhere, 'node_modules')), 'nothing installed at the outer npm\'s prefix');
  });

  it('keeps the network settings a user exported (registry, proxies, CA)', () => {
    const run = spawnSync(
      'bash',
      ['-c', 'source "$1"; clean_npm_environment; env | grep -i "^npm_" | sort', 'probe', hostEnvScript],
      { encoding: 'utf8', env: { ...process.env, npm_config_registry: 'http://registry.invalid/', NPM_CONFIG_HTTPS_PROXY: 'http://proxy.invalid:3128', npm_config_user_agent: 'npm/1 node/v18.0.0' } },
    );
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.ok(lines.includes('npm_config_registry=http://registry.invalid/'), run.stdout);
    assert.ok(lines.includes('NPM_CONFIG_HTTPS_PROXY=http://proxy.invalid:3128'), run.stdout);
    assert.ok(!lines.some((line) => line.startsWith('npm_config_user_agent=')), run.stdout);
  });
});
