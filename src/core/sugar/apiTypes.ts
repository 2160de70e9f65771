// The shapes a Sugar client speaks in: where a request goes, what it sends, what comes back.
import type { SugarError } from './errors';
import type { NetworkOptions } from './http';

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
