import type * as vscode from 'vscode';

export const SUGAR_LANGUAGE = 'sugar';

/**
 * `# @connection <name>` (optionally `as <user>` for a sudo session) pins the requests below it
 * to a connection; without it they go to the active connection.
 */
const DIRECTIVE = /^\s*(?:#|\/\/)\s*@connection\s+(.+?)(?:\s+as\s+(\S+))?\s*$/i;

export function pinnedConnection(document: vscode.TextDocument, line: number): { name: string; sudoUser?: string } | undefined {
  for (let index = line; index >= 0; index--) {
    const match = DIRECTIVE.exec(document.lineAt(index).text);
    if (match) return { name: match[1], sudoUser: match[2] };
  }
  return undefined;
}
