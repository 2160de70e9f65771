import vscode = require('vscode');
import { lazy } from '../../lazyLoader';
import { SUGAR_LANGUAGE } from '../explore/requestDirective';
import type { Services } from '../services';

/** Typing settles before a file's schema warnings are computed again. */
const SETTLE_MS = 300;
const TRIGGERS = ['/', '?', '&', '=', ',', ':', '"', '{', '$'];

/**
 * Completion, hover, quick fixes and schema warnings for `.sugar` files. Only these stubs load at
 * activation; each call goes to the bodies behind the lazy seam (language/sugarLanguageFeatures.ts).
 */
export function registerSugarLanguage(services: Services): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: SUGAR_LANGUAGE };
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const features = () => lazy().sugarLanguageFeatures(services, refreshAll);
  const schedule = (document: vscode.TextDocument): void => {
    if (document.languageId !== SUGAR_LANGUAGE) return;
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(key, setTimeout(() => {
      pending.delete(key);
      if (!document.isClosed) features().refreshDiagnostics(document).catch((error: unknown) => services.log.warn(`Sugar schema warnings: ${String(error)}`));
    }, SETTLE_MS));
  };
  function refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) schedule(document);
  }
  refreshAll();
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(selector, { provideCompletionItems: (document, position) => features().completion(document, position), resolveCompletionItem: (item) => features().resolve(item) }, ...TRIGGERS),
    vscode.languages.registerHoverProvider(selector, { provideHover: (document, position) => features().hover(document, position) }),
    vscode.languages.registerCodeActionsProvider(selector, { provideCodeActions: (document, _range, context) => features().codeActions(document, context) }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.languageId !== SUGAR_LANGUAGE) return;
      clearTimeout(pending.get(document.uri.toString()));
      pending.delete(document.uri.toString());
      features().forget(document.uri);
    }),
    services.active.onDidChange(refreshAll),
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
  );
}
