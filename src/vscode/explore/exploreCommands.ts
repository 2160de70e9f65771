import vscode = require('vscode');
import type { Endpoint } from '../../core/explore/helpPage';
import { fillPath } from '../../core/explore/helpPage';
import { normalizeRequestPath, pathVariables } from '../../core/explore/requestPath';
import { rerunPlan } from '../../core/explore/rerunPlan';
import { parseSessionRef } from '../../core/session/sessionState';
import { ApiRequest, buildApiUrl } from '../../core/sugar/client';
import { curlCommand, MASKED_TOKEN } from '../../core/sugar/curl';
import { SugarError, cancelledError } from '../../core/sugar/errors';
import { sessionIdFrom } from '../commands/arguments';
import { CommandHandler, forConnection, withProgress } from '../commands/commandRunner';
import { askCurlTokenForm, MIN_COPY_VALIDITY_MS } from '../commands/copyCommands';
import type { Services } from '../services';
import { ApiNode, EndpointNode, HistoryEntryNode } from '../tree/nodes';
import { pickModule } from '../commands/valuePicks';
import { answerOfTypedTextPick, typedTextInput } from '../commands/typedTextPick';
import { newRequestDocument } from './requestFiles';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** `sugar.sendRequest`'s argument from other extensions and tests. */
interface SendArgument {
  connection: string;
  method: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  headers?: Record<string, string>;
}

function isSendArgument(value: unknown): value is SendArgument {
  return typeof value === 'object' && value !== null && typeof (value as SendArgument).connection === 'string' && typeof (value as SendArgument).path === 'string';
}

export function exploreCommands(services: Services): Record<string, CommandHandler> {
  const { explore } = services;

  const send = async (sessionId: string, request: ApiRequest): Promise<Awaited<ReturnType<typeof explore.sender.send>>> => {
    const { connectionId } = parseSessionRef(sessionId);
    return forConnection(connectionId, () =>
      withProgress(`${request.method.toUpperCase()} ${request.path}`, (signal) => explore.sender.send(sessionId, request, { signal, rerun: () => send(sessionId, request) })),
    );
  };

  const askVariables = async (path: string, sessionId: string): Promise<string> => {
    const values: Record<string, string> = {};
    for (const name of pathVariables(path)) {
      if (name === 'module') {
        values[name] = await pickModule(services, sessionId, path);
        continue;
      }
      const value = await vscode.window.showInputBox({
        title: path,
        prompt: name === 'module' ? 'Module name (for example Accounts)' : `Value of :${name}`,
        validateInput: (text) => (text.trim() ? undefined : `Enter ${name}.`),
        ignoreFocusOut: true,
      });
      if (value === undefined) throw cancelledError();
      values[name] = value.trim();
    }
    return fillPath(path, values);
  };

  /** Sends at once without a body; with one, opens a request editor whose CodeLens sends it. */
  const sendOrEdit = async (sessionId: string, label: string, method: string, path: string) => {
    if (WITH_BODY.has(method)) {
      await newRequestDocument(label, method, path);
      return undefined;
    }
    return (await send(sessionId, { method, path })).result;
  };

  const sendRequest: CommandHandler = async (arg) => {
    if (isSendArgument(arg)) {
      const { result } = await send(arg.connection, {
        method: (arg.method ?? 'GET').toUpperCase(),
        path: normalizeRequestPath(arg.path),
        query: arg.query,
        body: arg.body,
        headers: arg.headers,
      });
      return result;
    }
    if (arg instanceof EndpointNode) {
      const profile = await services.profiles.get(arg.connectionId);
      const path = await askVariables(arg.endpoint.path, arg.connectionId);
      return sendOrEdit(arg.connectionId, profile?.name ?? arg.connectionId, arg.endpoint.method, path);
    }
    if (arg instanceof HistoryEntryNode) return rerun(arg);
    const session = await sessionIdFrom(services, arg, 'Send the request as which connection?');
    const method = await vscode.window.showQuickPick(METHODS, { placeHolder: `Method (as ${session.label})` });
    if (!method) throw cancelledError();
    const endpoints = await explore.catalog.list(session.profile.id).catch(() => [] as Endpoint[]);
    const typed = await pickPath(endpoints.filter((e) => e.method === method), method);
    const path = await askVariables(normalizeRequestPath(typed), session.id);
    const query = await vscode.window.showInputBox({
      title: `${method} ${path}`,
      prompt: 'Query parameters, as name=value&name=value (optional; Enter to skip)',
      placeHolder: 'max_num=5&fields=name,date_modified',
      ignoreFocusOut: true,
    });
    if (query === undefined) throw cancelledError();
    const withQuery = query.trim() ? `${path}${path.includes('?') ? '&' : '?'}${query.trim().replace(/^[?&]/, '')}` : path;
    return sendOrEdit(session.id, session.label, method, withQuery);
  };

  const rerun = async (node: HistoryEntryNode) => {
    const { entry } = node;
    const plan = rerunPlan(entry);
    if (plan.kind === 'send') return (await send(entry.sessionId, { method: plan.method, path: plan.path, query: plan.query, body: plan.body })).result;
    // What History did not keep is asked of the user, never sent missing.
    const { connectionId, sudoUser } = parseSessionRef(entry.sessionId);
    const name = (await services.profiles.summary(connectionId))?.name ?? connectionId;
    await newRequestDocument(sudoUser ? `${name} as ${sudoUser}` : name, plan.method, plan.path);
    void vscode.window.showInformationMessage(plan.why);
    return undefined;
  };

  return {
    'sugar.sendRequest': sendRequest,
    'sugar.listEndpoints': async (arg) => {
      const session = await sessionIdFrom(services, arg instanceof ApiNode ? arg.connectionId : arg, 'List the endpoints of which connection?');
      const endpoints = await forConnection(session.profile.id, () => explore.catalog.list(session.profile.id));
      return endpoints.map(({ method, path, summary }) => ({ method, path, summary }));
    },
    'sugar.reloadEndpoints': async (arg) => {
      const session = await sessionIdFrom(services, arg instanceof ApiNode ? arg.connectionId : arg, 'Reload the endpoints of which connection?');
      const endpoints = await forConnection(session.profile.id, () => explore.catalog.list(session.profile.id, { reload: true }));
      return endpoints.length;
    },
    'sugar.rerunRequest': async (arg) => {
      if (!(arg instanceof HistoryEntryNode)) throw new SugarError({ kind: 'session', explanation: 'Choose a request in a connection\'s History.' });
      return rerun(arg);
    },
    'sugar.openLastResponse': async (arg) => {
      if (!(arg instanceof HistoryEntryNode)) throw new SugarError({ kind: 'session', explanation: 'Choose a request in a connection\'s History.' });
      // The tab that shows this entry's response comes to the front; no second copy opens.
      if (await explore.tabs.focusEntry(arg.entry.id)) return undefined;
      const answer = explore.history.lastResponse(arg.entry.id);
      if (!answer) return rerun(arg);
      await explore.sender.showResponse(arg.entry.method, answer, arg.entry.id);
      return undefined;
    },
    'sugar.copyRequestAsCurl': async (arg) => {
      if (!(arg instanceof HistoryEntryNode)) throw new SugarError({ kind: 'session', explanation: 'Choose a request in a connection\'s History.' });
      const form = await askCurlTokenForm();
      const { entry } = arg;
      const { connectionId } = parseSessionRef(entry.sessionId);
      const profile = await services.profiles.get(connectionId);
      const target = await services.engine.targetFor(connectionId);
      const url = buildApiUrl(target, { path: entry.path, query: entry.query });
      const token = form === 'clear' ? await services.engine.accessToken(entry.sessionId, undefined, MIN_COPY_VALIDITY_MS) : MASKED_TOKEN;
      await vscode.env.clipboard.writeText(curlCommand({ method: entry.method, url, token, body: entry.body, insecure: profile ? !profile.tls.verify : false }));
      vscode.window.setStatusBarMessage(`$(check) Copied the cURL command (token ${form === 'clear' ? 'in clear' : 'masked'})`, 4000);
      return undefined;
    },
  };
}

/**
 * A quick pick of the instance's paths for the method, accepting whatever the user types: Enter
 * sends the path typed unless the user moved to an endpoint's row after typing it (typedTextPick).
 */
async function pickPath(endpoints: Endpoint[], method: string): Promise<string> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = `${method}: path relative to /rest/{version}`;
  pick.placeholder = 'Type a path (e.g. /Accounts?max_num=5) or choose an endpoint';
  const known = endpoints.map((endpoint) => ({ label: endpoint.path, description: endpoint.summary }));
  const input = typedTextInput(pick, {
    listed: () => known,
    typedRow: (text) => ({ label: text, description: 'as typed', alwaysShow: true }),
    isText: (item, text) => item.label === text,
  });
  input.refresh();
  return answerOfTypedTextPick(pick, input);
}
