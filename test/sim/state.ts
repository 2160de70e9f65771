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
import { buildMetadata, type BuiltMetadata } from './schema/metadata';
import { SimSchema } from './schema/schema';
import { FileStore } from './data/files';
import { SessionStore } from './sessions';
import type { SimCounters, SimOptions } from './types';
import { DEMO_USERS, UserDirectory, type UserRecord } from './users';
import { displayVersion, parseVersion, releaseFor, type ApiVersion } from './versions';
import { sugarIso } from './clock';

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
  readonly schema: SimSchema;
  readonly records: RecordStore;
  readonly files = new FileStore();
  private builtMetadata: { key: string; value: BuiltMetadata } | undefined;
  readonly config: ResolvedConfig;
  maxVersion: ApiVersion;
  maxVersionName: string;
  maintenance = false;

  constructor(options: SimOptions) {
    this.maxVersionName = options.maxVersion ?? 'v11_24';
    this.maxVersion = parseMaxVersion(this.maxVersionName);
    this.users = new UserDirectory(options.users ?? DEMO_USERS);
    this.schema = new SimSchema(options.largeSchemaModules ?? 0);
    this.records = new RecordStore(this.now, this.schema, this.users.all());
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

  /** Changes when the instance "upgrades" or its schema changes, like Sugar's after a deploy. */
  metadataHash(): string {
    return this.metadata().hash;
  }

  /** Built once per schema revision and version: the large instance's is over 10 MB. */
  metadata(): BuiltMetadata {
    const key = `${this.schema.revision}:${this.maxVersionName}`;
    if (this.builtMetadata?.key !== key) {
      this.builtMetadata = { key, value: buildMetadata(this.schema, this.serverInfo(), this.publicConfig(true)) };
    }
    return this.builtMetadata.value;
  }

  serverInfo(): Record<string, unknown> {
    const release = releaseFor(this.maxVersion);
    return {
      flavor: 'ENT',
      version: release.version,
      build: release.build,
      marketing_version: release.marketing,
      product_name: 'SugarCRM Enterprise',
      site_id: 'sim00000000',
      api_version: displayVersion(this.maxVersion),
      fts: { enabled: true, type: 'Elastic' },
      gmt_time: sugarIso(this.now()),
    };
  }

  publicConfig(full = false): Record<string, unknown> {
    const config: Record<string, unknown> = {
      defaultCurrencyId: '-99',
      logoURL: 'themes/default/images/company_logo.png',
      systemStatus: { level: 'ok' },
      passwordsetting: { minpwdlength: 6 },
    };
    return full ? { ...config, maxQueryResult: 20, maxRecordFetchSize: 1000 } : config;
  }

  userprefHash(user: UserRecord): string {
    return createHash('md5').update(`prefs:${user.id}`).digest('hex');
  }
}
