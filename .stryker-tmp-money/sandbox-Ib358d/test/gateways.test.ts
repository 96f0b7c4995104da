/**
 * Which gateway money goes through, and what happens when its answer is lost. Live merchants never
 * pay through the test gateway (GATEWAY); a gateway timeout is an unknown outcome: the movement
 * stays pending, holds its amount, and is resolved by a lookup — on the keyed retry, by the
 * background reconciler or by `fpgo reconcile` — never by sending a second movement.
 */
// @ts-nocheck

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import { randomIds } from '../src/kernel/ids.js';
import { createMerchant } from '../src/merchants/merchant-admin.js';
import type { MovementLookup } from '../src/reservations/ports.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith, primaryExample } from './support/fixtures.js';
import { client, postForm } from './support/http.js';
import { runFpgo } from './support/process.js';
import { API, captureBody, reserved, twoLines } from './support/reservations.js';
import { SandboxPsp } from './support/sandbox-psp.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const LOST_ANSWER_CARD = '4000000000000259';
const CARD_FORM = { method: 'visa', cardNumber: '4242424242424242', expiry: '12/39', securityCode: '123', holderName: 'Made Up' };

/** The test gateway, counting what reaches it. */
class CountingTestGateway extends TestGateway {
  readonly calls: string[] = [];
  override async authorize(request: Parameters<TestGateway['authorize']>[0]) {
    this.calls.push('authorize');
    return super.authorize(request);
  }
  override async capture(request: Parameters<TestGateway['capture']>[0]) {
    this.calls.push(`capture ${request.reference}`);
    return super.capture(request);
  }
  override async lookup(request: MovementLookup) {
    this.calls.push(`lookup ${request.kind} ${request.reference}`);
    return super.lookup(request);
  }
}

describe(`the gateway of live merchants (${TEST_BACKEND})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fpgo-gateway-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to create a live merchant without GATEWAY, with a sentence, and creates one with it', async () => {
    const t = await startApp();
    try {
      const env = { DATABASE_URL: t.database.url };
      const refused = await runFpgo(['merchant', 'create', '--name', 'Live Shop', '--mode', 'live', '--json'], env);
      expect(refused.code).toBe(1);
      expect(refused.output).toBe(
        'fpgo: a live merchant needs a real card gateway: set GATEWAY to its module (the built-in test gateway serves test merchants only)\n',
      );
      const module = join(dir, 'psp.mjs');
      const methods = ['authorize', 'capture', 'charge', 'refund', 'void', 'lookup'].map((name) => `${name}: async () => ({ outcome: 'error', message: 'x' })`);
      writeFileSync(module, `export function createGateway() { return { ${methods.join(', ')} }; }\n`);
      const created = await runFpgo(['merchant', 'create', '--name', 'Live Shop', '--mode', 'live', '--json'], { ...env, GATEWAY: module });
      expect(created.code, created.output).toBe(0);
      expect(JSON.parse(created.output).apiToken).toMatch(/^fpgo_live_/);
      const broken = await runFpgo(['merchant', 'create', '--name', 'Live Shop', '--mode', 'live'], { ...env, GATEWAY: join(dir, 'missing.mjs') });
      expect(broken.code).toBe(1);
      expect(broken.output).toMatch(/^fpgo: GATEWAY: cannot load .*missing\.mjs/);
      expect(await t.store.db.selectFrom('merchants').select('id').where('mode', '=', 'live').execute()).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('never lets a live merchant pay through the test gateway when no real one is configured', async () => {
    const testGateway = new CountingTestGateway();
    const t = await startApp({ gateway: testGateway });
    try {
      // A live merchant from before GATEWAY existed (the app itself has no live gateway).
      const created = await createMerchant(
        { merchants: t.store.merchants, clock: { now: () => Date.now() }, ids: randomIds, gateways: { forMerchant: () => new SandboxPsp() } },
        { name: 'Old Live Shop', mode: 'live' },
      );
      const live = client(t.baseUrl, created.apiToken);
      const { reservationUuid: uuid, paymentUrl } = (await live.post(`${API}/create`, primaryExample())).json.data;
      const page = await postForm(paymentUrl, CARD_FORM);
      expect(page.status).not.toBe(303);
      expect(page.text).toContain('Nothing was charged.');
      expect(testGateway.calls).toEqual([]);
      expect((await live.get(`${API}/details/${uuid}`)).json.data.status).toBe('SENT');
      expect(await t.store.db.selectFrom('callbacks').select('id').where('reservation_uuid', '=', uuid).execute()).toEqual([]);
      expect((await live.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('pays a live merchant through the configured gateway, and a test merchant through the test gateway', async () => {
    const testGateway = new CountingTestGateway();
    const psp = new SandboxPsp();
    const t = await startApp({ gateway: testGateway, liveGateway: psp });
    try {
      const live = await t.merchant('Live Shop', 'live');
      const { reservationUuid: uuid, paymentUrl } = (await live.api.post(`${API}/create`, exampleWith((b) => (b.callback.success = null)))).json.data;
      expect((await postForm(paymentUrl, CARD_FORM)).status).toBe(200);
      expect(psp.calls).toEqual([`authorize ${uuid}`]);
      expect(testGateway.calls).toEqual([]);
      const test = await t.merchant('Test Shop');
      await reserved(test);
      expect(testGateway.calls).toEqual(['authorize']);
      expect(psp.calls).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

describe(`a gateway answer that never came (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const clock = new ManualClock();
  const gateway = new CountingTestGateway();

  beforeAll(async () => {
    t = await startApp({ clock, gateway, reconcileEveryMs: 50 });
    m = await t.merchant();
  });
  afterAll(() => t.close());

  const captures = async (uuid: string) =>
    t.store.db.selectFrom('transactions').select(['uuid', 'state', 'gateway_id']).where('reservation_uuid', '=', uuid).where('kind', '=', 'capture').orderBy('id').execute();

  it('keeps the capture pending and held, then settles it on the retry with the same key — one capture at the gateway', async () => {
    const paid = await reserved(m, { card: LOST_ANSWER_CARD, now: clock.now(), change: twoLines });
    const body = captureBody([[paid.lineIds[0]!, 400]]);
    const key = { headers: { 'idempotency-key': `lost-${paid.uuid}` } };
    const first = await m.api.post(`${API}/capture/${paid.uuid}`, body, key);
    expect(first.status).toBe(510);
    expect(first.json.message).toBe('somethingWentWrong');
    const [pending] = await captures(paid.uuid);
    expect(pending).toMatchObject({ state: 'pending', gateway_id: null });
    expect(first.json.errors[0]).toContain(`The outcome of the capture ${pending!.uuid} is unknown: it stays pending`);

    // The pending 400 is held: only 600 of the first line's 1000 may still be captured.
    const tooMuch = await m.api.post(`${API}/capture/${paid.uuid}`, captureBody([[paid.lineIds[0]!, 601]]));
    expect(tooMuch.json.message).toBe('requestedCaptureAmountExceedAvailableCaptureRunway');
    expect((await m.api.get(`${API}/details/${paid.uuid}`)).json.data.paymentDetails.capturedAmount).toBe(0);

    const retried = await m.api.post(`${API}/capture/${paid.uuid}`, body, key);
    expect(retried.status, retried.text).toBe(202);
    expect(retried.json.data.uuid).toBe(pending!.uuid);
    expect(await captures(paid.uuid)).toEqual([{ uuid: pending!.uuid, state: 'succeeded', gateway_id: expect.stringMatching(/^cap_test_lost-answer_/) }]);
    expect(gateway.calls.filter((c) => c.includes(pending!.uuid))).toEqual([`capture ${pending!.uuid}`, `lookup capture ${pending!.uuid}`]);
    expect((await m.api.get(`${API}/details/${paid.uuid}`)).json.data.paymentDetails.capturedAmount).toBe(400);
    const again = await m.api.post(`${API}/capture/${paid.uuid}`, body, key);
    expect(again.text).toBe(retried.text);
  });

  it('settles an unkeyed capture in the background reconciler, with its history event and callback', async () => {
    const paid = await reserved(m, { card: LOST_ANSWER_CARD, now: clock.now() });
    expect((await m.api.post(`${API}/capture/${paid.uuid}`, captureBody([[paid.lineIds[0]!, 100]]))).status).toBe(510);
    const [pending] = await captures(paid.uuid);
    expect(pending!.state).toBe('pending');
    clock.advance(61_000);
    await expect.poll(async () => (await captures(paid.uuid))[0]!.state, { timeout: 5_000 }).toBe('succeeded');
    const events = await t.store.db.selectFrom('reservation_events').select(['title', 'action_by']).where('subject_uuid', '=', pending!.uuid).execute();
    expect(events).toEqual([{ title: 'amount-captured-from-reservation', action_by: expect.stringMatching(/^API token tok_[0-9a-f]{12}$/) }]);
    expect((await m.api.get(`${API}/details/${paid.uuid}`)).json.data.paymentDetails.capturedAmount).toBe(100);
  });

  it('settles a pending capture when the operator runs fpgo reconcile', async () => {
    const paid = await reserved(m, { card: LOST_ANSWER_CARD, now: clock.now() });
    expect((await m.api.post(`${API}/capture/${paid.uuid}`, captureBody([[paid.lineIds[0]!, 250]]))).status).toBe(510);
    const [pending] = await captures(paid.uuid);
    const result = await runFpgo(['reconcile', pending!.uuid], { DATABASE_URL: t.database.url });
    expect(result.output).toBe(`${pending!.uuid}: made: settled as succeeded\n`);
    expect(result.code).toBe(0);
    expect((await captures(paid.uuid))[0]).toMatchObject({ uuid: pending!.uuid, state: 'succeeded' });
    expect((await runFpgo(['reconcile', pending!.uuid], { DATABASE_URL: t.database.url })).output).toBe(`fpgo: no pending movement ${pending!.uuid}\n`);
  });

  it('cancels a reservation whose void answer was lost, once a lookup finds the void made', async () => {
    const paid = await reserved(m, { card: LOST_ANSWER_CARD, now: clock.now() });
    const cancelled = await m.api.post(`${API}/cancel/${paid.uuid}`, { note: 'Guest left' });
    expect(cancelled.status, cancelled.text).toBe(202);
    expect((await m.api.get(`${API}/details/${paid.uuid}`)).json.data.status).toBe('CANCELLED');
  });
});
