import vscode = require('vscode');

/** The core's plain disposables as VS Code's, for context.subscriptions and friends. */
export function toVsDisposable(disposable: { dispose(): unknown }): vscode.Disposable {
  return new vscode.Disposable(() => disposable.dispose());
}
