import vscode = require('vscode');
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatSize, type RenderedResponse } from '../../core/explore/responseView';
import { Disposable } from '../lifecycle';

export const RESPONSE_SCHEME = 'sugar-response';
/** Older response tabs' texts are dropped; a reopened one says so instead of keeping megabytes alive. */
const KEEP = 20;

/** Read-only response tabs: a virtual document per response, named after its request. */
export class ResponseDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private counter = 0;
  /** Tabs open one after another: VS Code cancels an opening editor that a newer one supersedes. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Temporary files of answers over the size limit, oldest first: kept as long as as many tabs' texts. */
  private readonly bodyFiles: string[] = [];

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// This response is no longer kept; send the request again.';
  }

  show(title: string, rendered: RenderedResponse, options: { preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
    const shown = this.queue.then(() => this.open(title, rendered, options));
    this.queue = shown.catch(() => undefined);
    return shown;
  }

  private async open(title: string, rendered: RenderedResponse, options: { preserveFocus?: boolean }): Promise<vscode.TextEditor> {
    const extension = rendered.language === 'jsonc' ? 'jsonc' : 'txt';
    const safeTitle = title.replace(/[\\/:*?"<>|#%]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${safeTitle}.${extension}`, query: String(++this.counter) });
    this.texts.set(uri.toString(), rendered.text);
    while (this.texts.size > KEEP) this.texts.delete(this.texts.keys().next().value!);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false, preserveFocus: options.preserveFocus, viewColumn: vscode.ViewColumn.Active });
  }

  /** Takes charge of an answer's temporary file: removed once KEEP newer ones exist, or when the extension stops. */
  keepBodyFile(path: string): void {
    this.bodyFiles.push(path);
    while (this.bodyFiles.length > KEEP) void rm(this.bodyFiles.shift()!, { force: true }).catch(() => undefined);
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
