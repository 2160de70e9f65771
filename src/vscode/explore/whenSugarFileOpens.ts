import vscode = require('vscode');
import { SUGAR_LANGUAGE } from './requestDirective';

/**
 * Calls `register` once, as soon as a `.sugar` document is open (at once when one already is):
 * the features of request files load with the first request file, not with every window.
 */
export function whenSugarFileOpens(register: () => void): vscode.Disposable {
  const isSugar = (document: vscode.TextDocument): boolean => document.languageId === SUGAR_LANGUAGE;
  if (vscode.workspace.textDocuments.some(isSugar)) {
    register();
    return new vscode.Disposable(() => undefined);
  }
  const listening = vscode.workspace.onDidOpenTextDocument((document) => {
    if (!isSugar(document)) return;
    listening.dispose();
    register();
  });
  return listening;
}
