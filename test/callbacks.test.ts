import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackSender } from '../src/callbacks/callback-sender.js';
import { recordedAttempts } from './support/attempts.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { freePort, runFpgo } from './support/process.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';

function phpVerifier(url: string, secret: string): boolean {
  const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  let routeParameters = '';
  for (const [key, value] of params) if (key !== 'checksum') routeParameters += value;
  return createHash('sha256').update(routeParameters + secret).digest('hex') === params.get('checksum');
}

describe(`status callbacks (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startApp({ callbackRetrySchedule: [100, 100, 200] });
    m = await t.merchant('Hotel Callback');
    receiver = await startReceiver((hit, n, response) => {
      const failFirstTwo = hit.path === '/flaky' && n <= 2;
      response.writeHead(hit.path === '/down' || failFirstTwo ? 500 : 200);
      response.end(failFirstTwo ? 'try again' : 'ok');
    });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  async function createAndPay(path: string, card = '4111111111111111'): Promise<string> {
    const created = await m.api.post(`${API}/create`, exampleWith((b) => {
      b.callback.callbackUrl = `${receiver.url}${path}?order_identifier=xyz`;
    }));
    const uuid = created.json.data.reservationUuid;
    const paid = await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: card });
    expect(paid.status, paid.text).toBe(200);
    return uuid;
  }

  it('sends one signed GET when a reservation is paid, after the merchant\'s own parameters', async () => {
    const attempts = recordedAttempts(t.worker!, (a) => a.httpStatus === 200, 1);
    const uuid = await createAndPay('/cb');
    const [hit] = await receiver.waitFor('/cb', 1);
    await attempts;
    expect(hit!.method).toBe('GET');
    const query = [...new URLSearchParams(hit!.url.split('?')[1])];
    expect(query.map(([key]) => key)).toEqual(['order_identifier', 'orderUuid', 'status', 'paymentMethod', 'amount', 'createdAt', 'timestamp', 'checksum']);
    const values = Object.fromEntries(query);
    expect(values).toMatchObject({ order_identifier: 'xyz', orderUuid: uuid, status: 'RESERVED', paymentMethod: 'Visa', amount: '1000.00' });
    expect(Math.abs(Number(values.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(values.createdAt).toMatch(/^\d{10}$/);
    expect(phpVerifier(hit!.url, m.callbackSecret)).toBe(true);
    // The payload of the Standard Webhooks signature is the requested URL, as a JSON string.
    const requested = JSON.stringify(`${receiver.url}${hit!.url}`);
    expect(() => new Webhook(m.callbackSecret).verify(requested, hit!.headers as Record<string, string>)).not.toThrow();

    const log = await m.api.get(`${API}/callbacks/${uuid}`);
    expect(log.status).toBe(200);
    expect(log.json.message).toBe('callbacksRetrievedSuccessfully');
    expect(log.json.data.callbacks).toHaveLength(1);
    const [callback] = log.json.data.callbacks;
    expect(callback).toMatchObject({ webhookId: hit!.headers['webhook-id'], status: 'RESERVED', subjectUuid: uuid, amount: 1000, paymentMethod: 'Visa', delivery: 'delivered' });
    expect(callback.attempts).toHaveLength(1);
    expect(callback.attempts[0]).toMatchObject({ httpStatus: 200, error: null, url: `${receiver.url}${hit!.url}` });
    expect(log.text).not.toContain(m.callbackSecret);
    expect(receiver.hitsFor('/cb')).toHaveLength(1);
  });

  it('retries a receiver that answers 500 twice, with the same webhook-id, and lists every attempt', async () => {
    const attempts = recordedAttempts(t.worker!, (a) => a.webhookId !== '', 3);
    const uuid = await createAndPay('/flaky');
    const recorded = await attempts;
    expect(recorded.map((a) => [a.httpStatus, a.state])).toEqual([[500, 'pending'], [500, 'pending'], [200, 'delivered']]);
    const hits = receiver.hitsFor('/flaky');
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.headers['webhook-id'])).size).toBe(1);
    for (const hit of hits) {
      expect(phpVerifier(hit.url, m.callbackSecret)).toBe(true);
      expect(() => new Webhook(m.callbackSecret).verify(JSON.stringify(`${receiver.url}${hit.url}`), hit.headers as Record<string, string>)).not.toThrow();
    }
    const log = (await m.api.get(`${API}/callbacks/${uuid}`)).json.data.callbacks[0];
    expect(log.delivery).toBe('delivered');
    expect(log.attempts.map((a: { httpStatus: number }) => a.httpStatus)).toEqual([500, 500, 200]);
  });

  it('gives up after the schedule, then delivers on resend once the receiver is back', async () => {
    const port = await freePort();
    const created = await m.api.post(`${API}/create`, exampleWith((b) => {
      b.callback.callbackUrl = `http://127.0.0.1:${port}/later?order_identifier=xyz`;
    }));
    const uuid = created.json.data.reservationUuid;
    const failed = recordedAttempts(t.worker!, (a) => a.reservationUuid === uuid, 4);
    await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' });
    expect((await failed).map((a) => a.state)).toEqual(['pending', 'pending', 'pending', 'failed']);
    let log = (await m.api.get(`${API}/callbacks/${uuid}`)).json.data.callbacks[0];
    expect(log.delivery).toBe('failed');
    expect(log.attempts).toHaveLength(4);
    expect(log.attempts.every((a: { httpStatus: number | null; error: string }) => a.httpStatus === null && /^no HTTP answer within/.test(a.error))).toBe(true);

    const back = await startReceiver(undefined, port);
    try {
      const delivered = recordedAttempts(t.worker!, (a) => a.reservationUuid === uuid, 1);
      const resent = await m.api.post(`${API}/callbacks/${uuid}/resend`);
      expect(resent.status).toBe(202);
      expect(resent.json).toMatchObject({ message: 'callbackResentSuccessfully', data: { webhookId: log.webhookId } });
      expect((await delivered)[0]!.state).toBe('delivered');
      expect(back.hitsFor('/later')).toHaveLength(1);
      log = (await m.api.get(`${API}/callbacks/${uuid}`)).json.data.callbacks[0];
      expect(log.delivery).toBe('delivered');
      expect(log.attempts).toHaveLength(5);
    } finally {
      await back.close();
    }
  });

  it('sends nothing for a reservation without a callbackUrl, and says so on resend', async () => {
    const created = await m.api.post(`${API}/create`, exampleWith((b) => { delete b.callback; }));
    const uuid = created.json.data.reservationUuid;
    await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' });
    expect((await m.api.get(`${API}/callbacks/${uuid}`)).json.data.callbacks).toEqual([]);
    const resent = await m.api.post(`${API}/callbacks/${uuid}/resend`);
    expect(resent.status).toBe(404);
    expect(resent.json.message).toBe('callbackNotFound');
  });

  it("keeps other merchants' callbacks to themselves", async () => {
    const uuid = await createAndPay('/cb');
    const other = await t.merchant('Other');
    for (const r of [await other.api.get(`${API}/callbacks/${uuid}`), await other.api.post(`${API}/callbacks/${uuid}/resend`)]) {
      expect(r.status).toBe(404);
      expect(r.json.message).toBe('reservationNotFound');
    }
  });

  it('writes the callback with the payment: a failed authorization enqueues nothing', async () => {
    const created = await m.api.post(`${API}/create`, exampleWith((b) => { b.callback.callbackUrl = `${receiver.url}/declined`; }));
    const uuid = created.json.data.reservationUuid;
    expect((await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4000000000000002' })).status).toBe(400);
    expect((await m.api.get(`${API}/callbacks/${uuid}`)).json.data.callbacks).toEqual([]);
  });

  it('checks a received URL from the command line', async () => {
    const [hit] = receiver.hitsFor('/cb');
    const env = { DATABASE_URL: t.database.url };
    const valid = await runFpgo(['callbacks', 'verify', '--secret', m.callbackSecret, `${receiver.url}${hit!.url}`], env);
    expect(valid.code).toBe(0);
    expect(valid.output).toMatch(/^valid: RES\d{10} RESERVED 1000\.00 \(Visa\)/);
    const tampered = await runFpgo(['callbacks', 'verify', '--secret', m.callbackSecret, `${receiver.url}${hit!.url.replace('1000.00', '1.00')}`], env);
    expect(tampered.code).toBe(1);
    expect(tampered.output).toContain('invalid: checksum does not match');
  });
});

describe('the callback sender', () => {
  it('refuses loopback and private addresses unless allowed, without retrying', async () => {
    const receiver = await startReceiver();
    const guarded = new CallbackSender({ allowPrivate: false });
    try {
      for (const url of [`${receiver.url}/x`, `http://localhost:${receiver.port}/x`, 'http://169.254.169.254/latest/meta-data']) {
        const result = await guarded.send(url, {});
        expect(result, url).toMatchObject({ httpStatus: null, retryable: false });
        expect(result.error).toMatch(/private address/);
        expect(result.error).not.toMatch(/127\.0\.0\.1|169\.254/);
      }
      expect(receiver.hits).toHaveLength(0);
    } finally {
      await guarded.close();
      await receiver.close();
    }
  });

  it('refuses an IPv6 literal such as [::1] before connecting, saying so without the address', async () => {
    const guarded = new CallbackSender({ allowPrivate: false });
    try {
      const result = await guarded.send('http://[::1]:9/callback', {});
      expect(result).toMatchObject({ httpStatus: null, retryable: false, durationMs: 0 });
      expect(result.error).toBe('the host resolves to a private address; set ALLOW_PRIVATE_CALLBACKS=true to allow it in development');
      expect(result.detail).toBe('::1 resolves to ::1, a private address; set ALLOW_PRIVATE_CALLBACKS=true to allow it in development');
    } finally {
      await guarded.close();
    }
  });

  it('says a host name could not be resolved, and keeps the raw reason for the operator', async () => {
    const sender = new CallbackSender({ allowPrivate: false, timeoutMs: 5_000 });
    try {
      const result = await sender.send('http://no-such-host.invalid/callback', {});
      expect(result).toMatchObject({ httpStatus: null, retryable: true, error: 'the host name could not be resolved' });
      expect(result.detail).toMatch(/^(ENOTFOUND|EAI_AGAIN|ENODATA): .*no-such-host\.invalid/);
    } finally {
      await sender.close();
    }
  });

  it('does not follow redirects, reads at most 64 KiB of a huge answer, and gives up on a silent one', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/redirect') {
        response.writeHead(302, { location: '/elsewhere' });
        response.end();
      } else if (request.url === '/huge') {
        response.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const write = () => {
          while (response.write(chunk)) {
            /* keep the socket busy until the client hangs up */
          }
        };
        response.on('drain', write);
        write();
      } // '/silent' never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sender = new CallbackSender({ allowPrivate: true, timeoutMs: 500 });
    try {
      expect(await sender.send(`${base}/redirect`, {})).toMatchObject({ httpStatus: 302, retryable: true });
      const huge = await sender.send(`${base}/huge`, {});
      expect(huge).toMatchObject({ httpStatus: 200, error: null });
      const silent = await sender.send(`${base}/silent`, {});
      expect(silent).toMatchObject({ httpStatus: null, retryable: true });
      expect(silent.error).toBe('no HTTP answer within 0.5 s (no connection, a broken one, or no answer)');
    } finally {
      await sender.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
