/** Quick picks of modules, records and links, fed by the schema and by Sugar's list routes. */
import vscode = require('vscode');
import { isRecord, recordName, type RecordValues } from '../../core/records/recordText';
import type { ApiRequest } from '../../core/sugar/client';
import { cancelledError } from '../../core/sugar/errors';
import { WHOLE_ANSWER_LIMIT_BYTES } from '../../core/sugar/requestBounds';
import type { Services } from '../services';

/** How many records a pick lists: the most recently changed first. */
const LISTED = 100;

export async function pickModule(services: Services, sessionId: string, placeHolder: string): Promise<string> {
  const items = services.schema.index(sessionId).then((index) => index.moduleNames.map((name) => ({ label: name, description: index.module(name)?.label !== name ? index.module(name)?.label : undefined })));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  if (!picked) throw cancelledError();
  return picked.label;
}

/** Records of a list answer (`{records: [...]}`), only the well-formed ones. */
export async function listRecords(services: Services, sessionId: string, request: ApiRequest, signal?: AbortSignal): Promise<RecordValues[]> {
  const response = await services.engine.request(sessionId, { ...request, wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES }, signal);
  if (response.error) throw response.error;
  const records = isRecord(response.json) ? response.json.records : undefined;
  return Array.isArray(records) ? records.filter((r): r is RecordValues => isRecord(r) && typeof r.id === 'string').slice(0, LISTED) : [];
}

export async function pickRecord(records: Promise<RecordValues[]>, placeHolder: string, empty: string): Promise<string> {
  const items = records.then((list) => {
    if (list.length === 0) void vscode.window.showInformationMessage(empty);
    return list.map((r) => ({ label: recordName(r), description: typeof r.date_modified === 'string' ? r.date_modified : undefined, detail: String(r.id), id: String(r.id) }));
  });
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDetail: true });
  if (!picked) throw cancelledError();
  return picked.id;
}

export const recentRecords = (module: string): ApiRequest => ({
  method: 'GET',
  path: `/${module}`,
  query: { fields: 'name,date_modified', max_num: LISTED, order_by: 'date_modified:DESC' },
});
