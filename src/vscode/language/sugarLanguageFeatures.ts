/**
 * The bodies of the `.sugar` completion, hover, quick-fix and schema-warning providers (behind the
 * lazy seam; registerSugarLanguage.ts registers thin stubs at activation). Each request's schema
 * is its connection's (`# @connection`, else the active one), taken from memory only: when it is
 * not there yet, loading starts in the background and the warnings are refreshed once it lands;
 * completion meanwhile offers paths from the /help catalog. Typing never waits on the network.
 */
import vscode = require('vscode');
import type { CatalogEndpoint, CompletionAnswer, CompletionKind, SugarCompletion } from '../../core/schema/sugarLanguage';
import { completionDocumentation, requestAt, sugarCompletions, sugarHover } from '../../core/schema/sugarLanguage';
import { schemaWarnings } from '../../core/schema/sugarDiagnostics';
import { assertionCompletions } from '../../core/checks/assertionCompletion';
import { isAssertionLine } from '../../core/checks/assertionSyntax';
import type { SchemaIndex } from '../../core/schema/schemaIndex';
import { parseRequestFile, type FileRequest } from '../../core/explore/requestFile';
import { parseSessionRef } from '../../core/session/sessionState';
import { sessionFor } from '../explore/requestFiles';
import type { Services } from '../services';

/** The diagnostics' source: quick fixes answer only these. */
export const SCHEMA_SOURCE = 'Sugar schema';
/** A failed background load is not retried on every keystroke. */
const RETRY_MS = 30_000;
/** How long completion waits for a catalog that is in memory (the first read of globalState). */
const CATALOG_WAIT_MS = 30;
const WITH_TOKENS = new Set(['active', 'expiringSoon', 'accessExpired']);

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  module: vscode.CompletionItemKind.Module,
  path: vscode.CompletionItemKind.Folder,
  field: vscode.CompletionItemKind.Field,
  operator: vscode.CompletionItemKind.Operator,
  link: vscode.CompletionItemKind.Reference,
  value: vscode.CompletionItemKind.EnumMember,
  variable: vscode.CompletionItemKind.Variable,
  keyword: vscode.CompletionItemKind.Keyword,
};

const fixKey = (range: vscode.Range, message: string): string => `${range.start.line}:${range.start.character}:${message}`;
const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

function toItem(item: SugarCompletion, range: vscode.Range): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, KINDS[item.kind]);
  result.insertText = item.insertText;
  result.range = range;
  if (item.detail) result.detail = item.detail;
  if (item.documentation) result.documentation = new vscode.MarkdownString(item.documentation);
  if (item.filterText) result.filterText = item.filterText;
  if (item.sortText) result.sortText = item.sortText;
  return result;
}

export class SugarLanguageFeatures implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('sugar-schema');
  private readonly loading = new Map<string, number>();
  private readonly catalogs = new Map<string, CatalogEndpoint[]>();
  private readonly unresolved = new WeakMap<vscode.CompletionItem, { item: SugarCompletion; index: SchemaIndex | undefined }>();
  /** The quick fix of each warning shown, by document and place (diagnostics come back as copies). */
  private readonly fixes = new Map<string, Map<string, string>>();

  constructor(private readonly services: Services, private readonly refreshAll: () => void) {}

  dispose(): void {
    this.diagnostics.dispose();
  }

  /** The session a request goes to, or undefined when there is none (no active connection). */
  private async sessionOf(request: FileRequest | undefined): Promise<string | undefined> {
    try {
      return await sessionFor(this.services, request ?? ({} as FileRequest));
    } catch {
      return undefined;
    }
  }

  /** The index in memory; otherwise loading starts in the background, and undefined now. */
  private async indexOf(sessionId: string): Promise<SchemaIndex | undefined> {
    const known = await this.services.schema.peek(sessionId).catch(() => undefined);
    if (known) return known;
    const { connectionId } = parseSessionRef(sessionId);
    const last = this.loading.get(sessionId);
    if (WITH_TOKENS.has(this.services.engine.state(connectionId).status) && (last === undefined || Date.now() - last > RETRY_MS)) {
      this.loading.set(sessionId, Date.now());
      this.services.schema.index(sessionId).then(
        () => this.refreshAll(),
        (error: unknown) => this.services.log.info(`Sugar IntelliSense: the schema could not be loaded (${error instanceof Error ? error.message : String(error)}); completion offers /help paths meanwhile.`),
      );
    }
    return undefined;
  }

  /** The /help catalog if it is in memory or comes within a few milliseconds; loading goes on regardless. */
  private async catalogOf(sessionId: string): Promise<CatalogEndpoint[]> {
    const { connectionId } = parseSessionRef(sessionId);
    const known = this.catalogs.get(connectionId);
    if (known) return known;
    const loading = this.services.explore.catalog.list(connectionId).then(
      (endpoints) => {
        this.catalogs.set(connectionId, endpoints);
        return endpoints;
      },
      () => [] as CatalogEndpoint[],
    );
    return Promise.race([loading, new Promise<CatalogEndpoint[]>((resolve) => setTimeout(() => resolve([]), CATALOG_WAIT_MS))]);
  }

  private async inputAt(document: vscode.TextDocument, position: vscode.Position) {
    const text = document.getText();
    const request = requestAt(parseRequestFile(text), position.line)?.request;
    const sessionId = await this.sessionOf(request);
    const [index, catalog] = sessionId ? await Promise.all([this.indexOf(sessionId), this.catalogOf(sessionId)]) : [undefined, []];
    return { text, position: { line: position.line, character: position.character }, index, catalog };
  }

  async completion(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    // On a ?? line: its subjects and operators, and nothing from the schema.
    const line = document.lineAt(position.line).text;
    if (isAssertionLine(line)) return this.list(assertionCompletions(line, position.line, position.character));
    const input = await this.inputAt(document, position);
    const answer = sugarCompletions(input);
    if (!answer || answer.items.length === 0) return undefined;
    const range = toRange(answer.range);
    return new vscode.CompletionList(
      answer.items.map((item) => {
        const result = toItem(item, range);
        if (item.fieldOf) this.unresolved.set(result, { item, index: input.index });
        return result;
      }),
      false,
    );
  }

  private list(answer: CompletionAnswer | undefined): vscode.CompletionList | undefined {
    if (!answer || answer.items.length === 0) return undefined;
    const range = toRange(answer.range);
    return new vscode.CompletionList(answer.items.map((item) => toItem(item, range)), false);
  }

  /** A field's documentation, when the suggest widget shows its details. */
  resolve(result: vscode.CompletionItem): vscode.CompletionItem {
    const pending = this.unresolved.get(result);
    const documentation = pending && completionDocumentation(pending.item, pending.index);
    if (documentation) result.documentation = new vscode.MarkdownString(documentation);
    return result;
  }

  async hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const answer = sugarHover(await this.inputAt(document, position));
    return answer ? new vscode.Hover(new vscode.MarkdownString(answer.markdown), toRange(answer.range)) : undefined;
  }

  /** The closest name, for a warning that has one. */
  codeActions(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const replacement = diagnostic.source === SCHEMA_SOURCE ? this.fixes.get(document.uri.toString())?.get(fixKey(diagnostic.range, diagnostic.message)) : undefined;
      if (!replacement) return [];
      const action = new vscode.CodeAction(`Change to ${replacement}`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, replacement);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return [action];
    });
  }

  /** Warnings of every request whose schema is in memory, each against its own connection's. */
  async refreshDiagnostics(document: vscode.TextDocument): Promise<void> {
    const text = document.getText();
    const requests = parseRequestFile(text);
    const bySession = new Map<string, Set<number>>();
    // One look-up per distinct `# @connection` line, not per request.
    const sessions = new Map<string, Promise<string | undefined>>();
    for (const request of requests) {
      const key = request.connection ? `${request.connection.name}\n${request.connection.sudoUser ?? ''}` : '';
      if (!sessions.has(key)) sessions.set(key, this.sessionOf(request));
      const sessionId = await sessions.get(key);
      if (!sessionId) continue;
      let lines = bySession.get(sessionId);
      if (!lines) bySession.set(sessionId, (lines = new Set()));
      lines.add(request.startLine);
    }
    const diagnostics: vscode.Diagnostic[] = [];
    const fixes = new Map<string, string>();
    for (const [sessionId, startLines] of bySession) {
      const index = await this.indexOf(sessionId);
      if (!index) continue;
      // Capitalized routes that are not modules (`/Administration/…`) come from /help.
      const roots = new Set((await this.catalogOf(sessionId)).map((e) => e.path.split('/')[1] ?? ''));
      for (const warning of schemaWarnings(text, index, roots, (request) => startLines.has(request.startLine))) {
        const diagnostic = new vscode.Diagnostic(toRange(warning.range), warning.message, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = SCHEMA_SOURCE;
        if (warning.replacement) fixes.set(fixKey(diagnostic.range, warning.message), warning.replacement);
        diagnostics.push(diagnostic);
      }
    }
    if (document.isClosed) return;
    this.diagnostics.set(document.uri, diagnostics);
    this.fixes.set(document.uri.toString(), fixes);
  }

  forget(uri: vscode.Uri): void {
    this.diagnostics.delete(uri);
    this.fixes.delete(uri.toString());
  }
}

const byServices = new WeakMap<Services, SugarLanguageFeatures>();

/** One instance per extension instance (the registration stubs ask for it per call). */
export function sugarLanguageFeatures(services: Services, refreshAll: () => void): SugarLanguageFeatures {
  let features = byServices.get(services);
  if (!features) {
    features = new SugarLanguageFeatures(services, refreshAll);
    byServices.set(services, features);
    services.context.subscriptions.push(features);
  }
  return features;
}
