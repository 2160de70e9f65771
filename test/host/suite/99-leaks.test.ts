// After the whole flow: no token, password or client secret in settings.json or any log file of
// the run (the extension's "Sugar" log included). The runner searches the browser profile
// (globalState) and everything else once the browser is closed, with the secrets this suite writes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allSecrets, filesUnder, writeSecretsFile } from './helpers';

/** Binary-safe: UTF-8 and UTF-16LE forms of each secret. */
function hits(file: string, secrets: string[]): string[] {
  const data = fs.readFileSync(file);
  return secrets.filter((s) => data.includes(Buffer.from(s, 'utf8')) || data.includes(Buffer.from(s, 'utf16le')));
}

const mask = (s: string) => `${s.slice(0, 4)}…(${s.length} chars)`;

describe('no secrets at rest (settings, logs)', () => {
  const userDataDir = process.env.SUGAR_HOST_USER_DATA_DIR;

  before(function () {
    if (!userDataDir) this.skip();
  });

  it('finds the extension\'s "Sugar" log and it has content', () => {
    const logs = filesUnder(path.join(userDataDir!, 'logs'));
    const sugarLog = logs.find((f) => /sugar-rest-explorer\.sugar-rest-explorer[\\/]Sugar\.log$/.test(f)) ?? logs.find((f) => /[\\/]Sugar\.log$/.test(f));
    assert.ok(sugarLog, `no Sugar.log under ${userDataDir}/logs: ${logs.map((f) => path.relative(userDataDir!, f)).join(', ')}`);
    console.log(`      log: ${sugarLog}`);
    assert.ok(fs.statSync(sugarLog).size > 0, 'the Sugar log is empty');
    // It logged the flow (a login at least), just not the secrets.
    assert.match(fs.readFileSync(sugarLog, 'utf8'), /oauth2\/token|log(ged)? ?in/i);
  });

  it('no token, password or client secret in settings.json or any log file', async () => {
    const secrets = await allSecrets();
    assert.ok(secrets.length >= 20, `only ${secrets.length} secrets collected: the flow did not run?`);
    await writeSecretsFile();
    const files = [path.join(userDataDir!, 'User', 'settings.json'), ...filesUnder(path.join(userDataDir!, 'logs'))].filter((f) => fs.existsSync(f));
    assert.ok(files.length > 2, 'no files to search');
    const found: string[] = [];
    for (const f of files) for (const s of hits(f, secrets)) found.push(`${path.relative(userDataDir!, f)}: ${mask(s)}`);
    assert.deepStrictEqual(found, [], `secrets found at rest:\n${found.join('\n')}`);
  });
});
