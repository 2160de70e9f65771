import type * as Undici from 'undici';
import { explainTransportError } from './explainTransport';
import { SugarError } from './errors';

export type { NetworkOptions } from './network';
export { DEFAULT_NETWORK } from './network';
import type { NetworkOptions } from './network';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  network: NetworkOptions;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  timeMs: number;
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

export class UndiciHttpDispatcher implements HttpDispatcher {
  private readonly pool = new DispatcherPool();

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { network } = request;
    const started = performance.now();
    try {
      if (request.signal?.aborted) throw new SugarError({ kind: 'cancelled', explanation: 'Cancelled.' });
      // undici's own per-request timeouts, not an AbortSignal.timeout per request: that costs a
      // timer and a signal on every call, which the hot path cannot afford.
      const answer = await loadUndici().request(request.url, {
        method: request.method as Undici.Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        dispatcher: this.pool.get(network),
        headersTimeout: network.totalTimeoutMs,
        bodyTimeout: network.totalTimeoutMs,
      });
      const body = Buffer.from(await answer.body.arrayBuffer());
      return {
        status: answer.statusCode,
        headers: flattenHeaders(answer.headers),
        body,
        timeMs: performance.now() - started,
      };
    } catch (error) {
      throw explainTransportError(error, {
        url: request.url,
        connectTimeoutMs: network.connectTimeoutMs,
        totalTimeoutMs: network.totalTimeoutMs,
        viaProxy: proxyInUse(network),
      });
    }
  }

  close(): Promise<void> {
    return this.pool.closeAll();
  }
}
