import type * as Undici from 'undici';
import { AnswerLimits, DEFAULT_ANSWER_LIMITS } from './answerBody';
import { AnswerHandler, RawAnswer } from './answerHandler';
import { DeadlineExceeded, explainTransportError } from './explainTransport';
import { cancelledError } from './errors';

export type { NetworkOptions } from './network';
export { DEFAULT_NETWORK } from './network';
import type { NetworkOptions } from './network';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  network: NetworkOptions;
  /** How large the answer may be, and where a large one goes; DEFAULT_ANSWER_LIMITS without. */
  limits?: AnswerLimits;
  /** A deadline of its own instead of the network's total time limit (logins, refreshes, logouts). */
  deadlineMs?: number;
  /** What the request is for, in an error's sentence: "a login", "the /help page". */
  purpose?: string;
  /** Told as the body arrives: bytes so far, and the declared length when there is one. */
  onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The whole body; for an answer that went to a file, its first part. */
  body: Buffer;
  timeMs: number;
  /** Set when the answer was larger than the memory limit: the file that holds all of it. */
  bodyFile?: { path: string; sizeBytes: number };
}

/** The narrow HTTP port of the core: one request in, one whole answer out. */
export interface HttpDispatcher {
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

type UndiciModule = typeof Undici;
let undiciModule: UndiciModule | undefined;

/**
 * undici costs tens of milliseconds to load, so it is required on the first request, never at
 * activation. The bundler points this require at a separate file for the same reason.
 */
function loadUndici(): UndiciModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  undiciModule ??= require('undici') as UndiciModule;
  return undiciModule;
}

function proxyFromEnvironment(): boolean {
  const env = process.env;
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/** undici's dispatchers keep connection pools: one per distinct set of network options. */
class DispatcherPool {
  private readonly byKey = new Map<string, Undici.Dispatcher>();
  /** The same options object comes with every request of a connection: skip the key on the hot path. */
  private byOptions = new WeakMap<NetworkOptions, Undici.Dispatcher>();

  get(options: NetworkOptions): Undici.Dispatcher {
    let dispatcher = this.byOptions.get(options);
    if (!dispatcher) {
      dispatcher = this.byEquality(options);
      this.byOptions.set(options, dispatcher);
    }
    return dispatcher;
  }

  private byEquality(options: NetworkOptions): Undici.Dispatcher {
    const key = JSON.stringify([
      options.tlsVerify,
      options.caCertificate ?? '',
      options.proxy.mode,
      options.proxy.url ?? '',
      options.connectTimeoutMs,
      options.proxy.mode === 'env' ? proxyFromEnvironment() : false,
    ]);
    let dispatcher = this.byKey.get(key);
    if (!dispatcher) {
      dispatcher = this.create(options);
      this.byKey.set(key, dispatcher);
    }
    return dispatcher;
  }

  private create(options: NetworkOptions): Undici.Dispatcher {
    const undici = loadUndici();
    const tls = {
      rejectUnauthorized: options.tlsVerify,
      ...(options.caCertificate ? { ca: withSystemRoots(options.caCertificate) } : {}),
    };
    if (options.proxy.mode === 'url' && options.proxy.url) {
      return new undici.ProxyAgent({
        uri: options.proxy.url,
        requestTls: { ...tls, timeout: options.connectTimeoutMs },
        proxyTls: { timeout: options.connectTimeoutMs },
      });
    }
    if (options.proxy.mode === 'env' && proxyFromEnvironment()) {
      return new undici.EnvHttpProxyAgent({
        connect: { ...tls, timeout: options.connectTimeoutMs },
        requestTls: { ...tls, timeout: options.connectTimeoutMs },
      });
    }
    return new undici.Agent({ connect: { ...tls, timeout: options.connectTimeoutMs } });
  }

  async closeAll(): Promise<void> {
    const all = [...this.byKey.values()];
    this.byKey.clear();
    this.byOptions = new WeakMap();
    await Promise.all(all.map((dispatcher) => dispatcher.destroy().catch(() => undefined)));
  }
}

/** An extra CA must not replace the public roots: a proxy's CA plus a public instance both work. */
function withSystemRoots(extraCa: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rootCertificates } = require('node:tls') as typeof import('node:tls');
  return [...rootCertificates, extraCa];
}

/**
 * undici hands header names lower-cased, and a list only for a repeated header (Set-Cookie): an
 * answer without one is passed on as it is, with no copy on the request path.
 */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const name in headers) {
    if (typeof headers[name] !== 'string') return flattenedCopy(headers);
  }
  return headers as Record<string, string>;
}

function flattenedCopy(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function proxyInUse(options: NetworkOptions): string | undefined {
  if (options.proxy.mode === 'url') return options.proxy.url;
  if (options.proxy.mode === 'env' && proxyFromEnvironment()) {
    return process.env.HTTPS_PROXY || process.env.https_proxy || process.env.HTTP_PROXY || process.env.http_proxy;
  }
  return undefined;
}

/** setTimeout's limit: a longer delay would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function deadlineOf(request: HttpRequest): number {
  const ms = request.deadlineMs ?? request.network.totalTimeoutMs;
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : MAX_TIMER_MS;
}

/** A module-level function and a shared reason: the deadline's timer allocates no closure per request. */
function stopOnDeadline(handler: AnswerHandler): void {
  handler.stop(DEADLINE_EXCEEDED);
}
const DEADLINE_EXCEEDED = new DeadlineExceeded();

export class UndiciHttpDispatcher implements HttpDispatcher {
  private readonly pool = new DispatcherPool();

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { network, signal } = request;
    const started = performance.now();
    if (signal?.aborted) throw cancelledError();
    const deadlineMs = deadlineOf(request);
    const undici = loadUndici();
    let handler!: AnswerHandler;
    const answered = new Promise<RawAnswer>((resolve, reject) => {
      handler = new AnswerHandler(request.method === 'HEAD', request.limits ?? DEFAULT_ANSWER_LIMITS, undici.util.parseHeaders, resolve, reject);
    });
    if (request.onProgress) handler.onProgress = request.onProgress;
    // One timer per request for a total deadline: undici's headersTimeout and bodyTimeout time the
    // silence between bytes, so an answer trickled byte by byte would never end without it.
    const timer = setTimeout(stopOnDeadline, deadlineMs, handler);
    const onCallerAbort = signal ? () => handler.stop(cancelledError()) : undefined;
    if (signal) signal.addEventListener('abort', onCallerAbort!, { once: true });
    try {
      const { origin, pathname, search } = new URL(request.url);
      this.pool.get(network).dispatch(
        {
          origin,
          path: search ? pathname + search : pathname,
          method: request.method as Undici.Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
          headersTimeout: deadlineMs,
          bodyTimeout: deadlineMs,
        },
        handler,
      );
      const answer = await answered;
      const response: HttpResponse = { status: answer.status, headers: flattenHeaders(answer.headers), body: answer.body, timeMs: performance.now() - started };
      if (answer.file) response.bodyFile = { path: answer.file, sizeBytes: answer.sizeBytes };
      return response;
    } catch (error) {
      if (signal?.aborted) throw cancelledError();
      throw explainTransportError(error, {
        url: request.url,
        connectTimeoutMs: network.connectTimeoutMs,
        totalTimeoutMs: deadlineMs,
        ownDeadline: request.deadlineMs !== undefined,
        answering: handler.answering,
        purpose: request.purpose,
        viaProxy: proxyInUse(network),
      });
    } finally {
      clearTimeout(timer);
      if (signal) signal.removeEventListener('abort', onCallerAbort!);
    }
  }

  close(): Promise<void> {
    return this.pool.closeAll();
  }
}
