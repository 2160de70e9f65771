// Runs INSIDE the VS Code extension host against test/host/fixture-ext, and proves the harness:
// activation, a command, and reading the real rendered workbench through the driver.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { driver } from '../driverClient';

const EXT_ID = 'sugar-test.sugar-host-fixture';

describe('host harness (fixture extension)', () => {
  it('activates the fixture extension in the host', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} is not loaded`);
    const api = (await ext.activate()) as { rows(): string[] };
    assert.strictEqual(ext.isActive, true);
    assert.deepStrictEqual(api.rows(), ['Alpha', 'Beta']);
    // The host runs remotely on Node (code-server), as a workspace extension.
    assert.ok(vscode.env.remoteName, 'expected a remote extension host');
    assert.strictEqual(process.env.SUGAR_HOST_VIA_PAYLOAD, '1', 'extensionEnvironment did not reach the host');
    assert.ok(process.env.SUGAR_TEST_DRIVER_URL);
  });

  it('runs the command and the status bar shows it', async () => {
    const items = await driver.until(
      () => driver.statusBar(),
      (all) => all.some((i) => i.text.includes('Fixture ready')),
    );
    const ready = items.find((i) => i.text.includes('Fixture ready'))!;
    assert.match(ready.id, /fixture\.status/);

    const answer = await vscode.commands.executeCommand<string>('fixture.hello', 'host');
    assert.strictEqual(answer, 'hello host');
    await driver.until(
      () => driver.statusBar(),
      (all) => all.some((i) => i.text.includes('Fixture hello 1')),
    );
  });

  it('shows the tree rows in the real workbench', async () => {
    await driver.openView('Fixture');
    const rows = await driver.until(
      () => driver.treeRows('Fixture Items'),
      (r) => r.length === 2,
    );
    assert.deepStrictEqual(
      rows.map((r) => [r.label, r.description]),
      [['Alpha', 'first row'], ['Beta', 'second row']],
    );
    // A tree row's aria-label is the item's tooltip (or accessibilityInformation) when it has one.
    assert.strictEqual(rows[0].ariaLabel, 'The first fixture row');

    // Clicking the status-bar item runs the command again (through the real UI).
    await driver.click('.statusbar-item[id*="fixture.status"] a, .statusbar-item[id*="fixture.status"]');
    await driver.until(
      () => driver.statusBar(),
      (all) => all.some((i) => i.text.includes('Fixture hello 2')),
    );

    const file = await driver.screenshot('fixture/tree-and-status.png');
    assert.ok(file.endsWith('tree-and-status.png'));
  });
});
