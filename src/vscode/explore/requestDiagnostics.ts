import vscode = require('vscode');
import type { RequestProblem } from '../../core/explore/requestFile';
import { lazy } from '../../lazyLoader';
import { SUGAR_LANGUAGE } from './requestDirective';

/** Typing settles before a file is read again; each read is linear in the file. */
const SETTLE_MS = 250;

const SEVERITY: Record<RequestProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
};

/**
 * The problems of open `.sugar` files in the Problems view and under their lines: a request that
 * cannot be sent (no method, a refused header such as `Host:` or `OAuth-Token:`) or that was
 * adjusted. Independent of the CodeLenses, which a user may have turned off.
 */
export class RequestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SUGAR_LANGUAGE);
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      // A language change closes the document and opens it again under the new language.
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== SUGAR_LANGUAGE) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (!document.isClosed) this.collection.set(document.uri, diagnosticsOf(document));
      }, SETTLE_MS),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.collection.delete(uri);
  }
}

function diagnosticsOf(document: vscode.TextDocument): vscode.Diagnostic[] {
  return lazy().parseRequestFile(document.getText())
    .flatMap((request) => request.problems)
    .map((problem) => {
      const line = document.lineAt(Math.min(problem.line, document.lineCount - 1));
      const range = new vscode.Range(line.lineNumber, line.firstNonWhitespaceCharacterIndex, line.lineNumber, line.text.length);
      const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
      diagnostic.source = 'Sugar';
      return diagnostic;
    });
}
