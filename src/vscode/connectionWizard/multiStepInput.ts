/**
 * The Prompter on VS Code's quick input, after the multi-step pattern of vscode-extension-samples'
 * quickinput-sample: one QuickPick or InputBox at a time, a Back button, Escape cancels.
 */
import vscode = require('vscode');
import type { FieldFeedback } from '../../core/profiles/wizardModel';
import { DisposableStore } from '../lifecycle';
import { InputSpec, PickSpec, Prompter, WizardBack, WizardCancel } from './prompter';

type ValueItem<T> = vscode.QuickPickItem & { value?: T };

export class QuickInputPrompter implements Prompter {
  protected current?: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;
  /** Watches the previous screen while the next one is prepared (a check can take seconds). */
  private waiting?: vscode.Disposable;
  private hiddenWhileWaiting = false;

  pick<T>(spec: PickSpec<T>, canGoBack: boolean): Promise<T> {
    const quickPick = vscode.window.createQuickPick<ValueItem<T>>();
    quickPick.title = spec.title;
    quickPick.placeholder = spec.placeholder;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    quickPick.items = spec.items.map((entry): ValueItem<T> =>
      'separator' in entry
        ? { label: entry.separator, kind: vscode.QuickPickItemKind.Separator }
        : { label: entry.label, description: entry.description, detail: entry.detail, value: entry.value },
    );
    const active = quickPick.items.find((item) => spec.active !== undefined && item.value === spec.active);
    if (active) quickPick.activeItems = [active];
    return this.show<T>(quickPick, canGoBack, (resolve) => [
      quickPick.onDidAccept(() => {
        const [item] = quickPick.selectedItems;
        if (item && item.kind !== vscode.QuickPickItemKind.Separator) resolve(item.value as T);
      }),
    ]);
  }

  input(spec: InputSpec, canGoBack: boolean): Promise<string> {
    const box = vscode.window.createInputBox();
    box.title = spec.title;
    box.value = spec.value;
    box.prompt = spec.prompt;
    box.placeholder = spec.placeholder;
    box.password = spec.password ?? false;
    if (spec.notice) box.validationMessage = { message: spec.notice, severity: vscode.InputBoxValidationSeverity.Warning };
    else if (spec.value !== '') showFeedback(box, spec);
    return this.show<string>(box, canGoBack, (resolve) => [
      box.onDidChangeValue(() => showFeedback(box, spec)),
      box.onDidAccept(() => {
        if (!showFeedback(box, spec).error) resolve(box.value);
      }),
    ]);
  }

  dispose(): void {
    this.waiting?.dispose();
    this.waiting = undefined;
    this.current?.dispose();
    this.current = undefined;
  }

  protected show<R>(
    input: vscode.QuickPick<ValueItem<R>> | vscode.InputBox,
    canGoBack: boolean,
    wire: (resolve: (value: R) => void) => vscode.Disposable[],
  ): Promise<R> {
    // Escape while the previous screen was busy: the user wants out, so do not pop up again.
    if (this.hiddenWhileWaiting) {
      input.dispose();
      this.dispose();
      return Promise.reject(new WizardCancel());
    }
    input.buttons = canGoBack ? [vscode.QuickInputButtons.Back] : [];
    // The user may switch to a browser to copy an address or a secret; that must not end the wizard.
    input.ignoreFocusOut = true;
    const listeners = new DisposableStore();
    const answer = new Promise<R>((resolve, reject) => {
      for (const listener of wire(resolve)) listeners.add(listener);
      listeners.add(
        input.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) reject(new WizardBack());
        }),
      );
      listeners.add(input.onDidHide(() => reject(new WizardCancel())));
    });
    this.waiting?.dispose();
    this.current?.dispose();
    this.current = input as vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;
    input.show();
    return answer.finally(() => {
      listeners.dispose();
      input.busy = true;
      input.enabled = false;
      this.waiting = input.onDidHide(() => {
        this.hiddenWhileWaiting = true;
      });
    });
  }
}

/** Shows the judgement of the value typed so far: an error or a warning, and a note as the prompt. */
function showFeedback(box: vscode.InputBox, spec: InputSpec): FieldFeedback {
  const feedback = spec.judge?.(box.value) ?? {};
  box.prompt = feedback.note ?? spec.prompt;
  box.validationMessage = feedback.error
    ? { message: feedback.error, severity: vscode.InputBoxValidationSeverity.Error }
    : feedback.warning
      ? { message: feedback.warning, severity: vscode.InputBoxValidationSeverity.Warning }
      : undefined;
  return feedback;
}
