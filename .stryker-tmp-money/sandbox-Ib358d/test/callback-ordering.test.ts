/**
 * Callbacks of one reservation arrive in the order of its events: a CAPTURED callback waits while
 * the RESERVED one before it is still being retried. Other reservations are not held back by it.
 */
// @ts-nocheck

import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { startReceiver, type Hit, type Receiver } from './support/receiver.js';
import { API, captureBody } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

/** The RESERVED callback of the slow merchant path fails this many times before it is accepted. */
const FAILURES = 3;

interface Arrival {
  path: string;
  orderUuid: string | null;
  status: string | null;
  webhookId: string;
  /** What the receiver answered. */
  answered: number;
  /** Index in the receiver's overall arrival order. */
  order: number;
}

describe(`callback ordering (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let receiver: Receiver;
  const arrivals: Arrival[] = [];

  beforeAll(async () => {
    t = await startApp({ callbackRetrySchedule: Array(20).fill(150) });
    m = await t.merchant('Hotel Ordering');
    receiver = await startReceiver((hit: Hit, _n: number, response: ServerResponse) => {
      const query = new URLSearchParams(hit.url.split('?')[1]);
      const status = query.get('status');
      const reservedBefore = arrivals.filter((a) => a.path === hit.path && a.status === 'RESERVED').length;
      // /flaky: the first FAILURES RESERVED attempts fail, and it keeps failing until the other
      // reservation's CAPTURED callback has arrived, so that one provably arrives while this one is
      // still pending. Everything else is accepted at once.
      const otherDone = arrivals.some((a) => a.path === '/steady' && a.status === 'CAPTURED');
      const fail = hit.path === '/flaky' && status === 'RESERVED' && (reservedBefore < FAILURES || !otherDone);
      arrivals.push({ path: hit.path, orderUuid: query.get('orderUuid'), status, webhookId: String(hit.headers['webhook-id']), answered: fail ? 500 : 200, order: arrivals.length });
      response.writeHead(fail ? 500 : 200);
      response.end(fail ? 'not now' : 'ok');
    });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  async function createAndPay(path: string): Promise<{ uuid: string; lineId: number }> {
    const created = await m.api.post(`${API}/create`, exampleWith((b) => { b.callback.callbackUrl = `${receiver.url}${path}?order_identifier=${path.slice(1)}`; }));
    expect(created.status, created.text).toBe(201);
    const uuid = created.json.data.reservationUuid as string;
    const paid = await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' });
    expect(paid.status, paid.text).toBe(200);
    const lineId = (await m.api.get(`${API}/details/${uuid}`)).json.data.productList[0].id as number;
    return { uuid, lineId };
  }

  async function capture(uuid: string, lineId: number): Promise<void> {
    const captured = await m.api.post(`${API}/capture/${uuid}`, captureBody([[lineId, 100]]));
    expect(captured.status, captured.text).toBe(202);
  }

  it('holds CAPTURED back until RESERVED is delivered, without holding back another reservation', async () => {
    const flaky = await createAndPay('/flaky');
    await receiver.waitFor('/flaky', 1); // RESERVED has been tried and refused: it is pending now
    await capture(flaky.uuid, flaky.lineId);

    const steady = await createAndPay('/steady');
    await capture(steady.uuid, steady.lineId);

    await receiver.waitFor('/flaky', FAILURES + 2, 20_000);
    const flakyArrivals = arrivals.filter((a) => a.path === '/flaky');
    const steadyArrivals = arrivals.filter((a) => a.path === '/steady');

    // The first reservation: every RESERVED attempt (refused, refused, …, accepted), then CAPTURED once.
    const firstOk = flakyArrivals.findIndex((a) => a.answered === 200);
    expect(firstOk).toBeGreaterThanOrEqual(FAILURES);
    expect(flakyArrivals.slice(0, firstOk + 1).every((a) => a.status === 'RESERVED')).toBe(true);
    expect(flakyArrivals.slice(0, firstOk).every((a) => a.answered === 500)).toBe(true);
    expect(new Set(flakyArrivals.slice(0, firstOk + 1).map((a) => a.webhookId)).size).toBe(1);
    expect(flakyArrivals.slice(firstOk + 1).map((a) => [a.status, a.answered])).toEqual([['CAPTURED', 200]]);
    expect(flakyArrivals.every((a) => a.orderUuid === flaky.uuid)).toBe(true);

    // The second reservation: RESERVED then CAPTURED, both accepted at the first attempt, both
    // before the first reservation's RESERVED finally got through.
    expect(steadyArrivals.map((a) => [a.orderUuid, a.status, a.answered])).toEqual([
      [steady.uuid, 'RESERVED', 200],
      [steady.uuid, 'CAPTURED', 200],
    ]);
    const flakyDelivered = flakyArrivals[firstOk]!.order;
    expect(steadyArrivals.every((a) => a.order < flakyDelivered)).toBe(true);

    // The merchant's callback log agrees: CAPTURED was first tried after RESERVED was delivered.
    await expect.poll(async () => (await m.api.get(`${API}/callbacks/${flaky.uuid}`)).json.data.callbacks.map((c: any) => [c.status, c.delivery]), { timeout: 5_000 }).toEqual([
      ['RESERVED', 'delivered'],
      ['CAPTURED', 'delivered'],
    ]);
    const log = (await m.api.get(`${API}/callbacks/${flaky.uuid}`)).json.data.callbacks;
    expect(log[0].attempts.map((a: any) => a.httpStatus)).toEqual([...Array(firstOk).fill(500), 200]);
    expect(log[1].attempts.map((a: any) => a.httpStatus)).toEqual([200]);
  });
});
