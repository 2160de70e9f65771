import vscode = require('vscode');
import type { FileRequest } from '../../core/explore/requestFile';
import type { FileRunDeps } from '../../core/checks/fileRunner';
import { sessionDeps } from '../checks/sessionDeps';
import type { Services } from '../services';

/**
 * How the Testing view sends a file's requests: Run All's path (the file's connection or the
 * active one, the session engine, History), so a test sees what the user sees. Run sends quietly;
 * Debug also shows each answer in the request's response tab, the one `sugar.sendFileRequest`
 * uses, whose Re-run sends it again. `onSend` hears each request as it goes out.
 */
export function testSender(services: Services, uri: vscode.Uri, requests: FileRequest[], debug: boolean, onSend: (index: number) => void): FileRunDeps {
  const tabOf = (request: FileRequest) => {
    const index = requests.indexOf(request);
    return { tabKey: `${uri.toString()}#${index}`, preserveFocus: true, rerun: () => Promise.resolve(vscode.commands.executeCommand('sugar.sendFileRequest', uri, index)) };
  };
  const deps = sessionDeps(services, debug ? tabOf : undefined);
  return {
    send(request, resolved, signal) {
      onSend(requests.indexOf(request));
      return deps.send(request, resolved, signal);
    },
  };
}
