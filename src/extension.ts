import * as vscode from 'vscode';
import { RedactingLog } from './vscode/log';

/**
 * The composition root: builds the objects and registers them, nothing else. The connections
 * tree, commands and status bar arrive with the extension issue; the core (src/core) is complete.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = new RedactingLog(() => []);
  context.subscriptions.push(log, vscode.commands.registerCommand('sugar.showLog', () => log.show()));
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
