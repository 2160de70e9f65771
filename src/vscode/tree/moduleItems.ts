/**
 * How the rows under a Modules node are drawn: label, description, tooltip, icon, id and the
 * context value that menus key on. The tree (moduleTree.ts) decides what the rows are.
 */
import vscode = require('vscode');
import { fieldDescription, fieldFacts, linkDescription, linkTooltip, optionText } from '../../core/schema/moduleView';
import { recordsRowText } from '../../core/schema/recordFilter';
import type { RecordList } from '../../core/schema/recordPages';
import type { FieldInfo } from '../../core/schema/schemaIndex';
import type { ModuleTreeNode } from './moduleNodes';
import type { ModuleSectionNode } from './moduleRowNodes';

/** The tree's record lists: made on first use, or only looked at. */
export interface RecordLists {
  list(sessionId: string, module: string): RecordList;
  peek(sessionId: string, module: string): RecordList | undefined;
}

/** A row's id: the path from its session down (stable across redraws, so VS Code keeps its state). */
export function modulePath(node: ModuleTreeNode): string {
  switch (node.kind) {
    case 'modules': return node.sessionId;
    case 'module': return `${node.sessionId}/${node.module}`;
    case 'moduleSection': return `${node.sessionId}/${node.module}/${node.section}`;
    default: return `${modulePath(node.parent)}/${node.kind}`;
  }
}

function fieldIcon(field: FieldInfo): string {
  switch (field.type) {
    case 'enum': case 'multienum': case 'radioenum': return 'symbol-enum';
    case 'relate': case 'parent': return 'link';
    case 'bool': return 'symbol-boolean';
    case 'int': case 'integer': case 'decimal': case 'float': case 'double': case 'currency': return 'symbol-number';
    case 'date': case 'datetime': case 'datetimecombo': return 'calendar';
    case 'id': return 'key';
    default: return 'symbol-field';
  }
}

export function moduleTreeItem(node: ModuleTreeNode, lists: RecordLists): vscode.TreeItem {
  switch (node.kind) {
    case 'module': {
      const item = new vscode.TreeItem(node.module, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = node.row.description;
      item.tooltip = node.row.tooltip;
      item.iconPath = new vscode.ThemeIcon('symbol-class');
      return finish(item, `${node.sessionId}/modules/${node.module}`, 'module');
    }
    case 'moduleSection':
      return sectionItem(node, lists);
    case 'field': {
      const { field } = node;
      const item = new vscode.TreeItem(field.name, field.options?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = fieldDescription(field);
      item.tooltip = fieldFacts(field).join('\n');
      item.iconPath = new vscode.ThemeIcon(fieldIcon(field));
      return finish(item, `${modulePath(node.parent)}/${field.name}`, 'field');
    }
    case 'option': {
      const item = new vscode.TreeItem(optionText(node.option), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('symbol-enum-member');
      item.tooltip = `Key ${JSON.stringify(node.option.key)}, label ${JSON.stringify(node.option.label)}`;
      return finish(item, `${modulePath(node.parent.parent)}/${node.parent.field.name}/${node.position}`, 'fieldOption');
    }
    case 'link': {
      const item = new vscode.TreeItem(node.link.name, vscode.TreeItemCollapsibleState.None);
      item.description = linkDescription(node.link);
      item.tooltip = linkTooltip(node.link);
      item.iconPath = new vscode.ThemeIcon(node.link.kind === 'one' ? 'arrow-right' : 'references');
      return finish(item, `${modulePath(node.parent)}/${node.link.name}`, 'link');
    }
    case 'record': {
      const { record } = node;
      const item = new vscode.TreeItem(record.name, vscode.TreeItemCollapsibleState.None);
      item.description = record.dateModified;
      item.tooltip = `${node.parent.module} ${record.id}${record.dateModified ? `\nmodified ${record.dateModified}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('file');
      item.command = { command: 'sugar.openRecord', title: 'Open Record', arguments: [node.parent.sessionId, node.parent.module, record.id] };
      return finish(item, `${modulePath(node.parent)}/${record.id}`, 'record');
    }
    case 'loadMore': {
      const list = lists.list(node.parent.sessionId, node.parent.module);
      const item = new vscode.TreeItem('Load More', vscode.TreeItemCollapsibleState.None);
      item.description = `${list.records.length}${list.count !== undefined ? ` of ${list.count}` : ''} shown`;
      item.iconPath = new vscode.ThemeIcon('more');
      item.command = { command: 'sugar.loadMoreRecords', title: 'Load More', arguments: [node] };
      return finish(item, `${modulePath(node.parent)}/loadMore`, 'loadMore');
    }
    case 'modules':
      throw new Error('The Modules row is drawn by the connections tree.');
  }
}

function sectionItem(node: ModuleSectionNode, lists: RecordLists): vscode.TreeItem {
  const labels = { fields: 'Fields', links: 'Links', records: 'Records' } as const;
  const icons = { fields: 'symbol-field', links: 'references', records: 'database' } as const;
  const item = new vscode.TreeItem(labels[node.section], vscode.TreeItemCollapsibleState.Collapsed);
  item.iconPath = new vscode.ThemeIcon(icons[node.section]);
  if (node.section === 'records') {
    const list = lists.peek(node.sessionId, node.module);
    const text = recordsRowText(node.module, list?.count, list?.filter);
    item.label = text.label;
    item.description = text.description;
    item.tooltip = text.tooltip;
    if (list?.filter) {
      item.iconPath = new vscode.ThemeIcon('filter');
      // The Clear Filter button shows on this row only.
      return finish(item, modulePath(node), 'moduleRecordsFiltered');
    }
  } else {
    item.description = String(node.section === 'fields' ? node.parent.row.fieldCount : node.parent.row.linkCount);
  }
  return finish(item, modulePath(node), `module${labels[node.section]}`);
}

function finish(item: vscode.TreeItem, id: string, contextValue: string): vscode.TreeItem {
  item.id = id;
  item.contextValue = contextValue;
  return item;
}
