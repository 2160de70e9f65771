// What the filter builder's host suites share: a logged-in admin connection of their own for the
// describe, no quick input left open between tests, and nothing of it left after.
import type { Simulator } from '../../sim/index';
import { addLoggedInAdmin, closeEditors } from './exploreHelpers';
import { driver, needsDriver, run, sim } from './helpers';
import { closeQuickInput, enter, fromPalette, pick, screenTitled } from './quickInput';

export interface SuiteConnection {
  /** Set by the describe's before hook. */
  sim: Simulator;
  id: string;
}

/** Registers the describe's hooks; read `sim` and `id` in the tests. */
export function useLoggedInAdmin(name: string, platform: string): SuiteConnection {
  const held = {} as SuiteConnection;
  before(async function () {
    needsDriver(this);
    held.sim = await sim();
    held.id = await addLoggedInAdmin(held.sim, name, platform);
    await closeEditors();
  });
  afterEach(async () => {
    await closeQuickInput().catch(() => undefined);
  });
  after(async () => {
    if (driver.available) await driver.keyboard('Escape').catch(() => undefined);
    await closeEditors().catch(() => undefined);
    if (held.id) {
      await run('sugar.logout', held.id).catch(() => undefined);
      await run('sugar.deleteConnection', held.id).catch(() => undefined);
    }
  });
  return held;
}

/** Enter on a screen already answered (a multi-select list with its defaults checked). */
export const ENTER = Symbol('Enter');

/** Answers the builder's screens in turn: waits for each one's title, then picks the entry named (typed, Enter). */
export async function answerScreens(steps: ReadonlyArray<readonly [RegExp, string | typeof ENTER]>): Promise<void> {
  for (const [title, answer] of steps) {
    await screenTitled(title, 30_000);
    if (answer === ENTER) await enter();
    else await pick(answer);
  }
}

/** From the palette: Filter Records…, the connection, Accounts, Industry and an operator; the value screen is next. */
export async function accountsIndustryFromPalette(connection: string, operator: string): Promise<void> {
  await fromPalette('Sugar: Filter Records');
  await pick(connection);
  await answerScreens([
    [/^Filter Records: module/, 'Accounts'],
    [/^Filter Accounts: field$/, 'Industry'],
    [/^Filter Accounts: operator for Industry/, operator],
  ]);
}
