// Driving VS Code's quick input as a user does: the palette, typing, Enter, and reading the
// screen (title, placeholder, message, rows). For the wizard and report tests.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { driver, eventually } from './helpers';

const WIDGET = '.quick-input-widget';

export interface QuickInputScreen {
  title: string;
  placeholder: string;
  /** The validation message or prompt under an input box. */
  message: string;
  /** First lines of the list rows (a pick's entries), in order. */
  rows: string[];
}

export async function readQuickInput(): Promise<QuickInputScreen | undefined> {
  const visible = await driver.count(`${WIDGET}:visible`);
  if (visible === 0) return undefined;
  const [title = ''] = await driver.texts(`${WIDGET} .quick-input-title`);
  const [placeholder = ''] = await driver.attributes(`${WIDGET} .quick-input-box input`, 'placeholder');
  const message = (await driver.texts(`${WIDGET} .quick-input-message`)).join(' ');
  const rows = (await driver.texts(`${WIDGET} .monaco-list-row`)).map((text) => text.split('\n')[0].trim());
  return { title: title.trim(), placeholder: placeholder ?? '', message: message.trim(), rows };
}

/** Waits for the screen whose title passes `title`; fails with what is showing instead. */
export async function screenTitled(title: string | RegExp, timeoutMs = 15_000): Promise<QuickInputScreen> {
  const matches = (t: string) => (typeof title === 'string' ? t === title : title.test(t));
  const screen = await eventually(readQuickInput, (s) => !!s && matches(s.title), `the quick input titled ${String(title)}`, timeoutMs);
  return screen!;
}

/** Runs a command from the command palette by its title, as typed by the user. */
export async function fromPalette(title: string): Promise<void> {
  // On a busy machine the palette sometimes does not open on the first request, or closes again
  // as it opens (a quick input of the previous step hiding late; seen in full runs, never twice in
  // a row): ask again rather than type into nothing.
  for (let attempt = 1; ; attempt++) {
    await vscode.commands.executeCommand('workbench.action.showCommands');
    const open = await eventually(readQuickInput, (s) => !!s, 'the command palette', 5_000).then(() => true, () => false);
    if (open) {
      await driver.waitFor(`${WIDGET} input`, { state: 'visible' });
      await driver.type(title);
      const listed = await eventually(readQuickInput, (s) => !s || !!s.rows[0]?.startsWith(title), `the palette's first entry "${title}"`);
      if (listed) break;
    }
    if (attempt === 3) throw new Error(`the command palette did not stay open to run "${title}" after three requests`);
  }
  await driver.keyboard('Enter');
  // Keys typed before the palette has gone would land in it, not in what the command shows next.
  await eventually(readQuickInput, (s) => !s || !s.rows[0]?.startsWith(title), `the palette closed after "${title}"`);
}

/** Replaces what the box holds with `text` and presses Enter. */
export async function answer(text: string): Promise<void> {
  await driver.keyboard('Control+a');
  await driver.type(text);
  await driver.keyboard('Enter');
}

export async function enter(): Promise<void> {
  await driver.keyboard('Enter');
}

/** Filters a pick by typing and picks the first entry left. */
export async function pick(text: string): Promise<void> {
  // The list may take a moment to appear (its entries are read first): type into it, not before it.
  await eventually(readQuickInput, (s) => !!s && s.rows.length > 0, `a list to pick "${text}" from`);
  await driver.type(text);
  await eventually(readQuickInput, (s) => !!s && (s.rows[0] ?? '').toLowerCase().includes(text.toLowerCase()), `an entry "${text}"`);
  await driver.keyboard('Enter');
}

/** Closes whatever quick input is open. */
export async function closeQuickInput(): Promise<void> {
  if (!(await readQuickInput())) return;
  await driver.keyboard('Escape');
  // Gone before the next step opens one: a quick input hiding late would close the next.
  await eventually(readQuickInput, (s) => !s, 'the quick input closed', 5_000).catch(() => undefined);
}

const FOCUSED_ROW = `${WIDGET} .monaco-list-row.focused`;

/** With the list focused (multi-select), moves down to the row `label` and checks it with Space. */
export async function checkRow(label: string): Promise<void> {
  for (let moves = 0; moves < 60; moves++) {
    const [focused = ''] = await driver.texts(FOCUSED_ROW);
    if (focused.split('\n')[0].trim() === label) {
      await driver.keyboard('Space');
      // The row (or its checkbox) says it is checked; the list re-renders, so read it again.
      await eventually(
        async () => (await driver.attributes(FOCUSED_ROW, 'aria-checked')).includes('true') || (await driver.count(`${FOCUSED_ROW} [aria-checked="true"], ${FOCUSED_ROW} input:checked`)) > 0,
        (on) => on,
        `row "${label}" checked`,
      );
      return;
    }
    await driver.keyboard('ArrowDown');
    await driver.wait(50);
  }
  assert.fail(`no row "${label}" in the list`);
}

/**
 * Goes through the Add Connection screens up to the summary: types the answer of the first
 * pattern that matches a screen's prompt (or placeholder), and presses Enter on the others.
 */
export async function answerEachScreen(answers: Array<[RegExp, string]>): Promise<void> {
  let previous = '';
  for (let screens = 0; screens < 15; screens++) {
    // Each screen has its own title (its counter); the title and the rest of the screen are
    // drawn in separate frames, so read again once it has settled: a busy machine showed a new
    // title over the old placeholder, and the screen was answered twice.
    await eventually(readQuickInput, (q) => !!q && q.title !== previous, 'the next wizard screen');
    await driver.wait(200);
    const screen = (await eventually(readQuickInput, (q) => !!q && q.title !== previous, 'the next wizard screen, settled'))!;
    if (/summary$/.test(screen.title)) return;
    previous = screen.title;
    const asked = `${screen.message} ${screen.placeholder}`;
    const typed = answers.find(([pattern]) => pattern.test(asked));
    if (typed) await answer(typed[1]);
    else await enter();
  }
  assert.fail('the wizard did not reach its summary');
}
