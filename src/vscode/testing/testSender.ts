import vscode = require('vscode');
import type { FileRequest } from '../../core/explore/requestFile';
import { checkedResponse, ensureSudoSession } from '../../core/checks/sessionSend';
import type { FileRunDeps } from '../../core/checks/fileRunner';
import { sessionFor } from '../explore/requestFiles';
import type { Services } from '../services';

/**
 * How the Testing view sends a file's requests: the same path as "Send Request" in the file (its
 * connection or the active one, the session engine, History), so a test sees what the user sees.
 * Run sends quietly; Debug also shows each answer in the request's response tab, the one
 * `sugar.sendFileRequest` uses, whose Re-run sends it again.
 */
export function testSender(services: Services, uri: vscode.Uri, requests: FileRequest[], debug: boolean, onSend: (index: number) => void): FileRunDeps {
  return {
    async send(request, resolved, signal) {
      const index = requests.indexOf(request);
      onSend(index);
      const sessionId = await sessionFor(services, request);
      await ensureSudoSession(services.engine, sessionId, signal);
      const tab = debug
        ? { tabKey: `${uri.toString()}#${index}`, preserveFocus: true, rerun: () => Promise.resolve(vscode.commands.executeCommand('sugar.sendFileRequest', uri, index)) }
        : { show: false };
      const { response } = await services.explore.sender.send(sessionId, resolved, { signal, ...tab });
      return checkedResponse(response);
    },
  };
}
