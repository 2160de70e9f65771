import vscode = require('vscode');
import type { RenderedResponse } from '../../core/explore/responseView';
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

  override dispose(): void {
    super.dispose();
    this.texts.clear();
  }
}
