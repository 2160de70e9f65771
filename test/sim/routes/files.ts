/**
 * File fields (shared/sugar-data-api.md §4): list, download (by header token or by
 * `?platform=&download_token=`), multipart upload (with `format=sugar-html-json`), raw PUT, delete.
 */
import { SugarError } from '../errors';
import type { Reply, RequestContext, RouteDef } from '../router';
import { str } from './args';
import { missing, moduleOf } from './records';

const FILE_TYPES = new Set(['file', 'image']);

function fileFields(ctx: RequestContext): string[] {
  return (ctx.state.schema.module(moduleOf(ctx))?.fields ?? []).filter((f) => FILE_TYPES.has(f.type)).map((f) => f.name);
}

function wrongField(field: string): SugarError {
  return new SugarError(422, 'invalid_parameter', `Incorrect field name for attachement: ${field}`);
}

function describe(ctx: RequestContext, id: string, field: string): Record<string, unknown> {
  const file = ctx.state.files.get(moduleOf(ctx), id, field);
  if (!file) return {};
  const host = ctx.headers.host ?? '127.0.0.1';
  return {
    'content-type': file.contentType,
    'content-length': file.data.length,
    name: file.name,
    uri: `http://${host}/rest/v${ctx.version.major}${ctx.version.minor ? `_${ctx.version.minor}` : ""}/${moduleOf(ctx)}/${id}/file/${field}`,
    doc_type: 'Sugar',
  };
}

function record(ctx: RequestContext): string {
  const id = ctx.params.record;
  if (!ctx.state.records.raw(moduleOf(ctx), id)) missing(ctx);
  return id;
}

function listFiles(ctx: RequestContext): Reply {
  const id = record(ctx);
  return { json: Object.fromEntries(fileFields(ctx).map((f) => [f, describe(ctx, id, f)])) };
}

/** A line-numbered text for a Notes id that has no record: the old fixture some tests download. */
function fixtureText(ctx: RequestContext): Reply {
  const { record: id, field } = ctx.params;
  const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1} of ${field} in note ${id}`);
  return { text: `${lines.join('\n')}\n`, contentType: 'text/plain; charset=UTF-8' };
}

function download(ctx: RequestContext): Reply {
  const module = moduleOf(ctx);
  const { field } = ctx.params;
  if (module === 'Notes' && !ctx.state.records.raw(module, ctx.params.record)) return fixtureText(ctx);
  const id = record(ctx);
  const file = ctx.state.files.get(module, id, field);
  if (!file) throw new SugarError(404, 'not_found', `The requested file ${module} :: ${field} could not be found.`);
  const force = str(ctx.args.force_download) ?? '1';
  const headers: Record<string, string> = force === '1' ? { 'Content-Disposition': `attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"` } : {};
  return { binary: file.data, contentType: file.contentType, headers };
}

function store(ctx: RequestContext, id: string, field: string, name: string, contentType: string, data: Buffer): Record<string, unknown> {
  const module = moduleOf(ctx);
  ctx.state.files.put(module, id, field, { name, contentType, data });
  const r = ctx.state.records.raw(module, id);
  if (r) Object.assign(r, { [field]: name, file_mime_type: contentType, file_size: data.length });
  return { [field]: describe(ctx, id, field), record: ctx.state.records.get(module, id) };
}

/** `format=sugar-html-json`: the JSON, HTML-escaped, as text/html (old iframe uploads), errors too. */
function answer(ctx: RequestContext, json: unknown, status = 200): Reply {
  if (str(ctx.args.format) !== 'sugar-html-json') return { json, status };
  const html = JSON.stringify(json).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return { html, status };
}

function upload(ctx: RequestContext): Reply {
  const { field } = ctx.params;
  const id = record(ctx);
  try {
    if (!fileFields(ctx).includes(field)) throw wrongField(field);
    const part = ctx.parts?.find((p) => p.filename !== undefined && p.name === field);
    if (!part) throw wrongField(field);
    return answer(ctx, store(ctx, id, field, part.filename ?? field, part.contentType ?? 'application/octet-stream', part.data));
  } catch (err) {
    if (!(err instanceof SugarError)) throw err;
    if (str(ctx.args.delete_if_fails) === '1') ctx.state.records.delete(moduleOf(ctx), id);
    if (str(ctx.args.format) === 'sugar-html-json') return answer(ctx, err.body(), err.status);
    throw err;
  }
}

function put(ctx: RequestContext): Reply {
  const { field } = ctx.params;
  const id = record(ctx);
  if (!fileFields(ctx).includes(field)) throw wrongField(field);
  const base64 = str(ctx.args.content_transfer_encoding) === 'base64' || ctx.headers['x-content-transfer-encoding'] === 'base64';
  const raw = ctx.body ?? Buffer.alloc(0);
  const data = base64 ? Buffer.from(raw.toString('latin1'), 'base64') : raw;
  const contentType = String(ctx.headers['content-type'] ?? 'application/octet-stream');
  return { json: store(ctx, id, field, str(ctx.args.filename) ?? field, contentType, data) };
}

function remove(ctx: RequestContext): Reply {
  const { field } = ctx.params;
  const id = record(ctx);
  if (!fileFields(ctx).includes(field)) throw wrongField(field);
  ctx.state.files.delete(moduleOf(ctx), id, field);
  const r = ctx.state.records.raw(moduleOf(ctx), id);
  if (r) Object.assign(r, { [field]: '', file_mime_type: '', file_size: 0 });
  return { json: { ...Object.fromEntries(fileFields(ctx).map((f) => [f, describe(ctx, id, f)])), record: ctx.state.records.get(moduleOf(ctx), id) } };
}

const EXCEPTIONS = ['SugarApiExceptionNotFound', 'SugarApiExceptionNotAuthorized', 'SugarApiExceptionInvalidParameter'];
const file = (reqType: RouteDef['reqType'], path: string, method: string, shortHelp: string, handler: RouteDef['handler'], extra: Partial<RouteDef> = {}): RouteDef => ({
  reqType, path: `/<module>/:record/file${path}`, method, kind: 'file', shortHelp, handler, exceptions: EXCEPTIONS, ...extra,
});

export const fileRoutes: RouteDef[] = [
  file('GET', '', 'getFileList', 'Lists the file fields of a record.', listFiles),
  file('GET', '/:field', 'getFile', 'Downloads a file attached to a record.', download, { downloadTokenAccepted: true }),
  file('POST', '/:field', 'saveFilePost', 'Attaches a file to a record (multipart/form-data).', upload),
  file('PUT', '/:field', 'saveFilePut', 'Attaches a file to a record (raw body).', put),
  file('DELETE', '/:field', 'removeFile', 'Removes a file from a record.', remove),
];
