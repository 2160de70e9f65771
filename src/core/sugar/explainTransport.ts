import { AnswerFileError, AnswerTooLargeError, MB } from './answerBody';
import { SugarError } from './errors';

export interface TransportContext {
  url: string;
  connectTimeoutMs: number;
  /** The request's whole deadline (the network's total time limit, or one of its own). */
  totalTimeoutMs: number;
  /** True when the request had a deadline of its own rather than the network's time limit. */
  ownDeadline?: boolean;
  /** What the request was for: "a login", "the /help page". */
  purpose?: string;
  /** True once the status and headers had come: a deadline then cut the body short. */
  answering?: boolean;
  viaProxy?: string;
}

/** The reason a request's total deadline aborts it with. */
export class DeadlineExceeded extends Error {
  constructor() {
    super('the request took longer than its deadline');
    this.name = 'DeadlineExceeded';
  }
}

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/** Error codes sit on the error itself or somewhere down its `cause` chain (undici wraps). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function messagesOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { message } = current as { message?: unknown };
    if (typeof message === 'string') parts.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' / ');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
const megabytes = (bytes: number): string => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** The limits of issue 10 C1 and C2: answers too large or too slow, whatever the socket said. */
function explainLimit(error: unknown, ctx: TransportContext, host: string, where: string): SugarError | undefined {
  const make = (kind: SugarError['kind'], explanation: string, remedy: SugarError['remedy']): SugarError =>
    new SugarError({ kind, explanation, remedy, cause: error });
  if (error instanceof DeadlineExceeded) {
    const limit = ctx.ownDeadline ? `the time limit for ${ctx.purpose ?? 'this request'}` : 'the time limit for a request (sugar.requestTimeoutSeconds, or the connection\'s own)';
    const what = ctx.answering ? 'did not send its whole answer' : 'did not answer';
    return make('timeout', `${host} ${what} within ${seconds(ctx.totalTimeoutMs)}${where}, ${limit}; the request was stopped.`, 'retry');
  }
  if (error instanceof AnswerTooLargeError && error.hardCap) {
    return make('http', `${host} sent more than ${megabytes(error.limitBytes)}${where}, the most any answer may be; the request was stopped and nothing of it was kept.`, 'none');
  }
  if (error instanceof AnswerTooLargeError) {
    const what = ctx.purpose ? `the answer to ${ctx.purpose}` : 'this answer';
    return make('http', `${host} sent more than ${megabytes(error.limitBytes)}${where}, the most ${what} may be; the URL may not point at Sugar's REST API.`, 'openLog');
  }
  if (error instanceof AnswerFileError) {
    const reason = error.reason instanceof Error ? error.reason.message : String(error.reason);
    return make('network', `The answer of ${host} was too large to show and could not be written to ${error.file}: ${reason}.`, 'openLog');
  }
  return undefined;
}

/** Turns whatever the socket layer threw into one sentence about what happened. */
export function explainTransportError(error: unknown, ctx: TransportContext): SugarError {
  if (error instanceof SugarError) return error;
  const host = hostOf(ctx.url);
  const where = ctx.viaProxy ? ` (through the proxy ${hostOf(ctx.viaProxy)})` : '';
  const limit = explainLimit(error, ctx, host, where);
  if (limit) return limit;
  const codes = codesOf(error);
  const is = (...wanted: string[]): boolean => wanted.some((code) => codes.includes(code));
  const make = (kind: SugarError['kind'], explanation: string, remedy: SugarError['remedy']): SugarError =>
    new SugarError({ kind, explanation, remedy, cause: error, sugarMessage: undefined });

  if (is('AbortError', 'UND_ERR_ABORTED', 'ABORT_ERR')) {
    return make('cancelled', 'Cancelled.', 'none');
  }
  if (is('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) {
    const name = host.replace(/:\d+$/, '');
    return make('dns', `The host name ${name} could not be found (DNS); check the instance URL${where}.`, 'editConnection');
  }
  if (is('ECONNREFUSED')) {
    return make('refused', `Nothing accepts connections at ${host}${where}; check the URL and that the instance is up.`, 'editConnection');
  }
  if (is('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return make('timeout', `${host} did not accept a connection within ${seconds(ctx.connectTimeoutMs)}${where}.`, 'retry');
  }
  if (is('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'TimeoutError')) {
    return make('timeout', `${host} did not answer within ${seconds(ctx.totalTimeoutMs)}${where}.`, 'retry');
  }
  if (codes.some((code) => TLS_UNTRUSTED.has(code))) {
    return make(
      'tls',
      `The certificate of ${host} is self-signed or issued by an authority this connection does not trust; add that CA certificate to the connection, or turn verification off for it.`,
      'editConnection',
    );
  }
  if (is('CERT_HAS_EXPIRED')) {
    return make('tls', `The certificate of ${host} has expired.`, 'editConnection');
  }
  if (is('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return make('tls', `The certificate of ${host} is issued for another host name.`, 'editConnection');
  }
  if (is('ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO') || /wrong version number|ssl|tls/i.test(messagesOf(error))) {
    return make(
      'tls',
      `The TLS handshake with ${host} failed; the port may serve plain HTTP, or the server's TLS set-up is broken.`,
      'editConnection',
    );
  }
  if (is('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED')) {
    return make('network', `${host} closed the connection before answering${where}.`, 'retry');
  }
  if (is('EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN')) {
    return make('network', `${host} cannot be reached from this machine${where}.`, 'retry');
  }
  return make('network', `The request to ${host} failed${where}: ${messagesOf(error) || 'unknown network error'}.`, 'openLog');
}
