/**
 * What Enter means in a list that also takes typed text (a path, a module, a user, a date): the
 * text typed, unless the user moved to a listed row after typing it.
 *
 * The list is drawn in another process than the one that decides (VS Code's quick pick lives in
 * the workbench, the extension in its host), and the host learns of each key and of each focus
 * move later, in the order they happened. So the focused row at Enter cannot be trusted on its
 * own: the workbench focuses the first row it sorted for the value as it filters, before the
 * extension has put the typed row in; a user who types fast and presses Enter would get a listed
 * row that merely starts like the text. What can be trusted is the order of the reports, and it is
 * the only thing this decision reads: a focus move onto a listed row reported after the last value
 * change is the user's (the workbench's own focusing on a value change is reported before that
 * change, and the extension re-focuses the typed row with every list it sends, so the last report
 * of that list is a focus on the typed row).
 */

/** Follows the reports of one list: values typed and rows focused, in the order they came. */
export class FocusSinceTyping {
  private moved = false;

  /** The text changed: whatever was focused before was focused for another text. */
  valueChanged(): void {
    this.moved = false;
  }

  /** The focus is now on a listed row (true) or on the typed row or none (false). */
  focusChanged(onListedRow: boolean): void {
    this.moved = onListedRow;
  }

  /** Whether the user moved to a listed row since the text last changed. */
  get movedToListedRow(): boolean {
    return this.moved;
  }
}

export type TypedTextAnswer<L> = { kind: 'listed'; item: L } | { kind: 'typed'; text: string };

export interface TypedTextState<L> {
  /** The text in the box, trimmed. */
  text: string;
  movedToListedRow: boolean;
  /** The listed row the workbench says was chosen (selected or focused), if any. */
  chosen?: L;
  /** The listed row that is the text itself (e.g. `accounts` for `Accounts`), if any. */
  exact?: L;
}

/**
 * The answer: the row the user moved to; with nothing typed, the focused row; else the listed row
 * that is the text itself; else the text. Undefined: nothing to answer yet (Enter is ignored).
 */
export function typedTextAnswer<L>(state: TypedTextState<L>): TypedTextAnswer<L> | undefined {
  if (state.chosen !== undefined && (state.movedToListedRow || state.text === '')) return { kind: 'listed', item: state.chosen };
  if (state.text === '') return undefined;
  if (state.exact !== undefined) return { kind: 'listed', item: state.exact };
  return { kind: 'typed', text: state.text };
}
