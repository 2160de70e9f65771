// Figures 2 (request overhead) and 3 (concurrency on an expired token), in plain Node: the Sugar
// simulator (for 2 in a process of its own, as a Sugar server is), and the session engine composed
// as src/extension.ts composes it (ProfileStore, ProfileConnections, SugarClient on
// UndiciHttpDispatcher, a FileLock), with two stand-ins for what only VS Code has: secrets in
// memory (the engine and the profile store cache what they read, so the store is not on the
// request path) and a log that redacts every line the way the "Sugar" LogOutputChannel does and
// then drops it (the channel's own append is not counted).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Agent, request as undiciRequest } from 'undici';
import { systemClock, type Clock, type Logger } from '../../src/core/ports';
import { createProfile } from '../../src/core/profiles/profile';
import { MemoryCache, ProfileConnections } from '../../src/core/profiles/profileConnections';
import { ProfileStore } from '../../src/core/profiles/profileStore';
import { FileLock } from '../../src/core/session/fileLock';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import { SugarClient } from '../../src/core/sugar/client';
import { UndiciHttpDispatcher, type HttpDispatcher, type HttpRequest, type HttpResponse } from '../../src/core/sugar/http';
import { SecretRedactor } from '../../src/core/sugar/redact';
import { startSimulator } from '../../test/sim/index';
import { MemorySecretStore } from '../../test/support/stores';
import { median, percentile, sum } from './stats';

/** Redacts like src/vscode/log.ts (RedactingLog) and drops the line. */
class RedactingDropLog implements Logger {
  lines = 0;
  private readonly redactor: SecretRedactor;
  constructor(knownSecrets: () => Iterable<readonly string[]>) {
    this.redactor = new SecretRedactor(knownSecrets);
  }
  private write(message: string): void {
    if (this.redactor.redact(message).length >= 0) this.lines++;
  }
  trace(message: string): void {
    this.write(message);
  }
  debug(message: string): void {
    this.write(message);
  }
  info(message: string): void {
    this.write(message);
  }
  warn(message: string): void {
    this.write(message);
  }
  error(message: string): void {
    this.write(message);
  }
}

/** A clock that can be moved forward, as the tests move the engine's clock (test/support/clock.ts). */
class MovableClock implements Clock {
  offsetMs = 0;
  now(): number {
    return systemClock.now() + this.offsetMs;
  }
}

interface EngineWorld {
  engine: SessionEngine;
  client: SugarClient;
  http: HttpDispatcher;
  clock: MovableClock;
  connectionId: string;
  lockDir: string;
  close(): Promise<void>;
}

interface WorldOptions {
  /** Another dispatcher than undici (the own-work figure's instant one). */
  http?: HttpDispatcher;
  /** A fixed API version: without an instance there is no version to detect. */
  apiVersion?: string;
}

async function engineWorld(simulatorUrl: string, user: { userName: string; password: string }, options: WorldOptions = {}): Promise<EngineWorld> {
  const store = new MemorySecretStore();
  const profiles = new ProfileStore(store);
  const clock = new MovableClock();
  let engine: SessionEngine | undefined;
  const log = new RedactingDropLog(() => [engine?.knownSecrets() ?? [], profiles.knownSecrets()]);
  const http = options.http ?? new UndiciHttpDispatcher();
  const client = new SugarClient(http, log);
  const connections = new ProfileConnections(profiles, client, new MemoryCache());
  const lockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-bench-locks-'));
  engine = new SessionEngine({ store, clock, logger: log, client, connections, lock: new FileLock(lockDir), fetchUserAfterLogin: false });
  const { profile } = createProfile({ name: `bench ${user.userName}`, instanceUrl: simulatorUrl, username: user.userName, password: user.password, rememberPassword: true, platform: 'custom_api', apiVersion: options.apiVersion });
  await profiles.add(profile);
  await engine.login(profile.id);
  return {
    engine,
    client,
    http,
    clock,
    connectionId: profile.id,
    lockDir,
    close: async () => {
      engine!.dispose();
      await http.close();
      fs.rmSync(lockDir, { recursive: true, force: true });
    },
  };
}

export interface LayerTimes {
  medianMs: number;
  p90Ms: number;
  totalMs: number;
}

export interface OverheadRun {
  /** Where the simulator ran: its own process (as Sugar does, the figure) or this one (information). */
  simulator: 'process' | 'in-process';
  /** engine.request(): the figure. */
  engine: LayerTimes;
  /** undici.request() with a keep-alive Agent: the baseline. */
  raw: LayerTimes;
  /** The layers between, for finding where an overhead comes from: UndiciHttpDispatcher.send() and SugarClient.request(). */
  http: LayerTimes;
  client: LayerTimes;
  ratioMedian: number;
  ratioTotal: number;
}

export interface OverheadResult extends OverheadRun {
  requests: number;
  /** The same measurement with the simulator in the bench's own process. */
  inProcess: OverheadRun;
  /** CPU time of our layers alone, per request, over a dispatcher that answers at once. */
  ownWork: OwnWork;
}

export interface OwnWork {
  requests: number;
  /** SugarClient.request() per request, in µs. */
  clientUs: number;
  /** SessionEngine.request() per request (the client included), in µs. */
  engineUs: number;
}

export interface ConcurrencyResult {
  requests: number;
  rounds: number;
  validMs: number[];
  expiredMs: number[];
  validMedianMs: number;
  expiredMedianMs: number;
  ratio: number;
  /** Per expired round, as the simulator counted them. */
  refreshesIssued: number[];
  refreshesRejected: number[];
  /** Requests that rejected or answered anything but 200, over all rounds. */
  failed: number;
  failures: string[];
}

/** The proxy variables would send the engine (not the raw calls) through a proxy: both go direct. */
function withoutProxyEnvironment(): () => void {
  const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const name of names) delete process.env[name];
  return () => {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  };
}

/** A simulator in a process of its own (`npm run sim`), as a Sugar server is to the extension host. */
async function simulatorProcess(): Promise<{ url: string; close(): Promise<void> }> {
  const main = path.join(__dirname, '..', '..', 'test', 'sim', 'main.js');
  const child = spawn(process.execPath, [main, '--port', '0', '--https-port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator process did not start in 10 s:\n${output}`)), 10_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /HTTP instance URL:\s+(\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`the simulator process exited (${code}):\n${output}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/**
 * 2: sequential GET /ping, through engine.request() and through undici.request() with a keep-alive
 * Agent (the same token, URL and headers; the body read and parsed as JSON, as the engine does).
 * Also through the two layers between them (UndiciHttpDispatcher.send, SugarClient.request), to
 * show where an overhead comes from. All warmed up; then the sides take turns request by request,
 * the order rotating each turn, so that drift (GC, CPU frequency, other processes) hits all alike.
 * Per-request times with performance.now(); each side makes `total` requests.
 *
 * The figure is taken against a simulator in its own process, as a Sugar server always is. With
 * the simulator in this process the server's work shares the client's thread, and the same run is
 * repeated that way for information.
 */
export async function requestOverhead(total = 500, warmup = 200): Promise<OverheadResult> {
  const restore = withoutProxyEnvironment();
  try {
    const remote = await simulatorProcess();
    let figure: OverheadRun;
    try {
      figure = await overheadAgainst(remote.url, 'process', total, warmup);
    } finally {
      await remote.close();
    }
    const local = await startSimulator({ quiet: true });
    try {
      const inProcess = await overheadAgainst(local.url, 'in-process', total, warmup);
      return { ...figure, requests: total, inProcess, ownWork: await ownWork() };
    } finally {
      await local.close();
    }
  } finally {
    restore();
  }
}

async function overheadAgainst(simulatorUrl: string, simulator: OverheadRun['simulator'], total: number, warmup: number): Promise<OverheadRun> {
  const world = await engineWorld(simulatorUrl, { userName: 'admin', password: 'admin' });
  const agent = new Agent();
  try {
    const token = await world.engine.accessToken(world.connectionId);
    const target = await world.engine.targetFor(world.connectionId);
    const url = `${simulatorUrl}/rest/${target.apiVersion}/ping`;
    const headers = { accept: 'application/json', 'oauth-token': token };
    const check = (side: string, status: number, json: unknown) => {
      if (status !== 200 || json !== 'pong') throw new Error(`${side}: GET /ping answered ${status}`);
    };

    const sides: Record<'engine' | 'client' | 'http' | 'raw', () => Promise<number>> = {
      engine: async () => {
        const started = performance.now();
        const response = await world.engine.request(world.connectionId, { method: 'GET', path: '/ping' });
        const elapsed = performance.now() - started;
        check('engine', response.status, response.json);
        return elapsed;
      },
      client: async () => {
        const started = performance.now();
        const response = await world.client.request(target, token, { method: 'GET', path: '/ping' });
        const elapsed = performance.now() - started;
        check('client', response.status, response.json);
        return elapsed;
      },
      http: async () => {
        const started = performance.now();
        const answer = await world.http.send({ method: 'GET', url, headers, network: target.network });
        const json = JSON.parse(answer.body.toString('utf8')) as unknown;
        const elapsed = performance.now() - started;
        check('http', answer.status, json);
        return elapsed;
      },
      raw: async () => {
        const started = performance.now();
        const answer = await undiciRequest(url, { method: 'GET', headers, dispatcher: agent });
        const json = JSON.parse(await answer.body.text()) as unknown;
        const elapsed = performance.now() - started;
        check('undici', answer.statusCode, json);
        return elapsed;
      },
    };
    const names = Object.keys(sides) as Array<keyof typeof sides>;
    for (let i = 0; i < warmup; i++) for (const name of names) await sides[name]();
    const times: Record<keyof typeof sides, number[]> = { engine: [], client: [], http: [], raw: [] };
    for (let turn = 0; turn < total; turn++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + turn) % names.length];
        times[name].push(await sides[name]());
      }
    }
    const summary = (values: number[]): LayerTimes => ({ medianMs: median(values), p90Ms: percentile(values, 90), totalMs: sum(values) });
    const engine = summary(times.engine);
    const raw = summary(times.raw);
    return {
      simulator,
      engine,
      raw,
      http: summary(times.http),
      client: summary(times.client),
      ratioMedian: engine.medianMs / raw.medianMs,
      ratioTotal: engine.totalMs / raw.totalMs,
    };
  } finally {
    await agent.close().catch(() => undefined);
    await world.close();
  }
}

/** Answers every request at once with a fixed body: what is left to time is our own code. */
class InstantDispatcher implements HttpDispatcher {
  private readonly pong = Buffer.from('"pong"');
  private readonly token = Buffer.from(JSON.stringify({ access_token: 'a'.repeat(36), refresh_token: 'r'.repeat(36), download_token: 'd'.repeat(36), expires_in: 3600, refresh_expires_in: 1209600 }));
  async send(request: HttpRequest): Promise<HttpResponse> {
    const body = request.url.includes('/oauth2/token') ? this.token : this.pong;
    return { status: 200, headers: { 'content-type': 'application/json' }, body, timeMs: 0 };
  }
  async close(): Promise<void> {}
}

/**
 * The CPU our layers spend per request, without a socket: the engine and the client over a
 * dispatcher that answers at once, the log redacting as in the figure. Warmed up, then timed.
 */
async function ownWork(requests = 100_000): Promise<OwnWork> {
  const world = await engineWorld('http://127.0.0.1:9', { userName: 'admin', password: 'admin' }, { http: new InstantDispatcher(), apiVersion: 'v11_24' });
  const { engine, client, connectionId } = world;
  const token = await engine.accessToken(connectionId);
  const target = await engine.targetFor(connectionId);
  const ping = { method: 'GET', path: '/ping' };
  const time = async (call: () => Promise<unknown>): Promise<number> => {
    for (let i = 0; i < requests / 10; i++) await call();
    const started = performance.now();
    for (let i = 0; i < requests; i++) await call();
    return ((performance.now() - started) * 1000) / requests;
  };
  try {
    const clientUs = await time(() => client.request(target, token, ping));
    const engineUs = await time(() => engine.request(connectionId, ping));
    return { requests, clientUs, engineUs };
  } finally {
    await world.close();
  }
}

/**
 * 3: `count` concurrent engine.request(GET /ping) on a valid access token, and the same on an
 * expired one (expired on the simulator and for the engine's clock, as world.expireAccess() does);
 * wall time from the first call to the last answer. One unmeasured round of each first (sockets).
 */
export async function concurrency(count = 1000, rounds = 9): Promise<ConcurrencyResult> {
  const restore = withoutProxyEnvironment();
  const sim = await startSimulator({ quiet: true });
  const world = await engineWorld(sim.url, { userName: 'jim', password: 'jim' });
  const failures: string[] = [];
  let failed = 0;
  const burst = async (): Promise<number> => {
    const started = performance.now();
    const settled = await Promise.allSettled(Array.from({ length: count }, () => world.engine.request(world.connectionId, { method: 'GET', path: '/ping' })));
    const elapsed = performance.now() - started;
    for (const outcome of settled) {
      const problem = outcome.status === 'rejected' ? String((outcome.reason as Error)?.message ?? outcome.reason) : outcome.value.status !== 200 ? `HTTP ${outcome.value.status}` : undefined;
      if (problem) {
        failed++;
        if (failures.length < 5) failures.push(problem);
      }
    }
    return elapsed;
  };
  const expire = () => {
    sim.expireAccessTokens();
    world.clock.offsetMs += 2 * 3600_000;
  };
  try {
    await burst();
    expire();
    await burst();
    failed = 0;
    failures.length = 0;
    const validMs: number[] = [];
    const expiredMs: number[] = [];
    const refreshesIssued: number[] = [];
    const refreshesRejected: number[] = [];
    for (let round = 0; round < rounds; round++) {
      validMs.push(await burst());
      expire();
      const issued = sim.counters.refreshesIssued;
      const rejected = sim.counters.refreshesRejected;
      expiredMs.push(await burst());
      refreshesIssued.push(sim.counters.refreshesIssued - issued);
      refreshesRejected.push(sim.counters.refreshesRejected - rejected);
    }
    const validMedianMs = median(validMs);
    const expiredMedianMs = median(expiredMs);
    return { requests: count, rounds, validMs, expiredMs, validMedianMs, expiredMedianMs, ratio: expiredMedianMs / validMedianMs, refreshesIssued, refreshesRejected, failed, failures };
  } finally {
    await world.close();
    await sim.close();
    restore();
  }
}
