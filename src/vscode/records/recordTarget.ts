/**
 * Which record a record command acts on: arguments (connection or sudo session id, module, record
 * id), a node or object that names them, the URI of a record editor (editor title menus pass it),
 * or the active editor. From the palette without a record editor, the user picks one.
 */
import vscode = require('vscode');
import { parseSessionRef } from '../../core/session/sessionState';
import { SugarError } from '../../core/sugar/errors';
import { sessionIdFrom } from '../commands/arguments';
import type { Services } from '../services';
import { recordFiles } from './recordFiles';
import { parseRecordUri, type RecordRef } from './recordUris';

export interface RecordTarget {
  ref: RecordRef;
  connectionId: string;
  /** True when a caller named the record in arguments (no confirmation is asked then). */
  named: boolean;
  /** Arguments after session, module and id. */
  rest: unknown[];
}

interface NamedRecord {
  module: string;
  id: string;
  sessionId?: string;
  connectionId?: string;
}

function isNamedRecord(value: unknown): value is NamedRecord {
  const v = value as NamedRecord;
  return typeof value === 'object' && value !== null && typeof v.module === 'string' && typeof v.id === 'string' && (typeof v.sessionId === 'string' || typeof v.connectionId === 'string');
}

/** The record named by the arguments, if they name one. */
export async function namedRecord(services: Services, args: unknown[]): Promise<RecordTarget | undefined> {
  const [first, module, id, ...rest] = args;
  if (typeof first === 'string' && typeof module === 'string' && typeof id === 'string') {
    const session = await sessionIdFrom(services, first, 'Which connection?');
    return { ref: { kind: 'record', sessionId: session.id, module, id }, connectionId: session.profile.id, named: true, rest };
  }
  if (isNamedRecord(first)) {
    const sessionId = first.sessionId ?? first.connectionId!;
    return { ref: { kind: 'record', sessionId, module: first.module, id: first.id }, connectionId: parseSessionRef(sessionId).connectionId, named: true, rest: args.slice(1) };
  }
  return undefined;
}

/** The record of the arguments or of a record editor; `what` says in an error what needs one. */
export async function recordTarget(services: Services, args: unknown[], what: string): Promise<RecordTarget> {
  const named = await namedRecord(services, args);
  if (named) return named;
  const uri = args[0] instanceof vscode.Uri ? args[0] : vscode.window.activeTextEditor?.document.uri;
  const ref = uri && parseRecordUri(uri);
  if (!uri || !ref || ref.kind === 'server') {
    throw new SugarError({ kind: 'session', explanation: `${what} acts on a record: open one first (Sugar: Open Record…).` });
  }
  const connectionId = parseSessionRef(ref.sessionId).connectionId;
  if (ref.kind !== 'new') return { ref, connectionId, named: false, rest: [] };
  const id = recordFiles(services).entry(uri)?.edit.id;
  if (!id) throw new SugarError({ kind: 'session', explanation: `Save the new record first: ${what} acts on a record Sugar has.` });
  return { ref: { ...ref, kind: 'record', id }, connectionId, named: false, rest: [] };
}
