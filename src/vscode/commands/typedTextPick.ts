/**
 * A quick pick that lists rows and also takes typed text: the rows and the "as typed" row it
 * shows, and what Enter means (see core/presentation/typedTextChoice.ts for why it is decided
 * from the order of the workbench's reports, never from the focused row alone).
 */
import vscode = require('vscode');
import { FocusSinceTyping, typedTextAnswer, type TypedTextAnswer } from '../../core/presentation/typedTextChoice';
import { cancelledError } from '../../core/sugar/errors';

export interface TypedTextRows<I extends vscode.QuickPickItem, L extends I> {
  /** The listed rows now; call `refresh()` when they change. */
  listed(): readonly L[];
  /** The row for the typed text: "as typed", or a row that says why the text is no answer. */
  typedRow(text: string): I;
  /** Whether a listed row is the text itself: then it stands for the text (no typed row is shown). */
  isText?(item: L, text: string): boolean;
}

export interface TypedTextInput<L> {
  /** Shows the rows for the text now (after the listed rows changed). */
  refresh(): void;
  /** What Enter means now; undefined: nothing to answer yet. */
  answer(): TypedTextAnswer<L> | undefined;
  /** The pick's listeners this adds; dispose them with the pick. */
  listeners: vscode.Disposable[];
}

/**
 * Wires `pick` for typed text. Race-free because:
 * - the listed rows come first and the typed row last, so a row's position (the extension host
 *   numbers rows by position, and the workbench reports rows by those numbers) means the same
 *   listed row in the list the workbench shows and in the newer one the host already holds;
 * - every list sent goes with a focus on the typed row (or the listed row that is the text), in
 *   the same update, so the last focus report after a list is never a row the workbench sorted
 *   first for an older text;
 * - Enter answers a listed row only after a report that the focus moved onto it since the last
 *   value report (arrow keys, a click), and reports arrive in the order they happened.
 */
export function typedTextInput<I extends vscode.QuickPickItem, L extends I>(pick: vscode.QuickPick<I>, rows: TypedTextRows<I, L>): TypedTextInput<L> {
  const focus = new FocusSinceTyping();
  let listed: readonly L[] = [];
  let typed: I | undefined;
  let exact: L | undefined;
  const asListed = (item: I | undefined): L | undefined =>
    item !== undefined && item !== typed && (listed as readonly I[]).includes(item) ? (item as L) : undefined;

  const refresh = (): void => {
    const text = pick.value.trim();
    listed = rows.listed();
    exact = text ? listed.find((item) => rows.isText?.(item, text)) : undefined;
    typed = text && !exact ? rows.typedRow(text) : undefined;
    pick.items = typed ? [...listed, typed] : [...listed];
    const target = typed ?? exact;
    if (target) pick.activeItems = [target];
  };

  return {
    refresh,
    answer: () => typedTextAnswer({ text: pick.value.trim(), movedToListedRow: focus.movedToListedRow, chosen: asListed(pick.activeItems[0]), exact }),
    listeners: [
      pick.onDidChangeValue(() => {
        focus.valueChanged();
        refresh();
      }),
      pick.onDidChangeActive((items) => focus.focusChanged(asListed(items[0]) !== undefined)),
    ],
  };
}

/**
 * Shows `pick` until Enter gives an answer: the typed text, or the label of the listed row the
 * user moved to. Rejects as cancelled when it is hidden; disposes the pick and its listeners.
 */
export async function answerOfTypedTextPick<I extends vscode.QuickPickItem, L extends I>(pick: vscode.QuickPick<I>, input: TypedTextInput<L>): Promise<string> {
  try {
    return await new Promise<string>((resolve, reject) => {
      pick.onDidAccept(() => {
        const answer = input.answer();
        if (answer) resolve(answer.kind === 'typed' ? answer.text : answer.item.label);
      });
      pick.onDidHide(() => reject(cancelledError()));
      pick.show();
    });
  } finally {
    for (const listener of input.listeners) listener.dispose();
    pick.dispose();
  }
}
