/**
 * The filter builder's quick input: the wizard's one-screen-at-a-time prompter (Back, Escape),
 * plus a multi-select list, a list that also takes typed text (dates: shortcuts or YYYY-MM-DD),
 * and a status in the title (the record count) that changes without disturbing the user's typing.
 */
import vscode = require('vscode');
import { QuickInputPrompter } from '../connectionWizard/multiStepInput';
import type { InputSpec, PickSpec } from '../connectionWizard/prompter';
import { typedTextInput } from '../commands/typedTextPick';

type ValueItem<T> = vscode.QuickPickItem & { value?: T };

export interface ManySpec<T> {
  title: string;
  placeholder: string;
  items: Array<{ label: string; description?: string; detail?: string; value: T }>;
  /** Checked when the list opens. */
  selected?: readonly T[];
  /** Refuses an empty choice with this sentence (else an empty choice is an answer). */
  requireOne?: string;
}

export interface TypedSpec<T> {
  title: string;
  placeholder: string;
  items: Array<{ label: string; description?: string; value: T }>;
  /** Why typed text is not an answer yet (undefined: it is); shown as the first row. */
  judge(text: string): string | undefined;
  fromText(text: string): T;
}

export class FilterPrompter extends QuickInputPrompter {
  private status = '';
  private baseTitle = '';

  /** A short text after every title, e.g. "12 records"; updates the screen showing now. */
  setStatus(status: string): void {
    this.status = status;
    if (this.current) this.current.title = this.titled(this.baseTitle);
  }

  private titled(title: string): string {
    this.baseTitle = title;
    return this.status ? `${title} · ${this.status}` : title;
  }

  override pick<T>(spec: PickSpec<T>, canGoBack: boolean): Promise<T> {
    return super.pick({ ...spec, title: this.titled(spec.title) }, canGoBack);
  }

  override input(spec: InputSpec, canGoBack: boolean): Promise<string> {
    return super.input({ ...spec, title: this.titled(spec.title) }, canGoBack);
  }

  pickMany<T>(spec: ManySpec<T>, canGoBack: boolean): Promise<T[]> {
    const quickPick = vscode.window.createQuickPick<ValueItem<T>>();
    quickPick.title = this.titled(spec.title);
    quickPick.placeholder = spec.placeholder;
    quickPick.canSelectMany = true;
    quickPick.matchOnDescription = true;
    quickPick.items = spec.items.map((item) => ({ ...item }));
    quickPick.selectedItems = quickPick.items.filter((item) => spec.selected?.includes(item.value as T));
    return this.show<T[]>(quickPick as unknown as vscode.QuickPick<ValueItem<T[]>>, canGoBack, (resolve) => [
      quickPick.onDidAccept(() => {
        const chosen = quickPick.selectedItems.map((item) => item.value as T);
        if (chosen.length === 0 && spec.requireOne) {
          quickPick.placeholder = spec.requireOne;
          return;
        }
        resolve(chosen);
      }),
    ]);
  }

  /**
   * A list of ready answers that also takes typed text, judged as the user types: Enter answers
   * the text unless the user moved to a ready answer after typing (typedTextPick).
   */
  pickOrType<T>(spec: TypedSpec<T>, canGoBack: boolean): Promise<T> {
    const quickPick = vscode.window.createQuickPick<ValueItem<T>>();
    quickPick.title = this.titled(spec.title);
    quickPick.placeholder = spec.placeholder;
    quickPick.matchOnDescription = true;
    const ready = spec.items.map((item): ValueItem<T> => ({ ...item, alwaysShow: true }));
    const input = typedTextInput(quickPick, {
      listed: () => ready,
      typedRow: (text) => {
        const problem = spec.judge(text);
        return problem ? { label: `$(warning) ${problem}`, alwaysShow: true } : { label: `$(edit) ${text}`, description: 'as typed', alwaysShow: true };
      },
    });
    input.refresh();
    return this.show<T>(quickPick, canGoBack, (resolve) => [
      ...input.listeners,
      quickPick.onDidAccept(() => {
        const answer = input.answer();
        if (answer?.kind === 'listed') resolve(answer.item.value as T);
        else if (answer && !spec.judge(answer.text)) resolve(spec.fromText(answer.text));
      }),
    ]);
  }
}
