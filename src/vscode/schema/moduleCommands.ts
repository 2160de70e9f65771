/**
 * The module commands (issue 12 §6): for other extensions and tests they take ids and answer
 * data; from the palette they ask (connection, module) and show the answer; from the tree they
 * act on the row. A row of the Modules part carries `connection` (the session id) and `module`.
 */
import vscode = require('vscode');
import { describeModule, fieldDetail, type ModuleDescription } from '../../core/schema/moduleView';
import { findRecordsRequest, findRecordsResult, isFindRecordsArgument, isModuleName, type FindRecordsArgument } from '../../core/schema/recordPages';
import type { SchemaIndex } from '../../core/schema/schemaIndex';
import { parseSessionRef } from '../../core/session/sessionState';
import { SugarError, cancelledError } from '../../core/sugar/errors';
import { sessionIdFrom } from '../commands/arguments';
import { CommandHandler, forConnection, withProgress } from '../commands/commandRunner';
import type { Services } from '../services';
import { ModulesNode } from '../tree/moduleNodes';
import { FieldNode, LoadMoreNode, ModuleNode, ModuleSectionNode } from '../tree/moduleRowNodes';
import { moduleTreeFor } from '../tree/moduleTree';

type ModuleRowNode = ModuleNode | ModuleSectionNode | FieldNode;
const isModuleRow = (arg: unknown): arg is ModuleRowNode => arg instanceof ModuleNode || arg instanceof ModuleSectionNode || arg instanceof FieldNode;

function unknownModule(module: string): SugarError {
  return new SugarError({ kind: 'session', remedy: 'none', explanation: `The instance has no module ${JSON.stringify(module)}, or this user may not see it.` });
}

export function moduleCommands(services: Services): Record<string, CommandHandler> {
  const tree = () => moduleTreeFor(services);

  /** The session a command acts as: a Modules row's, an id, or (from the palette) the user's pick. */
  const sessionOf = async (arg: unknown, placeHolder: string): Promise<{ id: string; label: string }> => {
    if (arg instanceof ModulesNode || isModuleRow(arg)) {
      const sessionId = arg.sessionId;
      const profile = await services.profiles.summary(arg.connectionId);
      const sudo = parseSessionRef(sessionId).sudoUser;
      return { id: sessionId, label: `${profile?.name ?? arg.connectionId}${sudo ? ` as ${sudo}` : ''}` };
    }
    const session = await sessionIdFrom(services, arg, placeHolder);
    return { id: session.id, label: session.label };
  };

  const indexOf = (sessionId: string): Promise<SchemaIndex> =>
    forConnection(parseSessionRef(sessionId).connectionId, async () => (await services.schema.peek(sessionId)) ?? withProgress("Reading the instance's modules (/metadata)…", (signal) => services.schema.index(sessionId, signal)));

  const moduleOf = async (index: SchemaIndex, module: unknown, placeHolder: string): Promise<string> => {
    if (module !== undefined) {
      if (typeof module !== 'string' || !index.module(module)) throw unknownModule(String(module));
      return module;
    }
    const picked = await vscode.window.showQuickPick(
      index.moduleNames.map((name) => ({ label: name, description: index.module(name)?.label !== name ? index.module(name)?.label : undefined })),
      { placeHolder, matchOnDescription: true },
    );
    if (!picked) throw cancelledError();
    return picked.label;
  };

  // An untitled JSONC document: the user may keep it (Save As) or close it without a question.
  const showJson = async (_title: string, comment: string, value: unknown) => {
    const document = await vscode.workspace.openTextDocument({ language: 'jsonc', content: `// ${comment}\n${JSON.stringify(value, null, 2)}\n` });
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  };

  const describe = async (arg: unknown, module: unknown): Promise<ModuleDescription> => {
    const fromUser = arg === undefined || isModuleRow(arg);
    const session = await sessionOf(arg, 'Describe a module of which connection?');
    const index = await indexOf(session.id);
    const name = await moduleOf(index, isModuleRow(arg) ? arg.module : module, 'Describe which module?');
    const description = describeModule(index.module(name)!);
    if (fromUser) await showJson(`${name} · ${session.label}`, `${name}: fields and links from the metadata of ${session.label}`, description);
    return description;
  };

  const findRecords = async (arg: unknown, query: unknown): Promise<{ records: unknown[]; nextOffset: number }> => {
    const fromUser = arg === undefined || isModuleRow(arg);
    const session = await sessionOf(arg, 'Find records of which connection?');
    let wanted: FindRecordsArgument;
    if (!fromUser) {
      if (!isFindRecordsArgument(query) || !isModuleName(query.module)) throw new SugarError({ kind: 'session', explanation: 'sugar.findRecords takes (connection id, {module, filter?, fields?, maxNum?, offset?, orderBy?}).' });
      wanted = query;
    } else {
      const index = await indexOf(session.id);
      const module = await moduleOf(index, isModuleRow(arg) ? arg.module : undefined, 'Find records of which module?');
      wanted = { module, filter: await askFilter(module), maxNum: 20 };
    }
    const { connectionId } = parseSessionRef(session.id);
    const response = await forConnection(connectionId, () =>
      withProgress(`POST /${wanted.module}/filter`, (signal) => services.engine.request(session.id, findRecordsRequest(wanted), signal)),
    );
    const result = findRecordsResult(response, wanted.module);
    if (fromUser) await showJson(`${wanted.module} records · ${session.label}`, `POST /${wanted.module}/filter as ${session.label}: ${result.records.length} records, next_offset ${result.nextOffset}`, result);
    return result;
  };

  const findField = async (arg: unknown, module: unknown): Promise<string> => {
    const session = await sessionOf(arg, 'Find a field of which connection?');
    const index = await indexOf(session.id);
    const name = await moduleOf(index, isModuleRow(arg) ? arg.module : module, 'Find a field of which module?');
    const fields = index.module(name)!.fields;
    const picked = await vscode.window.showQuickPick(
      fields.map((field) => ({ label: field.name, description: field.label !== field.name ? field.label : undefined, detail: fieldDetail(field) })),
      { title: `Find Field: ${name} (${session.label})`, placeHolder: 'Type part of a field name or label', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) throw cancelledError();
    await vscode.env.clipboard.writeText(picked.label);
    vscode.window.setStatusBarMessage(`$(check) Copied the field name ${picked.label}`, 4000);
    // From the tree: the field's row is shown too (its dropdown values expanded).
    if (isModuleRow(arg)) {
      await tree().ensureFields(session.id, name);
      const row = tree().fieldNode(session.id, name, picked.label);
      if (row) await tree().reveal(row);
    }
    return picked.label;
  };

  return {
    'sugar.listModules': async (arg) => {
      const fromUser = arg === undefined || arg instanceof ModulesNode;
      const session = await sessionOf(arg, 'List the modules of which connection?');
      const names = [...(await indexOf(session.id)).moduleNames].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (fromUser) {
        const picked = await vscode.window.showQuickPick(names, { placeHolder: `${names.length} modules of ${session.label}: choose one to describe it` });
        if (picked) await describe(session.id, picked).then((d) => showJson(`${picked} · ${session.label}`, `${picked}: fields and links from the metadata of ${session.label}`, d));
      }
      return names;
    },
    'sugar.describeModule': (arg, module) => describe(arg, module),
    'sugar.findRecords': (arg, query) => findRecords(arg, query),
    'sugar.findField': (arg, module) => findField(arg, module),
    'sugar.loadMoreRecords': async (arg) => {
      const section = arg instanceof LoadMoreNode ? arg.parent : arg;
      if (!(section instanceof ModuleSectionNode) || section.section !== 'records') throw new SugarError({ kind: 'session', explanation: "Choose Load More below a module's Records." });
      await tree().loadMore(section);
      return undefined;
    },
    'sugar.clearRecordFilter': async (arg) => {
      if (!(arg instanceof ModuleSectionNode) || arg.section !== 'records') throw new SugarError({ kind: 'session', explanation: "Choose a module's filtered Records row in the tree." });
      tree().setFilter(arg.sessionId, arg.module, undefined);
      return undefined;
    },
    'sugar.reloadModules': async (arg) => {
      if (!(arg instanceof ModulesNode) && !(arg instanceof ModuleSectionNode)) throw new SugarError({ kind: 'session', explanation: 'Choose a Modules row or a Records row in the tree.' });
      await tree().reload(arg);
      return undefined;
    },
  };
}

/** A filter as JSON, optional (Enter for all records). */
async function askFilter(module: string): Promise<unknown> {
  const text = await vscode.window.showInputBox({
    title: `Find ${module} records`,
    prompt: 'Filter as JSON (optional; Enter for the newest 20)',
    placeHolder: '[{"name":{"$starts":"A"}}]',
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (!value.trim()) return undefined;
      try {
        JSON.parse(value);
        return undefined;
      } catch {
        return 'Not valid JSON.';
      }
    },
  });
  if (text === undefined) throw cancelledError();
  return text.trim() ? JSON.parse(text) : undefined;
}
