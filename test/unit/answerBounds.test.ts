import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderResponse } from '../../src/core/explore/responseView';
import { answerLimitsWith } from '../../src/core/sugar/answerBody';
import { SugarClient, SugarTarget } from '../../src/core/sugar/client';
import { withBodyFileNote } from '../../src/vscode/explore/requestSender';
import { DEFAULT_NETWORK, NetworkOptions, UndiciHttpDispatcher } from '../../src/core/sugar/http';
import { CapturingLogger } from '../support/logger';
import { rejects } from '../support/assertions';

const MB = 1024 * 1024;

/** A plain HTTP server on 127.0.0.1 that answers the way it is told: the hostile servers of issue 10 C. */
async function hostileServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes `total` bytes of a repeating pattern (never all in memory), respecting backpressure; returns their hash. */
function streamBytes(res: ServerResponse, total: number, chunkBytes = 64 * 1024): Promise<{ sent: number; sha256: string }> {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(chunkBytes);
  let sent = 0;
  return new Promise((resolve) => {
    const finish = () => resolve({ sent, sha256: hash.digest('hex') });
    res.once('close', finish);
    const write = (): void => {
      while (sent < total && !res.destroyed) {
        const size = Math.min(chunkBytes, total - sent);
        // A pattern that changes with the offset, so a lost or repeated chunk changes the hash.
        chunk.fill(`${(sent / chunkBytes) % 997}|{"x":"é"}\n`);
        const part = chunk.subarray(0, size);
        hash.update(part);
        sent += size;
        if (!res.write(part)) return void res.once('drain', write);
      }
      if (!res.destroyed) res.end();
    };
    write();
  });
}

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (data) => hash.update(data)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
  });
}

/** The highest heap + external (Buffers) growth seen while `work` runs, sampled every 10 ms: an outcome, not a duration. */
async function peakMemoryGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthBytes: number }> {
  const used = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.external;
  };
  (globalThis as { gc?: () => void }).gc?.();
  const before = used();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, used());
    return { result, growthBytes: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('Answer bounds over real sockets to hostile servers (issue 10 C1, C2)', function () {
  this.timeout(60_000);
  let http: UndiciHttpDispatcher;
  let logger: CapturingLogger;
  let directory: string;
  const network: NetworkOptions = { ...DEFAULT_NETWORK, proxy: { mode: 'none' }, connectTimeoutMs: 2000, totalTimeoutMs: 30_000 };
  const target = (url: string, overrides: Partial<NetworkOptions> = {}): SugarTarget => ({
    instanceUrl: url,
    apiVersion: 'v11_24',
    clientId: 'sugar',
    clientSecret: '',
    platform: 'custom_api',
    network: { ...network, ...overrides },
  });
  const client = (options: ConstructorParameters<typeof SugarClient>[2] = {}) =>
    new SugarClient(http, logger, { answerLimits: () => ({ memoryBytes: 20 * MB, fileDirectory: directory, hardCapBytes: 1024 * MB }), ...options });

  beforeEach(() => {
    logger = new CapturingLogger();
    http = new UndiciHttpDispatcher();
    directory = mkdtempSync(join(tmpdir(), 'sugar-answer-bounds-'));
  });
  afterEach(async () => {
    await http.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('streams a 200 MB answer to a file, keeps its first part, and the heap does not grow by 100 MB', async () => {
    let served: Promise<{ sent: number; sha256: string }> | undefined;
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      served = streamBytes(res, 200 * MB);
    });
    try {
      const { result: response, growthBytes } = await peakMemoryGrowth(() => client().request(target(server.url), 'token', { method: 'GET', path: '/Accounts' }));
      const { sent, sha256 } = await served!;
      assert.ok(growthBytes < 100 * MB, `heap and buffers grew by ${(growthBytes / MB).toFixed(0)} MB`);
      assert.equal(response.status, 200);
      assert.ok(response.bodyFile, 'the answer went to a file');
      assert.equal(response.sizeBytes, 200 * MB);
      assert.equal(statSync(response.bodyFile).size, sent);
      assert.equal(await fileSha256(response.bodyFile), sha256, 'the file holds the whole body');
      assert.equal(response.isJson, false, 'a part of an answer is not parsed');
      assert.ok(response.text.length > 0 && response.text.length <= MB, `the first part is kept (${response.text.length} characters)`);
    } finally {
      await server.close();
    }
  });

  it('stops an endless chunked answer at the hard cap with an explained error, and keeps no file', async () => {
    let served: Promise<{ sent: number; sha256: string }> | undefined;
    // Endless as far as the client can tell; it gives up at 200 MB so that a client without a cap ends too.
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      served = streamBytes(res, 200 * MB);
    });
    try {
      const capped = client({ answerLimits: () => ({ memoryBytes: 2 * MB, fileDirectory: directory, hardCapBytes: 16 * MB }) });
      const error = await rejects(capped.request(target(server.url), 'token', { method: 'GET', path: '/stream' }));
      assert.equal(error.kind, 'http');
      assert.match(error.message, /sent more than 16 MB, the most any answer may be; the request was stopped/);
      const { sent } = await served!;
      assert.ok(sent < 100 * MB, `the server could send only ${(sent / MB).toFixed(0)} MB`);
      assert.deepEqual(readdirSync(directory), [], 'the partial file is removed');
    } finally {
      await server.close();
    }
  });

  it('fails a trickled body (one byte every 200 ms) at the total deadline, as a timeout that names it', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let left = 60;
      const timer = setInterval(() => {
        if (res.destroyed || --left === 0) {
          clearInterval(timer);
          if (!res.destroyed) res.end(']');
          return;
        }
        res.write(' ');
      }, 200);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const error = await rejects(client().request(target(server.url, { totalTimeoutMs: 1500 }), 'token', { method: 'GET', path: '/slow' }));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /did not send its whole answer within 1\.5 s, the time limit for a request/);
    } finally {
      await server.close();
    }
  });

  it('gives a login a short deadline of its own, whatever the request time limit', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"access_token":"');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a')), 200);
      setTimeout(() => {
        clearInterval(timer);
        if (!res.destroyed) res.end('","expires_in":3600}');
      }, 12_000).unref();
      res.on('close', () => clearInterval(timer));
    });
    try {
      const error = await rejects(client({ authDeadlineMs: 1000 }).passwordLogin(target(server.url, { totalTimeoutMs: 60_000 }), 'jim', 'jim'));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /within 1 s, the time limit for a login/);
    } finally {
      await server.close();
    }
  });

  it('refuses a huge token answer with an explained error, not a crash, and stores nothing of it', async () => {
    const server = await hostileServer((_req, res) => {
      // Valid JSON with a 10 MB token: a client without a bound would take it as the session's.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'a'.repeat(10 * MB), refresh_token: 'r', expires_in: 3600 }));
    });
    try {
      const huge = await rejects(client().passwordLogin(target(server.url), 'jim', 'jim'));
      assert.equal(huge.kind, 'http');
      assert.match(huge.message, /sent more than 4 MB, the most the answer to a login may be/);
      assert.deepEqual(readdirSync(directory), [], 'a token answer never goes to a file');
    } finally {
      await server.close();
    }
  });

  it('bounds an answer its caller needs whole (/help) without a file', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(64 * MB) });
      void streamBytes(res, 64 * MB);
    });
    try {
      const error = await rejects(client().request(target(server.url), undefined, { method: 'GET', path: '/help', wholeAnswerLimitBytes: 4 * MB }));
      assert.match(error.message, /sent more than 4 MB, the most the answer to GET \/help may be/);
      assert.deepEqual(readdirSync(directory), []);
    } finally {
      await server.close();
    }
  });

  it('shows the first part of an answer over the user\'s size limit and says where the whole answer is', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      void streamBytes(res, 3 * MB);
    });
    try {
      let limitMb = 1;
      const limits = answerLimitsWith(() => limitMb * MB);
      assert.equal(limits(), limits(), 'the same limits object while the setting is unchanged');
      const tuned = client({ answerLimits: () => ({ ...limits(), fileDirectory: directory }) });
      const response = await tuned.request(target(server.url), 'token', { method: 'GET', path: '/Notes' });
      assert.ok(response.bodyFile);
      const tab = withBodyFileNote(renderResponse(response, { method: 'GET', url: `${server.url}/rest/v11_24/Notes`, sessionLabel: 'jim @ hostile' }), response);
      assert.equal(tab.language, 'plaintext');
      assert.match(tab.text, /^⚠ This answer is 3\.0 MB, more than the response size limit \(sugar\.responseSizeLimitMB\): only its first 1\.0 MB is shown below\./);
      assert.ok(tab.text.includes(`The whole answer is in ${response.bodyFile}`));
      assert.ok(!tab.text.includes('\uFFFD'), 'the first part is cut between characters, not inside one');
      limitMb = 8;
      const whole = await tuned.request(target(server.url), 'token', { method: 'GET', path: '/Notes' });
      assert.equal(whole.bodyFile, undefined, 'a raised limit applies to the next request');
      assert.equal(whole.sizeBytes, 3 * MB);
    } finally {
      await server.close();
    }
  });

  it('takes a HEAD answer that declares a huge body as it is, without a file', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(500 * MB) });
      res.end();
    });
    try {
      const response = await client().request(target(server.url), 'token', { method: 'HEAD', path: '/Accounts' });
      assert.equal(response.status, 200);
      assert.equal(response.bodyFile, undefined);
      assert.deepEqual(readdirSync(directory), []);
    } finally {
      await server.close();
    }
  });

  it('reports a cancel in the middle of a trickled body as cancelled, not as a timeout', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const error = await rejects(client().request(target(server.url, { totalTimeoutMs: 5000 }), 'token', { method: 'GET', path: '/slow' }, controller.signal));
      assert.equal(error.kind, 'cancelled');
    } finally {
      await server.close();
    }
  });

  it('explains an answer over the limit that cannot be written to its folder, and does not hang', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      void streamBytes(res, 8 * MB);
    });
    try {
      const missing = join(directory, 'missing');
      const nowhere = client({ answerLimits: () => ({ memoryBytes: 1 * MB, fileDirectory: missing, hardCapBytes: 1024 * MB }) });
      const error = await rejects(nowhere.request(target(server.url), 'token', { method: 'GET', path: '/Notes' }));
      assert.match(error.message, /was too large to show and could not be written to .*missing.*ENOENT/);
      assert.deepEqual(readdirSync(directory), []);
    } finally {
      await server.close();
    }
  });
});
