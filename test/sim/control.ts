/**
 * The `/__sim/` control API: the programmatic controls over HTTP, for tests that run the simulator
 * in another process (npm run sim, test:live). No auth and never faulted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http';
import type { Simulator } from './types';

type Body = Record<string, unknown>;

async function jsonBody(req: IncomingMessage): Promise<Body> {
  const text = (await readBody(req)).toString('utf8').trim();
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('body must be a JSON object');
  return parsed as Body;
}

function optString(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`${key} must be a string`);
  return v;
}

function needString(body: Body, key: string): string {
  const v = optString(body, key);
  if (v === undefined || v === '') throw new Error(`${key} is required`);
  return v;
}

export async function handleControl(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  action: string,
  query: URLSearchParams,
): Promise<void> {
  const route = `${req.method} ${action}`;
  try {
    const body = req.method === 'POST' || req.method === 'PUT' ? await jsonBody(req) : {};
    switch (route) {
      case 'GET counters':
        return sendJson(res, 200, sim.counters);
      case 'POST reset-counters':
        sim.resetCounters();
        return sendJson(res, 200, { ok: true });
      case 'GET now':
        return sendJson(res, 200, { now: sim.now() });
      case 'POST advance': {
        const seconds = body.seconds;
        if (typeof seconds !== 'number') throw new Error('seconds must be a number');
        sim.advanceTime(seconds);
        return sendJson(res, 200, { ok: true, now: sim.now() });
      }
      case 'POST faults':
        sim.injectFault(body as never);
        return sendJson(res, 200, { ok: true });
      case 'DELETE faults':
        sim.clearFaults();
        return sendJson(res, 200, { ok: true });
      case 'POST expire':
        sim.expireAccessTokens(optString(body, 'userName'));
        return sendJson(res, 200, { ok: true });
      case 'POST login-elsewhere': {
        const tokens = await sim.loginElsewhere(
          needString(body, 'userName'),
          needString(body, 'platform'),
          optString(body, 'clientId'),
        );
        return sendJson(res, 200, tokens);
      }
      case 'POST maintenance':
        if (typeof body.on !== 'boolean') throw new Error('on must be true or false');
        sim.setMaintenance(body.on);
        return sendJson(res, 200, { ok: true });
      case 'POST platforms': {
        const name = needString(body, 'name');
        if (body.registered === false) sim.unregisterPlatform(name);
        else sim.registerPlatform(name);
        return sendJson(res, 200, { ok: true });
      }
      case 'POST max-version':
        sim.setMaxVersion(needString(body, 'version'));
        return sendJson(res, 200, { ok: true });
      case 'POST custom-field':
        sim.addCustomField(needString(body, 'module'), needString(body, 'name'), needString(body, 'type'));
        return sendJson(res, 200, { ok: true });
      case 'GET sessions':
        return sendJson(res, 200, sim.activeSessions(query.get('userName') ?? undefined));
      case 'GET secrets':
        return sendJson(res, 200, sim.issuedSecrets());
      default:
        return sendJson(res, 404, { error: 'unknown_control', error_message: `No control route ${route}` });
    }
  } catch (err) {
    sendJson(res, 400, { error: 'bad_control_request', error_message: err instanceof Error ? err.message : String(err) });
  }
}
