import vscode = require('vscode');
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatSize } from '../../core/explore/responseView';
import { Disposable } from '../lifecycle';

export const RESPONSE_SCHEME = 'sugar-response';
/** Older response tabs' texts are dropped; a reopened one says so instead of keeping megabytes alive. */
export const KEEP_RESPONSES = 20;

/**
 * The texts of the read-only response tabs: a virtual document per request (see ResponseTabs,
 * which decides where a response shows and loads with the first request).
 */
export class ResponseDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  /** Temporary files of answers over the size limit, oldest first: kept as long as as many tabs' texts. */
  private readonly bodyFiles: string[] = [];

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// This response is no longer kept; send the request again.';
  }

  /** Sets a tab's text; an open document of it is told, and reads it again. Answers the URIs whose texts were dropped. */
  setText(uri: vscode.Uri, text: string): string[] {
    const key = uri.toString();
    const had = this.texts.delete(key);
    this.texts.set(key, text);
    const dropped: string[] = [];
    while (this.texts.size > KEEP_RESPONSES) {
      const oldest = this.texts.keys().next().value!;
      this.texts.delete(oldest);
      dropped.push(oldest);
    }
    if (had) this.changed.fire(uri);
    return dropped;
  }

  /** Takes charge of an answer's temporary file: removed once KEEP newer ones exist, or when the extension stops. */
  keepBodyFile(path: string): void {
    this.bodyFiles.push(path);
    while (this.bodyFiles.length > KEEP_RESPONSES) void rm(this.bodyFiles.shift()!, { force: true }).catch(() => undefined);
  }

  /** Offers to open or save the whole of an answer that was too large to show; does not wait for the user. */
  offerBodyFile(path: string, sizeBytes: number, onFailed: (error: unknown) => void): void {
    const open = 'Open Whole Answer';
    const save = 'Save Whole Answer As…';
    const message = `The answer is ${formatSize(sizeBytes)}, more than the response size limit (sugar.responseSizeLimitMB): its first part is shown, the whole answer is in a temporary file.`;
    const offered = vscode.window.showInformationMessage(message, open, save).then(async (choice) => {
      const file = vscode.Uri.file(path);
      if (choice === open) await vscode.commands.executeCommand('vscode.open', file);
      if (choice !== save) return;
      const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(basename(path)), title: 'Save the whole answer' });
      if (target) await vscode.workspace.fs.copy(file, target, { overwrite: true });
    });
    offered.then(undefined, onFailed);
  }

  override dispose(): void {
    super.dispose();
    this.texts.clear();
    for (const path of this.bodyFiles.splice(0)) rmSync(path, { force: true });
  }
}
