import type { Logger } from '../ports';
import type { ApiRequest, ApiResponse, SugarTarget, TokenAnswer } from './apiTypes';
import { PROBE_VERSION, parseIncorrectVersionMessage, apiVersionFromDotted } from './apiVersion';
import { SugarError } from './errors';
import { AnswerContext, isSugarErrorBody } from './explainAnswer';
import type { HttpDispatcher, HttpRequest, HttpResponse, NetworkOptions } from './http';
import { explainResponse, readAnswer, requireTokenAnswer } from './readAnswer';
import { AnswerLimits, DEFAULT_ANSWER_LIMITS } from './answerBody';
import { AUTH_DEADLINE_MS, CallBounds, ClientOptions, limitsFor, WHOLE_ANSWER_LIMIT_BYTES } from './requestBounds';
import { buildApiUrl } from './apiUrl';
import { describeRequestForLog } from './redact';

export type { ApiRequest, ApiResponse, SugarTarget, TokenAnswer } from './apiTypes';
export { readAnswer } from './readAnswer';
export { buildApiUrl } from './apiUrl';
export { AUTH_DEADLINE_MS, WHOLE_ANSWER_LIMIT_BYTES, type ClientOptions } from './requestBounds';

/** Talks to one Sugar instance. Holds no session state: the session engine does. */
export class SugarClient {
  private readonly answerLimits: () => AnswerLimits;
  private readonly authDeadlineMs: number;
  private readonly tokenAnswerLimitBytes: number;

  constructor(
    private readonly http: HttpDispatcher,
    private readonly logger: Logger,
    options: ClientOptions = {},
  ) {
    this.answerLimits = options.answerLimits ?? (() => DEFAULT_ANSWER_LIMITS);
    this.authDeadlineMs = options.authDeadlineMs ?? AUTH_DEADLINE_MS;
    this.tokenAnswerLimitBytes = options.tokenAnswerLimitBytes ?? WHOLE_ANSWER_LIMIT_BYTES;
  }

  async passwordLogin(target: SugarTarget, username: string, password: string, signal?: AbortSignal): Promise<TokenAnswer> {
    const answer = await this.call(
      target,
      {
        method: 'POST',
        path: '/oauth2/token',
        body: {
          grant_type: 'password',
          client_id: target.clientId,
          client_secret: target.clientSecret,
          username,
          password,
          platform: target.platform,
        },
      },
      undefined,
      { operation: 'login', username },
      signal,
      this.authBounds(target, 'a login'),
    );
    return requireTokenAnswer(answer, 'login');
  }

  /** Always sends platform, client id and secret again: without them Sugar moves the session to base. */
  async refresh(target: SugarTarget, refreshToken: string, signal?: AbortSignal): Promise<TokenAnswer> {
    const answer = await this.call(
      target,
      {
        method: 'POST',
        path: '/oauth2/token',
        body: {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: target.clientId,
          client_secret: target.clientSecret,
          platform: target.platform,
        },
      },
      undefined,
      { operation: 'refresh' },
      signal,
      this.authBounds(target, 'a token refresh'),
    );
    return requireTokenAnswer(answer, 'refresh');
  }

  async logout(target: SugarTarget, accessToken: string, refreshToken?: string, signal?: AbortSignal): Promise<void> {
    await this.call(
      target,
      { method: 'POST', path: '/oauth2/logout', body: refreshToken ? { refresh_token: refreshToken } : {} },
      accessToken,
      { operation: 'logout' },
      signal,
      this.authBounds(target, 'a logout'),
    );
  }

  async sudo(target: SugarTarget, adminAccessToken: string, userName: string, signal?: AbortSignal): Promise<TokenAnswer> {
    const answer = await this.call(
      target,
      {
        method: 'POST',
        path: `/oauth2/sudo/${encodeURIComponent(userName)}`,
        body: { platform: target.platform, client_id: target.clientId },
      },
      adminAccessToken,
      { operation: 'sudo', sudoUser: userName },
      signal,
      { purpose: 'a sudo', wholeAnswerLimitBytes: this.tokenAnswerLimitBytes },
    );
    return requireTokenAnswer(answer, 'sudo');
  }

  /** Any request; answers of every status come back (with `error` set), only transport failures throw. */
  request(target: SugarTarget, accessToken: string | undefined, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
    return this.send(target, accessToken, request, signal);
  }

  private authBounds(target: SugarTarget, purpose: string): CallBounds {
    return { deadlineMs: Math.min(this.authDeadlineMs, target.network.totalTimeoutMs), purpose, wholeAnswerLimitBytes: this.tokenAnswerLimitBytes };
  }

  private async send(target: SugarTarget, accessToken: string | undefined, request: ApiRequest, signal: AbortSignal | undefined, bounds?: CallBounds): Promise<ApiResponse> {
    const url = buildApiUrl(target, request);
    const headers: Record<string, string> = request.headers ? { accept: 'application/json', ...request.headers } : { accept: 'application/json' };
    let body: string | Buffer | undefined;
    if (request.body !== undefined) {
      const raw = typeof request.body === 'string' || Buffer.isBuffer(request.body);
      body = raw ? (request.body as string | Buffer) : JSON.stringify(request.body);
      headers['content-type'] ??= Buffer.isBuffer(request.body) ? 'application/octet-stream' : 'application/json';
    }
    if (accessToken) headers['oauth-token'] = accessToken;
    const method = request.method.toUpperCase();
    let answer: HttpResponse;
    try {
      const sent: HttpRequest = { method, url, headers, body, signal, network: target.network, limits: limitsFor(this.answerLimits(), request, bounds) };
      if (request.onProgress) sent.onProgress = request.onProgress;
      if (bounds) {
        sent.deadlineMs = bounds.deadlineMs;
        sent.purpose = bounds.purpose;
      } else if (request.wholeAnswerLimitBytes !== undefined) {
        sent.purpose = `${method} ${request.path}`;
      }
      answer = await this.http.send(sent);
    } catch (error) {
      this.logger.warn(`${describeRequestForLog(method, url)} failed: ${error instanceof SugarError ? error.toLogLine() : String(error)}`);
      throw error;
    }
    const response = readAnswer(answer.status, answer.headers, answer.body, answer.timeMs, {
      operation: 'request',
      method,
      path: request.path,
      apiVersion: target.apiVersion,
      platform: target.platform,
      clientId: target.clientId,
    }, answer.bodyFile);
    if (request.keepBytes && !answer.bodyFile) response.bytes = answer.body;
    this.logger.info(`${describeRequestForLog(method, url)} ${response.status} ${Math.round(response.timeMs)}ms ${response.sizeBytes}B${answer.bodyFile ? ' (over the size limit: written to a file)' : ''}`);
    return response;
  }

  /**
   * Learns the highest API version from the 301 that Sugar sends for a version it does not offer;
   * the version is checked before authentication, so no login is needed.
   */
  async detectHighestVersion(instanceUrl: string, network: NetworkOptions, signal?: AbortSignal): Promise<string> {
    const target: SugarTarget = { instanceUrl, apiVersion: PROBE_VERSION, clientId: '', clientSecret: '', platform: '', network };
    const response = await this.request(target, undefined, { method: 'GET', path: '/ping', wholeAnswerLimitBytes: WHOLE_ANSWER_LIMIT_BYTES }, signal);
    const label = isSugarErrorBody(response.json) ? response.json.error : undefined;
    if (response.status === 301 && label === 'incorrect_version') {
      const max = parseIncorrectVersionMessage(response.json && isSugarErrorBody(response.json) ? response.json.error_message ?? '' : '');
      const version = max ? apiVersionFromDotted(max) : undefined;
      if (version) return version;
    }
    throw response.error?.kind === 'http'
      ? response.error
      : new SugarError({
          kind: 'http',
          status: response.status,
          remedy: 'editConnection',
          rawBody: response.text.slice(0, 2000),
          explanation: `The instance did not say which API versions it offers (HTTP ${response.status} on a version probe); this URL may not be a Sugar instance, or choose the API version by hand.`,
        });
  }

  /** The token routes: an answer that is not 200 becomes the explained error. */
  private async call(
    target: SugarTarget,
    request: ApiRequest,
    accessToken: string | undefined,
    context: Omit<AnswerContext, 'apiVersion' | 'platform' | 'clientId'>,
    signal: AbortSignal | undefined,
    bounds: CallBounds,
  ): Promise<ApiResponse> {
    const response = await this.send(target, accessToken, request, signal, bounds);
    if (response.status >= 200 && response.status < 300 && response.isJson) {
      return response;
    }
    throw explainResponse(response, {
      ...context,
      method: request.method,
      path: request.path,
      apiVersion: target.apiVersion,
      platform: target.platform,
      clientId: target.clientId,
    });
  }
}

/** What the session engine and the views need of a client; the extension hands them a lazy one. */
export type SugarApi = Pick<SugarClient, 'passwordLogin' | 'refresh' | 'logout' | 'sudo' | 'request' | 'detectHighestVersion'>;
