/**
 * `npm run test:live`: the session flows against the instance named by SUGAR_URL (a real sandbox,
 * or `npm run sim` in another terminal). Tests that need the simulator's controls skip themselves.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

if (!process.env.SUGAR_URL) {
  console.error(
    [
      'test:live needs an instance. Set at least:',
      '  SUGAR_URL=https://your-sandbox.sugaropencloud.eu SUGAR_USERNAME=admin SUGAR_PASSWORD=… npm run test:live',
      'Optional: SUGAR_PLATFORM (custom_api), SUGAR_CLIENT_ID (sugar), SUGAR_CLIENT_SECRET, SUGAR_API_VERSION (auto), SUGAR_SUDO_USER.',
      'Against the built-in simulator: run `npm run sim` in another terminal, then',
      '  SUGAR_URL=http://127.0.0.1:8080 SUGAR_USERNAME=admin SUGAR_PASSWORD=admin SUGAR_SUDO_USER=jim npm run test:live',
    ].join('\n'),
  );
  process.exit(2);
}

const root = join(__dirname, '..', '..', '..');
const specs = ['sessionEngine.test.js', 'twoWindows.test.js', 'noSecretsLogged.test.js'].map((file) => join(root, 'out', 'test', 'unit', file));
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const result = spawnSync(process.execPath, [mocha, '--no-config', '--timeout', '60000', ...specs], { stdio: 'inherit' });
process.exit(result.status ?? 1);
