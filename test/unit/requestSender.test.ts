/**
 * The send path never lets a request choose its Host or add a token of its own: over a real
 * socket, through a relay that keeps the raw header lines the simulator is sent.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import type { HistoryStore } from '../../src/vscode/explore/historyStore';
import { RequestSender, type ResponseShower } from '../../src/vscode/explore/requestSender';
import { startSimulator, type Simulator } from '../sim/index';
import { makeWorld, needsSimulator, type World } from '../support/world';

interface Relay {
  url: string;
  /** Per request: its path and header lines as they arrived, names lower-cased. */
  seen: Array<{ path: string; headers: Array<[string, string]> }>;
  close(): Promise<void>;
}

/** Forwards to the simulator and keeps what it was sent (duplicates included, unlike req.headers). */
async function startRelay(target: string): Promise<Relay> {
  const seen: Relay['seen'] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const headers: Array<[string, string]> = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i].toLowerCase(), req.rawHeaders[i + 1]]);
    seen.push({ path: req.url ?? '', headers });
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('sending a request with headers it may not set', function () {
  this.timeout(20000);
  let sim: Simulator;
  let relay: Relay;
  let world: World;
  let sender: RequestSender;

  before(async function () {
    needsSimulator(this, 'the relay sits in front of the simulator');
    sim = await startSimulator({ quiet: true });
    relay = await startRelay(sim.url);
    world = await makeWorld({ simulator: sim, profile: { instanceUrl: relay.url } });
    await world.engine.login(world.connectionId);
    const history = { add: async () => undefined } as unknown as HistoryStore;
    const documents: ResponseShower = { show: async () => undefined, keepBodyFile: () => undefined, offerBodyFile: () => undefined };
    sender = new RequestSender(() => undefined, world.engine, world.profiles, world.clock, history, documents);
  });

  after(async () => {
    await world?.close();
    await relay?.close();
    await sim?.close();
  });

  async function sendAndSee(headers: Record<string, string>): Promise<{ status: number; headers: Array<[string, string]> }> {
    const before = relay.seen.length;
    const { response } = await sender.send(world.connectionId, { method: 'GET', path: '/me', headers }, { show: false });
    const requests = relay.seen.slice(before).filter((r) => r.path.endsWith('/me'));
    assert.equal(requests.length, 1);
    return { status: response.status, headers: requests[0].headers };
  }

  function assertOnlyOwnHostAndToken(seen: Array<[string, string]>): void {
    const values = (name: string): string[] => seen.filter(([n]) => n === name).map(([, v]) => v);
    assert.deepEqual(values('host'), [new URL(relay.url).host]);
    const tokens = values('oauth-token');
    assert.equal(tokens.length, 1, 'one OAuth-Token header');
    assert.ok(!tokens[0].includes('forged'), "the session's own token, not the request's");
    assert.deepEqual(values('authorization'), []);
  }

  it("drops another extension's Host and token headers, in any spelling, and sends the rest", async () => {
    const { status, headers } = await sendAndSee({
      Host: 'tenant-b.example.com',
      'OAuth-Token': 'forged-1',
      'oauth-token': 'forged-2',
      Authorization: 'Bearer forged-3',
      'X-Metadata-Hash': 'abc',
    });
    assert.equal(status, 200);
    assertOnlyOwnHostAndToken(headers);
    assert.deepEqual(headers.filter(([n]) => n === 'x-metadata-hash'), [['x-metadata-hash', 'abc']]);
  });

  it("sends a request file's headers without the refused lines", async () => {
    const [request] = parseRequestFile('GET /me\nHost: tenant-b.example.com\nOAuth-Token: forged-4\nX-Userpref-Hash: def\n');
    assert.equal(request.errors.length, 2);
    const { status, headers } = await sendAndSee(request.headers);
    assert.equal(status, 200);
    assertOnlyOwnHostAndToken(headers);
    assert.deepEqual(headers.filter(([n]) => n === 'x-userpref-hash'), [['x-userpref-hash', 'def']]);
  });
});
