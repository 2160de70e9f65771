import type { KeyValueCache } from '../ports';
import type { ConnectionDetails, ConnectionResolver } from '../session/connection';
import { SingleFlight } from '../session/singleFlight';
import type { SugarApi } from '../sugar/client';
import { SugarError } from '../sugar/errors';
import { DEFAULT_NETWORK, NetworkOptions } from '../sugar/network';
import type { Profile } from './profile';
import type { ProfileStore } from './profileStore';

export interface NetworkDefaults {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
}

export function networkOf(profile: Profile, defaults: NetworkDefaults = DEFAULT_NETWORK): NetworkOptions {
  return {
    tlsVerify: profile.tls?.verify ?? true,
    caCertificate: profile.tls?.caCertificate || undefined,
    proxy: profile.proxy ?? { mode: 'env' },
    connectTimeoutMs: profile.timeouts?.connectMs ?? defaults.connectTimeoutMs,
    totalTimeoutMs: profile.timeouts?.totalMs ?? defaults.totalTimeoutMs,
  };
}

const versionKey = (instanceUrl: string): string => `apiVersion:${instanceUrl}`;

/** A changed timeout setting must reach connections that have no timeouts of their own. */
function sameDefaults(a: NetworkDefaults, b: NetworkDefaults): boolean {
  return a.connectTimeoutMs === b.connectTimeoutMs && a.totalTimeoutMs === b.totalTimeoutMs;
}

/** Profiles as the session engine sees them: `auto` versions learned once per instance and remembered. */
export class ProfileConnections implements ConnectionResolver {
  private readonly detections = new SingleFlight<string>();
  /** Profiles are replaced, never changed in place, so a resolved profile object stays valid. */
  private readonly details = new WeakMap<Profile, { details: ConnectionDetails; defaults: NetworkDefaults }>();

  constructor(
    private readonly profiles: ProfileStore,
    private readonly client: SugarApi,
    private readonly versions: KeyValueCache,
    private readonly defaults: () => NetworkDefaults = () => DEFAULT_NETWORK,
  ) {}

  async resolve(connectionId: string, signal?: AbortSignal): Promise<ConnectionDetails> {
    const profile = await this.profileOf(connectionId);
    const defaults = this.defaults();
    const known = this.details.get(profile);
    if (known && sameDefaults(known.defaults, defaults)) return known.details;
    const network = networkOf(profile, defaults);
    const apiVersion = profile.apiVersion === 'auto' ? await this.highestVersion(profile.instanceUrl, network, signal) : profile.apiVersion;
    const details = detailsOf(profile, apiVersion, network);
    this.details.set(profile, { details, defaults });
    return details;
  }

  async identify(connectionId: string): Promise<ConnectionDetails> {
    const profile = await this.profileOf(connectionId);
    return detailsOf(profile, profile.apiVersion === 'auto' ? '' : profile.apiVersion, networkOf(profile, this.defaults()));
  }

  private async profileOf(connectionId: string): Promise<Profile> {
    const profile = await this.profiles.get(connectionId);
    if (!profile) {
      throw new SugarError({ kind: 'session', remedy: 'none', explanation: 'This connection no longer exists.' });
    }
    return profile;
  }

  resolved(connectionId: string): ConnectionDetails | undefined {
    const profile = this.profiles.cached(connectionId);
    const known = profile && this.details.get(profile);
    return known && sameDefaults(known.defaults, this.defaults()) ? known.details : undefined;
  }

  /** The highest version an instance offers, asked once and then remembered per instance URL. */
  async highestVersion(instanceUrl: string, network: NetworkOptions, signal?: AbortSignal, refresh = false): Promise<string> {
    const known = refresh ? undefined : this.versions.get(versionKey(instanceUrl));
    if (known) return known;
    return this.detections.run(instanceUrl, async () => {
      const version = await this.client.detectHighestVersion(instanceUrl, network, signal);
      await this.versions.set(versionKey(instanceUrl), version);
      return version;
    });
  }
}

function detailsOf(profile: Profile, apiVersion: string, network: NetworkOptions): ConnectionDetails {
  return {
    name: profile.name,
    username: profile.username,
    password: profile.rememberPassword ? profile.password : undefined,
    target: {
      instanceUrl: profile.instanceUrl,
      apiVersion,
      clientId: profile.clientId,
      clientSecret: profile.clientSecret,
      platform: profile.platform,
      network,
    },
  };
}

/** A KeyValueCache that lives as long as the process. */
export class MemoryCache implements KeyValueCache {
  private readonly values = new Map<string, string>();
  get(key: string): string | undefined {
    return this.values.get(key);
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
}
