/**
 * The public shape of the simulator. Other suites (client, session engine, extension host, live
 * runner) code against exactly these names, so changes here ripple through the project.
 */

export interface SimUser {
  userName: string;
  password: string;
  fullName: string;
  type: 'admin' | 'user';
  status: 'Active' | 'Inactive';
  id?: string;
}

export interface SimOptions {
  host?: string;
  port?: number;
  httpsPort?: number;
  maxVersion?: string;
  accessTokenTtl?: number;
  refreshTokenTtl?: number;
  refreshExpiresAsEpoch?: boolean;
  oldAccessTokenGraceSeconds?: number;
  lockoutAfter?: number;
  users?: SimUser[];
  platforms?: string[];
  clients?: Record<string, string>;
  /** Custom modules added to the stock ones (about 25 KB of metadata each): 400 make /metadata over 10 MB, for the bench. */
  largeSchemaModules?: number;
  /** Per-request log lines go to stderr only when this is explicitly false (the CLI does that). */
  quiet?: boolean;
}

export interface SimCounters {
  requests: Record<string, number>;
  loginsIssued: number;
  loginsRejected: number;
  refreshesIssued: number;
  refreshesRejected: number;
  refreshesWithoutPlatform: number;
  sudoIssued: number;
  logouts: number;
  apiUnauthorized: number;
}

export type SimFaultType =
  | 'html502'
  | 'error500'
  | 'maintenance503'
  | 'reset'
  | 'hang'
  | 'slow'
  | 'empty200'
  | 'htmlLogin200';

export interface SimFault {
  type: SimFaultType;
  delayMs?: number;
  times?: number;
  pathIncludes?: string;
}

export interface SimSessionInfo {
  userName: string;
  platform: string;
  clientId: string;
  sudoBy?: string;
  accessExpiresAt: number;
  refreshExpiresAt?: number;
}

export interface Simulator {
  readonly url: string;
  readonly httpsUrl: string;
  readonly caCertificate: string;
  readonly counters: SimCounters;
  resetCounters(): void;
  now(): number;
  advanceTime(seconds: number): void;
  injectFault(fault: SimFault): void;
  clearFaults(): void;
  setMaintenance(on: boolean): void;
  registerPlatform(name: string): void;
  unregisterPlatform(name: string): void;
  setMaxVersion(v: string): void;
  /** A custom field added in "Studio": the metadata and its hash change, as after a deploy. */
  addCustomField(module: string, name: string, type: string, extra?: Record<string, unknown>): void;
  loginElsewhere(
    userName: string,
    platform: string,
    clientId?: string,
  ): Promise<{ access_token: string; refresh_token: string }>;
  expireAccessTokens(userName?: string): void;
  activeSessions(userName?: string): SimSessionInfo[];
  issuedSecrets(): string[];
  close(): Promise<void>;
}
