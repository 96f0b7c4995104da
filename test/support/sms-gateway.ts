/** A real HTTP server standing in for an SMS gateway: keeps every POST with its body; answers as `status` says. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  const waiters = new Set<() => void>();
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
      for (const waiter of waiters) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    accepted: () => requests.filter((_r, i) => answered[i]! < 300),
    waitFor(count, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length >= count) {
            done();
            resolve(requests);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`the SMS gateway received ${requests.length} of ${count} requests within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
