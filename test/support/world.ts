import { createProfile } from '../../src/core/profiles/profile';
import { MemoryCache, ProfileConnections } from '../../src/core/profiles/profileConnections';
import { ProfileStore } from '../../src/core/profiles/profileStore';
import type { CrossProcessLock, SecretStore } from '../../src/core/ports';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import { SugarClient } from '../../src/core/sugar/client';
import { UndiciHttpDispatcher } from '../../src/core/sugar/http';
import { Simulator, SimOptions, startSimulator } from '../sim/index';
import { TestClock } from './clock';
import { CapturingLogger } from './logger';
import { MemorySecretStore } from './stores';

/**
 * Live mode: with SUGAR_URL set, the flows run against that instance instead of the simulator.
 * Tests that need the simulator's controls skip themselves there and say why.
 */
export const live = process.env.SUGAR_URL
  ? {
      url: process.env.SUGAR_URL,
      username: process.env.SUGAR_USERNAME ?? 'admin',
      password: process.env.SUGAR_PASSWORD ?? '',
      platform: process.env.SUGAR_PLATFORM ?? 'custom_api',
      clientId: process.env.SUGAR_CLIENT_ID ?? 'sugar',
      clientSecret: process.env.SUGAR_CLIENT_SECRET ?? '',
      apiVersion: process.env.SUGAR_API_VERSION ?? 'auto',
      sudoUser: process.env.SUGAR_SUDO_USER,
    }
  : undefined;

export function needsSimulator(context: Mocha.Context, why: string): void {
  if (live) {
    context.test!.title += ` (skipped in live mode: ${why})`;
    context.skip();
  }
}

export interface WorldOptions {
  sim?: SimOptions;
  /** Reuse a running simulator instead of starting one. */
  simulator?: Simulator;
  store?: SecretStore;
  lock?: CrossProcessLock;
  profile?: Partial<Parameters<typeof createProfile>[0]>;
  /** Use the simulator's HTTPS URL and trust its CA. */
  https?: boolean;
}

export interface World {
  sim?: Simulator;
  url: string;
  clock: TestClock;
  logger: CapturingLogger;
  store: SecretStore;
  profiles: ProfileStore;
  client: SugarClient;
  http: UndiciHttpDispatcher;
  engine: SessionEngine;
  connections: ProfileConnections;
  connectionId: string;
  password: string;
  /** Another connection in the same world, with its own profile. */
  addConnection(input?: Partial<Parameters<typeof createProfile>[0]>): Promise<string>;
  /** Expire every access token, on the server (simulator only) and for the engine's clock. */
  expireAccess(): void;
  close(): Promise<void>;
}

export async function makeWorld(options: WorldOptions = {}): Promise<World> {
  const ownsSim = !live && !options.simulator;
  const sim = live ? undefined : options.simulator ?? (await startSimulator({ quiet: true, ...options.sim }));
  const url = live ? live.url : options.https ? sim!.httpsUrl : sim!.url;
  const clock = new TestClock();
  const logger = new CapturingLogger();
  const store = options.store ?? new MemorySecretStore();
  const profiles = new ProfileStore(store);
  const http = new UndiciHttpDispatcher();
  const client = new SugarClient(http, logger);
  const connections = new ProfileConnections(profiles, client, new MemoryCache());
  const engine = new SessionEngine({
    store,
    clock,
    logger,
    client,
    connections,
    lock: options.lock,
    fetchUserAfterLogin: false,
    // As src/extension.ts wires it: an edited instance, client or platform retires the session.
    watchConnections: (listener) => profiles.onDidChange(listener),
  });
  const password = live ? live.password : 'admin';

  const addConnection = async (input: Partial<Parameters<typeof createProfile>[0]> = {}): Promise<string> => {
    const { profile } = createProfile({
      name: `test ${Math.random().toString(36).slice(2, 8)}`,
      instanceUrl: url,
      username: live ? live.username : 'admin',
      password,
      rememberPassword: true,
      platform: live ? live.platform : 'custom_api',
      clientId: live?.clientId,
      clientSecret: live?.clientSecret,
      apiVersion: live?.apiVersion,
      tls: options.https && sim ? { verify: true, caCertificate: sim.caCertificate } : undefined,
      ...input,
    });
    await profiles.add(profile);
    return profile.id;
  };
  const connectionId = await addConnection(options.profile);

  return {
    sim,
    url,
    clock,
    logger,
    store,
    profiles,
    client,
    http,
    engine,
    connections,
    connectionId,
    password,
    addConnection,
    expireAccess: () => {
      sim?.expireAccessTokens();
      clock.advance(2 * 3600);
    },
    close: async () => {
      engine.dispose();
      await http.close();
      if (ownsSim) await sim!.close();
    },
  };
}
