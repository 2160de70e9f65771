// Figure 6 (issue 10 C1): the memory a 200 MB answer costs while the client receives it. The
// server runs in the bench process and streams the answer (never all in memory); the client runs
// in a child process of its own (this file, run with --child), so that its RSS is its own: after a
// warm-up request (undici loaded, a socket open, and a 4 MB answer: a fresh process's young
// generation grows on the first large answer whatever the client does, while the extension host's
// heap is long warm) it records its RSS, receives the answer through SugarClient on
// UndiciHttpDispatcher with the default limits, and reports the peak.
import { spawn } from 'child_process';
import { rmSync } from 'fs';
import { createServer, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { DEFAULT_ANSWER_LIMITS, MB } from '../../src/core/sugar/answerBody';
import { SugarClient } from '../../src/core/sugar/client';
import { DEFAULT_NETWORK, UndiciHttpDispatcher } from '../../src/core/sugar/http';
import type { Line } from './index';
import { mb } from './stats';

const ANSWER_BYTES = 200 * MB;
const WARM_UP_BYTES = 4 * MB;
/** The size limit (what may be held in memory) plus 50 MB for the rest of the client. */
export const ANSWER_MEMORY_BUDGET_BYTES = DEFAULT_ANSWER_LIMITS.memoryBytes + 50 * MB;

interface ChildReport {
  rssBeforeBytes: number;
  peakRssBytes: number;
  peakExternalBytes: number;
  sizeBytes: number;
  toFile: boolean;
  status: number;
  error?: string;
}

function stream(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, '{"name":"a record"},');
  let sent = 0;
  const write = (): void => {
    while (sent < total && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      if (!res.write(part)) return void res.once('drain', write);
    }
    res.end();
  };
  write();
}

/** 6: RSS growth of a child process while it receives a 200 MB answer through the client. */
export async function answerMemoryLines(): Promise<Line[]> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url?.endsWith('/warm-up')) return stream(res, WARM_UP_BYTES);
    stream(res, ANSWER_BYTES);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const report = await runChild(url);
    if (report.error) throw new Error(report.error);
    const growth = report.peakRssBytes - report.rssBeforeBytes;
    return [
      {
        id: '6',
        figure: `peak memory (RSS growth) while the client receives a ${mb(ANSWER_BYTES)} answer, in a process of its own`,
        value: mb(growth),
        baseline: `${mb(report.rssBeforeBytes)} RSS before`,
        ratio: '',
        budget: `≤ ${mb(ANSWER_MEMORY_BUDGET_BYTES)} (size limit + 50 MB)`,
        ok: growth <= ANSWER_MEMORY_BUDGET_BYTES && report.toFile && report.sizeBytes === ANSWER_BYTES,
        details: [
          `HTTP ${report.status}, ${mb(report.sizeBytes)} received, ${report.toFile ? 'streamed to a temporary file (removed)' : 'NOT streamed to a file'}; size limit ${mb(DEFAULT_ANSWER_LIMITS.memoryBytes)}, hard cap ${mb(DEFAULT_ANSWER_LIMITS.hardCapBytes)}`,
          `peak = the child's highest RSS (getrusage maxrss, and RSS sampled every 5 ms) minus its RSS after a warm-up request of ${mb(WARM_UP_BYTES)}; Buffers (external memory) at most ${mb(report.peakExternalBytes)} above it: socket reads not yet collected count too`,
        ],
      },
    ];
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function runChild(url: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--child', url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        resolve(JSON.parse(output) as ChildReport);
      } catch {
        reject(new Error(`the child process exited (${code}) without a report: ${output.slice(0, 500)}`));
      }
    });
  });
}

async function child(url: string): Promise<ChildReport> {
  const http = new UndiciHttpDispatcher();
  const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const client = new SugarClient(http, silent);
  const target = { instanceUrl: url, apiVersion: 'v11_24', clientId: 'sugar', clientSecret: '', platform: 'custom_api', network: { ...DEFAULT_NETWORK, proxy: { mode: 'none' as const } } };
  await client.request(target, undefined, { method: 'GET', path: '/warm-up' });
  const rssBeforeBytes = process.memoryUsage.rss();
  const externalBefore = process.memoryUsage().external;
  let peakRssBytes = rssBeforeBytes;
  let peakExternalBytes = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRssBytes = Math.max(peakRssBytes, usage.rss);
    peakExternalBytes = Math.max(peakExternalBytes, usage.external - externalBefore);
  }, 5);
  try {
    const response = await client.request(target, undefined, { method: 'GET', path: '/large' });
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
    if (response.bodyFile) rmSync(response.bodyFile, { force: true });
    return { rssBeforeBytes, peakRssBytes, peakExternalBytes, sizeBytes: response.sizeBytes, toFile: Boolean(response.bodyFile), status: response.status };
  } finally {
    clearInterval(sampler);
    await http.close();
  }
}

if (require.main === module && process.argv[2] === '--child') {
  child(process.argv[3]).then(
    (report) => process.stdout.write(JSON.stringify(report)),
    (error: Error) => process.stdout.write(JSON.stringify({ error: error.stack ?? String(error) })),
  );
}
