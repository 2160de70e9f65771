// After the whole flow: no token, password or client secret in settings.json or any log file of
// the run (the extension's "Sugar" log included). The runner searches the browser profile
// (globalState) and everything else once the browser is closed, with the secrets this suite writes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allSecrets, writeSecretsFile } from './helpers';
import { filesUnder, logFiles, sugarLogFile } from './logFiles';
import { leakPatterns, shortPasswordsUsed } from './shortPasswords';

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
    const sugarLog = sugarLogFile();
    assert.ok(sugarLog, `no Sugar.log under ${userDataDir}/logs: ${logFiles().map((f) => path.relative(userDataDir!, f)).join(', ')}`);
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

  // The short passwords (under 8 characters) some tests log in with are not in allSecrets():
  // searched as free text they would be found inside ordinary words and names (see shortPasswords.ts).
  it('no short password in a credential position (nor as a word, unless it is a shown name) in any log file', function () {
    const used = shortPasswordsUsed();
    if (used.length === 0) this.skip(); // no test of this run logged in with one
    const files = logFiles();
    assert.ok(files.length > 1, 'no log files to search');
    const found: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const entry of used) for (const pattern of leakPatterns(entry)) if (pattern.test(text)) found.push(`${path.relative(userDataDir!, f)}: ${entry.username}'s short password (${pattern.source.slice(0, 12)}…)`);
    }
    assert.deepStrictEqual(found, [], `short passwords found in logs:\n${found.join('\n')}`);
  });
});
