import vscode = require('vscode');
import { exportCode } from '../../core/interchange/codeExport';
import { bodyText, ExportableRequest, ExportConnection, ExportTarget, isExportTarget } from '../../core/interchange/exportRequest';
import { postmanCollection, postmanFileName, postmanText } from '../../core/interchange/postmanExport';
import { FileRequest, parseRequestFile } from '../../core/explore/requestFile';
import { parseSessionRef } from '../../core/session/sessionState';
import { buildApiUrl } from '../../core/sugar/apiUrl';
import { MASKED_TOKEN } from '../../core/sugar/curl';
import { SugarError } from '../../core/sugar/errors';
import { CommandHandler, forConnection } from '../commands/commandRunner';
import { MIN_COPY_VALIDITY_MS } from '../commands/copyCommands';
import { requestAtLine, sessionFor } from '../explore/requestFiles';
import type { Services } from '../services';
import { HistoryEntryNode } from '../tree/nodes';
import { deliverExport, pickExport } from './exportPick';

/** `sugar.exportRequest`'s argument from other extensions and tests (the same as `sugar.sendRequest`'s). */
interface ExportArgument {
  connection: string;
  method?: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
}

function isExportArgument(value: unknown): value is ExportArgument {
  return typeof value === 'object' && value !== null && typeof (value as ExportArgument).connection === 'string' && typeof (value as ExportArgument).path === 'string';
}

/** One request to export and the session it is sent as. */
interface Exportable {
  sessionId: string;
  request: ExportableRequest;
  /** A sentence to show with the export (what it could not carry). */
  note?: string;
}

function fromFileRequest(request: FileRequest): ExportableRequest {
  if (request.errors.length > 0) throw new SugarError({ kind: 'session', explanation: `This request cannot be exported: ${request.errors[0]}` });
  return { title: request.title, method: request.method, path: request.path, headers: request.headers, body: request.body };
}

async function sugarDocument(uriArg: unknown): Promise<vscode.TextDocument> {
  const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) throw new SugarError({ kind: 'session', explanation: 'Open a .sugar request file first.' });
  return vscode.workspace.openTextDocument(uri);
}

export function exportCommands(services: Services): Record<string, CommandHandler> {
  /** The URL and token text of a session: the token in clear only when asked, read from the session now. */
  const connectionOf = async (sessionId: string, clear: boolean): Promise<ExportConnection> => {
    const { connectionId } = parseSessionRef(sessionId);
    const profile = await services.profiles.get(connectionId);
    const target = await services.engine.targetFor(connectionId);
    const token = clear ? await services.engine.accessToken(sessionId, undefined, MIN_COPY_VALIDITY_MS) : MASKED_TOKEN;
    return { baseUrl: buildApiUrl(target, { path: '' }).replace(/\/$/, ''), token, insecure: profile ? !profile.tls.verify : false };
  };

  const exportText = async ({ sessionId, request }: Exportable, target: ExportTarget, clear: boolean): Promise<string> => {
    const connection = await connectionOf(sessionId, clear);
    if (target !== 'postman') return exportCode(request, connection, target);
    const name = (await services.profiles.summary(parseSessionRef(sessionId).connectionId))?.name;
    const collection = postmanCollection([request], { name: request.title ?? `${request.method} ${request.path.split('?')[0]}`, baseUrl: connection.baseUrl, token: clear ? connection.token : undefined, source: name });
    return postmanText(collection);
  };

  /** What the command was run on: a .sugar file's request (CodeLens, editor), a History row. */
  const exportableOf = async (arg: unknown, indexArg: unknown): Promise<Exportable> => {
    if (arg instanceof HistoryEntryNode) {
      const { entry } = arg;
      const note =
        entry.bodyOmitted === undefined ? undefined : `History did not keep this request's body (${entry.bodyOmitted === 'size' ? 'too large' : 'it carried credentials'}): the export has none.`;
      return { sessionId: entry.sessionId, request: { method: entry.method, path: entry.path, query: entry.query, body: entry.body }, note };
    }
    const document = await sugarDocument(arg);
    const requests = parseRequestFile(document.getText());
    const editor = vscode.window.activeTextEditor;
    const line = editor?.document === document ? editor.selection.active.line : 0;
    const request = requests[typeof indexArg === 'number' ? indexArg : requestAtLine(requests, line)];
    if (!request) throw new SugarError({ kind: 'session', explanation: 'There is no request at that place in the file.' });
    return { sessionId: await sessionFor(services, request), request: fromFileRequest(request) };
  };

  return {
    /**
     * From a CodeLens (file URI and index), the editor (the request at the cursor) or a History row it
     * asks the target; called with `{connection, method, path, query?, body?}` and a target it answers
     * the text, token masked.
     */
    'sugar.exportRequest': async (arg, second) => {
      if (isExportArgument(arg)) {
        if (!isExportTarget(second)) throw new SugarError({ kind: 'session', explanation: `Export to what? One of curl, php, javascript, python, csharp, postman.` });
        const request = { method: arg.method ?? 'GET', path: arg.path, query: arg.query, body: bodyText(arg.body) };
        return forConnection(parseSessionRef(arg.connection).connectionId, () => exportText({ sessionId: arg.connection, request }, second, false));
      }
      const exportable = await exportableOf(arg, second);
      const choice = await pickExport(`Export ${exportable.request.method} ${exportable.request.path.split('?')[0]}`);
      const text = await forConnection(parseSessionRef(exportable.sessionId).connectionId, () => exportText(exportable, choice.target, choice.clear));
      await deliverExport(text, choice);
      if (exportable.note) void vscode.window.showWarningMessage(exportable.note);
      return undefined;
    },
    /**
     * A whole .sugar file as a Postman collection, saved where the user says (a caller may pass the
     * target URI as the second argument). `base_url` is the first request's connection.
     */
    'sugar.exportFileToPostman': async (uriArg, saveArg) => {
      const document = await sugarDocument(uriArg);
      const requests = parseRequestFile(document.getText());
      const exportable = requests.filter((request) => request.errors.length === 0);
      if (exportable.length === 0) throw new SugarError({ kind: 'session', explanation: 'This file has no request that can be exported.' });
      const sessionId = await sessionFor(services, exportable[0]);
      const { connectionId } = parseSessionRef(sessionId);
      const connection = await forConnection(connectionId, () => connectionOf(sessionId, false));
      const fileName = document.uri.path.split('/').pop() ?? 'requests.sugar';
      const collection = postmanCollection(exportable.map(fromFileRequest), {
        name: fileName.replace(/\.sugar$/i, ''),
        baseUrl: connection.baseUrl,
        source: fileName,
      });
      const target = saveArg instanceof vscode.Uri ? saveArg : await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(document.isUntitled ? (vscode.workspace.workspaceFolders?.[0]?.uri ?? document.uri) : vscode.Uri.joinPath(document.uri, '..'), postmanFileName(fileName)),
        filters: { 'Postman collection': ['json'] },
        title: 'Save the Postman collection',
      });
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, Buffer.from(postmanText(collection), 'utf8'));
      const skipped = requests.length - exportable.length;
      const more = skipped > 0 ? ` (${skipped} with errors left out)` : '';
      vscode.window.setStatusBarMessage(`$(check) Exported ${exportable.length} requests to ${target.path.split('/').pop()}${more}`, 6000);
      if (skipped > 0) void vscode.window.showWarningMessage(`${skipped} request(s) of ${fileName} have errors and were left out of the collection.`);
      return target.toString();
    },
  };
}
