import type { FileRequest } from '../../core/explore/requestFile';
import type { FileRunDeps } from '../../core/checks/fileRunner';
import { checkedResponse, ensureSudoSession } from '../../core/checks/sessionSend';
import { sessionFor } from '../explore/requestFiles';
import type { SendTabOptions } from '../explore/requestSender';
import type { Services } from '../services';

/**
 * How VS Code sends a file's requests for a run (Run All, the Testing view): each to its
 * `# @connection` (else the active connection), a sudo session started when the file names one,
 * through the explorer's sender (one shared refresh, History), without a response tab each —
 * unless `tabOf` names the tab a request's answer shows in (the Testing view's Debug profile).
 */
export function sessionDeps(services: Services, tabOf?: (request: FileRequest) => SendTabOptions): FileRunDeps {
  return {
    async send(request, resolved, signal) {
      const sessionId = await sessionFor(services, request);
      await ensureSudoSession(services.engine, sessionId, signal);
      const shown = tabOf ? tabOf(request) : { show: false };
      const { response } = await services.explore.sender.send(sessionId, resolved, { signal, ...shown });
      return checkedResponse(response);
    },
  };
}
