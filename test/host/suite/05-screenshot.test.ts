// The picture for the README: the Sugar view with a logged-in connection, its details and a sudo
// session, and the status bar. Saved to test-output/host/sugar-sidebar.png and media/screenshot.png.
import * as assert from 'assert';
import * as fs from 'fs';
import type { DriverCommand } from '../driverProtocol';
import {
  copied, driver, explorer, MAIN, needsDriver, openSugarView, rememberSecret, ROWS, rows, run, setExpanded,
  waitForRow, waitForStatus, type SessionState,
} from './helpers';

describe('screenshot of the sidebar', () => {
  let id: string | undefined;

  it('shows a logged-in connection with a sudo session in the side bar and the status bar', async function () {
    needsDriver(this);
    const api = await explorer();
    id = (await api.connections()).find((c) => c.name === MAIN)?.id;
    assert.ok(id, `no connection "${MAIN}" (the contract tests add it)`);
    const state = await run<SessionState>('sugar.login', id);
    assert.strictEqual(state.status, 'active');
    rememberSecret(await copied('sugar.copyAccessToken', id));
    const sudoId = await run<string>('sugar.sudo', id, 'jim');
    rememberSecret(await copied('sugar.copyAccessToken', sudoId));
    await run('sugar.setActiveConnection', id);

    await openSugarView();
    await setExpanded(MAIN, true);
    const { children } = await waitForRow(MAIN, (_r, c) => c.some((x) => x.label === 'Sudo: jim'), 'child row "Sudo: jim"');
    const sudoRow = children.find((x) => x.label === 'Sudo: jim')!;
    if (sudoRow.expanded === false) {
      const index = (await rows()).findIndex((r) => r.label === 'Sudo: jim');
      await driver.click(`${ROWS} .monaco-tl-twistie`, { index });
      await waitForRow(MAIN, (_r, c) => c.find((x) => x.label === 'Sudo: jim')?.expanded === true, 'sudo row expanded');
    }
    await waitForStatus((t) => t?.startsWith(`${MAIN} · `) === true && /\d+ min$/.test(t), `"${MAIN} · N min"`);
    // A wider side bar, so the descriptions show in full; then the picture.
    await openSugarView();
    const width = await driver.send<number>({ op: 'sideBarWidth', width: 520 } as unknown as DriverCommand);
    assert.ok(width > 400, `the side bar is ${width} px wide after dragging its edge`);
    await driver.keyboard('Escape');
    await driver.wait(300);
    const file = await driver.screenshot('sugar-sidebar.png');
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is suspiciously small');
    console.log(`screenshot: ${file}`);
  });

  after(async () => {
    if (id) await run('sugar.logout', id).catch(() => undefined);
  });
});
