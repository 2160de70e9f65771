import { createServer, Server } from 'node:http';
import { listenOnLoopback } from './loopback';

/**
 * A Sugar-shaped server whose token answers a test writes: POST /rest/<v>/oauth2/token answers
 * what `answers[grant_type]` returns (JSON, 200); GET /rest/<v>/ping answers "pong" to a token
 * this server issued last, 401 invalid_grant to any other. For odd and hostile token answers.
 */
export interface TokenServer {
  url: string;
  answers: Record<string, () => unknown>;
  close(): Promise<void>;
}

export async function startTokenServer(answers: Record<string, () => unknown>): Promise<TokenServer> {
  let live: unknown;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const path = (req.url ?? '').replace(/^\/rest\/v[0-9_]+/, '');
      if (req.method === 'POST' && path === '/oauth2/token') {
        const grant = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { grant_type?: string }).grant_type ?? '';
        const answer = answers[grant]?.();
        if (answer === undefined) return send(400, { error: 'unsupported_grant_type' });
        live = (answer as { access_token?: unknown }).access_token;
        return send(200, answer);
      }
      if (req.method === 'POST' && path === '/oauth2/logout') return send(200, { success: true });
      if (path === '/ping') {
        return req.headers['oauth-token'] === live ? send(200, 'pong') : send(401, { error: 'invalid_grant', error_message: 'The access token provided is invalid.' });
      }
      send(404, { error: 'no_method', error_message: 'Could not find a route' });
    });
  });
  return { ...(await listenOnLoopback(server)), answers };
}
