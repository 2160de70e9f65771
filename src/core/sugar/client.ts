import type { Logger } from '../ports';
import { PROBE_VERSION, parseIncorrectVersionMessage, apiVersionFromDotted } from './apiVersion';
import { SugarError } from './errors';
import { AnswerContext, explainForeignAnswer, explainSugarError, isSugarErrorBody } from './explainAnswer';
import type { HttpDispatcher, HttpRequest, HttpResponse, NetworkOptions } from './http';
import { AnswerLimits, DEFAULT_ANSWER_LIMITS } from './answerBody';
import { AUTH_DEADLINE_MS, CallBounds, ClientOptions, limitsFor, WHOLE_ANSWER_LIMIT_BYTES } from './requestBounds';
import { buildApiUrl } from './apiUrl';
import { describeRequestForLog } from './redact';

/** Everything a request needs to reach one instance as one OAuth client on one platform. */
export interface SugarTarget {
  instanceUrl: string;
  apiVersion: string;
  clientId: string;
  clientSecret: string;
  platform: string;
  network: NetworkOptions;
}

/** Sugar's token answer, as sent. */
export interface TokenAnswer {
  access_token: string;
  expires_in: number;
  token_type?: string;
  scope?: unknown;
  refresh_token?: string;
  refresh_expires_in?: number;
  download_token?: string;
}

export interface ApiRequest {
  method: string;
  /** Relative to /rest/{version}; may carry its own query string. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON; a string or a Buffer (a multipart upload) is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * For callers that parse the whole answer (/me, server info, /help): at most this many bytes
   * and never a file; a larger answer is an explained error. Without it, the client's size limit
   * applies, beyond which the body goes to a file.
   */
  wholeAnswerLimitBytes?: number;
  /** Keep the answer's bytes as they came (`ApiResponse.bytes`): a file download. */
  keepBytes?: boolean;
  /** Told as the answer's body arrives: bytes so far, and the declared length when there is one. */
  onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the answer was JSON, else undefined. */
  json?: unknown;
  isJson: boolean;
  text: string;
  /** The size of the whole answer, also when only its first part is in `text`. */
  sizeBytes: number;
  timeMs: number;
  /**
   * Set when the answer was larger than the size limit: the file that holds all of it. `text` then
   * holds its first part, and the answer is not parsed.
   */
  bodyFile?: string;
  /** With `keepBytes`, the whole body as it came, when it is not in `bodyFile`. */
  bytes?: Buffer;
  /** Set for every status of 400 and up (and 301): the explained error. */
  error?: SugarError;
}

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

/** The error of a failed answer, re-explained for the operation it answered. */
function explainResponse(response: ApiResponse, context: AnswerContext): SugarError {
  if (isSugarErrorBody(response.json)) {
    return explainSugarError(response.status, response.json, context);
  }
  return explainForeignAnswer(response.status, response.headers['content-type'] ?? '', response.text, context);
}

function isJsonContentType(contentType: string): boolean {
  return /[/+]json\b/i.test(contentType);
}

/** Starts, after white space, like a JSON object, array or string; without copying the text. */
function looksLikeJson(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '{' || char === '[' || char === '"') return true;
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r' && char !== '\uFEFF') return false;
  }
  return false;
}

/** Parses one answer; JSON is parsed only when it looks like JSON, so a proxy's HTML never crashes. */
export function readAnswer(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  timeMs: number,
  context: AnswerContext,
  /** The file that holds the whole answer when `body` is only its first part: it is not parsed. */
  bodyFile?: { path: string; sizeBytes: number },
): ApiResponse {
  const text = body.toString('utf8');
  const contentType = headers['content-type'] ?? '';
  let json: unknown;
  let isJson = false;
  if (!bodyFile && text.length > 0 && (isJsonContentType(contentType) || looksLikeJson(text))) {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      isJson = false;
    }
  }
  const response: ApiResponse = { status, headers, json, isJson, text, sizeBytes: bodyFile?.sizeBytes ?? body.length, timeMs };
  if (bodyFile) response.bodyFile = bodyFile.path;
  if (status >= 300) {
    response.error = isJson && isSugarErrorBody(json)
      ? explainSugarError(status, json, context)
      : explainForeignAnswer(status, contentType, text, context);
  }
  return response;
}

function requireTokenAnswer(response: ApiResponse, operation: 'login' | 'refresh' | 'sudo'): TokenAnswer {
  const json = response.json as Partial<TokenAnswer> | undefined;
  if (json && typeof json.access_token === 'string' && json.access_token.length > 0) {
    return {
      ...json,
      access_token: json.access_token,
      expires_in: Number(json.expires_in ?? 3600),
    };
  }
  throw new SugarError({
    kind: 'http',
    status: response.status,
    remedy: 'openLog',
    explanation: `The instance answered the ${operation} without an access token; the URL may not point at Sugar's REST API.`,
  });
}

/** What the session engine and the views need of a client; the extension hands them a lazy one. */
export type SugarApi = Pick<SugarClient, 'passwordLogin' | 'refresh' | 'logout' | 'sudo' | 'request' | 'detectHighestVersion'>;
