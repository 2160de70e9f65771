import vscode = require('vscode');
import { lazy } from '../../lazyLoader';
import { ApiNode, EndpointGroupNode, EndpointNode, HistoryEntryNode, HistoryNode } from './nodes';

export function apiItem(node: ApiNode, endpointCount: number | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem('API', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.connectionId}/api`;
  item.description = endpointCount === undefined ? 'endpoints from /help' : `${endpointCount} endpoints`;
  item.iconPath = new vscode.ThemeIcon('symbol-interface');
  item.contextValue = 'api';
  item.tooltip = "The instance's endpoints, read from its GET /help page. Choose one to send it.";
  return item;
}

export function endpointGroupItem(node: EndpointGroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.group, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.connectionId}/api/${node.group}`;
  item.description = String(node.endpoints.length);
  item.iconPath = new vscode.ThemeIcon('folder');
  item.contextValue = 'endpointGroup';
  return item;
}

export function endpointItem(node: EndpointNode): vscode.TreeItem {
  const { method, path, summary } = node.endpoint;
  const item = new vscode.TreeItem(`${method} ${path}`, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.connectionId}/api/${method} ${path}`;
  item.description = summary;
  item.tooltip = new vscode.MarkdownString(`**${method} ${path}**\n\n${summary}${node.endpoint.methodName ? `\n\n\`${node.endpoint.methodName}\`` : ''}`);
  item.iconPath = new vscode.ThemeIcon(method === 'GET' ? 'arrow-down' : method === 'DELETE' ? 'trash' : 'arrow-up');
  item.contextValue = 'endpoint';
  item.command = { command: 'sugar.sendRequest', title: 'Send Request', arguments: [node] };
  return item;
}

export function historyItem(node: HistoryNode, count: number): vscode.TreeItem {
  const item = new vscode.TreeItem('History', count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${node.connectionId}/history`;
  item.description = count > 0 ? `${count} request${count === 1 ? '' : 's'}` : 'no requests yet';
  item.iconPath = new vscode.ThemeIcon('history');
  item.contextValue = 'history';
  return item;
}

export function historyEntryItem(node: HistoryEntryNode, now: number, hasResponse: boolean): vscode.TreeItem {
  const { entry } = node;
  const item = new vscode.TreeItem(lazy().historyLabel(entry), vscode.TreeItemCollapsibleState.None);
  item.id = `${node.connectionId}/history/${entry.id}`;
  item.description = lazy().historyDescription(entry, now);
  item.tooltip = lazy().historyTooltip(entry, now);
  item.iconPath = new vscode.ThemeIcon(entry.failure || (entry.status ?? 0) >= 400 ? 'error' : 'pass');
  item.contextValue = `historyEntry${hasResponse ? ' hasResponse' : ''}`;
  item.command = hasResponse
    ? { command: 'sugar.openLastResponse', title: 'Open Last Response', arguments: [node] }
    : undefined;
  return item;
}
