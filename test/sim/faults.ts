/**
 * Failures that real deployments produce around Sugar: proxies answering HTML, fatal errors, resets,
 * hangs, slow answers, empty bodies and SSO login pages. Each fault hits a limited number of requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fatalError, maintenance, type SugarError } from './errors';
import type { SimFault, SimFaultType } from './types';

const TYPES: SimFaultType[] = ['html502', 'error500', 'maintenance503', 'reset', 'hang', 'slow', 'empty200', 'htmlLogin200'];

interface Armed {
  fault: SimFault;
  left: number;
}

export function validateFault(input: unknown): SimFault {
  const f = input as Partial<SimFault> | null;
  if (!f || typeof f !== 'object' || !TYPES.includes(f.type as SimFaultType)) {
    throw new Error(`fault.type must be one of ${TYPES.join(', ')}`);
  }
  const out: SimFault = { type: f.type as SimFaultType };
  if (f.delayMs !== undefined) {
    if (typeof f.delayMs !== 'number' || f.delayMs < 0) throw new Error('fault.delayMs must be a number >= 0');
    out.delayMs = f.delayMs;
  }
  // JSON has no Infinity: null or absent means "every matching request".
  if (f.times !== undefined && f.times !== null) {
    if (typeof f.times !== 'number' || f.times < 1) throw new Error('fault.times must be a number >= 1');
    out.times = f.times;
  }
  if (f.pathIncludes !== undefined) {
    if (typeof f.pathIncludes !== 'string') throw new Error('fault.pathIncludes must be a string');
    out.pathIncludes = f.pathIncludes;
  }
  return out;
}

export class FaultBook {
  private armed: Armed[] = [];

  add(fault: SimFault): void {
    const f = validateFault(fault);
    this.armed.push({ fault: f, left: f.times ?? Infinity });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault that matches `url` (path and query), used up by one. */
  take(url: string): SimFault | undefined {
    const i = this.armed.findIndex((a) => a.fault.pathIncludes === undefined || url.includes(a.fault.pathIncludes));
    if (i < 0) return undefined;
    const a = this.armed[i];
    a.left--;
    if (a.left <= 0) this.armed.splice(i, 1);
    return a.fault;
  }
}

const PROXY_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const SSO_LOGIN = `<!DOCTYPE html>
<html><head><title>Sign in - Corporate SSO</title></head>
<body><form method="post" action="/sso/login">
<label>User name <input name="username"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button>
</form></body></html>
`;

function sendJsonError(res: ServerResponse, err: SugarError): void {
  const body = JSON.stringify(err.body());
  res.writeHead(err.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Answers a request as the fault says. Returns false for 'slow', whose request then goes on to be
 * handled normally (after the delay the caller already waited).
 */
export function answerWithFault(fault: SimFault, req: IncomingMessage, res: ServerResponse): boolean {
  switch (fault.type) {
    case 'html502':
      res.writeHead(502, { 'Content-Type': 'text/html', Server: 'nginx' });
      res.end(PROXY_502);
      return true;
    case 'error500':
      sendJsonError(res, fatalError());
      return true;
    case 'maintenance503':
      sendJsonError(res, maintenance());
      return true;
    case 'reset': {
      const socket = req.socket as typeof req.socket & { resetAndDestroy?: () => void };
      try {
        if (socket.resetAndDestroy) socket.resetAndDestroy();
        else socket.destroy();
      } catch {
        socket.destroy();
      }
      return true;
    }
    case 'hang':
      // Never answered: the server's close() ends the connection.
      return true;
    case 'empty200':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 0 });
      res.end();
      return true;
    case 'htmlLogin200':
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
      res.end(SSO_LOGIN);
      return true;
    case 'slow':
      return false;
  }
}
