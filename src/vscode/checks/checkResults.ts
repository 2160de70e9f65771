import vscode = require('vscode');
import type { RequestOutcome } from '../../core/checks/fileRunner';
import { Disposable } from '../lifecycle';
import type { Services } from '../services';

/**
 * The latest outcome of each request of each `.sugar` file (from Run All or a single Send), shown
 * beside its lines until the file changes: then line numbers no longer match, so all of a file's
 * results go at once. Results of a run the file changed under are dropped the same way.
 */
export class CheckResults extends Disposable {
  private readonly byFile = new Map<string, { version: number; outcomes: Map<number, RequestOutcome> }>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.clear(event.document.uri);
      }),
    );
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)));
  }

  /** Keeps a request's outcome if `document` is still at `version` (the text it was read from). */
  set(document: vscode.TextDocument, version: number, outcome: RequestOutcome): void {
    if (document.isClosed || document.version !== version) return;
    const key = document.uri.toString();
    let file = this.byFile.get(key);
    if (!file || file.version !== version) {
      file = { version, outcomes: new Map() };
      this.byFile.set(key, file);
    }
    file.outcomes.set(outcome.index, outcome);
    this.changed.fire(document.uri);
  }

  /** The outcomes kept for the document as it is now. */
  outcomes(document: vscode.TextDocument): ReadonlyMap<number, RequestOutcome> | undefined {
    const file = this.byFile.get(document.uri.toString());
    return file && file.version === document.version ? file.outcomes : undefined;
  }

  clear(uri: vscode.Uri): void {
    if (this.byFile.delete(uri.toString())) this.changed.fire(uri);
  }
}

const resultsByServices = new WeakMap<Services, CheckResults>();

/** One store per extension instance, made on first use and disposed with the extension. */
export function checkResultsOf(services: Services): CheckResults {
  let results = resultsByServices.get(services);
  if (!results) {
    results = new CheckResults();
    services.context.subscriptions.push(results);
    resultsByServices.set(services, results);
  }
  return results;
}
