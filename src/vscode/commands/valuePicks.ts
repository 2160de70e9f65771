import vscode = require('vscode');
import type { Services } from '../services';
import { answerOfTypedTextPick, typedTextInput } from './typedTextPick';

import type { Suggestion } from '../../core/sugar/userList';

/**
 * A quick pick of suggestions that still takes any typed value: the list loads while the user
 * types (it may fail: then only typing is left, with the reason shown), and Enter uses the text
 * typed (an entry's own spelling when the text is that entry) unless the user moved to an entry.
 */
export async function pickOrType(options: { title: string; placeholder: string; suggestions: Promise<Suggestion[]>; empty: string }): Promise<string> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.busy = true;
  let suggestions: vscode.QuickPickItem[] = [];
  const input = typedTextInput(pick, {
    listed: () => suggestions,
    typedRow: (text) => ({ label: text, description: 'as typed', alwaysShow: true }),
    isText: (item, text) => item.label.toLowerCase() === text.toLowerCase(),
  });
  options.suggestions.then(
    (list) => {
      suggestions = list.map((entry) => ({ label: entry.label, description: entry.description }));
      if (suggestions.length === 0) pick.placeholder = `${options.placeholder} (${options.empty})`;
      pick.busy = false;
      input.refresh();
    },
    (error: unknown) => {
      pick.placeholder = `${options.placeholder} (no list: ${error instanceof Error ? error.message.slice(0, 200) : String(error)})`;
      pick.busy = false;
    },
  );
  return answerOfTypedTextPick(pick, input);
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
