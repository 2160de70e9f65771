import type { ApiRequest, ApiResponse, SugarTarget } from '../sugar/client';
import { SessionParts, isExpired, requireTokens } from './sessionParts';
import type { SessionRef } from './sessionState';
import type { TokenService } from './tokenService';

function isDeadTokenAnswer(response: ApiResponse): boolean {
  return response.status === 401 && response.error?.label === 'invalid_grant';
}

/**
 * The request path: with a good token and the target at hand, straight to the client; otherwise
 * a token is got (refreshed, re-issued) first. A 401 for a token that has meanwhile been replaced
 * is retried with the newer token; otherwise it causes one (shared) refresh and one retry.
 */
export class RequestPath {
  constructor(
    private readonly parts: SessionParts,
    private readonly tokens: TokenService,
  ) {}

  async request(ref: SessionRef, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
    // Most requests take the first branch, which has no await before the client sends: the
    // request path is measured against raw undici (`npm run bench`), and each await costs a turn.
    const { token, target } = this.readyNow(ref) ?? {
      token: await this.tokens.accessToken(ref, signal),
      target: await this.targetFor(ref.connectionId, signal),
    };
    const response = await this.parts.client.request(target, token, request, signal);
    if (!isDeadTokenAnswer(response)) return response;
    const retryToken = await this.tokens.tokenAfterDeath(ref, token, signal);
    return this.parts.client.request(target, retryToken, request, signal);
  }

  /**
   * A file download as a browser link makes it (shared/sugar-api.md): a GET with
   * `?platform=<p>&download_token=<t>` and no token header. The token is the session's, read when
   * the access token is good (a refresh brings a new one). A sudo session has none, a session may
   * have none, and a token the server no longer takes (401) is no dead end: then the download goes
   * as any request, with the token header. The client logs the URL with the token masked
   * (download_token is a credential name), and the URL goes nowhere else.
   */
  async download(ref: SessionRef, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
    if (ref.sudoUser === undefined) {
      await this.tokens.accessToken(ref, signal);
      const session = await requireTokens(this.parts, ref.connectionId);
      const downloadToken = session.tokens?.downloadToken;
      if (downloadToken) {
        const target = await this.tokens.targetFor(ref.connectionId, session, signal);
        const query = { ...request.query, platform: target.platform, download_token: downloadToken };
        const response = await this.parts.client.request(target, undefined, { ...request, method: 'GET', query }, signal);
        if (response.status !== 401) return response;
      }
    }
    return this.request(ref, request, signal);
  }

  /** The target a session's requests go to: its own instance, client and platform, whatever the profile says now. */
  async targetFor(connectionId: string, signal?: AbortSignal): Promise<SugarTarget> {
    const session = await requireTokens(this.parts, connectionId);
    return this.tokens.targetFor(connectionId, session, signal);
  }

  /**
   * The token and target of a request when both are at hand and the token is good: most requests.
   * It answers without a single await. A connection edited away from the session's target, a
   * session stored before targets were kept, or one not yet read all take the slow path.
   */
  private readyNow({ connectionId, sudoUser }: SessionRef): { token: string; target: SugarTarget } | undefined {
    const session = this.parts.store.session(connectionId);
    if (!session?.tokens) return undefined;
    const token = sudoUser ? session.sudo[sudoUser] : session.tokens;
    if (!token || isExpired(this.parts, token.accessExpiresAt)) return undefined;
    const connection = this.parts.connections.resolved?.(connectionId);
    const target = connection && this.parts.targets.targetOf(connection, session);
    return target && { token: token.accessToken, target };
  }
}
