/**
 * Nothing grows without a bound, and nothing is cut without saying so: history refuses a range
 * holding more than 50,000 events, the callback list and resends stop somewhere, and the test clock
 * cannot be moved until dates overflow.
 */
// @ts-nocheck

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { API, reserved } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

describe(`bounds (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startApp({ callbackRetrySchedule: [60_000] });
    m = await t.merchant();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('refuses a history range holding more than 50,000 events, saying where to cut it', async () => {
    const { uuid } = await reserved(m);
    const start = Date.UTC(2026, 0, 1);
    const rows = Array.from({ length: 50_001 }, (_, i) => ({
      merchant_id: m.id,
      reservation_uuid: uuid,
      subject_uuid: uuid,
      title: 'payment-link-opened',
      occurred_at: start + i * 1000,
      is_refundable: 0,
    }));
    for (let i = 0; i < rows.length; i += 5_000) await t.store.db.insertInto('reservation_events').values(rows.slice(i, i + 5_000)).execute();
    const from = start / 1000;
    const all = await m.api.get(`${API}/history/${from}/${from + 86_400}`);
    expect(all.status).toBe(417);
    expect(all.json.errors).toEqual([`The time range holds more than 50000 events: ask for a shorter one (the 50000th event is at ${from + 49_999}).`]);
    const fits = await m.api.get(`${API}/history/${from}/${from + 49_999}`);
    expect(fits.status).toBe(200);
    expect(fits.json.data).toHaveLength(50_000);
  });

  it('stops the test clock 100 years ahead of real time', async () => {
    const tenYears = 10 * 366 * 86_400;
    for (let i = 0; i < 10; i++) expect((await m.api.post('/api/v1/test/clock', { advanceSeconds: tenYears })).status).toBe(200);
    const refused = await m.api.post('/api/v1/test/clock', { advanceSeconds: tenYears });
    expect(refused.status).toBe(417);
    expect(refused.json.errors[0]).toMatch(/^The advance seconds field would move the test clock more than 3162240000 seconds \(100 years\) ahead/);
    expect((await m.api.get('/api/v1/test/clock')).json.data.offsetSeconds).toBe(10 * tenYears);
  });

  it('lists the latest attempts of a callback and stops resending it after 100 attempts', async () => {
    const other = await t.merchant('Callbacks');
    const { uuid } = await reserved(other, { change: (b) => (b.callback.callbackUrl = `${receiver.url}/cb`) });
    await receiver.waitFor('/cb', 1);
    const [callback] = await t.store.db.selectFrom('callbacks').select('id').where('reservation_uuid', '=', uuid).execute();
    await expect.poll(async () => (await t.store.db.selectFrom('callback_attempts').select('id').where('callback_id', '=', callback!.id).execute()).length).toBe(1);
    const attempts = Array.from({ length: 99 }, (_, i) => ({ callback_id: callback!.id, attempted_at: Date.now() + i, url: 'https://x', http_status: 500, error: null, duration_ms: 1 }));
    await t.store.db.insertInto('callback_attempts').values(attempts).execute();
    const listed = (await other.api.get(`${API}/callbacks/${uuid}`)).json.data.callbacks[0];
    expect(listed.attemptsTotal).toBe(100);
    expect(listed.attempts).toHaveLength(20);
    const resent = await other.api.post(`${API}/callbacks/${uuid}/resend`);
    expect(resent.status).toBe(400);
    expect(resent.json.message).toBe('callbackResendLimitReached');
  });
});
