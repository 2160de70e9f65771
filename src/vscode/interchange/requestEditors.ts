import vscode = require('vscode');
import { openUntitledSugarDocument } from '../explore/requestFiles';

/**
 * Inserts a request's text in a .sugar editor: at the cursor when its line is empty, else at the
 * start of the next line, so that a request never lands in the middle of another line.
 */
export async function insertRequestText(editor: vscode.TextEditor, text: string): Promise<void> {
  const { document } = editor;
  const cursor = editor.selection.active;
  const line = document.lineAt(cursor.line);
  let at = cursor;
  let insert = text;
  if (!line.isEmptyOrWhitespace) {
    at = line.range.end;
    insert = `\n${text}`;
  } else if (cursor.line > 0 && !document.lineAt(cursor.line - 1).isEmptyOrWhitespace) insert = `\n${text}`;
  const ok = await editor.edit((builder) => builder.insert(at, insert));
  if (!ok) throw new Error('The editor changed while the request was inserted; paste again.');
}

/** A new untitled .sugar editor holding the request. */
export async function openUntitledRequest(text: string): Promise<void> {
  await openUntitledSugarDocument('Pasted curl', text);
}
