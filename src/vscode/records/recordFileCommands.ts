/**
 * A record's file fields (Notes.filename and the like): Download File saves one to a chosen file
 * (by the session's download_token), with the bytes counted as they come and a Cancel button; Upload File sends a chosen file as
 * multipart/form-data (Sugar's POST /<M>/:id/file/:field) and shows the record's new version.
 */
import vscode = require('vscode');
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatSize } from '../../core/explore/responseView';
import { multipartFile, contentTypeOf } from '../../core/records/multipart';
import { recordPath } from '../../core/records/recordEdit';
import { isRecord } from '../../core/records/recordText';
import { cancelledError, SugarError } from '../../core/sugar/errors';
import { WHOLE_ANSWER_LIMIT_BYTES } from '../../core/sugar/requestBounds';
import { type CommandHandler, forConnection, withAbortSignal } from '../commands/commandRunner';
import type { Services } from '../services';
import { FILE_TYPES, recordFiles } from './recordFiles';
import { recordTarget, type RecordTarget } from './recordTarget';

/** Sugar's own default upload limit is 30 MB; a file is read whole before it is sent. */
export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

export function recordFileCommands(services: Services): Record<string, CommandHandler> {
  /** The file field: named in the arguments, the only one, or picked. */
  const fieldOf = async (target: RecordTarget, asked: unknown, verb: string): Promise<string> => {
    const info = (await services.schema.index(target.ref.sessionId)).module(target.ref.module);
    const fields = info?.fields.filter((field) => FILE_TYPES.has(field.type)) ?? [];
    if (typeof asked === 'string') {
      if (!fields.some((field) => field.name === asked)) throw new SugarError({ kind: 'session', explanation: `${target.ref.module} has no file field named ${asked.slice(0, 100)}.` });
      return asked;
    }
    if (fields.length === 0) throw new SugarError({ kind: 'session', explanation: `${target.ref.module} records have no file fields.` });
    if (fields.length === 1) return fields[0].name;
    const picked = await vscode.window.showQuickPick(fields.map((field) => ({ label: field.name, description: field.label })), { placeHolder: `${verb} which file field?` });
    if (!picked) throw cancelledError();
    return picked.label;
  };

  const fileName = (target: RecordTarget, field: string): string => {
    const open = recordFiles(services).openDocument(target.ref);
    const value = open && recordFiles(services).entry(open.uri)?.edit.base[field];
    return typeof value === 'string' && value.trim() ? basename(value.trim()).replace(/[\\/:*?"<>|]/g, '_') : field;
  };

  const download: CommandHandler = async (...args) => {
    const target = await recordTarget(services, args, 'Download File');
    return forConnection(target.connectionId, async () => {
      const field = await fieldOf(target, target.rest[0], 'Download');
      const file = typeof target.rest[1] === 'string' ? vscode.Uri.file(target.rest[1]) : await vscode.window.showSaveDialog({ title: `Save ${target.ref.module} ${field} as`, defaultUri: vscode.Uri.file(fileName(target, field)) });
      if (!file) throw cancelledError();
      const { sessionId, module, id } = target.ref;
      const response = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Downloading ${basename(file.fsPath)}`, cancellable: true }, (progress, token) =>
        withAbortSignal(token, (signal) => {
          let shown = 0;
          let lastAt = 0;
          const onProgress = (received: number, total: number | undefined) => {
            const now = Date.now();
            if (now - lastAt < 100) return;
            lastAt = now;
            const percent = total ? Math.min(100, (received / total) * 100) : undefined;
            progress.report({ message: total ? `${formatSize(received)} of ${formatSize(total)}` : formatSize(received), increment: percent === undefined ? undefined : percent - shown });
            if (percent !== undefined) shown = percent;
          };
          // By the session's download_token, as a browser link would (the header when there is none).
          return services.engine.download(sessionId, { method: 'GET', path: `${recordPath(module, id)}/file/${encodeURIComponent(field)}`, keepBytes: true, onProgress }, signal);
        }),
      );
      if (response.error) throw response.error;
      if (response.bodyFile) {
        // Over the response size limit the answer went to a temporary file: copied, then removed.
        try {
          await vscode.workspace.fs.copy(vscode.Uri.file(response.bodyFile), file, { overwrite: true });
        } finally {
          await rm(response.bodyFile, { force: true }).catch(() => undefined);
        }
      } else {
        await vscode.workspace.fs.writeFile(file, response.bytes ?? Buffer.from(response.text));
      }
      vscode.window.setStatusBarMessage(`$(cloud-download) Saved ${basename(file.fsPath)} (${formatSize(response.sizeBytes)})`, 5000);
      return { file: file.fsPath, sizeBytes: response.sizeBytes };
    });
  };

  const upload: CommandHandler = async (...args) => {
    const target = await recordTarget(services, args, 'Upload File');
    return forConnection(target.connectionId, async () => {
      const field = await fieldOf(target, target.rest[0], 'Upload into');
      const picked = typeof target.rest[1] === 'string' ? [vscode.Uri.file(target.rest[1])] : await vscode.window.showOpenDialog({ title: `Upload into ${target.ref.module} ${field}`, canSelectMany: false });
      const source = picked?.[0];
      if (!source) throw cancelledError();
      const size = (await vscode.workspace.fs.stat(source)).size;
      if (size > UPLOAD_LIMIT_BYTES) throw new SugarError({ kind: 'session', explanation: `${basename(source.fsPath)} is ${formatSize(size)}: uploads of more than ${formatSize(UPLOAD_LIMIT_BYTES)} are refused.` });
      const name = basename(source.fsPath);
      const { body, contentType } = multipartFile(field, name, contentTypeOf(name), Buffer.from(await vscode.workspace.fs.readFile(source)));
      const { sessionId, module, id } = target.ref;
      const response = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Uploading ${name} (${formatSize(size)})`, cancellable: true }, (_progress, token) =>
        withAbortSignal(token, (signal) =>
          services.engine.request(sessionId, { method: 'POST', path: `${recordPath(module, id)}/file/${encodeURIComponent(field)}`, headers: { 'content-type': contentType }, body, wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES }, signal),
        ),
      );
      if (response.error) throw response.error;
      const answer = isRecord(response.json) ? response.json : {};
      if (isRecord(answer.record)) recordFiles(services).refresh(target.ref, answer.record);
      vscode.window.setStatusBarMessage(`$(cloud-upload) Uploaded ${name} into ${module} ${field}`, 5000);
      return answer[field];
    });
  };

  return { 'sugar.downloadRecordFile': download, 'sugar.uploadRecordFile': upload };
}
