// Fixture extension for the host test harness: one tree view with two rows, one status-bar
// item and one command. Plain JS on purpose (no build step).
'use strict';
const vscode = require('vscode');

const ROWS = [
  { label: 'Alpha', description: 'first row', tooltip: 'The first fixture row' },
  { label: 'Beta', description: 'second row', tooltip: 'The second fixture row' },
];

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  let hellos = 0;

  const tree = {
    getChildren: (element) => (element ? [] : ROWS),
    getTreeItem: (row) => {
      const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
      item.description = row.description;
      item.tooltip = row.tooltip;
      item.iconPath = new vscode.ThemeIcon('symbol-field');
      return item;
    },
  };
  const view = vscode.window.createTreeView('fixtureTree', { treeDataProvider: tree });

  const status = vscode.window.createStatusBarItem('fixture.status', vscode.StatusBarAlignment.Left, 100);
  status.name = 'Fixture Status';
  status.text = '$(beaker) Fixture ready';
  status.tooltip = 'Fixture status item';
  status.command = 'fixture.hello';
  status.show();

  context.subscriptions.push(
    view,
    status,
    vscode.commands.registerCommand('fixture.hello', (name) => {
      hellos += 1;
      status.text = `$(beaker) Fixture hello ${hellos}`;
      return `hello ${name || 'world'}`;
    }),
  );

  return { rows: () => ROWS.map((r) => r.label), hellos: () => hellos };
}

function deactivate() {}

module.exports = { activate, deactivate };
