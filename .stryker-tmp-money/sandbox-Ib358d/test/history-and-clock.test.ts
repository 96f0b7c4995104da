// @ts-nocheck
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { API, captureBody, chargeBody, reserved } from './support/reservations.js';
import { SandboxPsp } from './support/sandbox-psp.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const DAY = 86_400;

describe(`reservation history (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const clock = new ManualClock(Date.UTC(2026, 0, 21, 3, 0, 0));

  beforeAll(async () => {
    t = await startApp({ clock });
    m = await t.merchant('Hotel History');
  });
  afterAll(() => t.close());

  it('lists every event of the last 24 hours with its slug, subject and Oslo time', async () => {
    const { uuid, lineIds } = await reserved(m, { now: clock.now() });
    const cap = (await m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 400]]))).json.data.uuid;
    const cha = (await m.api.post(`${API}/charge/${uuid}`, chargeBody(150))).json.data.uuid;
    await m.api.post(`${API}/refund/${uuid}`, { type: 'reservation', grandTotal: 100, products: [{ id: lineIds[0], amount: 100 }], source: 'captured', reference: cap });
    await m.api.post(`${API}/complete/${uuid}`, { note: 'Test Complete Note' });

    for (const path of ['history', 'history/', 'history//', `history/${Math.floor(clock.now() / 1000) - DAY}/`, `history//${Math.floor(clock.now() / 1000)}`]) {
      const r = await m.api.get(`${API}/${path}`);
      expect(r.status, path).toBe(200);
      expect(r.json.message).toBe('reservationRetrievedSuccessfully');
      const titles = r.json.data.filter((e: any) => [uuid, cap, cha].includes(e.uuid)).map((e: any) => [e.title, e.uuid === uuid ? 'RES' : e.uuid.slice(0, 3), e.amount]);
      expect(titles, path).toEqual([
        ['order-created', 'RES', '1000'],
        ['payment-link-opened', 'RES', null],
        ['amount-reserved', 'RES', '1000'],
        ['amount-captured-from-reservation', 'CAP', '400'],
        ['amount-charged-from-card', 'CHA', '150'],
        ['refund-sent-from-captured', 'RES', '100'],
        ['reservation-completed', 'RES', null],
      ]);
    }
    const events = (await m.api.get(`${API}/history`)).json.data;
    const captured = events.find((e: any) => e.title === 'amount-captured-from-reservation');
    expect(captured).toEqual({
      uuid: cap,
      title: 'amount-captured-from-reservation',
      datetime: '21.01.2026 04:00',
      sentTo: null,
      // Named by a label derived from the token's hash: none of the token's own characters.
      actionBy: `API token tok_${createHash('sha256').update(m.token).digest('hex').slice(0, 12)}`,
      note: cap,
      paymentMethod: 'Visa',
      isRefundable: true,
      amount: '400',
    });
    expect(events.find((e: any) => e.title === 'amount-charged-from-card').sentTo).toBe('nafees@yopmail.com');
    expect(events.find((e: any) => e.title === 'reservation-completed').note).toBe('Test Complete Note');
  });

  it('keeps to the range asked for and to the merchant', async () => {
    const other = await t.merchant('Other');
    await other.api.post(`${API}/create`, primaryExample({ now: clock.now() }));
    clock.advance(2 * DAY * 1000);
    const fresh = (await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }))).json.data.reservationUuid;
    const lastDay = (await m.api.get(`${API}/history`)).json.data;
    expect(lastDay.map((e: any) => e.uuid)).toEqual([fresh]);
    const now = Math.floor(clock.now() / 1000);
    const all = (await m.api.get(`${API}/history/${now - 30 * DAY}/${now}`)).json.data;
    expect(all.length).toBeGreaterThan(7);
    expect((await other.api.get(`${API}/history/${now - 30 * DAY}/${now}`)).json.data).toHaveLength(1);
  });

  it.each([
    [`history/${40 * DAY}/${80 * DAY}`, 'The time range must not be longer than 31 days.'],
    [`history/${2 * DAY}/${DAY}`, 'The start timestamp must not be after the end timestamp.'],
    ['history/yesterday/', 'The start timestamp must be a Unix timestamp in seconds.'],
    ['history//soon', 'The end timestamp must be a Unix timestamp in seconds.'],
  ])('answers %s with 417', async (path, sentence) => {
    const r = await m.api.get(`${API}/${path}`);
    expect(r.status).toBe(417);
    expect(r.json.errors).toEqual([sentence]);
  });
});

describe(`the test clock (${TEST_BACKEND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ liveGateway: new SandboxPsp() });
  });
  afterAll(() => t.close());

  it("moves only one test merchant's time, only forward, and drives expiry, the capture window and chargeValidity", async () => {
    const a = await t.merchant('A');
    const b = await t.merchant('B');
    const clockOf = async (m: TestMerchant) => (await m.api.get('/api/v1/test/clock')).json.data;
    expect(Math.abs((await clockOf(a)).now - Date.now() / 1000)).toBeLessThan(5);

    const unpaid = (await a.api.post(`${API}/create`, primaryExample({ daysAhead: 1 }))).json.data.reservationUuid;
    const paid = await reserved(a, { change: (body) => { body.chargeValidity = '55'; } });
    const paidB = await reserved(b, { change: (body) => { body.chargeValidity = '55'; } });

    for (const bad of [-60, 0, 'soon', 1.5]) {
      const r = await a.api.post('/api/v1/test/clock', { advanceSeconds: bad });
      expect(r.status, String(bad)).toBe(417);
      expect(r.json.message).toBe('payloadValidationErrors');
    }
    expect((await clockOf(a)).offsetSeconds).toBe(0);

    const moved = await a.api.post('/api/v1/test/clock', { advanceSeconds: 56 * 60 });
    expect(moved.status).toBe(200);
    expect(moved.json.data.offsetSeconds).toBe(56 * 60);
    expect(Math.abs((await clockOf(a)).now - (Date.now() / 1000 + 56 * 60))).toBeLessThan(5);
    expect((await a.api.post(`${API}/charge/${paid.uuid}`, chargeBody())).json.message).toBe('paymentChargeDeadlineExceed');

    await a.api.post('/api/v1/test/clock', { advanceSeconds: 2 * DAY });
    expect((await a.api.get(`${API}/details/${unpaid}`)).json.data.status).toBe('EXPIRED');
    expect((await a.api.post(`${API}/capture/${paid.uuid}`, captureBody([[paid.lineIds[0]!, 100]]))).status).toBe(202);

    await a.api.post('/api/v1/test/clock', { advanceSeconds: 6 * DAY });
    expect((await a.api.post(`${API}/capture/${paid.uuid}`, captureBody([[paid.lineIds[0]!, 100]]))).json.message).toBe('paymentCaptureDeadlineExceed');

    expect((await clockOf(b)).offsetSeconds).toBe(0);
    expect((await b.api.post(`${API}/capture/${paidB.uuid}`, captureBody([[paidB.lineIds[0]!, 100]]))).status).toBe(202);
    expect((await b.api.post(`${API}/charge/${paidB.uuid}`, chargeBody())).status).toBe(202);
  });

  it('does not exist for live merchants', async () => {
    const live = await t.merchant('Live', 'live');
    expect((await live.api.get('/api/v1/test/clock')).json.message).toBe('routeNotFound');
    expect((await live.api.post('/api/v1/test/clock', { advanceSeconds: 60 })).status).toBe(404);
  });
});
