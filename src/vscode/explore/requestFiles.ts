import vscode = require('vscode');
import { FileRequest, parseRequestFile } from '../../core/explore/requestFile';
import { parseFileVariables } from '../../core/explore/fileVariables';
import { missingVariablesSentence, resolveRequest } from '../../core/explore/requestResolution';
import { normalizeRequestPath } from '../../core/explore/requestPath';
import { parseSessionRef } from '../../core/session/sessionState';
import { SugarError } from '../../core/sugar/errors';
import type { Services } from '../services';
import { responseTitle } from '../../core/explore/responseTitle';
import { SUGAR_LANGUAGE } from './requestDirective';
import { CommandHandler, forConnection, withProgress } from '../commands/commandRunner';
import { answeredOutcome } from '../../core/checks/fileRunner';
import { checkedResponse, ensureSudoSession } from '../../core/checks/sessionSend';
import { checkResultsOf } from '../checks/checkResults';

/** The previous response of each request file: where its {{variables}} come from. */
const lastResponses = new Map<string, unknown>();

/** The file's last JSON response (undefined before one), read-only: for the completion of {{variables}}. */
export function lastResponseOf(uri: vscode.Uri): unknown {
  return lastResponses.get(uri.toString());
}

export function requestFileCommands(services: Services): Record<string, CommandHandler> {
  const sendFileRequest: CommandHandler = async (uriArg, indexArg) => {
    const editor = vscode.window.activeTextEditor;
    const uri = uriArg instanceof vscode.Uri ? uriArg : editor?.document.uri;
    if (!uri) throw new SugarError({ kind: 'session', explanation: 'Open a .sugar request file first.' });
    const document = await vscode.workspace.openTextDocument(uri);
    const version = document.version;
    const text = document.getText();
    const requests = parseRequestFile(text);
    const index = typeof indexArg === 'number' ? indexArg : requestAtLine(requests, editor?.selection.active.line ?? 0);
    const request = requests[index];
    if (!request) throw new SugarError({ kind: 'session', explanation: 'There is no request at that place in the file.' });
    if (request.errors.length > 0) throw new SugarError({ kind: 'session', explanation: request.errors[0] });
    const sessionId = await sessionFor(services, request);
    const resolved = resolveRequest(request, parseFileVariables(text), lastResponses.get(uri.toString()));
    if (resolved.missing.length > 0) {
      throw new SugarError({ kind: 'session', explanation: missingVariablesSentence(resolved.missing) });
    }
    const { connectionId } = parseSessionRef(sessionId);
    const { response, result, checks } = await forConnection(connectionId, () =>
      withProgress(`${request.method} ${resolved.path}`, async (signal) => {
        // A file that names `as jim` means it: the sudo session starts when there is none.
        await ensureSudoSession(services.engine, sessionId, signal);
        return services.explore.sender.send(
          sessionId,
          { method: request.method, path: normalizeRequestPath(resolved.path), headers: resolved.headers, body: resolved.body },
          // One tab per request of the file, beside it; the cursor stays in the file. Its ?? lines are checked there.
          { signal, tabKey: `${uri.toString()}#${index}`, preserveFocus: true, rerun: () => sendFileRequest(uri, index), assertions: request.assertions },
        );
      }),
    );
    if (response.isJson) lastResponses.set(uri.toString(), response.json);
    // Beside the ?? lines too, until the file changes.
    if (checks) checkResultsOf(services).set(document, version, answeredOutcome(request, index, checkedResponse(response), checks));
    return result;
  };
  return { 'sugar.sendFileRequest': sendFileRequest };
}

export function requestAtLine(requests: FileRequest[], line: number): number {
  const index = requests.findIndex((request) => line >= request.startLine && line <= request.endLine);
  return index >= 0 ? index : 0;
}

/** The session a request goes to: its `# @connection`, else the active connection. */
export async function sessionFor(services: Services, request: FileRequest): Promise<string> {
  const pinned = request.connection;
  const profile = pinned ? await services.profiles.findByName(pinned.name) : await services.profiles.get(services.active.id ?? '');
  if (!profile) {
    throw new SugarError({
      kind: 'session',
      explanation: pinned ? `There is no connection named "${pinned.name}".` : 'There is no active connection; set one, or pin one with "# @connection <name>".',
    });
  }
  return pinned?.sudoUser ? `${profile.id}/sudo/${encodeURIComponent(pinned.sudoUser)}` : profile.id;
}

/**
 * An untitled request editor: edit the request (a body method: its JSON), then "Send with …" above
 * it. It is named after its request ("POST Accounts.sugar"), not after its first line.
 */
export async function newRequestDocument(sessionLabel: string, method: string, path: string): Promise<void> {
  // A body template only where the method takes one (a GET re-run from History has none).
  const withBody = ['POST', 'PUT', 'PATCH'].includes(method);
  const body = withBody ? ['Content-Type: application/json', '', '{', '  ', '}'] : [];
  const content = [`# @connection ${sessionLabel}`, `### ${method} ${path}`, `${method} ${path}`, ...body, ''].join('\n');
  const editor = await openUntitledSugarDocument(responseTitle(method, path) || 'Request', content);
  const [line, column] = withBody ? [6, 2] : [2, content.split('\n')[2].length];
  editor.selection = new vscode.Selection(line, column, line, column);
}

/** A new untitled `.sugar` editor named `<base>.sugar` (or `<base> 2.sugar`…), filled before it shows. */
export async function openUntitledSugarDocument(base: string, content: string): Promise<vscode.TextEditor> {
  const taken = new Set(vscode.workspace.textDocuments.filter((d) => d.isUntitled).map((d) => d.uri.path));
  let name = `${base}.sugar`;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}.sugar`;
  let document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: name }));
  // Filled before it shows: whoever sees the editor sees the request.
  const fill = new vscode.WorkspaceEdit();
  fill.insert(document.uri, new vscode.Position(0, 0), content);
  await vscode.workspace.applyEdit(fill);
  if (document.languageId !== SUGAR_LANGUAGE) document = await vscode.languages.setTextDocumentLanguage(document, SUGAR_LANGUAGE);
  return vscode.window.showTextDocument(document, { preview: false });
}
