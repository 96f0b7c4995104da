/**
 * The expiry sweeper, on its own timer: unpaid reservations past their due date are stored as
 * EXPIRED, and idempotency keys past their retention are forgotten — each only once its time has
 * come on the app's clock, and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { API } from './support/reservations.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const DAY = 86_400_000;
const TTL_MS = 3_600_000;

describe(`the expiry sweeper on its timer (${TEST_BACKEND})`, () => {
  const clock = new ManualClock();
  let t: TestApp;
  let m: TestMerchant;
  beforeAll(async () => {
    t = await startApp({ clock, sweepEveryMs: 50, idempotencyTtlMs: TTL_MS });
    m = await t.merchant();
  });
  afterAll(() => t.close());

  const storedStatus = async (uuid: string) => (await t.store.db.selectFrom('reservations').select('status').where('uuid', '=', uuid).executeTakeFirstOrThrow()).status;
  const keys = async () => (await t.store.db.selectFrom('idempotency_keys').select('key').where('merchant_id', '=', m.id).execute()).map((row) => row.key).sort();

  it('stores unpaid reservations past their due date as EXPIRED, and leaves the others', async () => {
    const create = async (daysAhead: number) => (await m.api.post(`${API}/create`, primaryExample({ now: clock.now(), daysAhead }))).json.data.reservationUuid as string;
    const soon = await create(1);
    const later = await create(5);
    clock.advance(2 * DAY);
    await expect.poll(() => storedStatus(soon), { timeout: 5_000 }).toBe('EXPIRED');
    expect(await storedStatus(later)).toBe('SENT');
  });

  it('forgets idempotency keys past their retention, and only those', async () => {
    await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }), { headers: { 'idempotency-key': 'sweep-old' } });
    clock.advance(TTL_MS / 2);
    await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }), { headers: { 'idempotency-key': 'sweep-new' } });
    expect(await keys()).toEqual(['sweep-new', 'sweep-old']);
    clock.advance(TTL_MS / 2 + 1_000);
    await expect.poll(keys, { timeout: 5_000 }).toEqual(['sweep-new']);
  });
});
