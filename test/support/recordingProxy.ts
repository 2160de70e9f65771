import { createServer, IncomingMessage, request as httpRequest, Server } from 'node:http';
import { listenOnLoopback } from './loopback';

/** One request as it reached the proxy: what a server on the other side would have seen. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RecordingProxyOptions {
  /** Holds the answer to a request back this long (ms) after the server sent it; 0 or undefined: at once. */
  delayAnswer?: (request: SeenRequest, index: number) => number | undefined;
}

/**
 * A reverse proxy on loopback in front of a server (a simulator): an instance URL of its own that
 * records every request it passes on, and can hold answers back to order races over real sockets.
 */
export interface RecordingProxy {
  url: string;
  seen: SeenRequest[];
  /** Whether any request carried this text in a header, the URL or the body. */
  received(text: string): boolean;
  close(): Promise<void>;
}

export async function startRecordingProxy(targetUrl: string, options: RecordingProxyOptions = {}): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') };
      const index = seen.push(request) - 1;
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const send = (): void => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(parts));
            };
            const delay = options.delayAnswer?.(request, index);
            if (delay) setTimeout(send, delay);
            else send();
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    ...listening,
    seen,
    received: (text) => seen.some((request) => request.url.includes(text) || request.body.includes(text) || Object.values(request.headers).some((value) => String(value).includes(text))),
  };
}
