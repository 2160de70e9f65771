import vscode = require('vscode');
import type { ModulesNode } from './moduleNodes';

/** The Modules row: no request until it is expanded. */
export function modulesItem(node: ModulesNode, moduleCount: number | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem('Modules', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.sessionId}/modules`;
  item.description = moduleCount === undefined ? 'from /metadata' : `${moduleCount} modules`;
  item.iconPath = new vscode.ThemeIcon('symbol-namespace');
  item.contextValue = 'modules';
  item.tooltip = "The modules this user may see, with their fields, links and records, from the instance's /metadata (cached, revalidated by its hash).";
  return item;
}
