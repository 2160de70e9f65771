import type { FileRunDeps } from '../../core/checks/fileRunner';
import { checkedResponse, ensureSudoSession } from '../../core/checks/sessionSend';
import { sessionFor } from '../explore/requestFiles';
import type { Services } from '../services';

/**
 * How VS Code sends a file's requests for a run (Run All, the Testing view): each to its
 * `# @connection` (else the active connection), a sudo session started when the file names one,
 * through the explorer's sender (one shared refresh, History), without a response tab each.
 */
export function sessionDeps(services: Services): FileRunDeps {
  return {
    async send(request, resolved, signal) {
      const sessionId = await sessionFor(services, request);
      await ensureSudoSession(services.engine, sessionId, signal);
      const { response } = await services.explore.sender.send(sessionId, resolved, { signal, show: false });
      return checkedResponse(response);
    },
  };
}
