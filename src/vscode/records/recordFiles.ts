/**
 * The real `sugar-record:` provider (behind the lazy seam; recordScheme.ts registers a stand-in).
 * A record's editor reads the record as Sugar answered it; saving sends only the changed fields
 * with the record's timestamp (core/records/recordEdit.ts). After a save the editor shows the
 * server's answer; a 409 opens the server's version beside the user's to merge; a 422 marks the
 * fields it names. Nothing here keeps a token: every request goes through the session engine.
 */
import vscode = require('vscode');
import { fieldRanges } from '../../core/records/fieldErrors';
import { RecordEdit, readRecord, type Requester, type SaveOutcome } from '../../core/records/recordEdit';
import { recordName, recordText, type RecordValues } from '../../core/records/recordText';
import type { SchemaIndex } from '../../core/schema/schemaIndex';
import { parseSessionRef } from '../../core/session/sessionState';
import { SugarError } from '../../core/sugar/errors';
import { Disposable } from '../lifecycle';
import type { Services } from '../services';
import { recordFileEvents } from './recordScheme';
import { parseRecordUri, recordTitle, recordUri, sameRecord, type RecordRef } from './recordUris';

interface Entry {
  ref: RecordRef;
  edit: RecordEdit;
  disk: Uint8Array;
  ctime: number;
  mtime: number;
  /** After a save: the server's answer, which the editor shows once the save has ended. */
  show?: string;
}

/** Field types that hold a file (Sugar's file API serves both). */
export const FILE_TYPES: ReadonlySet<string> = new Set(['file', 'image']);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

export type RecordFileProvider = Pick<vscode.FileSystemProvider, 'stat' | 'readFile' | 'writeFile'>;

export class RecordFiles extends Disposable implements RecordFileProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('sugar-records'));
  private readonly fire: (events: vscode.FileChangeEvent[]) => void;
  private newCount = 0;

  constructor(private readonly services: Services) {
    super();
    this.fire = recordFileEvents(services);
    this._register(vscode.workspace.onDidSaveTextDocument((document) => void this.showAnswer(document).catch((error: unknown) => services.log.warn(`Could not show the saved record: ${String(error)}`))));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.diagnostics.delete(document.uri)));
  }

  requester(sessionId: string): Requester {
    return (request, signal) => this.services.engine.request(sessionId, request, signal);
  }

  async connectionLabel(sessionId: string): Promise<string> {
    const { connectionId, sudoUser } = parseSessionRef(sessionId);
    const name = (await this.services.profiles.summary(connectionId))?.name ?? connectionId;
    return sudoUser ? `${name} as ${sudoUser}` : name;
  }

  /** The module's schema when it can be had; a record opens without it (no file menus, no required hints). */
  private async schemaOf(sessionId: string): Promise<SchemaIndex | undefined> {
    return this.services.schema.index(sessionId).catch((error: unknown) => {
      this.services.log.warn(`Could not read the metadata for a record editor: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
  }

  /** The open editor document of a record, if any. */
  openDocument(ref: RecordRef): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((document) => {
      const other = parseRecordUri(document.uri);
      return !!other && !document.isClosed && sameRecord(other, ref);
    });
  }

  /** The entry of an editor's record (its id set once a new record is created). */
  entry(uri: vscode.Uri): Entry | undefined {
    return this.entries.get(uri.toString());
  }

  /** Reads the record and opens its editor (or shows the one already open); answers its URI. */
  async open(sessionId: string, module: string, id: string, signal?: AbortSignal): Promise<vscode.Uri> {
    const open = this.openDocument({ kind: 'record', sessionId, module, id });
    if (open) {
      await vscode.window.showTextDocument(open, { preview: false });
      return open.uri;
    }
    const entry = await this.load({ kind: 'record', sessionId, module, id }, signal);
    const uri = recordUri(entry.ref, recordTitle(module, recordName(entry.edit.base), await this.connectionLabel(sessionId)));
    this.put(uri, entry);
    await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }

  /** A new record's editor: the module's required fields to fill in; saving creates it (POST). */
  async create(sessionId: string, module: string): Promise<vscode.Uri> {
    const info = (await this.services.schema.index(sessionId)).module(module);
    if (!info) throw new SugarError({ kind: 'session', explanation: `This instance has no module ${module} that the user may see.` });
    const required = info.fields.filter((field) => field.required && field.type !== 'id' && !field.name.startsWith('date_'));
    const template: RecordValues = Object.fromEntries(required.map((field) => [field.name, field.type === 'bool' ? false : field.type === 'multienum' ? [] : '']));
    const ref: RecordRef = { kind: 'new', sessionId, module, id: String(++this.newCount) };
    const edit = new RecordEdit(module, undefined, {});
    edit.required = required.map((field) => field.name);
    const uri = recordUri(ref, recordTitle(module, 'New record', await this.connectionLabel(sessionId)));
    const now = Date.now();
    this.put(uri, { ref, edit, disk: encode(recordText(template)), ctime: now, mtime: now });
    await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }

  private async load(asked: RecordRef, signal?: AbortSignal): Promise<Entry> {
    const record = await readRecord(this.requester(asked.sessionId), asked.module, asked.id, signal);
    const info = (await this.schemaOf(asked.sessionId))?.module(asked.module);
    const hasFiles = info?.fields.some((field) => FILE_TYPES.has(field.type)) ?? false;
    const edit = new RecordEdit(asked.module, asked.id, record);
    edit.required = info?.fields.filter((field) => field.required && field.type !== 'id').map((field) => field.name) ?? [];
    const now = Date.now();
    return { ref: { ...asked, kind: hasFiles ? 'files' : 'record' }, edit, disk: encode(recordText(record)), ctime: now, mtime: now };
  }

  /** A fresh entry replaces what an earlier (closed) editor of the URI left; a kept model reloads. */
  private put(uri: vscode.Uri, entry: Entry): void {
    this.entries.set(uri.toString(), entry);
    this.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** An entry, read from the server for an editor restored after a restart. */
  private async entryOf(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const known = this.entries.get(key);
    if (known) return known;
    const ref = parseRecordUri(uri);
    if (!ref || ref.kind === 'new' || ref.kind === 'server') throw vscode.FileSystemError.FileNotFound(uri);
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.load(ref).finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    const entry = await loading;
    this.entries.set(key, entry);
    return entry;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const entry = await this.entryOf(uri);
    const stat: vscode.FileStat = { type: vscode.FileType.File, ctime: entry.ctime, mtime: entry.mtime, size: entry.disk.byteLength };
    if (entry.ref.kind === 'server') stat.permissions = vscode.FilePermission.Readonly;
    return stat;
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.entryOf(uri)).disk;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const entry = this.entries.get(uri.toString());
    if (!entry || entry.ref.kind === 'server') throw vscode.FileSystemError.NoPermissions('This version of the record cannot be saved: save the editor beside it.');
    const text = new TextDecoder().decode(content);
    this.diagnostics.delete(uri);
    let outcome: SaveOutcome;
    try {
      outcome = await entry.edit.save(this.requester(entry.ref.sessionId), text);
    } catch (error) {
      this.services.log.error(`Saving ${entry.ref.module} ${entry.edit.id ?? '(new)'} failed: ${error instanceof SugarError ? error.toLogLine() : String(error)}`);
      throw new Error(`Sugar did not save the record: ${error instanceof Error ? error.message : String(error)}`);
    }
    switch (outcome.kind) {
      case 'unchanged':
        return this.store(entry, content);
      case 'saved':
        this.services.log.info(`${outcome.created ? 'Created' : 'Saved'} ${entry.ref.module} ${entry.edit.id}: ${Object.keys(outcome.sent).join(', ') || 'no fields'}`);
        entry.show = recordText(outcome.record);
        return this.store(entry, content);
      case 'conflict':
        this.showConflict(uri, entry, outcome.server, outcome.merged);
        throw new Error(
          `Edit conflict: this ${entry.ref.module} record changed on the server since it was read. Its current version is shown beside yours, with the fields only the server changed taken over${outcome.both.length ? ` (both changed: ${outcome.both.join(', ')})` : ''}: check, then save again.`,
        );
      case 'invalid':
        this.mark(uri, text, outcome.fields.map((name) => ({ name, message: outcome.message })));
        throw new Error(`Sugar did not save the record: ${outcome.message}${outcome.fields.length ? ` (${outcome.fields.join(', ')})` : ''}`);
      case 'notJson':
        this.markAt(uri, outcome.offset, outcome.length, outcome.message);
        throw new Error(outcome.message);
    }
  }

  private store(entry: Entry, content: Uint8Array): void {
    entry.disk = content;
    entry.mtime = Math.max(entry.mtime + 1, Date.now());
  }

  /** Once a save has ended, the editor shows the server's answer (a second save then sends nothing). */
  private async showAnswer(document: vscode.TextDocument): Promise<void> {
    const entry = this.entries.get(document.uri.toString());
    const text = entry?.show;
    if (!entry || text === undefined) return;
    entry.show = undefined;
    if (document.getText() === text) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    if (await vscode.workspace.applyEdit(edit)) await document.save();
  }

  /**
   * The server's version (read-only) on the left, the user's editor on the right, holding the
   * server's record with the user's changes on top: the diff shows just what the next save sends.
   */
  private showConflict(uri: vscode.Uri, entry: Entry, server: RecordValues, merged: RecordValues): void {
    const title = decodeURIComponent(uri.path.slice(uri.path.lastIndexOf('/') + 1)).replace(/\.json$/, '');
    const left = recordUri({ ...entry.ref, kind: 'server' }, `${title} (on the server)`);
    const now = Date.now();
    this.entries.set(left.toString(), { ref: { ...entry.ref, kind: 'server' }, edit: entry.edit, disk: encode(recordText(server)), ctime: now, mtime: now });
    this.fire([{ type: vscode.FileChangeType.Changed, uri: left }]);
    // After the failed save has been reported: the diff then takes the focus.
    setTimeout(() => void this.openConflict(left, uri, title, recordText(merged)).catch((error: unknown) => this.services.log.warn(`Could not open the conflict's diff: ${String(error)}`)), 0);
  }

  private async openConflict(left: vscode.Uri, uri: vscode.Uri, title: string, merged: string): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document && document.getText() !== merged) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), merged);
      await vscode.workspace.applyEdit(edit);
    }
    await vscode.commands.executeCommand('vscode.diff', left, uri, `${title}: on the server ↔ yours`, { preview: false });
  }

  private mark(uri: vscode.Uri, text: string, fields: Array<{ name: string; message: string }>): void {
    const ranges = fieldRanges(text, fields.map((field) => field.name));
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document) return;
    this.diagnostics.set(uri, ranges.map((range, i) => diagnostic(document, range.offset, range.length, `${fields[i].name}: ${fields[i].message}`)));
  }

  private markAt(uri: vscode.Uri, offset: number, length: number, message: string): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document) this.diagnostics.set(uri, [diagnostic(document, offset, length, message)]);
  }

  /** The record as the server now has it (an upload's answer): editors without unsaved changes show it. */
  refresh(ref: RecordRef, record: RecordValues): void {
    for (const [key, entry] of this.entries) {
      if (entry.ref.kind === 'server' || !sameRecord({ ...entry.ref, kind: 'record' }, { ...ref, kind: 'record' })) continue;
      const uri = vscode.Uri.parse(key);
      // Unsaved edits keep the version they were made on: their save meets the 409 and its diff.
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && d.isDirty)) continue;
      entry.edit.adopt(record);
      this.store(entry, encode(recordText(record)));
      this.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    }
  }

  /** After a delete: its editors close without asking to save, and nothing of it is kept. */
  async forget(ref: RecordRef): Promise<void> {
    const matches = (uri: unknown) => {
      const other = uri instanceof vscode.Uri ? parseRecordUri(uri) : undefined;
      return !!other && other.sessionId === ref.sessionId && other.module === ref.module && other.id === ref.id;
    };
    for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
      const input = tab.input;
      const uri = input instanceof vscode.TabInputText ? input.uri : input instanceof vscode.TabInputTextDiff ? input.modified : undefined;
      if (!matches(uri)) continue;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString());
      if (document?.isDirty) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      } else {
        await vscode.window.tabGroups.close(tab);
      }
    }
    for (const key of [...this.entries.keys()]) if (matches(vscode.Uri.parse(key))) this.entries.delete(key);
  }
}

function diagnostic(document: vscode.TextDocument, offset: number, length: number, message: string): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + Math.max(length, 1)));
  const found = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
  found.source = 'Sugar';
  return found;
}

const filesByServices = new WeakMap<Services, RecordFiles>();

/** The one record provider of an extension instance, made on first use. */
export function recordFiles(services: Services): RecordFiles {
  let files = filesByServices.get(services);
  if (!files) {
    files = new RecordFiles(services);
    filesByServices.set(services, files);
    services.context.subscriptions.push(files);
  }
  return files;
}
