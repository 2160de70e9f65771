/**
 * `sugar.filterRecords`: the filter builder from the palette, a module row or a Records node.
 * Its argument is `{connection: sessionId, module}`, a tree element, or nothing (then it asks).
 * While the user builds, the count of the filter so far shows in the title (POST
 * /<M>/filter/count, a newer count aborting the older one); at the end the records show in a
 * response tab, in a list to open one from, or the request goes into a new `.sugar` document.
 */
import vscode = require('vscode');
import { countRequestBody, filterRequestBody, readRecordCount, sugarFileText, type JoinedCondition } from '../../core/schema/filterBuilder';
import { LatestOnly } from '../../core/schema/latestOnly';
import { parseSessionRef } from '../../core/session/sessionState';
import { SugarError, cancelledError } from '../../core/sugar/errors';
import { sessionIdFrom } from '../commands/arguments';
import { type CommandHandler, forConnection, withProgress } from '../commands/commandRunner';
import { SUGAR_LANGUAGE } from '../explore/requestDirective';
import type { Services } from '../services';
import { isTreeNode } from '../tree/nodes';
import { FilterPrompter } from './filterInput';
import { type BuiltFilter, runFilterFlow } from './filterFlow';
import { showFilterInTree } from './filterInTree';

/** What a caller may hand the command; tree elements of the Modules view carry the same names. */
interface FilterArgument {
  connection?: unknown;
  sessionId?: unknown;
  connectionId?: unknown;
  module?: unknown;
  moduleName?: unknown;
}

const asText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The session to ask as, and the module if the argument names one. */
function readArgument(arg: unknown): { session: unknown; module?: string } {
  if (arg === null || typeof arg !== 'object') return { session: arg };
  const a = arg as FilterArgument;
  const module = asText(a.module) ?? asText(a.moduleName);
  // A tree element is resolved as one (a sudo row knows its session); a plain object names it.
  if (isTreeNode(arg)) return { session: asText(a.sessionId) ?? arg, module };
  return { session: asText(a.connection) ?? asText(a.sessionId) ?? asText(a.connectionId), module };
}

export function filterCommands(services: Services): Record<string, CommandHandler> {
  return {
    'sugar.filterRecords': async (arg) => {
      const given = readArgument(arg);
      const session = await sessionIdFrom(services, given.session, 'Filter the records of which connection?');
      const { connectionId } = parseSessionRef(session.id);
      const index = await forConnection(connectionId, async () =>
        vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading the instance\'s modules…' }, () => services.schema.index(session.id)),
      );
      if (given.module && !index.module(given.module)) {
        throw new SugarError({ kind: 'session', remedy: 'none', explanation: `${session.label} has no module ${JSON.stringify(given.module)}.` });
      }
      const prompter = new FilterPrompter();
      const counts = new LatestOnly<number | undefined>();
      const count = (module: string, conditions: readonly JoinedCondition[]): void => {
        if (conditions.length === 0) {
          counts.cancel();
          prompter.setStatus('');
          return;
        }
        prompter.setStatus('counting…');
        counts.run(
          async (signal) => readRecordCount((await services.engine.request(session.id, { method: 'POST', path: `/${encodeURIComponent(module)}/filter/count`, body: countRequestBody(conditions) }, signal)).json),
          (n) => prompter.setStatus(n === undefined ? 'count unknown' : `${n} record${n === 1 ? '' : 's'}`),
          (error) => prompter.setStatus(`no count: ${error instanceof Error ? error.message.slice(0, 80) : 'failed'}`),
        );
      };
      let built: BuiltFilter | undefined;
      try {
        built = await runFilterFlow(prompter, { index, module: given.module, now: services.clock.now(), onConditions: count });
      } finally {
        counts.cancel();
      }
      if (!built) throw cancelledError();
      if (built.outcome === 'tree') return showFilterInTree(services, session.id, built, index);
      return finish(services, session, built);
    },
  };
}

async function finish(services: Services, session: { id: string; label: string; profile: { name: string } }, built: BuiltFilter): Promise<unknown> {
  const { request } = built;
  const apiRequest = { method: 'POST', path: `/${encodeURIComponent(request.module)}/filter`, body: filterRequestBody(request) };
  const { connectionId, sudoUser } = parseSessionRef(session.id);
  if (built.outcome === 'file') {
    const content = sugarFileText(request, { connection: session.profile.name, sudoUser, title: built.title });
    const document = await vscode.workspace.openTextDocument({ language: SUGAR_LANGUAGE, content });
    await vscode.window.showTextDocument(document, { preview: false });
    return document.uri.toString();
  }
  const show = built.outcome === 'responseTab';
  const { result } = await forConnection(connectionId, () =>
    withProgress(`POST ${apiRequest.path}`, (signal) => services.explore.sender.send(session.id, apiRequest, { signal, show })),
  );
  if (show) return result;
  const records = recordsOf(result.body);
  if (result.status !== 200) throw new SugarError({ kind: 'http', status: result.status, remedy: 'openLog', explanation: `POST ${apiRequest.path} answered ${result.status}.` });
  const picked = await vscode.window.showQuickPick(
    records.map((record) => ({ label: record.name, description: record.detail, id: record.id })),
    { title: built.title, placeHolder: records.length === 0 ? 'No record matches' : `${records.length} record${records.length === 1 ? '' : 's'}: open which one?`, matchOnDescription: true },
  );
  if (!picked) throw cancelledError();
  // Another part of the extension owns record editors: ask it by its command id.
  return vscode.commands.executeCommand('sugar.openRecord', session.id, request.module, picked.id);
}

/** The records of a filter answer, each with a name to show (bounded: the answer may be hostile). */
function recordsOf(body: unknown): Array<{ id: string; name: string; detail: string }> {
  const list = body !== null && typeof body === 'object' ? (body as { records?: unknown }).records : undefined;
  if (!Array.isArray(list)) return [];
  const out: Array<{ id: string; name: string; detail: string }> = [];
  for (const record of list.slice(0, 1000)) {
    if (record === null || typeof record !== 'object') continue;
    const r = record as Record<string, unknown>;
    const id = asText(r.id);
    if (!id) continue;
    const name = asText(r.name) ?? ([asText(r.first_name), asText(r.last_name)].filter(Boolean).join(' ') || id);
    const detail = Object.entries(r)
      .filter(([key, value]) => !['id', 'name', '_acl', '_module', 'locked_fields'].includes(key) && (typeof value === 'string' || typeof value === 'number') && value !== '')
      .slice(0, 4)
      .map(([key, value]) => `${key}: ${String(value).slice(0, 60)}`)
      .join(' · ');
    out.push({ id: id.slice(0, 100), name: name.slice(0, 200), detail });
  }
  return out;
}
