/**
 * Callbacks an attacker cannot forge or misuse: a delivered callback verifies strictly (names, order,
 * formats, age) and its Standard Webhooks signature covers the whole URL; the attempt log does not
 * turn fpgo into a port scanner; and a merchant whose receiver hangs cannot hold back everyone else.
 */
// @ts-nocheck

import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { createServer, type ServerResponse } from 'node:http';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackSender } from '../src/callbacks/callback-sender.js';
import { DeliveryWorker } from '../src/callbacks/delivery-worker.js';
import { verifyCallback } from '../src/callbacks/verify-callback.js';
import { systemClock } from '../src/kernel/clock.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { freePort } from './support/process.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { API } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

async function createAndPay(m: TestMerchant, callbackUrl: string): Promise<string> {
  const created = await m.api.post(`${API}/create`, exampleWith((body) => (body.callback.callbackUrl = callbackUrl)));
  expect(created.status, created.text).toBe(201);
  const uuid = created.json.data.reservationUuid as string;
  expect((await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(200);
  return uuid;
}

describe(`signed callbacks as delivered (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startApp({ callbackRetrySchedule: [200] });
    m = await t.merchant();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('verifies strictly, and its webhook-signature covers the requested URL with the merchant parameters', async () => {
    const uuid = await createAndPay(m, `${receiver.url}/cb?order_identifier=xyz&note=caf%C3%A9`);
    const [hit] = await receiver.waitFor('/cb', 1);
    const requested = `${receiver.url}${hit!.url}`;
    const verified = verifyCallback(requested, m.callbackSecret);
    expect(verified).toMatchObject({ ok: true, event: { orderUuid: uuid, status: 'RESERVED', merchantParameters: { order_identifier: 'xyz', note: 'café' } } });
    const headers = { 'webhook-id': String(hit!.headers['webhook-id']), 'webhook-timestamp': String(hit!.headers['webhook-timestamp']), 'webhook-signature': String(hit!.headers['webhook-signature']) };
    expect(new Webhook(m.callbackSecret).verify(JSON.stringify(requested), headers)).toBe(requested);
    expect(() => new Webhook(m.callbackSecret).verify(JSON.stringify(requested.replace('order_identifier', 'order_id')), headers)).toThrow();
  });

  it("refuses a callbackUrl whose own query uses fpgo's parameter names", async () => {
    const answer = await m.api.post(`${API}/create`, exampleWith((body) => (body.callback.callbackUrl = 'https://shop.example/cb?status=paid&order=1')));
    expect(answer.status).toBe(417);
    expect(answer.json.errors).toEqual([
      'The callback.callback url field must not use the query parameters fpgo appends (orderUuid, status, paymentMethod, amount, createdAt, timestamp, checksum).',
    ]);
  });
});

describe('the attempt log is no port scanner', () => {
  it('says the same about a closed port, a port that is not HTTP and a silent one', async () => {
    const closed = await freePort();
    const banner = createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
    const silent = createTcpServer(() => {});
    await Promise.all([banner, silent].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
    const sender = new CallbackSender({ allowPrivate: true, timeoutMs: 500 });
    try {
      const urls = [closed, (banner.address() as AddressInfo).port, (silent.address() as AddressInfo).port].map((port) => `http://127.0.0.1:${port}/cb`);
      const results = [];
      for (const url of urls) results.push(await sender.send(url, {}));
      expect(results.map((r) => r.error)).toEqual(Array(3).fill('no HTTP answer within 0.5 s (no connection, a broken one, or no answer)'));
      expect(results.every((r) => r.httpStatus === null && r.retryable)).toBe(true);
      expect(results[0]!.detail).toMatch(/ECONNREFUSED/);
      const unknownHost = await sender.send('http://no-such-host.invalid/cb', {});
      expect(unknownHost.error).toBe('the host name could not be resolved');
    } finally {
      await sender.close();
      banner.close();
      silent.close();
    }
  });
});

describe(`fair callback delivery (${TEST_BACKEND})`, () => {
  it("delivers other merchants' callbacks while one merchant's receiver hangs", async () => {
    const t = await startApp();
    const hanging: ServerResponse[] = [];
    const stuck = createServer((_request, response) => hanging.push(response));
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    const healthy = await startReceiver();
    const sender = new CallbackSender({ allowPrivate: true, timeoutMs: 60_000 });
    const worker = new DeliveryWorker({
      repository: t.store.callbacks,
      transport: sender,
      clock: systemClock,
      schedule: [1000],
      logger: pino({ level: 'silent' }),
      concurrency: 4,
      perMerchantConcurrency: 2,
      pollMs: 100,
    });
    try {
      const slow = await t.merchant('Slow Receiver AS');
      const fast = await t.merchant('Fast Receiver AS');
      const stuckUrl = `http://127.0.0.1:${(stuck.address() as AddressInfo).port}/hang`;
      for (let i = 0; i < 6; i++) await createAndPay(slow, stuckUrl);
      worker.start();
      await expect.poll(() => hanging.length).toBeGreaterThanOrEqual(2);
      const paid = [];
      for (let i = 0; i < 3; i++) paid.push(await createAndPay(fast, `${healthy.url}/fast`));
      // Far sooner than the hanging attempts time out (60 s): the slow merchant holds only its share.
      const hits = await healthy.waitFor('/fast', 3, 10_000);
      expect(new Set(hits.map((hit) => new URL(hit.url, healthy.url).searchParams.get('orderUuid')))).toEqual(new Set(paid));
      expect(hanging).toHaveLength(2);
    } finally {
      for (const response of hanging) response.destroy();
      await worker.stop();
      await sender.close();
      stuck.closeAllConnections();
      stuck.close();
      await healthy.close();
      await t.close();
    }
  });
});
