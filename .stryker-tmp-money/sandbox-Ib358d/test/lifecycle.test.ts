// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { API, captureBody, chargeBody, reserved, twoLines } from './support/reservations.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

describe(`the reservation lifecycle (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const clock = new ManualClock();

  beforeAll(async () => {
    t = await startApp({ clock });
    m = await t.merchant('Hotel Lifecycle');
  });
  afterAll(() => t.close());

  const details = async (uuid: string) => (await m.api.get(`${API}/details/${uuid}`)).json.data;
  const expectKey = (r: { status: number; json: any; text: string }, status: number, message: string) => {
    expect(r.status, r.text).toBe(status);
    expect(r.json).toMatchObject({ status_code: status, message });
  };

  it('captures in parts, charges the stored card, refunds, completes, and then refuses everything with its key', async () => {
    const { uuid, lineIds } = await reserved(m, { now: clock.now() });
    const [line] = lineIds as [number];
    const cap1 = await m.api.post(`${API}/capture/${uuid}`, captureBody([[line, 400]]));
    expectKey(cap1, 202, 'reservationCapturedSuccessfully');
    expect(cap1.json.data.uuid).toMatch(/^CAP\d{10}$/);
    const cap2 = await m.api.post(`${API}/capture/${uuid}`, captureBody([[line, 600]]));
    expect(cap2.json.data.uuid).not.toBe(cap1.json.data.uuid);
    expectKey(await m.api.post(`${API}/capture/${uuid}`, captureBody([[line, 1]])), 400, 'requestedCaptureAmountExceedAvailableCaptureRunway');

    const charge = await m.api.post(`${API}/charge/${uuid}`, chargeBody(150));
    expectKey(charge, 202, 'reservationChargedSuccessfully');
    expect(charge.json.data).toEqual({ uuid: expect.stringMatching(/^CHA\d{10}$/), products: [{ id: expect.any(Number), name: 'Charge QA', amount: 150 }] });

    const refund = await m.api.post(`${API}/refund/${uuid}`, { type: 'reservation', grandTotal: 100, products: [{ id: line, amount: 100 }], source: 'captured', reference: cap1.json.data.uuid });
    expectKey(refund, 202, 'orderRefundedSuccessfully');
    expect(refund.json).toMatchObject({ is_data: true, data: null });
    const complete = await m.api.post(`${API}/complete/${uuid}`, { note: 'Test Complete Note' });
    expectKey(complete, 202, 'reservationCompletedSuccessfully');
    expect(complete.json).toMatchObject({ is_data: false, data: null });

    const d = await details(uuid);
    expect(d.status).toBe('COMPLETED');
    expect(d.paymentDetails).toMatchObject({ reservedAmount: 1000, capturedAmount: 1000, chargedAmount: 150, amountRefunded: { fromCaptured: 100, fromCharge: 0 } });
    expect(d.productList[0]).toMatchObject({ id: line, reserved: 1000, captured: 1000 });
    expect(d.paymentHistory.captured.map((c: any) => [c.uuid, c.amount, c.products])).toEqual([
      [cap1.json.data.uuid, 400, [{ id: line, amount: 400 }]],
      [cap2.json.data.uuid, 600, [{ id: line, amount: 600 }]],
    ]);
    expect(d.paymentHistory.charged).toEqual([{ at: expect.any(Number), amount: 150, uuid: charge.json.data.uuid, products: charge.json.data.products }]);
    expect(d.paymentHistory.refunded).toEqual([{ at: expect.any(Number), amount: 100, source: 'captured', reference: cap1.json.data.uuid, products: [{ id: line, amount: 100 }] }]);

    expectKey(await m.api.post(`${API}/capture/${uuid}`, captureBody([[line, 1]])), 400, 'reservationStatusAlreadyCompleted');
    expectKey(await m.api.post(`${API}/charge/${uuid}`, chargeBody()), 400, 'reservationStatusAlreadyCompleted');
    expectKey(await m.api.post(`${API}/cancel/${uuid}`, { note: 'x' }), 400, 'reservationStatusAlreadyCompleted');
    expectKey(await m.api.get(`${API}/cancel/${uuid}?note=x`), 400, 'reservationStatusAlreadyCompleted');
    expectKey(await m.api.post(`${API}/complete/${uuid}`, { note: 'x' }), 400, 'reservationStatusAlreadyParamCompleted');
    expectKey(await m.api.post(`${API}/resend/${uuid}`, { email: 'a@b.no' }), 400, 'orderStatusAlreadyCompleted');
    // Refunds stay possible after completion (Front Payment's portal offers them too).
    expectKey(await m.api.post(`${API}/refund/${uuid}`, { type: 'reservation', grandTotal: 50, products: [{ id: charge.json.data.products[0].id, amount: 50 }], source: 'charged', reference: charge.json.data.uuid }), 202, 'orderRefundedSuccessfully');
    expect((await details(uuid)).paymentDetails.amountRefunded).toEqual({ fromCaptured: 100, fromCharge: 50 });
  });

  it('keeps each reserved line to its own share, tax included', async () => {
    const { uuid, lineIds } = await reserved(m, { now: clock.now(), change: twoLines });
    const [room, breakfast] = lineIds as [number, number];
    expect((await details(uuid)).productList.map((p: any) => p.reserved)).toEqual([1000, 200]);
    expectKey(await m.api.post(`${API}/capture/${uuid}`, captureBody([[breakfast, 200.01]])), 400, 'requestedCaptureAmountExceedAvailableCaptureRunway');
    expectKey(await m.api.post(`${API}/capture/${uuid}`, captureBody([[room, 600], [breakfast, 200]])), 202, 'reservationCapturedSuccessfully');
    expectKey(await m.api.post(`${API}/capture/${uuid}`, { products: [{ id: room, amount: 300 }, { id: room, amount: 101 }], grandTotal: 401 }), 400, 'requestedCaptureAmountExceedAvailableCaptureRunway');
    expectKey(await m.api.post(`${API}/capture/${uuid}`, { products: [{ id: room, amount: 300 }, { id: room, amount: 100 }], grandTotal: 400 }), 202, 'reservationCapturedSuccessfully');
    expect((await details(uuid)).productList.map((p: any) => p.captured)).toEqual([1000, 200]);
  });

  it('answers capture bodies that cannot be right with 417 sentences', async () => {
    const { uuid, lineIds } = await reserved(m, { now: clock.now() });
    const other = await reserved(m, { now: clock.now() });
    const cases: [unknown, RegExp][] = [
      [{}, /^The products field is required\.$/],
      [captureBody([[lineIds[0]!, 100]], 90), /^The grand total field must equal the sum of the products' amounts\.$/],
      [captureBody([[other.lineIds[0]!, 100]]), /^The selected products\.0\.id is invalid: it is not a product line of this reservation\.$/],
      [{ products: [{ id: 'abc', amount: 1 }], grandTotal: 1 }, /^The products\.0\.id field must be an integer\.$/],
      [{ products: [{ id: lineIds[0], amount: 0 }], grandTotal: 0 }, /^The products\.0\.amount field must be greater than 0\.$/],
      [{ products: [{ id: lineIds[0], amount: 1.234 }], grandTotal: 1.234 }, /decimal places/],
    ];
    for (const [body, sentence] of cases) {
      const r = await m.api.post(`${API}/capture/${uuid}`, body);
      expect(r.status, JSON.stringify(body)).toBe(417);
      expect(r.json.errors.some((e: string) => sentence.test(e)), JSON.stringify(r.json.errors)).toBe(true);
    }
    expect((await details(uuid)).paymentDetails.capturedAmount).toBe(0);
  });

  it("answers each endpoint's own not-found key, also for another merchant's reservation", async () => {
    const { uuid } = await reserved(m, { now: clock.now() });
    const other = await t.merchant('Somebody Else');
    const calls: [Promise<any>, string][] = [
      [other.api.post(`${API}/capture/${uuid}`, captureBody([[1, 1]])), 'reservationNotFound'],
      [other.api.post(`${API}/charge/${uuid}`, chargeBody()), 'reservationNotFound'],
      [other.api.post(`${API}/complete/${uuid}`, { note: 'x' }), 'reservationNotFound'],
      [other.api.post(`${API}/cancel/${uuid}`, { note: 'x' }), 'orderNotFound'],
      [other.api.get(`${API}/cancel/${uuid}?note=x`), 'orderNotFound'],
      [other.api.post(`${API}/resend/${uuid}`, { email: 'a@b.no' }), 'orderNotFound'],
      [other.api.post(`${API}/refund/${uuid}`, { type: 'reservation', grandTotal: 1, products: [{ id: 1, amount: 1 }], source: 'captured', reference: 'CAP1' }), 'orderNotFound'],
    ];
    for (const [call, key] of calls) expectKey(await call, 404, key);
    const cancel404 = await other.api.post(`${API}/cancel/${uuid}`, { note: 'x' });
    expect(cancel404.json).toEqual({ status_code: 404, status_message: 'Not Found', message: 'orderNotFound', is_error: false, errors: null });
  });

  it('captures and charges only what the rules allow before payment and after cancellation', async () => {
    const sent = (await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }))).json.data.reservationUuid;
    const line = (await details(sent)).productList[0].id;
    expectKey(await m.api.post(`${API}/capture/${sent}`, captureBody([[line, 1]])), 400, 'prerequisiteFailedToCaptureReservation');
    expectKey(await m.api.post(`${API}/charge/${sent}`, chargeBody()), 404, 'paymentCardNotFound');
    expectKey(await m.api.post(`${API}/complete/${sent}`, { note: 'x' }), 400, 'prerequisiteFailedToCompleteReservation');
    expectKey(await m.api.post(`${API}/cancel/${sent}`, { note: 'Guest changed plans' }), 202, 'cancelledOrderSuccessfully');
    expect((await details(sent)).status).toBe('CANCELLED');
    expectKey(await m.api.post(`${API}/cancel/${sent}`, { note: 'again' }), 400, 'reservationStatusAlreadyCancelled');
    expectKey(await m.api.post(`${API}/complete/${sent}`, { note: 'x' }), 400, 'reservationStatusAlreadyParamCancelled');
    expectKey(await m.api.post(`${API}/resend/${sent}`, { email: 'a@b.no' }), 400, 'orderStatusAlreadyCancelled');

    const paid = await reserved(m, { now: clock.now() });
    expectKey(await m.api.get(`${API}/cancel/${paid.uuid}?note=${encodeURIComponent('No show')}`), 202, 'cancelledOrderSuccessfully');
    expectKey(await m.api.post(`${API}/capture/${paid.uuid}`, captureBody([[paid.lineIds[0]!, 1]])), 400, 'reservationStatusAlreadyCancelled');
    expectKey(await m.api.post(`${API}/charge/${paid.uuid}`, chargeBody()), 400, 'reservationStatusAlreadyCancelled');
  });

  it('does not cancel once money moved, and completes only once something was taken', async () => {
    const { uuid, lineIds } = await reserved(m, { now: clock.now() });
    expectKey(await m.api.post(`${API}/complete/${uuid}`, { note: 'x' }), 400, 'prerequisiteFailedToCompleteReservation');
    await m.api.post(`${API}/charge/${uuid}`, chargeBody(10));
    expectKey(await m.api.post(`${API}/cancel/${uuid}`, { note: 'x' }), 400, 'prerequisiteFailedToCancelReservation');
    const withCapture = await reserved(m, { now: clock.now() });
    await m.api.post(`${API}/capture/${withCapture.uuid}`, captureBody([[withCapture.lineIds[0]!, 5]]));
    expectKey(await m.api.post(`${API}/cancel/${withCapture.uuid}`, { note: 'x' }), 400, 'prerequisiteFailedToCancelReservation');
    expectKey(await m.api.post(`${API}/complete/${uuid}`, { note: 'Guest left' }), 202, 'reservationCompletedSuccessfully');
    expect(lineIds).toHaveLength(1);
  });

  it('requires a note to cancel or complete', async () => {
    const { uuid } = await reserved(m, { now: clock.now() });
    for (const r of [await m.api.post(`${API}/cancel/${uuid}`, {}), await m.api.get(`${API}/cancel/${uuid}`), await m.api.post(`${API}/complete/${uuid}`, { note: '  ' })]) {
      expect(r.status).toBe(417);
      expect(r.json.errors).toEqual(['The note field is required.']);
    }
  });

  it('refunds in parts up to what was taken, from the right transaction and lines', async () => {
    const { uuid, lineIds } = await reserved(m, { now: clock.now(), change: twoLines });
    const [room, breakfast] = lineIds as [number, number];
    const cap = (await m.api.post(`${API}/capture/${uuid}`, captureBody([[room, 500]]))).json.data.uuid;
    const cha = (await m.api.post(`${API}/charge/${uuid}`, chargeBody(80))).json.data;
    const refund = (body: object) => m.api.post(`${API}/refund/${uuid}`, { type: 'reservation', ...body });
    expectKey(await refund({ grandTotal: 300, products: [{ id: room, amount: 300 }], source: 'captured', reference: cap }), 202, 'orderRefundedSuccessfully');
    expectKey(await refund({ grandTotal: 200, products: [{ id: room, amount: 200 }], source: 'captured', reference: cap }), 202, 'orderRefundedSuccessfully');
    expectKey(await refund({ grandTotal: 1, products: [{ id: room, amount: 1 }], source: 'captured', reference: cap }), 400, 'refundRejectionForRefundRequestGreaterThanOrderAmount');
    expectKey(await refund({ grandTotal: 1, products: [{ id: breakfast, amount: 1 }], source: 'captured', reference: cap }), 400, 'requestProductIdNotAvailable');
    expectKey(await refund({ grandTotal: 1, products: [{ id: room, amount: 1 }], source: 'charged', reference: cap }), 404, 'refundRejectionForTransactionNotFound');
    expectKey(await refund({ grandTotal: 1, products: [{ id: room, amount: 1 }], source: 'captured', reference: 'CAP0000000001' }), 404, 'refundRejectionForTransactionNotFound');
    expectKey(await refund({ grandTotal: 30, products: [{ id: cha.products[0].id, amount: 30 }], source: 'charged', reference: cha.uuid }), 202, 'orderRefundedSuccessfully');
    const bad = await refund({ grandTotal: 5, products: [{ id: room, amount: 5 }], source: 'elsewhere', reference: cap, type: 'regular' });
    expect(bad.status).toBe(417);
    expect(bad.json.errors).toEqual(expect.arrayContaining(['The selected type is invalid.', 'The selected source is invalid.']));
    expect((await details(uuid)).paymentDetails.amountRefunded).toEqual({ fromCaptured: 500, fromCharge: 30 });
  });

  it('refunds a charge only whole when the reservation said isChargePartiallyRefundable: false', async () => {
    const { uuid } = await reserved(m, { now: clock.now(), change: (b) => { b.settings.isChargePartiallyRefundable = false; } });
    const cha = (await m.api.post(`${API}/charge/${uuid}`, chargeBody(80))).json.data;
    const refund = (amount: number) => m.api.post(`${API}/refund/${uuid}`, { type: 'reservation', grandTotal: amount, products: [{ id: cha.products[0].id, amount }], source: 'charged', reference: cha.uuid });
    expectKey(await refund(40), 400, 'partialRefundNotAllowedForCharge');
    expectKey(await refund(80), 202, 'orderRefundedSuccessfully');
    expectKey(await refund(80), 400, 'refundRejectionForRefundRequestGreaterThanOrderAmount');
  });

  it('keeps total charges under the merchant charge limit', async () => {
    const { uuid } = await reserved(m, { now: clock.now() });
    expectKey(await m.api.post(`${API}/charge/${uuid}`, chargeBody(49_999)), 202, 'reservationChargedSuccessfully');
    expectKey(await m.api.post(`${API}/charge/${uuid}`, chargeBody(1.01)), 400, 'paymentChargeRunwayExceed');
    expectKey(await m.api.post(`${API}/charge/${uuid}`, chargeBody(1)), 202, 'reservationChargedSuccessfully');
  });

  it('answers 510 and changes nothing when the gateway fails (test card …0119)', async () => {
    const { uuid, lineIds } = await reserved(m, { now: clock.now(), card: '4000000000000119' });
    const before = await details(uuid);
    for (const r of [
      await m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 100]])),
      await m.api.post(`${API}/charge/${uuid}`, chargeBody()),
      await m.api.post(`${API}/cancel/${uuid}`, { note: 'x' }),
    ]) {
      expectKey(r, 510, 'somethingWentWrong');
      expect(r.json.status_message).toBe('Execution Exception Occurred');
      expect(r.json.errors[0]).toMatch(/^Payment Gateway Error: /);
    }
    expect(await details(uuid)).toEqual(before);
    expectKey(await m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 1000]])), 510, 'somethingWentWrong');
  });

  it('resends the link by SMS and/or email and records the requests', async () => {
    const sent = (await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }))).json.data.reservationUuid;
    expectKey(await m.api.post(`${API}/resend/${sent}`, { countryCode: '+47', msisdn: '99887766', email: 'guest@example.no' }), 202, 'resentOrderSuccessfully');
    const rows = await t.store.db.selectFrom('notification_requests').select(['channel', 'destination', 'reason']).where('reservation_uuid', '=', sent).orderBy('channel').execute();
    expect(rows).toEqual([
      { channel: 'email', destination: 'guest@example.no', reason: 'resend' },
      { channel: 'sms', destination: '+4799887766', reason: 'resend' },
    ]);
    const invalid: [object, string][] = [
      [{}, 'The email field is required when msisdn is not present.'],
      [{ msisdn: '99887766' }, 'The country code field is required when msisdn is present.'],
      [{ countryCode: '+47' }, 'The msisdn field is required when country code is present.'],
      [{ email: 'not-an-email' }, 'The email field must be a valid email address.'],
    ];
    for (const [body, sentence] of invalid) {
      const r = await m.api.post(`${API}/resend/${sent}`, body);
      expect(r.status).toBe(417);
      expect(r.json.errors).toContain(sentence);
    }
  });

  it('enqueues CAPTURED and CHARGED callbacks with the amount of each', async () => {
    const { uuid, lineIds } = await reserved(m, { now: clock.now() });
    await m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 250.5]]));
    await m.api.post(`${API}/charge/${uuid}`, chargeBody(75));
    const callbacks = (await m.api.get(`${API}/callbacks/${uuid}`)).json.data.callbacks;
    expect(callbacks.map((c: any) => [c.status, c.amount])).toEqual([['RESERVED', 1000], ['CAPTURED', 250.5], ['CHARGED', 75]]);
    expect(callbacks[1].subjectUuid).toMatch(/^CAP/);
    expect(callbacks[2].subjectUuid).toMatch(/^CHA/);
  });
});
