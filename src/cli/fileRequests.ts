/**
 * One file's requests, run by the assertion core (src/core/checks/fileRunner.ts) and sent
 * through the runner's context: the connection from the environment, a sudo session for
 * `# @connection … as <user>` (its connection name is ignored: there is one connection).
 */
import { type RequestOutcome, runRequestFile } from '../core/checks/fileRunner';
import { checkedResponse } from '../core/checks/sessionSend';
import { parseFileVariables } from '../core/explore/fileVariables';
import { parseRequestFile } from '../core/explore/requestFile';
import type { CliContext } from './cliContext';

export interface FileRequestOptions {
  /** Aborted: the request in flight stops, the rest are reported skipped. */
  signal: AbortSignal;
  onOutcome(outcome: RequestOutcome): void;
}

export function runFileRequests(context: CliContext, text: string, options: FileRequestOptions): Promise<RequestOutcome[]> {
  return runRequestFile(
    parseRequestFile(text),
    {
      send: async (request, resolved, signal) => checkedResponse(await context.request(context.sessionFor(request.connection?.sudoUser), resolved, signal)),
    },
    { signal: options.signal, onOutcome: options.onOutcome, fileVariables: parseFileVariables(text) },
  );
}
