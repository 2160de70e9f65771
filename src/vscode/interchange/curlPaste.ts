import vscode = require('vscode');
import { curlToSugar } from '../../core/interchange/curlImport';
import { SUGAR_LANGUAGE } from '../explore/requestDirective';

/**
 * A curl command pasted into a .sugar editor becomes the request it sends. A paste is the change
 * it makes: one inserted text (not an undo or redo: Ctrl+Z brings back the command as pasted),
 * 10 characters or more at once (not typed), at the start of a line. The conversion is an edit
 * of its own, made only while the document is still as the paste left it; a text that only looks
 * like a command (no URL, say) stays as pasted.
 */
export async function convertPastedCurl(event: vscode.TextDocumentChangeEvent): Promise<boolean> {
  const { document } = event;
  const [change] = event.contentChanges;
  if (document.languageId !== SUGAR_LANGUAGE || change.text.length < 10) return false;
  const start = change.range.start;
  if (document.lineAt(start.line).text.slice(0, start.character).trim() !== '') return false;
  const version = document.version;
  let request: string;
  try {
    request = curlToSugar(change.text);
  } catch {
    return false;
  }
  // Applied after this event: by then the user may have typed on.
  await Promise.resolve();
  if (document.isClosed || document.version !== version) return false;
  const range = new vscode.Range(start, document.positionAt(document.offsetAt(start) + change.text.length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, request);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) vscode.window.setStatusBarMessage('$(check) The pasted curl command is now a request (Ctrl+Z shows it as pasted).', 5000);
  return applied;
}
