import vscode = require('vscode');
import type { ExportTarget } from '../../core/interchange/exportRequest';
import { cancelledError } from '../../core/sugar/errors';

/** What the user chose: the target, the token in clear or masked, and whether to copy instead of opening. */
export interface ExportChoice {
  target: ExportTarget;
  clear: boolean;
  copy: boolean;
}

const TARGETS: Array<{ target: ExportTarget; label: string; icon: string; language: string }> = [
  { target: 'curl', label: 'cURL', icon: 'terminal', language: 'shellscript' },
  { target: 'php', label: 'PHP (curl)', icon: 'code', language: 'php' },
  { target: 'javascript', label: 'JavaScript (fetch)', icon: 'code', language: 'javascript' },
  { target: 'python', label: 'Python (requests)', icon: 'code', language: 'python' },
  { target: 'csharp', label: 'C# (HttpClient)', icon: 'code', language: 'csharp' },
  { target: 'postman', label: 'Postman collection', icon: 'json', language: 'json' },
];

export function languageOf(target: ExportTarget): string {
  return TARGETS.find((entry) => entry.target === target)?.language ?? 'plaintext';
}

export function targetLabel(target: ExportTarget): string {
  return TARGETS.find((entry) => entry.target === target)?.label ?? target;
}

type Item = vscode.QuickPickItem & { choice?: Omit<ExportChoice, 'copy'> };

const COPY_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy instead of opening' };

/**
 * One pick: Enter opens the export in an editor, the item's copy button copies it. The token is
 * masked in the first six; the "… with Token" ones, under their own separator, read it from the
 * session at that moment.
 */
export async function pickExport(title: string): Promise<ExportChoice> {
  const masked: Item[] = TARGETS.map(({ target, label, icon }) => ({ label: `$(${icon}) ${label}`, description: 'token masked', choice: { target, clear: false }, buttons: [COPY_BUTTON] }));
  const clear: Item[] = TARGETS.map(({ target, label }) => ({ label: `$(key) ${label} with Token`, description: 'the token in clear: runs as it is, do not share', choice: { target, clear: true }, buttons: [COPY_BUTTON] }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = title;
  pick.placeholder = 'Export as… (Enter opens it in an editor; the copy button copies it)';
  pick.items = [...masked, { label: 'Token in clear', kind: vscode.QuickPickItemKind.Separator }, ...clear];
  try {
    const chosen = await new Promise<ExportChoice>((resolve, reject) => {
      pick.onDidAccept(() => {
        const choice = pick.selectedItems[0]?.choice;
        if (choice) resolve({ ...choice, copy: false });
      });
      pick.onDidTriggerItemButton((event) => {
        if (event.item.choice) resolve({ ...event.item.choice, copy: true });
      });
      pick.onDidHide(() => reject(cancelledError()));
      pick.show();
    });
    return chosen;
  } finally {
    pick.dispose();
  }
}

/** Shows the exported text in an untitled editor of its language, or copies it. */
export async function deliverExport(text: string, choice: ExportChoice): Promise<void> {
  const what = `${targetLabel(choice.target)}${choice.clear ? ', token in clear' : ', token masked'}`;
  if (choice.copy) {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(check) Copied the export (${what})`, 4000);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: languageOf(choice.target), content: text });
  await vscode.window.showTextDocument(document, { preview: false });
}
