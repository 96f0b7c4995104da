// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { API, captureBody, reserved } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

describe(`concurrent money movements (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;

  beforeAll(async () => {
    t = await startApp();
    m = await t.merchant('Hotel Rush');
  });
  afterAll(() => t.close());

  const count = (answers: { status: number; json: any }[], status: number, message: string) => answers.filter((r) => r.status === status && r.json.message === message).length;

  it('lets exactly 10 of 50 concurrent captures of 100 through on a 1000 reservation', async () => {
    const { uuid, lineIds } = await reserved(m);
    const answers = await Promise.all(Array.from({ length: 50 }, () => m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 100]]))));
    expect(count(answers, 202, 'reservationCapturedSuccessfully')).toBe(10);
    expect(count(answers, 400, 'requestedCaptureAmountExceedAvailableCaptureRunway')).toBe(40);
    expect(new Set(answers.filter((r) => r.status === 202).map((r) => r.json.data.uuid)).size).toBe(10);
    expect((await m.api.get(`${API}/details/${uuid}`)).json.data.paymentDetails.capturedAmount).toBe(1000);
  });

  it('lets exactly 10 of 20 concurrent refunds of 100 through on a capture of 1000', async () => {
    const { uuid, lineIds } = await reserved(m);
    const cap = (await m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 1000]]))).json.data.uuid;
    const body = { type: 'reservation', grandTotal: 100, products: [{ id: lineIds[0], amount: 100 }], source: 'captured', reference: cap };
    const answers = await Promise.all(Array.from({ length: 20 }, () => m.api.post(`${API}/refund/${uuid}`, body)));
    expect(count(answers, 202, 'orderRefundedSuccessfully')).toBe(10);
    expect(count(answers, 400, 'refundRejectionForRefundRequestGreaterThanOrderAmount')).toBe(10);
    expect((await m.api.get(`${API}/details/${uuid}`)).json.data.paymentDetails.amountRefunded.fromCaptured).toBe(1000);
  });

  it('never both cancels and captures when the two race', async () => {
    for (let round = 0; round < 10; round++) {
      const { uuid, lineIds } = await reserved(m);
      const [capture, cancel] = await Promise.all([
        m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 100]])),
        m.api.post(`${API}/cancel/${uuid}`, { note: 'race' }),
      ]);
      const captured = capture!.status === 202;
      const cancelled = cancel!.status === 202;
      expect(captured !== cancelled, `round ${round}: capture ${capture!.json.message}, cancel ${cancel!.json.message}`).toBe(true);
      const details = (await m.api.get(`${API}/details/${uuid}`)).json.data;
      expect(details.status).toBe(cancelled ? 'CANCELLED' : 'RESERVED');
      expect(details.paymentDetails.capturedAmount).toBe(captured ? 100 : 0);
    }
  });

  it('captures once for ten concurrent captures that share an idempotency key', async () => {
    const { uuid, lineIds } = await reserved(m);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 100]]), { headers: { 'idempotency-key': `cap-${uuid}` } })),
    );
    expect(answers.every((r) => r.status === 202 || r.status === 409)).toBe(true);
    expect(new Set(answers.filter((r) => r.status === 202).map((r) => r.text)).size).toBe(1);
    const replay = await m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 100]]), { headers: { 'idempotency-key': `cap-${uuid}` } });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await m.api.get(`${API}/details/${uuid}`)).json.data.paymentDetails.capturedAmount).toBe(100);
  });
});
