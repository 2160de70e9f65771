/** Record commands: open, new, delete, related records (file commands are in recordFileCommands.ts). */
import vscode = require('vscode');
import { checkRecordRef, recordPath } from '../../core/records/recordEdit';
import { recordName } from '../../core/records/recordText';
import { cancelledError, SugarError } from '../../core/sugar/errors';
import { WHOLE_ANSWER_LIMIT_BYTES } from '../../core/sugar/requestBounds';
import { sessionIdFrom } from '../commands/arguments';
import { type CommandHandler, forConnection, withProgress } from '../commands/commandRunner';
import type { Services } from '../services';
import { recordFiles } from './recordFiles';
import { listRecords, pickModule, pickRecord, recentRecords } from './recordPicks';
import { namedRecord, recordTarget } from './recordTarget';

export function recordCommands(services: Services): Record<string, CommandHandler> {
  const files = () => recordFiles(services);

  const openRecord: CommandHandler = async (...args) => {
    const named = await namedRecord(services, args);
    if (named) {
      checkRecordRef(named.ref.module, named.ref.id);
      return forConnection(named.connectionId, () => files().open(named.ref.sessionId, named.ref.module, named.ref.id));
    }
    const session = await sessionIdFrom(services, args[0], 'Open a record as which connection?');
    return forConnection(session.profile.id, async () => {
      const module = await pickModule(services, session.id, `Module (as ${session.label})`);
      const id = await pickRecord(listRecords(services, session.id, recentRecords(module)), `${module}: the last changed records (type to filter)`, `${module} has no records that ${session.label} may see.`);
      return files().open(session.id, module, id);
    });
  };

  const newRecord: CommandHandler = async (...args) => {
    const [first, moduleArg] = args;
    const session = await sessionIdFrom(services, first, 'Create a record as which connection?');
    return forConnection(session.profile.id, async () => {
      const module = typeof moduleArg === 'string' ? moduleArg : await pickModule(services, session.id, `New record in which module? (as ${session.label})`);
      checkRecordRef(module);
      return files().create(session.id, module);
    });
  };

  const deleteRecord: CommandHandler = async (...args) => {
    const target = await recordTarget(services, args, 'Delete Record');
    const { sessionId, module, id } = target.ref;
    checkRecordRef(module, id);
    if (!target.named) {
      const open = files().openDocument(target.ref);
      const name = open ? recordName(files().entry(open.uri)?.edit.base ?? {}) : id;
      const label = await files().connectionLabel(sessionId);
      const choice = await vscode.window.showWarningMessage(`Delete the ${module} record "${name}"?`, { modal: true, detail: `Sugar deletes it for every user of ${label}. Unsaved changes in its editor are lost.` }, 'Delete');
      if (choice !== 'Delete') throw cancelledError();
    }
    return forConnection(target.connectionId, async () => {
      const response = await services.engine.request(sessionId, { method: 'DELETE', path: recordPath(module, id), wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES });
      if (response.error) throw response.error;
      await files().forget(target.ref);
      vscode.window.setStatusBarMessage(`$(trash) Deleted the ${module} record ${id}`, 4000);
      return { id };
    });
  };

  const relatedRecords: CommandHandler = async (...args) => {
    const target = await recordTarget(services, args, 'Related Records');
    const { sessionId, module, id } = target.ref;
    checkRecordRef(module, id);
    return forConnection(target.connectionId, async () => {
      const info = (await services.schema.index(sessionId)).module(module);
      const links = info?.links ?? [];
      if (links.length === 0) throw new SugarError({ kind: 'session', explanation: `The metadata shows no links of ${module}.` });
      const asked = typeof target.rest[0] === 'string' ? links.find((link) => link.name === target.rest[0]) : undefined;
      if (typeof target.rest[0] === 'string' && !asked) throw new SugarError({ kind: 'session', explanation: `${module} has no link named ${String(target.rest[0]).slice(0, 100)}.` });
      const link = asked ?? (await vscode.window.showQuickPick(
        links.map((l) => ({ label: l.name, description: l.module, detail: `${l.relationship} · ${l.kind === 'one' ? 'one record' : 'many records'}`, link: l })),
        { placeHolder: `Related records of this ${module} record: which link?`, matchOnDescription: true },
      ))?.link;
      if (!link) throw cancelledError();
      if (!link.module) throw new SugarError({ kind: 'session', explanation: `The metadata does not say which module ${module}'s link ${link.name} leads to.` });
      const related = withProgress(`Reading ${module} → ${link.name}`, (signal) =>
        listRecords(services, sessionId, { method: 'GET', path: `${recordPath(module, id)}/link/${encodeURIComponent(link.name)}`, query: { fields: 'name,date_modified', max_num: 100 } }, signal),
      );
      const chosen = await pickRecord(related, `${link.module} related through ${link.name}`, `No ${link.module} records are related through ${link.name}.`);
      return files().open(sessionId, link.module, chosen);
    });
  };

  return {
    'sugar.openRecord': openRecord,
    'sugar.newRecord': newRecord,
    'sugar.deleteRecord': deleteRecord,
    'sugar.relatedRecords': relatedRecords,
  };
}
