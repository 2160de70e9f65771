/**
 * Everything one simulated instance knows, shared by its HTTP and HTTPS listeners and by the
 * programmatic and HTTP control surfaces.
 */
import { createHash } from 'node:crypto';
import { SimClock } from './clock';
import { newCounters } from './counters';
import { FaultBook } from './faults';
import { Lockout } from './lockout';
import { DEFAULT_PLATFORMS, PlatformRegistry } from './platforms';
import { RecordStore } from './records';
import { SessionStore } from './sessions';
import type { SimCounters, SimOptions } from './types';
import { DEMO_USERS, UserDirectory, type UserRecord } from './users';
import { parseVersion, type ApiVersion } from './versions';

export interface ResolvedConfig {
  accessTokenTtl: number;
  refreshTokenTtl: number;
  refreshExpiresAsEpoch: boolean;
  oldAccessTokenGraceSeconds: number;
  quiet: boolean;
}

export function parseMaxVersion(v: string): ApiVersion {
  const parsed = parseVersion(v);
  if (!parsed || parsed.major < 10) throw new Error(`maxVersion must look like v10, v11 or v11_24, got ${JSON.stringify(v)}`);
  return parsed;
}

export class SimState {
  readonly clock = new SimClock();
  readonly now = (): number => this.clock.now();
  readonly counters: SimCounters = newCounters();
  readonly faults = new FaultBook();
  readonly users: UserDirectory;
  readonly platforms: PlatformRegistry;
  readonly clients: Record<string, string>;
  readonly lockout: Lockout;
  readonly sessions = new SessionStore(this.now);
  readonly records = new RecordStore(this.now);
  readonly config: ResolvedConfig;
  maxVersion: ApiVersion;
  maxVersionName: string;
  maintenance = false;

  constructor(options: SimOptions) {
    this.maxVersionName = options.maxVersion ?? 'v11_24';
    this.maxVersion = parseMaxVersion(this.maxVersionName);
    this.users = new UserDirectory(options.users ?? DEMO_USERS);
    this.platforms = new PlatformRegistry(options.platforms ?? DEFAULT_PLATFORMS);
    this.clients = { ...(options.clients ?? { sugar: '', 'explorer-client': 'explorer-secret' }) };
    this.lockout = new Lockout(options.lockoutAfter ?? 5, this.now);
    this.config = {
      accessTokenTtl: options.accessTokenTtl ?? 3600,
      refreshTokenTtl: options.refreshTokenTtl ?? 1209600,
      refreshExpiresAsEpoch: options.refreshExpiresAsEpoch ?? false,
      oldAccessTokenGraceSeconds: options.oldAccessTokenGraceSeconds ?? 0,
      quiet: options.quiet !== false,
    };
  }

  setMaxVersion(v: string): void {
    this.maxVersion = parseMaxVersion(v);
    this.maxVersionName = v;
  }

  /** Changes when the instance "upgrades", like Sugar's metadata hash after a deploy. */
  metadataHash(): string {
    return createHash('md5').update(`metadata:${this.maxVersionName}`).digest('hex');
  }

  userprefHash(user: UserRecord): string {
    return createHash('md5').update(`prefs:${user.id}`).digest('hex');
  }
}
