import vscode = require('vscode');
import { responseTitle } from '../../core/explore/responseTitle';
import type { RenderedResponse } from '../../core/explore/responseView';
import type { ApiResponse } from '../../core/sugar/client';
import { RESPONSE_SCHEME, type ResponseDocuments } from './responseDocuments';

/** One response to show, and what its tab's Copy Body, Save As and Re-run act on. */
export interface ShownResponse {
  /** Same key, same tab: the request (connection, method, URL) or a request file's request. */
  key: string;
  method: string;
  url: string;
  rendered: RenderedResponse;
  response: ApiResponse;
  /** The History entry it answers: a History row focuses the tab that shows it. */
  entryId?: string;
  /** Sends the request again (from the tab's Re-run). */
  rerun?: () => Promise<unknown>;
  /** Sent from a request editor: the response shows beside it, the cursor stays in the editor. */
  preserveFocus?: boolean;
}

export type ResponseTabInfo = Omit<ShownResponse, 'rendered' | 'preserveFocus'>;

/** How long a reused tab may take to show its new text before the editor is shown anyway. */
const UPDATE_WAIT_MS = 10_000;

const isResponseTab = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RESPONSE_SCHEME;

/**
 * Where responses show: beside the request, one tab per request (reused with its new text), or
 * one tab per response with `sugar.keepEveryResponse`. Titles carry no extension: the tab's
 * language is set on the document instead.
 */
export class ResponseTabs {
  /** Tab URI by request key; and what each URI shows. Both as bounded as the documents' texts. */
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly shown = new Map<string, ResponseTabInfo>();
  private counter = 0;
  /** Tabs open one after another: VS Code cancels an opening editor that a newer one supersedes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly documents: ResponseDocuments,
    private readonly keepEvery: () => boolean = () => vscode.workspace.getConfiguration('sugar').get<boolean>('keepEveryResponse', false),
  ) {}

  keepBodyFile(path: string): void {
    this.documents.keepBodyFile(path);
  }

  offerBodyFile(path: string, sizeBytes: number, onFailed: (error: unknown) => void): void {
    this.documents.offerBodyFile(path, sizeBytes, onFailed);
  }

  show(response: ShownResponse): Promise<vscode.TextEditor> {
    const shown = this.queue.then(() => this.open(response));
    this.queue = shown.catch(() => undefined);
    return shown;
  }

  /** What the tab of `uri` shows, while its text is kept. */
  info(uri: vscode.Uri): ResponseTabInfo | undefined {
    return this.shown.get(uri.toString());
  }

  /** Focuses the open tab that shows the History entry's response; false when none does. */
  async focusEntry(entryId: string): Promise<boolean> {
    for (const [uri, info] of this.shown) {
      if (info.entryId !== entryId) continue;
      const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri));
      if (!group) return false;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      await vscode.window.showTextDocument(document, { viewColumn: group.viewColumn, preview: false });
      return true;
    }
    return false;
  }

  private async open(response: ShownResponse): Promise<vscode.TextEditor> {
    const keepEvery = this.keepEvery();
    const title = responseTitle(response.method, response.url, keepEvery ? response.response.status : undefined);
    const key = keepEvery ? `${response.key}\n${++this.counter}` : `${response.key}\n${title}`;
    let uri = this.uris.get(key);
    if (!uri) {
      uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${title}`, query: String(++this.counter) });
      this.uris.set(key, uri);
    }
    const { rendered, preserveFocus, ...info } = response;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString());
    const updated = open && open.getText() !== rendered.text ? textShown(open, rendered.text) : undefined;
    this.shown.delete(uri.toString());
    this.shown.set(uri.toString(), info);
    for (const dropped of this.documents.setText(uri, rendered.text)) this.forget(dropped);
    await updated;
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== rendered.language) document = await vscode.languages.setTextDocumentLanguage(document, rendered.language);
    return vscode.window.showTextDocument(document, { preview: false, preserveFocus, viewColumn: this.columnFor(uri) });
  }

  /**
   * The group that shows this request already; else the group in use when it holds a response;
   * else another group with responses; else beside the editor in use (never over the request).
   */
  private columnFor(uri: vscode.Uri): vscode.ViewColumn {
    const { all, activeTabGroup } = vscode.window.tabGroups;
    const own = all.find((g) => g.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()));
    if (own) return own.viewColumn;
    if (activeTabGroup.activeTab && isResponseTab(activeTabGroup.activeTab)) return activeTabGroup.viewColumn;
    const responses = all.find((g) => g !== activeTabGroup && g.tabs.some(isResponseTab));
    if (responses) return responses.viewColumn;
    return activeTabGroup.tabs.length > 0 ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
  }

  private forget(uri: string): void {
    this.shown.delete(uri);
    for (const [key, value] of this.uris) if (value.toString() === uri) this.uris.delete(key);
  }
}

/** Resolves once the open document reads `text` (VS Code asks the provider again after onDidChange), or after a while. */
function textShown(document: vscode.TextDocument, text: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      listener.dispose();
      clearTimeout(timer);
      resolve();
    };
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document && document.getText() === text) done();
    });
    const timer = setTimeout(done, UPDATE_WAIT_MS);
  });
}
