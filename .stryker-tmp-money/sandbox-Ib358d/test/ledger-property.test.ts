/**
 * Random sequences of capture, charge, refund, cancel and complete, run against the real API and
 * against a small reference model of the rules; every answer must match the model, and the ledger
 * invariants must hold after every sequence.
 */
// @ts-nocheck

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { API, reserved, twoLines } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

type Op =
  | { kind: 'capture'; line: 0 | 1; amount: number }
  | { kind: 'charge'; amount: number }
  | { kind: 'refund'; of: 'capture' | 'charge'; index: number; amount: number }
  | { kind: 'cancel' }
  | { kind: 'complete' };

const ops: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('capture' as const), line: fc.constantFrom(0 as const, 1 as const), amount: fc.integer({ min: 1, max: 70_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('charge' as const), amount: fc.integer({ min: 1, max: 20_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund' as const), of: fc.constantFrom('capture' as const, 'charge' as const), index: fc.nat(3), amount: fc.integer({ min: 1, max: 40_000 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancel' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'complete' as const }) },
);

/** The rules in their plainest form, in øre. */
class Model {
  status: 'RESERVED' | 'COMPLETED' | 'CANCELLED' = 'RESERVED';
  reserved = [100_000, 20_000];
  captured = [0, 0];
  captures: { uuid: string; line: number; amount: number; refunded: number }[] = [];
  charges: { uuid: string; lineId: number; amount: number; refunded: number }[] = [];

  expect(op: Op): [number, string] {
    switch (op.kind) {
      case 'capture':
        if (this.status !== 'RESERVED') return [400, this.status === 'CANCELLED' ? 'reservationStatusAlreadyCancelled' : 'reservationStatusAlreadyCompleted'];
        return this.captured[op.line]! + op.amount > this.reserved[op.line]! ? [400, 'requestedCaptureAmountExceedAvailableCaptureRunway'] : [202, 'reservationCapturedSuccessfully'];
      case 'charge':
        if (this.status !== 'RESERVED') return [400, this.status === 'CANCELLED' ? 'reservationStatusAlreadyCancelled' : 'reservationStatusAlreadyCompleted'];
        return [202, 'reservationChargedSuccessfully'];
      case 'refund': {
        const target = (op.of === 'capture' ? this.captures : this.charges)[op.index];
        if (!target) return [404, 'refundRejectionForTransactionNotFound'];
        return target.refunded + op.amount > target.amount ? [400, 'refundRejectionForRefundRequestGreaterThanOrderAmount'] : [202, 'orderRefundedSuccessfully'];
      }
      case 'cancel':
        if (this.status === 'COMPLETED') return [400, 'reservationStatusAlreadyCompleted'];
        if (this.status === 'CANCELLED') return [400, 'reservationStatusAlreadyCancelled'];
        return this.captures.length || this.charges.length ? [400, 'prerequisiteFailedToCancelReservation'] : [202, 'cancelledOrderSuccessfully'];
      case 'complete':
        if (this.status === 'COMPLETED') return [400, 'reservationStatusAlreadyParamCompleted'];
        if (this.status === 'CANCELLED') return [400, 'reservationStatusAlreadyParamCancelled'];
        return this.captures.length || this.charges.length ? [202, 'reservationCompletedSuccessfully'] : [400, 'prerequisiteFailedToCompleteReservation'];
    }
  }

  apply(op: Op, answer: any): void {
    if (op.kind === 'capture') {
      this.captured[op.line]! += op.amount;
      this.captures.push({ uuid: answer.data.uuid, line: op.line, amount: op.amount, refunded: 0 });
    } else if (op.kind === 'charge') {
      this.charges.push({ uuid: answer.data.uuid, lineId: answer.data.products[0].id, amount: op.amount, refunded: 0 });
    } else if (op.kind === 'refund') {
      (op.of === 'capture' ? this.captures : this.charges)[op.index]!.refunded += op.amount;
    } else {
      this.status = op.kind === 'cancel' ? 'CANCELLED' : 'COMPLETED';
    }
  }
}

const major = (minor: number) => minor / 100;

describe(`the ledger under random operations (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;

  beforeAll(async () => {
    t = await startApp();
    m = await t.merchant('Hotel Random');
  });
  afterAll(() => t.close());

  it('matches the reference model and keeps captured ≤ reserved and refunded ≤ taken', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { minLength: 1, maxLength: 12 }), async (sequence) => {
        const { uuid, lineIds } = await reserved(m, { change: twoLines });
        const model = new Model();
        for (const op of sequence) {
          const [status, message] = model.expect(op);
          const answer = await send(uuid, lineIds, model, op);
          expect([answer.status, answer.json.message], JSON.stringify(op)).toEqual([status, message]);
          if (status < 300) model.apply(op, answer.json);
        }
        const d = (await m.api.get(`${API}/details/${uuid}`)).json.data;
        expect(d.status).toBe(model.status);
        d.productList.forEach((line: any, index: number) => {
          expect(line.captured).toBe(major(model.captured[index]!));
          expect(line.captured).toBeLessThanOrEqual(line.reserved);
        });
        expect(d.paymentDetails.capturedAmount).toBe(major(model.captures.reduce((sum, c) => sum + c.amount, 0)));
        expect(d.paymentDetails.chargedAmount).toBe(major(model.charges.reduce((sum, c) => sum + c.amount, 0)));
        expect(d.paymentDetails.amountRefunded).toEqual({
          fromCaptured: major(model.captures.reduce((sum, c) => sum + c.refunded, 0)),
          fromCharge: major(model.charges.reduce((sum, c) => sum + c.refunded, 0)),
        });
        for (const c of d.paymentHistory.captured) {
          const refunded = d.paymentHistory.refunded.filter((r: any) => r.reference === c.uuid).reduce((sum: number, r: any) => sum + r.amount * 100, 0);
          expect(refunded).toBeLessThanOrEqual(c.amount * 100);
        }
      }),
      { numRuns: TEST_BACKEND === 'postgres' ? 15 : 25 },
    );
  });

  function send(uuid: string, lineIds: number[], model: Model, op: Op) {
    switch (op.kind) {
      case 'capture':
        return m.api.post(`${API}/capture/${uuid}`, { products: [{ id: lineIds[op.line], amount: major(op.amount) }], grandTotal: major(op.amount) });
      case 'charge':
        return m.api.post(`${API}/charge/${uuid}`, { products: [{ name: 'Extra', rate: major(op.amount), tax: 0, amount: major(op.amount) }], grandTotal: major(op.amount) });
      case 'refund': {
        const target = (op.of === 'capture' ? model.captures : model.charges)[op.index];
        const lineId = !target ? lineIds[0] : 'line' in target ? lineIds[target.line] : target.lineId;
        return m.api.post(`${API}/refund/${uuid}`, {
          type: 'reservation',
          grandTotal: major(op.amount),
          products: [{ id: lineId, amount: major(op.amount) }],
          source: op.of === 'capture' ? 'captured' : 'charged',
          reference: target?.uuid ?? (op.of === 'capture' ? 'CAP0000000000' : 'CHA0000000000'),
        });
      }
      case 'cancel':
        return m.api.post(`${API}/cancel/${uuid}`, { note: 'random' });
      case 'complete':
        return m.api.post(`${API}/complete/${uuid}`, { note: 'random' });
    }
  }
});
