/**
 * Record editors' URIs: `sugar-record:/<kind>/<session>/<Module>/<id>/<title>.json`. The last part
 * is the tab's title ("Accounts · Acme Inc · Simulator (admin).json"); the kind says what the
 * editor holds and lets package.json's menus tell records with file fields (`files`) from others
 * (`record`), new records (`new`, whose id part is a counter) and server versions (`server`).
 */
import vscode = require('vscode');
import { RECORD_SCHEME } from './recordScheme';

export type RecordUriKind = 'record' | 'files' | 'new' | 'server';

export interface RecordRef {
  kind: RecordUriKind;
  sessionId: string;
  module: string;
  /** The record's id; for `new`, a counter. */
  id: string;
}

/** What a file name may not hold anywhere (and the separators of the title). */
const safe = (text: string): string => text.replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);

export function recordTitle(module: string, name: string, connectionLabel: string): string {
  return `${safe(module)} · ${safe(name) || 'record'} · ${safe(connectionLabel)}`;
}

export function recordUri(ref: RecordRef, title: string): vscode.Uri {
  const parts = [ref.kind, encodeURIComponent(ref.sessionId), ref.module, encodeURIComponent(ref.id)];
  return vscode.Uri.from({ scheme: RECORD_SCHEME, path: `/${parts.join('/')}/${title}.json` });
}

export function parseRecordUri(uri: vscode.Uri): RecordRef | undefined {
  if (uri.scheme !== RECORD_SCHEME) return undefined;
  const parts = uri.path.split('/');
  if (parts.length !== 6 || !['record', 'files', 'new', 'server'].includes(parts[1])) return undefined;
  try {
    return { kind: parts[1] as RecordUriKind, sessionId: decodeURIComponent(parts[2]), module: parts[3], id: decodeURIComponent(parts[4]) };
  } catch {
    return undefined;
  }
}

/** Two URIs of one record (its title may differ after a rename): same session, module and id. */
export function sameRecord(a: RecordRef, b: RecordRef): boolean {
  return a.sessionId === b.sessionId && a.module === b.module && a.id === b.id && (a.kind === 'new') === (b.kind === 'new') && (a.kind === 'server') === (b.kind === 'server');
}
