/**
 * What every runner of request files (Run All in VS Code, the Testing view, the command-line
 * runner) does around the session engine: a request pinned `# @connection X as jim` starts the
 * sudo session as jim when there is none, so a file that checks what two users may see runs as
 * written; and an answer becomes what assertions read.
 */

import type { ApiResponse } from '../sugar/client';
import type { SessionEngine } from '../session/sessionEngine';
import { parseSessionRef } from '../session/sessionState';
import type { FileRequest } from '../explore/requestFile';
import type { CheckedResponse } from './evaluate';
import type { FileRunDeps } from './fileRunner';

/** Starts the sudo session that `sessionId` names when the connection has none for that user. */
export async function ensureSudoSession(engine: Pick<SessionEngine, 'state' | 'sudo'>, sessionId: string, signal?: AbortSignal): Promise<void> {
  const { connectionId, sudoUser } = parseSessionRef(sessionId);
  if (sudoUser === undefined) return;
  if (engine.state(connectionId).sudo.some((entry) => entry.userName === sudoUser)) return;
  await engine.sudo(connectionId, sudoUser, signal);
}

export function checkedResponse(response: ApiResponse): CheckedResponse {
  return { status: response.status, headers: response.headers, json: response.json, text: response.text, timeMs: response.timeMs };
}

/** FileRunDeps that send straight through the engine (no history, no tabs): for runners outside VS Code. */
export function engineSender(engine: Pick<SessionEngine, 'state' | 'sudo' | 'request'>, sessionOf: (request: FileRequest) => string | Promise<string>): FileRunDeps {
  return {
    async send(request, resolved, signal) {
      const sessionId = await sessionOf(request);
      await ensureSudoSession(engine, sessionId, signal);
      return checkedResponse(await engine.request(sessionId, resolved, signal));
    },
  };
}
