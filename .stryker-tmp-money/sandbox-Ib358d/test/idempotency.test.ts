// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import { canonicalJson, requestFingerprint } from '../src/idempotency/idempotency.js';
import type { PaymentGateway } from '../src/reservations/ports.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith, primaryExample } from './support/fixtures.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';

describe('request fingerprints', () => {
  it('ignore key order but nothing else', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    expect(requestFingerprint('POST', '/x', { a: 1, b: 2 })).toBe(requestFingerprint('POST', '/x', { b: 2, a: 1 }));
    expect(requestFingerprint('POST', '/x', { a: 1 })).not.toBe(requestFingerprint('POST', '/y', { a: 1 }));
    expect(requestFingerprint('POST', '/x', { a: 1 })).not.toBe(requestFingerprint('POST', '/x', { a: '1' }));
  });
});

describe(`idempotency keys (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const clock = new ManualClock();
  let failGateway = false;
  const gateway: PaymentGateway = new (class extends TestGateway {
    override async authorize(request: Parameters<PaymentGateway['authorize']>[0]) {
      if (failGateway) throw new Error('gateway crashed');
      return super.authorize(request);
    }
  })();

  beforeAll(async () => {
    t = await startApp({ clock, gateway });
    m = await t.merchant('Hotel Idempotent');
  });
  afterAll(() => t.close());

  const reservations = async (merchantId = m.id) =>
    (await t.store.db.selectFrom('reservations').select('uuid').where('merchant_id', '=', merchantId).execute()).length;
  const key = (k: string) => ({ headers: { 'idempotency-key': k } });

  it('replays the first answer byte for byte and creates one reservation', async () => {
    const body = primaryExample({ now: clock.now() });
    const before = await reservations();
    const first = await m.api.post(`${API}/create`, body, key('create-1'));
    const again = await m.api.post(`${API}/create`, body, key('create-1'));
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.text).toBe(first.text);
    expect(await reservations()).toBe(before + 1);
  });

  it('treats a body with its keys in another order as the same request', async () => {
    const body = primaryExample({ now: clock.now() });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await m.api.post(`${API}/create`, body, key('create-order'));
    const again = await m.api.post(`${API}/create`, reordered, key('create-order'));
    expect(again.text).toBe(first.text);
  });

  it('refuses the same key with another body or path with 422, changing nothing', async () => {
    const body = primaryExample({ now: clock.now() });
    const first = await m.api.post(`${API}/create`, body, key('create-2'));
    const before = await reservations();
    const changed = await m.api.post(`${API}/create`, exampleWith((b) => { b.products[0].amount = 900; b.products[0].rate = 900; b.orderSummary = { subTotal: 900, totalTax: 0, grandTotal: 900 }; }, { now: clock.now() }), key('create-2'));
    expect(changed.status).toBe(422);
    expect(changed.json).toMatchObject({ status_code: 422, message: 'idempotencyKeyReused', is_error: true });
    expect(changed.json.errors[0]).toContain('"create-2"');
    const otherPath = await m.api.post(`${API}/submit`, body, key('create-2'));
    expect(otherPath.status).toBe(422);
    expect(await reservations()).toBe(before);
    expect((await m.api.post(`${API}/create`, body, key('create-2'))).text).toBe(first.text);
  });

  it('replays error answers too', async () => {
    const invalid = exampleWith((b) => { b.customerDetails.email = 'nope'; }, { now: clock.now() });
    const first = await m.api.post(`${API}/create`, invalid, key('invalid-1'));
    const again = await m.api.post(`${API}/create`, invalid, key('invalid-1'));
    expect(first.status).toBe(417);
    expect(again.status).toBe(417);
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const missing = await m.api.get(`${API}/details/RES0000000001`);
    expect(missing.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses keys that are empty, too long or not printable ASCII', async () => {
    for (const bad of ['', 'x'.repeat(256), 'n\u00e6r']) {
      const r = await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }), key(bad));
      expect(r.status, JSON.stringify(bad)).toBe(417);
      expect(r.json.errors).toEqual(['The idempotency key header must be 1 to 255 printable ASCII characters.']);
    }
    expect((await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }), key('x'.repeat(255)))).status).toBe(201);
  });

  it('keeps keys per merchant', async () => {
    const other = await t.merchant('Other Hotel');
    const body = primaryExample({ now: clock.now() });
    const mine = await m.api.post(`${API}/create`, body, key('shared-key'));
    const theirs = await other.api.post(`${API}/create`, body, key('shared-key'));
    expect(theirs.status).toBe(201);
    expect(theirs.json.data.reservationUuid).not.toBe(mine.json.data.reservationUuid);
    expect(await reservations(other.id)).toBe(1);
  });

  it('lets concurrent requests with one key make one reservation; the others replay or get 409', async () => {
    const body = primaryExample({ now: clock.now() });
    const before = await reservations();
    const answers = await Promise.all(Array.from({ length: 10 }, () => m.api.post(`${API}/create`, body, key('race-1'))));
    const created = answers.filter((r) => r.status === 201);
    const busy = answers.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(10);
    expect(new Set(created.map((r) => r.text)).size).toBe(1);
    for (const r of busy) {
      expect(r.json).toMatchObject({ status_code: 409, message: 'idempotencyRequestInProgress', is_error: true });
      expect(r.headers['retry-after']).toBe('1');
    }
    expect(await reservations()).toBe(before + 1);
  });

  it('pays once for a retried keyed test payment', async () => {
    const created = await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }));
    const uuid = created.json.data.reservationUuid;
    const pay = () => m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' }, key(`pay-${uuid}`));
    const [a, b, c] = await Promise.all([pay(), pay(), pay()]);
    const answers = [a!, b!, c!];
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(answers.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const later = await pay();
    expect(later.status).toBe(200);
    expect(later.headers['idempotent-replayed']).toBe('true');
    const events = await t.store.db.selectFrom('reservation_events').select('title').where('reservation_uuid', '=', uuid).where('title', '=', 'amount-reserved').execute();
    expect(events).toHaveLength(1);
  });

  it('forgets the key of a request that failed with a 500, so the retry runs', async () => {
    const created = await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }));
    const uuid = created.json.data.reservationUuid;
    failGateway = true;
    try {
      const crashed = await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' }, key('after-500'));
      expect(crashed.status).toBe(500);
    } finally {
      failGateway = false;
    }
    const retried = await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' }, key('after-500'));
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets keys after their retention (31 days by default)', async () => {
    const body = primaryExample({ now: clock.now() });
    await m.api.post(`${API}/create`, body, key('old-key'));
    clock.advance(32 * 86_400_000);
    const fresh = await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }), key('old-key'));
    expect(fresh.status).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.store.idempotency.sweepExpired(clock.now() + 32 * 86_400_000)).toBeGreaterThan(0);
  });
});
