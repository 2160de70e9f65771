import vscode = require('vscode');
import { lazy } from '../../lazyLoader';
import { Disposable } from '../lifecycle';
import type { Services } from '../services';

/** "Send with <connection>" above each request of a .sugar file. */
export class RequestCodeLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly services: Services) {
    super();
    this._register(services.active.onDidChange(() => this.changed.fire()));
  }

  /** Assertion results arrive after a run or a send: listened to from the first file shown (not at activation). */
  private checksHeard = false;

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const requests = lazy().parseRequestFile(document.getText());
    const activeName = (await this.services.profiles.summary(this.services.active.id ?? ''))?.name;
    const results = lazy().checkResultsOf(this.services);
    if (!this.checksHeard) {
      this.checksHeard = true;
      this._register(results.onDidChange(() => this.changed.fire()));
    }
    const checks = lazy().checkLenses(document, requests, results);
    const sends = requests.flatMap((request, index) => {
      const range = new vscode.Range(request.startLine, 0, request.startLine, 0);
      if (request.errors.length > 0) return [new vscode.CodeLens(range, { title: `$(warning) ${request.errors[0]}`, command: '' })];
      const pinned = request.connection;
      const who = pinned ? `${pinned.name}${pinned.sudoUser ? ` as ${pinned.sudoUser}` : ''}` : activeName;
      const title = who ? `$(play) Send with ${who}` : '$(play) Send (no active connection)';
      return [new vscode.CodeLens(range, { title, command: 'sugar.sendFileRequest', arguments: [document.uri, index] })];
    });
    return [...checks.top, ...sends, ...checks.results];
  }
}
