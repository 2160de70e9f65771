import vscode = require('vscode');
import { looksLikeCurl } from '../../core/interchange/curlDetect';

/**
 * The paste action of .sugar editors. VS Code 1.96's API has no finalized paste-edit provider
 * (`registerDocumentPasteEditProvider` came in 1.97), so a paste is recognised as the change it
 * makes (see curlPaste.ts). Only this cheap test runs in the activation bundle; the rest on the
 * first change that passes it.
 */
export function watchCurlPastes(convert: (event: vscode.TextDocumentChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length === 1 && event.reason === undefined && looksLikeCurl(event.contentChanges[0].text)) convert(event);
  });
}
