import vscode = require('vscode');
import { historyDescription, historyLabel, historyTooltip } from '../../core/explore/historyDisplay';
import { formatJson } from '../../core/explore/jsonText';
import { SugarError } from '../../core/sugar/errors';
import { profileFrom } from '../commands/arguments';
import type { CommandHandler } from '../commands/commandRunner';
import type { Services } from '../services';
import { HistoryEntryNode } from '../tree/nodes';
import { RESPONSE_SCHEME } from './responseDocuments';
import type { ResponseTabInfo } from './responseTabs';

/** Copy Body, Save As and Re-run on a response tab, and Search History… over a connection's requests. */
export function responseCommands(services: Services): Record<string, CommandHandler> {
  const { explore } = services;

  /** The response tab the command was run on: its title-bar button passes its URI; the palette, the active editor. */
  const tabOf = (arg: unknown): { uri: vscode.Uri; info: ResponseTabInfo } => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const info = uri?.scheme === RESPONSE_SCHEME ? explore.tabs.info(uri) : undefined;
    if (!uri || !info) throw new SugarError({ kind: 'session', explanation: 'This response is no longer kept; send the request again.' });
    return { uri, info };
  };

  return {
    'sugar.copyResponseBody': async (arg) => {
      const { info } = tabOf(arg);
      if (info.response.bodyFile) {
        throw new SugarError({ kind: 'session', explanation: 'This answer is larger than the response size limit: save it with "Save Response As…" instead.' });
      }
      await vscode.env.clipboard.writeText(bodyText(info));
      vscode.window.setStatusBarMessage('$(check) Copied the response body', 4000);
      return undefined;
    },
    'sugar.saveResponseAs': async (arg) => {
      const { uri, info } = tabOf(arg);
      const name = `${uri.path.replace(/^\//, '')}.${info.response.isJson ? 'json' : 'txt'}`;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name), title: 'Save the response body' });
      if (!target) return undefined;
      // An answer over the size limit is saved whole, from its temporary file.
      if (info.response.bodyFile) await vscode.workspace.fs.copy(vscode.Uri.file(info.response.bodyFile), target, { overwrite: true });
      else await vscode.workspace.fs.writeFile(target, Buffer.from(bodyText(info), 'utf8'));
      return target.toString();
    },
    'sugar.rerunResponse': async (arg) => {
      const { info } = tabOf(arg);
      if (!info.rerun) throw new SugarError({ kind: 'session', explanation: 'This response cannot be sent again from its tab; use History.' });
      await info.rerun();
      return undefined;
    },
    'sugar.searchHistory': async (arg) => {
      const profile = await profileFrom(services, arg, 'Search the history of which connection?');
      const now = services.clock.now();
      const items = explore.history.entries(profile.id).map((entry) => ({
        label: historyLabel(entry),
        description: historyDescription(entry, now),
        detail: historyTooltip(entry, now).split('\n').slice(1).join(' · '),
        entry,
        buttons: [{ iconPath: new vscode.ThemeIcon('debug-rerun'), tooltip: 'Re-run' }],
      }));
      if (items.length === 0) throw new SugarError({ kind: 'session', explanation: `${profile.name} has no requests in its History yet.` });
      const pick = vscode.window.createQuickPick<(typeof items)[number]>();
      pick.title = `History of ${profile.name}`;
      pick.placeholder = 'Filter by method, path or status (e.g. 404); Enter opens the response, ↻ sends it again';
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      pick.items = items;
      const chosen = await new Promise<{ entry: (typeof items)[number]['entry']; rerun: boolean } | undefined>((resolve) => {
        pick.onDidAccept(() => resolve(pick.selectedItems[0] ? { entry: pick.selectedItems[0].entry, rerun: false } : undefined));
        pick.onDidTriggerItemButton((event) => resolve({ entry: event.item.entry, rerun: true }));
        pick.onDidHide(() => resolve(undefined));
        pick.show();
      }).finally(() => pick.dispose());
      if (!chosen) return undefined;
      const node = new HistoryEntryNode(profile.id, chosen.entry);
      return vscode.commands.executeCommand(chosen.rerun ? 'sugar.rerunRequest' : 'sugar.openLastResponse', node);
    },
  };
}

/** The body as the tab shows it: JSON indented, text as it came. */
function bodyText(info: ResponseTabInfo): string {
  return info.response.isJson ? formatJson(info.response.json, 2) : info.response.text;
}
