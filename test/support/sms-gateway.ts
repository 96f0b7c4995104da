/** A real HTTP server standing in for an SMS gateway: keeps every POST with its body; answers as `status` says. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Arrivals } from './arrivals.js';

export interface SmsRequest {
  headers: IncomingHttpHeaders;
  body: string;
  json: { to: string; text: string; reference: string };
}

export interface SmsGateway {
  url: string;
  requests: SmsRequest[];
  /** Requests answered 2xx (the messages the gateway took). */
  accepted(): SmsRequest[];
  waitFor(count: number, timeoutMs?: number): Promise<SmsRequest[]>;
  close(): Promise<void>;
}

/** `status(n)`: the HTTP status of the n-th request (from 1). */
export async function startSmsGateway(status: (n: number) => number = () => 200): Promise<SmsGateway> {
  const requests: SmsRequest[] = [];
  const answered: number[] = [];
  const arrivals = new Arrivals();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ headers: request.headers, body, json: JSON.parse(body) });
      const code = status(requests.length);
      answered.push(code);
      response.writeHead(code, { 'content-type': 'application/json' });
      response.end(code < 300 ? `{"id":"gw-${requests.length}"}` : '{"error":"try later"}');
      arrivals.arrived();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    accepted: () => requests.filter((_r, i) => answered[i]! < 300),
    waitFor(count, timeoutMs = 20_000) {
      return arrivals.waitFor(() => requests, count, timeoutMs, (got) => `the SMS gateway received ${got} of ${count} requests within ${timeoutMs} ms`);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
