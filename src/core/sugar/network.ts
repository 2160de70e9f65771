/** How one connection reaches its instance: TLS trust, proxy and time limits. */
export interface NetworkOptions {
  tlsVerify: boolean;
  /** PEM text of an extra CA to trust (a company CA, a self-signed dev instance). */
  caCertificate?: string;
  proxy: { mode: 'env' | 'none' | 'url'; url?: string };
  /** For the connect phase alone (undici's connect timeout). */
  connectTimeoutMs: number;
  /** The whole request's deadline, from sending to the last byte of the answer. */
  totalTimeoutMs: number;
}

export const DEFAULT_NETWORK: NetworkOptions = {
  tlsVerify: true,
  proxy: { mode: 'env' },
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 60_000,
};
