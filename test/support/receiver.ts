/** A real HTTP server standing in for the merchant's callback endpoint. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Arrivals } from './arrivals.js';

export interface Hit {
  method: string;
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export type Responder = (hit: Hit, countForPath: number, response: ServerResponse) => void;

export interface Receiver {
  url: string;
  port: number;
  hits: Hit[];
  hitsFor(path: string): Hit[];
  /** Resolves once `path` has received `count` requests. */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<Hit[]>;
  close(): Promise<void>;
}

export const answerOk: Responder = (_hit, _n, response) => {
  response.writeHead(200);
  response.end('Callback successfully processed.');
};

export async function startReceiver(respond: Responder = answerOk, port = 0): Promise<Receiver> {
  const hits: Hit[] = [];
  const arrivals = new Arrivals();
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const path = new URL(url, 'http://receiver').pathname;
    const hit = { method: request.method ?? '', url, path, headers: request.headers, at: Date.now() };
    hits.push(hit);
    respond(hit, hits.filter((h) => h.path === path).length, response);
    arrivals.arrived();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  const hitsFor = (path: string) => hits.filter((hit) => hit.path === path);
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    hits,
    hitsFor,
    waitFor(path, count, timeoutMs = 20_000) {
      return arrivals.waitFor(() => hitsFor(path), count, timeoutMs, (got) => `${path} received ${got} of ${count} requests within ${timeoutMs} ms`);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
