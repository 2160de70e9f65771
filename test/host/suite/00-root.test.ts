// Root hooks of the main host suite: the extension is there and active, the suite's own Sugar
// simulator runs in this (extension host) process; at the end, every secret of the run goes to
// the file the runner searches its folders with.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeSim, explorer, EXTENSION_ID, sim, writeSecretsFile } from './helpers';

before(async function () {
  this.timeout(60_000);
  await sim();
  await explorer();
});

after(async function () {
  this.timeout(30_000);
  await writeSecretsFile();
  await closeSim();
});

describe('host', () => {
  it('runs inside a VS Code extension host with the extension active', async () => {
    assert.ok(vscode.version, 'vscode.version');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, `${EXTENSION_ID} is not active`);
    const s = await sim();
    // The simulator answers from inside the host: /me without a token is Sugar's 401.
    const answer = await fetch(`${s.url}/rest/v11_24/me`);
    assert.strictEqual(answer.status, 401);
  });
});
