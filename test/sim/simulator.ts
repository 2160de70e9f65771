/** Starts one simulated Sugar instance on an HTTP and an HTTPS port and returns its controls. */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resetCounters } from './counters';
import { buildRoutes } from './routes';
import { createListener } from './server';
import { SimState } from './state';
import { loadTls } from './tls';
import type { SimOptions, Simulator } from './types';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    // A deep backlog: tests open a thousand connections at once.
    server.listen({ port, host, backlog: 4096 }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Hung requests and idle keep-alive sockets would otherwise hold close() open.
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const state = new SimState(options);
  const routes = buildRoutes();
  const tls = loadTls();
  const timers = new Set<NodeJS.Timeout>();
  let httpPort = 0;
  let httpsPort = 0;
  let closing: Promise<void> | undefined;

  const sim: Simulator = {
    get url() {
      return `http://${urlHost(host)}:${httpPort}`;
    },
    get httpsUrl() {
      return `https://${urlHost(host)}:${httpsPort}`;
    },
    caCertificate: tls.ca,
    get counters() {
      return state.counters;
    },
    resetCounters: () => resetCounters(state.counters),
    now: () => state.now(),
    advanceTime: (seconds) => state.clock.advance(seconds),
    injectFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    setMaintenance: (on) => {
      state.maintenance = on;
    },
    registerPlatform: (name) => state.platforms.register(name),
    unregisterPlatform: (name) => state.platforms.unregister(name),
    setMaxVersion: (v) => state.setMaxVersion(v),
    addCustomField: (module, name, type, extra = {}) => {
      if (!name.endsWith('_c')) throw new Error('custom field names end in _c');
      state.schema.addField(module, { ...extra, name, type, vname: `LBL_${name.toUpperCase()}`, custom_module: module });
    },
    loginElsewhere: async (userName, platform, clientId = 'sugar') => {
      const user = state.users.find(userName);
      if (!user) throw new Error(`loginElsewhere: no user ${userName}`);
      const s = state.sessions.create({
        userName: user.userName,
        platform,
        clientId,
        accessTtlSec: state.config.accessTokenTtl,
        refreshTtlSec: state.config.refreshTokenTtl,
      });
      return { access_token: s.accessToken, refresh_token: s.refreshToken as string };
    },
    expireAccessTokens: (userName) => state.sessions.expireAccess(userName),
    activeSessions: (userName) => state.sessions.active(userName),
    issuedSecrets: () => state.sessions.issuedSecrets(),
    close: () => {
      closing ??= (async () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        await Promise.all([closeServer(httpServer), closeServer(httpsServer)]);
      })();
      return closing;
    },
  };

  const listener = createListener({ state, routes, sim, timers });
  const httpServer = createHttpServer({ keepAlive: true }, listener);
  const httpsServer = createHttpsServer({ key: tls.key, cert: tls.cert }, listener);
  try {
    httpPort = await listen(httpServer, options.port ?? 0, host);
    httpsPort = await listen(httpsServer, options.httpsPort ?? 0, host);
  } catch (err) {
    await sim.close();
    throw err;
  }
  return sim;
}
