import type { SugarApi, SugarTarget } from '../sugar/client';
import { SugarError, isCancellation } from '../sugar/errors';

/** Failures that say nothing about the session: the server was not reached or did not answer as Sugar. */
const TRANSPORT_KINDS = new Set(['dns', 'refused', 'timeout', 'tls', 'network', 'http']);

export function isTransportFailure(error: SugarError): boolean {
  return TRANSPORT_KINDS.has(error.kind);
}

/**
 * Tells a server to end a session: 'done', 'alreadyEnded' when the server no longer knew the
 * token (a 401: the session is gone either way), or the SugarError that kept it from being told.
 */
export async function tellServerLogout(
  client: SugarApi,
  target: SugarTarget,
  accessToken: string,
  refreshToken: string | undefined,
  signal?: AbortSignal,
): Promise<'done' | 'alreadyEnded' | SugarError> {
  try {
    await client.logout(target, accessToken, refreshToken, signal);
    return 'done';
  } catch (error) {
    if (isCancellation(error)) throw error;
    if (error instanceof SugarError && error.status === 401) return 'alreadyEnded';
    return error instanceof SugarError ? error : new SugarError({ kind: 'network', explanation: String(error), cause: error });
  }
}
