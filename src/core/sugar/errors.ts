/**
 * One error type for everything that can go wrong between us and Sugar. Its message is always one
 * sentence a user understands; the raw facts (status, Sugar's label and text) stay available for
 * the log and for the "raw answer" views.
 */

export type SugarErrorKind =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'network'
  | 'http' // an answer that is not Sugar's JSON: a proxy, a load balancer, a login page
  | 'sugar' // Sugar's own JSON error
  | 'session' // our own session state: not logged in, session ended, no password
  | 'cancelled';

/** What would help the user most; the VS Code layer turns it into a button. */
export type SugarErrorRemedy = 'editConnection' | 'login' | 'openLog' | 'retry' | 'none';

export interface SugarErrorInit {
  kind: SugarErrorKind;
  explanation: string;
  remedy?: SugarErrorRemedy;
  status?: number;
  label?: string;
  sugarMessage?: string;
  /** A SugarIdentity login page that Sugar pointed to. */
  loginUrl?: string;
  /** The highest API version the instance offers, when it told us. */
  maxVersion?: string;
  /** The first part of a non-JSON answer, for the "raw answer" view; never contains our tokens. */
  rawBody?: string;
  /** True when Sugar says the session behind a refresh token is gone. */
  sessionEnded?: boolean;
  cause?: unknown;
}

export class SugarError extends Error {
  readonly kind: SugarErrorKind;
  readonly remedy: SugarErrorRemedy;
  readonly status?: number;
  readonly label?: string;
  readonly sugarMessage?: string;
  readonly loginUrl?: string;
  readonly maxVersion?: string;
  readonly rawBody?: string;
  readonly sessionEnded: boolean;

  constructor(init: SugarErrorInit) {
    super(init.explanation, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SugarError';
    this.kind = init.kind;
    this.remedy = init.remedy ?? 'none';
    this.status = init.status;
    this.label = init.label;
    this.sugarMessage = init.sugarMessage;
    this.loginUrl = init.loginUrl;
    this.maxVersion = init.maxVersion;
    this.rawBody = init.rawBody;
    this.sessionEnded = init.sessionEnded ?? false;
  }

  get explanation(): string {
    return this.message;
  }

  /**
   * A line for the log: the explanation plus the raw facts that are safe to keep. The kind is a
   * tag of those facts only: a bare "[session]" after a validation message tells the reader nothing.
   */
  toLogLine(): string {
    const facts = [
      this.status !== undefined ? `HTTP ${this.status}` : undefined,
      this.label,
      this.sugarMessage !== undefined ? JSON.stringify(this.sugarMessage) : undefined,
    ].filter(Boolean);
    return facts.length > 0 ? `${this.message} [${this.kind}: ${facts.join(' ')}]` : this.message;
  }
}

export function isCancellation(value: unknown): boolean {
  return value instanceof SugarError && value.kind === 'cancelled';
}

export function cancelledError(): SugarError {
  return new SugarError({ kind: 'cancelled', explanation: 'Cancelled.' });
}
