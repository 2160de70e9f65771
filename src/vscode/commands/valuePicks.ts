import vscode = require('vscode');
import { cancelledError } from '../../core/sugar/errors';
import type { Services } from '../services';

import type { Suggestion } from '../../core/sugar/userList';

/**
 * A quick pick of suggestions that still takes any typed value: the list loads while the user
 * types (it may fail: then only typing is left, with the reason shown), and Enter on a text that
 * matches no entry uses the text itself.
 */
export async function pickOrType(options: { title: string; placeholder: string; suggestions: Promise<Suggestion[]>; empty: string }): Promise<string> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.busy = true;
  let suggestions: vscode.QuickPickItem[] = [];
  const typedItem = (value: string): vscode.QuickPickItem => ({ label: value, description: 'as typed' });
  const refresh = () => {
    const value = pick.value.trim();
    const exact = suggestions.some((item) => item.label.toLowerCase() === value.toLowerCase());
    pick.items = value && !exact ? [...suggestions, typedItem(value)] : suggestions;
  };
  options.suggestions.then(
    (list) => {
      suggestions = list.map((entry) => ({ label: entry.label, description: entry.description }));
      if (suggestions.length === 0) pick.placeholder = `${options.placeholder} (${options.empty})`;
      pick.busy = false;
      refresh();
    },
    (error: unknown) => {
      pick.placeholder = `${options.placeholder} (no list: ${error instanceof Error ? error.message.slice(0, 200) : String(error)})`;
      pick.busy = false;
    },
  );
  try {
    return await new Promise<string>((resolve, reject) => {
      pick.onDidChangeValue(refresh);
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0]?.label ?? pick.value.trim();
        if (chosen) resolve(chosen);
      });
      pick.onDidHide(() => reject(cancelledError()));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}

/** `<module>` of an endpoint: the instance's modules (its /metadata, loaded on first use), or any typed name. */
export function pickModule(services: Services, sessionId: string, path: string): Promise<string> {
  return pickOrType({
    title: path,
    placeholder: 'Module (for example Accounts); type any module name',
    suggestions: services.schema.index(sessionId).then((index) =>
      index.moduleNames.map((name) => {
        const label = index.module(name)?.label;
        return { label: name, description: label && label !== name ? label : undefined };
      }),
    ),
    empty: 'the instance lists no modules',
  });
}
