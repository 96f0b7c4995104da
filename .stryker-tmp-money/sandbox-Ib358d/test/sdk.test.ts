/**
 * The TypeScript SDK against the real server: every endpoint, typed errors, and retries through a real
 * HTTP proxy that misbehaves on purpose (lost answers, 429 with retry-after, 409, dropped connections,
 * no answer at all) — with one Idempotency-Key across a POST's retries, so nothing happens twice.
 */
// @ts-nocheck

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fpgo, FpgoConnectionError, FpgoError, type CreateReservationRequest } from '../src/index.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { startReceiver, type Hit, type Receiver } from './support/receiver.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

type Misbehaviour = 'lose-answer' | '429' | '409' | 'drop' | 'hang' | 'pass';

interface Proxy {
  url: string;
  /** What the next requests get, one entry per request; then they pass. */
  plan: Misbehaviour[];
  seen: { method: string; path: string; key: string | undefined; at: number }[];
  close(): Promise<void>;
}

/** A real HTTP server in front of fpgo that forwards requests, misbehaving as planned. */
async function startProxy(target: string): Promise<Proxy> {
  const proxy: Proxy = { url: '', plan: [], seen: [], close: async () => {} };
  const forward = async (request: IncomingMessage, body: Buffer) => {
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
    return fetch(`${target}${request.url}`, { method: request.method, headers, body: body.length ? body.toString('utf8') : undefined });
  };
  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const header = request.headers['idempotency-key'];
    proxy.seen.push({ method: request.method ?? '', path: request.url ?? '', key: Array.isArray(header) ? header[0] : header, at: Date.now() });
    const step = proxy.plan.shift() ?? 'pass';
    if (step === 'drop') return request.socket.destroy();
    if (step === 'hang') return;
    if (step === '429' || step === '409') {
      response.writeHead(Number(step), { 'content-type': 'application/json', 'retry-after': '1' });
      return response.end(JSON.stringify({ status_code: Number(step), status_message: 'busy', message: step === '429' ? 'tooManyRequests' : 'idempotencyRequestInProgress', is_error: true, errors: [] }));
    }
    const answer = await forward(request, Buffer.concat(chunks));
    const text = await answer.text();
    if (step === 'lose-answer') {
      response.writeHead(502, { 'content-type': 'text/html' });
      return response.end('<h1>Bad gateway</h1>');
    }
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'idempotent-replayed': answer.headers.get('idempotent-replayed') ?? 'false' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

describe(`the SDK against the real server (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let receiver: Receiver;
  let proxy: Proxy;
  let fpgo: Fpgo;

  beforeAll(async () => {
    [t, receiver] = await Promise.all([startApp({ callbackRetrySchedule: [200] }), startReceiver()]);
    m = await t.merchant('SDK Hotel');
    proxy = await startProxy(t.baseUrl);
    fpgo = new Fpgo({ baseUrl: proxy.url, apiToken: m.token, callbackSecret: m.callbackSecret, retryDelayMs: 20, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await proxy?.close();
    await receiver?.close();
    await t?.close();
  });

  const order = (): CreateReservationRequest =>
    exampleWith((b) => {
      b.products = { 0: { name: 'Room', productId: null, rate: 1000, tax: '0', amount: 1000 } };
      b.orderSummary = { subTotal: 1000, totalTax: 0, grandTotal: 1000 };
      b.callback = { callbackUrl: `${receiver.url}/cb?order=7`, success: null, failure: null };
    }) as CreateReservationRequest;

  async function paidReservation(): Promise<{ uuid: string; lineId: number }> {
    const { reservationUuid } = await fpgo.createReservation(order());
    await fpgo.payWithTestCard(reservationUuid, { cardNumber: '4111111111111111' });
    const details = await fpgo.getReservation(reservationUuid);
    return { uuid: reservationUuid, lineId: details.productList[0]!.id };
  }

  it('runs the whole lifecycle with typed answers', async () => {
    const created = await fpgo.createReservation(order());
    expect(created.paymentUrl).toMatch(/\/checkout\//);
    expect((await fpgo.getReservation(created.reservationUuid)).status).toBe('SENT');
    const paid = await fpgo.payWithTestCard(created.reservationUuid, { cardNumber: '4111111111111111' });
    expect(paid).toMatchObject({ status: 'RESERVED', paymentMethod: 'Visa', reservedAmount: 1000 });
    const uuid = created.reservationUuid;
    const lineId = (await fpgo.getReservation(uuid)).productList[0]!.id;
    const capture = await fpgo.capture(uuid, { products: [{ id: lineId, amount: 400 }], grandTotal: 400 });
    expect(capture.uuid).toMatch(/^CAP\d{10}$/);
    expect(await fpgo.refund(uuid, { type: 'reservation', source: 'captured', reference: capture.uuid, products: [{ id: lineId, amount: 100 }], grandTotal: 100 })).toBeNull();
    const charge = await fpgo.charge(uuid, { products: [{ name: 'Minibar', rate: 50, tax: 25, amount: 50 }], grandTotal: 50 });
    expect(charge.products).toEqual([{ id: expect.any(Number), name: 'Minibar', amount: 50 }]);
    expect(await fpgo.complete(uuid, { note: 'Guest checked out' })).toBeNull();
    const details = await fpgo.getReservation(uuid);
    expect(details).toMatchObject({ status: 'COMPLETED', paymentDetails: { capturedAmount: 400, chargedAmount: 50, amountRefunded: { fromCaptured: 100 } } });
    const titles = (await fpgo.history()).filter((e) => e.uuid === uuid || e.uuid === capture.uuid).map((e) => e.title);
    expect(titles).toEqual(expect.arrayContaining(['order-created', 'amount-reserved', 'amount-captured-from-reservation', 'reservation-completed']));
    await receiver.waitFor('/cb', 3);
    const callbacks = await fpgo.listCallbacks(uuid);
    expect(callbacks.callbacks.map((c) => c.status)).toEqual(['RESERVED', 'CAPTURED', 'CHARGED']);
    expect((await fpgo.resendCallback(uuid)).webhookId).toBe(callbacks.callbacks[2]!.webhookId);
    const clock = await fpgo.advanceTestClock({ advanceSeconds: 60 });
    expect(clock.offsetSeconds).toBe(60);
    expect((await fpgo.getTestClock()).offsetSeconds).toBe(60);
    const cancelled = await fpgo.createReservation(order());
    expect(await fpgo.cancel(cancelled.reservationUuid, { note: 'Changed plans' })).toBeNull();
  });

  it('throws FpgoError with status_code, message and errors, without retrying a client error', async () => {
    proxy.seen.length = 0;
    const missing = await fpgo.getReservation('RES0000000000').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(FpgoError);
    expect(missing).toMatchObject({ status_code: 404, message: 'reservationNotFound' });
    const invalid = (await fpgo.capture('RES0000000000', { products: [], grandTotal: -1 }).catch((error: unknown) => error)) as FpgoError;
    expect(invalid.status_code).toBe(417);
    expect(invalid.message).toBe('payloadValidationErrors');
    expect(invalid.errors).toEqual(expect.arrayContaining([expect.stringMatching(/grand total/)]));
    expect(proxy.seen).toHaveLength(2);
    const wrongToken = new Fpgo({ baseUrl: t.baseUrl, apiToken: 'fpgo_test_wrong' });
    await expect(wrongToken.getReservation('RES1')).rejects.toMatchObject({ status_code: 401, message: 'unauthenticated' });
  });

  it('retries a POST whose answer was lost with the same Idempotency-Key: one capture', async () => {
    const { uuid, lineId } = await paidReservation();
    proxy.seen.length = 0;
    proxy.plan = ['lose-answer'];
    const capture = await fpgo.capture(uuid, { products: [{ id: lineId, amount: 250 }], grandTotal: 250 });
    const posts = proxy.seen.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0]!.key).toMatch(/^fpgo-sdk-/);
    expect(posts[1]!.key).toBe(posts[0]!.key);
    const details = await fpgo.getReservation(uuid);
    expect(details.paymentHistory.captured).toEqual([expect.objectContaining({ uuid: capture.uuid, amount: 250 })]);
  });

  it('waits as long as retry-after says on 429, and retries 409', async () => {
    const { uuid, lineId } = await paidReservation();
    proxy.seen.length = 0;
    proxy.plan = ['429', '409'];
    await fpgo.capture(uuid, { products: [{ id: lineId, amount: 10 }], grandTotal: 10 }, { idempotencyKey: 'my-own-key-1' });
    expect(proxy.seen.map((s) => s.key)).toEqual(['my-own-key-1', 'my-own-key-1', 'my-own-key-1']);
    expect(proxy.seen[1]!.at - proxy.seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries dropped connections and timeouts, and gives up with FpgoConnectionError', async () => {
    const quick = new Fpgo({ baseUrl: proxy.url, apiToken: m.token, retryDelayMs: 10, timeoutMs: 300, maxRetries: 2 });
    const { uuid } = await paidReservation();
    proxy.plan = ['drop', 'hang'];
    expect((await quick.getReservation(uuid)).status).toBe('RESERVED');
    proxy.plan = ['drop', 'drop', 'hang'];
    const error = await quick.getReservation(uuid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FpgoConnectionError);
    expect((error as Error).message).toMatch(/no answer/);
  });

  it('verifies callbacks with the secret, and with either secret during a rotation', async () => {
    const { uuid } = await paidReservation();
    const hit = await new Promise<Hit>((resolve) => {
      const check = () => {
        const found = receiver.hits.find((h) => h.url.includes(uuid));
        if (!found) return;
        t.worker!.events.off('attempt', check);
        resolve(found);
      };
      t.worker!.events.on('attempt', check);
      check();
    });
    expect(fpgo.verifyCallback(hit!.url)).toMatchObject({ ok: true, event: { orderUuid: uuid, status: 'RESERVED', merchantParameters: { order: '7' } } });
    const rotating = new Fpgo({ baseUrl: proxy.url, apiToken: m.token, callbackSecret: ['whsec_other', m.callbackSecret] });
    expect(rotating.verifyCallback(hit!.url).ok).toBe(true);
    const wrong = new Fpgo({ baseUrl: proxy.url, apiToken: m.token, callbackSecret: 'whsec_other' });
    expect(wrong.verifyCallback(hit!.url)).toEqual({ ok: false, reason: expect.stringMatching(/checksum does not match/) });
  });
});
