/**
 * The request listener shared by the HTTP and HTTPS servers: control API first (never faulted),
 * then armed faults, then the REST API; anything else gets a web server's HTML 404.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { handleControl } from './control';
import { countRequest } from './counters';
import { fatalError } from './errors';
import { answerWithFault } from './faults';
import { sendJson, sendWebServer404 } from './http';
import { handleRest } from './rest';
import type { CompiledRoute } from './router';
import type { SimState } from './state';
import type { Simulator } from './types';

const DEFAULT_SLOW_MS = 1000;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface ListenerDeps {
  state: SimState;
  routes: CompiledRoute[];
  sim: Simulator;
  /** Delays in flight, cleared by close() so no timer outlives the simulator. */
  timers: Set<NodeJS.Timeout>;
}

export function createListener(deps: ListenerDeps): RequestListener {
  const { state, routes, sim, timers } = deps;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const pathname = url.pathname;
    if (pathname.startsWith('/__sim/')) {
      countRequest(state.counters, 'sim');
      return handleControl(sim, req, res, pathname.slice('/__sim/'.length), url.searchParams);
    }
    const fault = state.faults.take(req.url ?? '/');
    if (fault) {
      const delay = fault.delayMs ?? (fault.type === 'slow' ? DEFAULT_SLOW_MS : 0);
      if (delay > 0) await wait(delay);
      if (answerWithFault(fault, req, res)) {
        countRequest(state.counters, 'faulted');
        return;
      }
    }
    const parts = pathname.split('/').filter((s) => s !== '').map(decode);
    if (parts[0] !== 'rest' || parts.length < 2) {
      countRequest(state.counters, 'other');
      return sendWebServer404(res, pathname);
    }
    return handleRest(state, routes, req, res, parts.slice(1), url.searchParams);
  }

  return (req, res) => {
    if (!state.config.quiet) {
      const started = Date.now();
      // Path only: query strings can carry oauth_token or download_token.
      const path = (req.url ?? '/').split('?')[0];
      res.on('finish', () => process.stderr.write(`${req.method} ${path} -> ${res.statusCode} (${Date.now() - started} ms)\n`));
    }
    dispatch(req, res).catch((err: unknown) => {
      if (!state.config.quiet) process.stderr.write(`simulator error: ${err instanceof Error ? err.stack : String(err)}\n`);
      if (!res.headersSent) sendJson(res, 500, fatalError().body());
      else res.destroy();
    });
  };
}
