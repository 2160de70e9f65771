/**
 * One open record's save cycle, without UI: the version read (what changes are measured against)
 * and its `date_modified` (sent as `X-Timestamp`, Sugar's optimistic lock). A save answers saved,
 * unchanged, conflict (409 `edit_conflict`: the server's current record becomes the new version
 * read, so the next save sends what the user's merged text changes against it, with its
 * timestamp), or invalid (422: Sugar's message and the fields it concerns).
 */
import type { ApiRequest, ApiResponse } from '../sugar/client';
import { WHOLE_ANSWER_LIMIT_BYTES } from '../sugar/requestBounds';
import { SugarError } from '../sugar/errors';
import { changedFields, isRecord, parseRecordText, sameJson, type RecordValues } from './recordText';
import { fieldsNamedIn } from './fieldErrors';

export type Requester = (request: ApiRequest, signal?: AbortSignal) => Promise<ApiResponse>;

export type SaveOutcome =
  | { kind: 'saved'; record: RecordValues; sent: RecordValues; created: boolean }
  | { kind: 'unchanged' }
  /**
   * `merged`: the server's record with the user's changes on top (what the editor should show:
   * fields only the server changed are taken over); `both`: fields both sides changed, where the
   * user's value is in `merged` and the server's beside it in the diff.
   */
  | { kind: 'conflict'; server: RecordValues; merged: RecordValues; both: string[] }
  | { kind: 'invalid'; message: string; fields: string[] }
  | { kind: 'notJson'; offset: number; length: number; message: string };

/** Record ids Sugar makes are GUIDs; seeded and imported ones may be any short plain name. */
const RECORD_ID = /^[A-Za-z0-9_.-]{1,100}$/;
const MODULE = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

export function checkRecordRef(module: string, id?: string): void {
  if (!MODULE.test(module)) throw new SugarError({ kind: 'session', explanation: `"${module.slice(0, 100)}" is not a module name.` });
  if (id !== undefined && !RECORD_ID.test(id)) throw new SugarError({ kind: 'session', explanation: `"${id.slice(0, 100)}" is not a record id.` });
}

export const recordPath = (module: string, id?: string): string => (id === undefined ? `/${module}` : `/${module}/${encodeURIComponent(id)}`);

/** The answer's record, or the explained error for any other answer. */
export function recordFrom(response: ApiResponse): RecordValues {
  if (response.error) throw response.error;
  if (!isRecord(response.json)) throw new SugarError({ kind: 'http', status: response.status, explanation: 'The instance answered without a record.' });
  return response.json;
}

export async function readRecord(send: Requester, module: string, id: string, signal?: AbortSignal): Promise<RecordValues> {
  checkRecordRef(module, id);
  return recordFrom(await send({ method: 'GET', path: recordPath(module, id), wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES }, signal));
}

export class RecordEdit {
  private baseValues: RecordValues;
  private stamp: string | undefined;

  constructor(
    readonly module: string,
    /** Undefined until a new record has been created. */
    private recordId: string | undefined,
    base: RecordValues,
  ) {
    checkRecordRef(module, recordId);
    this.baseValues = base;
    this.stamp = timestampOf(base);
  }

  get id(): string | undefined {
    return this.recordId;
  }

  /** The version changes are measured against. */
  get base(): RecordValues {
    return this.baseValues;
  }

  /** What `X-Timestamp` says on the next PUT. */
  get timestamp(): string | undefined {
    return this.stamp;
  }

  /** The record as the server has it now (a save's answer, a conflict's record, an upload's). */
  adopt(record: RecordValues): void {
    this.baseValues = record;
    this.stamp = timestampOf(record) ?? this.stamp;
    if (this.recordId === undefined && typeof record.id === 'string' && RECORD_ID.test(record.id)) this.recordId = record.id;
  }

  /** The request a save of `text` sends, or why it sends none. */
  request(text: string): { request?: ApiRequest; sent: RecordValues; outcome?: SaveOutcome } {
    const parsed = parseRecordText(text);
    if (!parsed.values) return { sent: {}, outcome: { kind: 'notJson', ...parsed.problem! } };
    const sent = changedFields(this.baseValues, parsed.values);
    if (this.recordId === undefined) return { sent, request: { method: 'POST', path: recordPath(this.module), body: sent, wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES } };
    if (Object.keys(sent).length === 0) return { sent, outcome: { kind: 'unchanged' } };
    const headers: Record<string, string> = this.stamp ? { 'X-Timestamp': this.stamp } : {};
    return { sent, request: { method: 'PUT', path: recordPath(this.module, this.recordId), body: sent, headers, wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES } };
  }

  /** Sends the changes of `text`; answers what happened. Transport failures and other errors throw. */
  async save(send: Requester, text: string, signal?: AbortSignal): Promise<SaveOutcome> {
    const { request, sent, outcome } = this.request(text);
    if (!request) return outcome!;
    const created = request.method === 'POST';
    const response = await send(request, signal);
    if (response.status === 409 && response.error?.label === 'edit_conflict' && this.recordId !== undefined) {
      const carried = isRecord(response.json) ? response.json.record : undefined;
      const server = isRecord(carried) ? carried : await readRecord(send, this.module, this.recordId, signal);
      const read = this.baseValues;
      this.adopt(server);
      const both = Object.keys(changedFields(read, server)).filter((name) => name in sent && !sameJson(server[name], sent[name]));
      return { kind: 'conflict', server, merged: { ...server, ...sent }, both };
    }
    if (response.status === 422 && response.error) {
      const message = response.error.sugarMessage ?? response.error.message;
      return { kind: 'invalid', message: response.error.message, fields: fieldsNamedIn(message, sent, this.requiredEmpty(sent)) };
    }
    const record = recordFrom(response);
    this.adopt(record);
    return { kind: 'saved', record, sent, created };
  }

  /** Set from the schema: the module's required fields, for a 422 that names none. */
  required: readonly string[] = [];

  private requiredEmpty(sent: RecordValues): string[] {
    return this.required.filter((name) => (name in sent ? sent[name] === '' || sent[name] === null : this.recordId === undefined));
  }
}

function timestampOf(record: RecordValues): string | undefined {
  const stamp = record.date_modified;
  return typeof stamp === 'string' && stamp.length > 0 && stamp.length <= 64 ? stamp : undefined;
}
