import vscode = require('vscode');
import { decodeRequestFile, readRequestFile, requestTests, skipMessage, TEST_DISCOVERY_LIMITS, type SkipReason } from '../../core/testing/testFiles';
import type { RedactingLog } from '../log';
import { SUGAR_LANGUAGE } from '../explore/requestDirective';

/** Typing and saving settle before a file is parsed again. */
const SETTLE_MS = 300;
const GLOB = '**/*.sugar';
const EXCLUDE = '**/node_modules/**';

const isRequestDocument = (document: vscode.TextDocument): boolean =>
  document.languageId === SUGAR_LANGUAGE && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');

/** A local file through a file handle; another file system's file only after its size is known. */
async function readBounded(uri: vscode.Uri): Promise<{ text: string } | { skipped: SkipReason }> {
  if (uri.scheme === 'file') return readRequestFile(uri.fsPath);
  if ((await vscode.workspace.fs.stat(uri)).size > TEST_DISCOVERY_LIMITS.maxFileBytes) return { skipped: 'tooLarge' };
  return decodeRequestFile(await vscode.workspace.fs.readFile(uri));
}

/**
 * The Testing view's items: a file item per `.sugar` file with assertions (workspace files and open
 * documents), a child per request. Kept current by a file watcher and document changes, each
 * changed file parsed again on its own after a pause; an open document's text wins over its file.
 */
export class TestTree implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private discovery: Promise<void> | undefined;
  private watching = false;
  /** Files already reported as skipped (one log line each, not one per save). */
  private readonly reported = new Set<string>();

  constructor(
    private readonly controller: vscode.TestController,
    private readonly log: RedactingLog,
  ) {}

  /** The whole workspace, once (later calls wait for the same discovery). */
  discoverAll(): Promise<void> {
    this.discovery ??= this.scan();
    return this.discovery;
  }

  /** The Testing view's Refresh: everything read again. */
  rediscover(): Promise<void> {
    this.discovery = this.scan();
    return this.discovery;
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** The current text of a file of the tree: its open document, else its file (bounded), else undefined. */
  async textOf(uri: vscode.Uri): Promise<string | undefined> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document) return document.getText().length > TEST_DISCOVERY_LIMITS.maxFileBytes ? undefined : document.getText();
    const read = await readBounded(uri).catch(() => undefined);
    return read && 'text' in read ? read.text : undefined;
  }

  private async scan(): Promise<void> {
    this.watch();
    const found = await vscode.workspace.findFiles(GLOB, EXCLUDE, TEST_DISCOVERY_LIMITS.maxFiles + 1);
    if (found.length > TEST_DISCOVERY_LIMITS.maxFiles) {
      this.log.warn(`Testing: the workspace has more than ${TEST_DISCOVERY_LIMITS.maxFiles} .sugar files; only the first ${TEST_DISCOVERY_LIMITS.maxFiles} are listed as tests.`);
    }
    const seen = new Set<string>();
    for (const uri of found.slice(0, TEST_DISCOVERY_LIMITS.maxFiles)) {
      seen.add(uri.toString());
      await this.refreshFile(uri);
    }
    for (const document of vscode.workspace.textDocuments) {
      if (!isRequestDocument(document)) continue;
      seen.add(document.uri.toString());
      this.setText(document.uri, document.getText());
    }
    this.log.info(`Testing: ${seen.size} .sugar files looked at, ${this.controller.items.size} with assertions.`);
    // A refresh forgets files that are gone.
    this.controller.items.forEach((item) => {
      if (!seen.has(item.id)) this.controller.items.delete(item.id);
    });
  }

  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    const fromDisk = (uri: vscode.Uri): void => {
      // An open document's text is what counts; its own events follow it.
      if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.schedule(uri, () => this.refreshFile(uri));
    };
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(fromDisk),
      watcher.onDidChange(fromDisk),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isRequestDocument(document)) this.schedule(document.uri, () => this.setOpenText(document));
      }),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (isRequestDocument(document)) this.schedule(document.uri, () => this.setOpenText(document));
      }),
      // Closed: a workspace file's saved text counts again; an untitled one, or a file from outside the workspace, is no longer listed.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (!isRequestDocument(document)) return;
        if (document.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(document.uri)) this.schedule(document.uri, () => this.refreshFile(document.uri));
        else this.remove(document.uri);
      }),
    );
  }

  private schedule(uri: vscode.Uri, work: () => unknown): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        Promise.resolve(work()).catch((error: unknown) => this.log.warn(`Testing: could not read ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`));
      }, SETTLE_MS),
    );
  }

  /** A document closed while its change settled is not listed again from its text. */
  private setOpenText(document: vscode.TextDocument): void {
    if (!document.isClosed) this.setText(document.uri, document.getText());
  }

  private async refreshFile(uri: vscode.Uri): Promise<void> {
    let read: Awaited<ReturnType<typeof readBounded>>;
    try {
      read = await readBounded(uri);
    } catch {
      // Gone or unreadable between the listing and the read: not a test file now.
      this.remove(uri);
      return;
    }
    if ('skipped' in read) {
      if (!this.reported.has(uri.toString())) this.log.warn(skipMessage(uri.fsPath, read.skipped));
      this.reported.add(uri.toString());
      this.remove(uri);
      return;
    }
    this.setText(uri, read.text);
  }

  private remove(uri: vscode.Uri): void {
    this.controller.items.delete(uri.toString());
  }

  /** Makes (or drops) the file's item and its children from its text. */
  private setText(uri: vscode.Uri, text: string): void {
    const tests = text.length > TEST_DISCOVERY_LIMITS.maxFileBytes ? undefined : requestTests(text);
    if (!tests) {
      this.remove(uri);
      return;
    }
    const id = uri.toString();
    let file = this.controller.items.get(id);
    if (!file) {
      file = this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri, false), uri);
      this.controller.items.add(file);
    }
    // Up to the last request line only: the rest of the file is not split for nothing.
    const lines = text.split(/\r\n|\r|\n/, tests[tests.length - 1].line + 1);
    file.range = new vscode.Range(0, 0, 0, 0);
    // Same id, same item: VS Code keeps the results of unchanged requests.
    const children = tests.map((test) => {
      const child = file.children.get(test.id) ?? this.controller.createTestItem(test.id, test.label, uri);
      child.range = new vscode.Range(test.line, 0, test.line, lines[test.line]?.length ?? 0);
      return child;
    });
    file.children.replace(children);
  }
}
