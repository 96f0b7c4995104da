/**
 * decideCapture: the capture rules (§4.4) against a ledger, without HTTP or a database. Each refusal
 * and each limit, just inside and just outside, is one row.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { DAY } from '../src/kernel/clock.js';
import { decideCapture, type CaptureRequest } from '../src/reservations/capture-reservation.js';
import type { MoneyTransaction, ReservationState, TransactionState } from '../src/reservations/ledger.js';
import { LOOKUP_AFTER_MS } from '../src/reservations/operation.js';
import type { FailureKey } from '../src/reservations/outcome.js';
import {
  answerOf,
  AUTHORIZATION_ID,
  capture,
  charge,
  chargeLine,
  fixedIds,
  LINE_1,
  LINE_2,
  LINK_EXPIRES_AT,
  merchant,
  MERCHANT_ID,
  refund,
  RESERVATION_UUID,
  RESERVED_AT,
  reservedState,
  sentState,
  type LineAmounts,
} from './support/reservation-state.js';

const NOW = RESERVED_AT + DAY;

/** A capture body: `{ lineId: amount }`, or a list when a line is named twice; grandTotal is the sum. */
function captureOf(products: LineAmounts | { id: number; amount: number }[], additionalText: string | null = null): CaptureRequest {
  const list = Array.isArray(products) ? products : Object.entries(products).map(([id, amount]) => ({ id: Number(id), amount }));
  return { products: list, grandTotal: list.reduce((sum, l) => sum + l.amount, 0), additionalText };
}

interface DecideOptions {
  now?: number;
  captureWindowDays?: number;
  idempotencyKeyId?: number | undefined;
  started?: { by: string; lookupAt: number };
}

function decide(state: ReservationState, request: CaptureRequest, options: DecideOptions = {}) {
  const ids = fixedIds();
  const decision = decideCapture(state, request, {
    now: options.now ?? NOW,
    merchant: merchant({ captureWindowDays: options.captureWindowDays ?? 7 }),
    ids,
    idempotencyKeyId: options.idempotencyKeyId,
    ...(options.started && { started: options.started }),
  });
  return { decision, ids };
}

const answer = (state: ReservationState, request: CaptureRequest, options?: Parameters<typeof decide>[2]) => answerOf(decide(state, request, options).decision);

describe('decideCapture refuses by status', () => {
  it.each([
    ['CANCELLED', reservedState({ status: 'CANCELLED' }), NOW, 'reservationStatusAlreadyCancelled'],
    ['COMPLETED', reservedState({ status: 'COMPLETED' }), NOW, 'reservationStatusAlreadyCompleted'],
    ['SENT (not paid)', sentState(), NOW, 'prerequisiteFailedToCaptureReservation'],
    ['EXPIRED (stored)', sentState({ status: 'EXPIRED' }), NOW, 'prerequisiteFailedToCaptureReservation'],
    ['SENT past its link (effectively EXPIRED)', sentState(), LINK_EXPIRES_AT + 1, 'prerequisiteFailedToCaptureReservation'],
    ['RESERVED without an authorization', reservedState({ reservation: { authorizationId: null } }), NOW, 'prerequisiteFailedToCaptureReservation'],
    ['RESERVED without reservedAt', reservedState({ reservation: { reservedAt: null } }), NOW, 'prerequisiteFailedToCaptureReservation'],
  ] as const)('%s → %s', (_name, state, now, expected) => {
    expect(answer(state, captureOf({ [LINE_1]: 1_000 }), { now })).toBe(expected);
  });

  it('answers the status before anything about the body or the window', () => {
    const lateAndUnknown = captureOf({ 99: 1_000 });
    expect(answer(reservedState({ status: 'CANCELLED' }), lateAndUnknown, { now: RESERVED_AT + 30 * DAY })).toBe('reservationStatusAlreadyCancelled');
  });
});

describe('decideCapture refuses product line ids the reservation does not have (417)', () => {
  it.each([
    ['one unknown id among known ones', [{ id: LINE_1, amount: 1_000 }, { id: 99, amount: 1 }], [1]],
    ['every unknown id, by its index', [{ id: 98, amount: 1 }, { id: LINE_2, amount: 1 }, { id: 99, amount: 1 }], [0, 2]],
  ])('%s', (_name, products, indexes) => {
    const { decision } = decide(reservedState(), captureOf(products));
    expect(decision.result).toEqual({
      ok: false,
      key: 'payloadValidationErrors',
      errors: indexes.map((i) => `The selected products.${i}.id is invalid: it is not a product line of this reservation.`),
    });
    expect(decision.plan).toBeUndefined();
  });

  it('a line a charge added is not capturable', () => {
    const state = reservedState({ transactions: [charge('CHA1', { 10: 5_000 })], chargeLines: [chargeLine(10, 'CHA1', 5_000)] });
    expect(answer(state, captureOf({ 10: 1_000 }))).toBe('payloadValidationErrors');
  });

  it('is answered before the capture window', () => {
    expect(answer(reservedState(), captureOf({ 99: 1 }), { now: RESERVED_AT + 8 * DAY })).toBe('payloadValidationErrors');
  });
});

describe('decideCapture: the capture window (captureWindowDays after RESERVED)', () => {
  it.each([
    [7, 0, 'accepted'],
    [7, 7 * DAY, 'accepted'],
    [7, 7 * DAY + 1, 'paymentCaptureDeadlineExceed'],
    [1, 1 * DAY, 'accepted'],
    [1, 1 * DAY + 1, 'paymentCaptureDeadlineExceed'],
    [31, 31 * DAY, 'accepted'],
    [31, 31 * DAY + 1, 'paymentCaptureDeadlineExceed'],
  ] as const)('window %i days, reservedAt + %i ms → %s', (captureWindowDays, after, expected) => {
    expect(answer(reservedState(), captureOf({ [LINE_1]: 1_000 }), { now: RESERVED_AT + after, captureWindowDays })).toBe(expected);
  });

  it('is answered before the runway', () => {
    expect(answer(reservedState(), captureOf({ [LINE_1]: 100_001 }), { now: RESERVED_AT + 7 * DAY + 1 })).toBe('paymentCaptureDeadlineExceed');
  });
});

describe('decideCapture: what is left on each line (line 1 reserves 100 000 øre, line 2 20 000)', () => {
  const runway = 'requestedCaptureAmountExceedAvailableCaptureRunway';
  it.each([
    ['nothing captured, all of line 1', [], { [LINE_1]: 100_000 }, 'accepted'],
    ['nothing captured, line 1 + 1 øre', [], { [LINE_1]: 100_001 }, runway],
    ['nothing captured, all of line 2', [], { [LINE_2]: 20_000 }, 'accepted'],
    ['nothing captured, line 2 + 1 øre', [], { [LINE_2]: 20_001 }, runway],
    ['nothing captured, both lines whole', [], { [LINE_1]: 100_000, [LINE_2]: 20_000 }, 'accepted'],
    ['nothing captured, one of two lines over', [], { [LINE_1]: 100_000, [LINE_2]: 20_001 }, runway],
    ['30 000 captured on line 1, the rest', [capture('CAP1', { [LINE_1]: 30_000 })], { [LINE_1]: 70_000 }, 'accepted'],
    ['30 000 captured on line 1, the rest + 1', [capture('CAP1', { [LINE_1]: 30_000 })], { [LINE_1]: 70_001 }, runway],
    ['30 000 pending on line 1, the rest', [capture('CAP1', { [LINE_1]: 30_000 }, { state: 'pending' })], { [LINE_1]: 70_000 }, 'accepted'],
    ['30 000 pending on line 1, the rest + 1', [capture('CAP1', { [LINE_1]: 30_000 }, { state: 'pending' })], { [LINE_1]: 70_001 }, runway],
    [
      '30 000 captured + 20 000 pending, the rest',
      [capture('CAP1', { [LINE_1]: 30_000 }), capture('CAP2', { [LINE_1]: 20_000 }, { state: 'pending' })],
      { [LINE_1]: 50_000 },
      'accepted',
    ],
    [
      '30 000 captured + 20 000 pending, the rest + 1',
      [capture('CAP1', { [LINE_1]: 30_000 }), capture('CAP2', { [LINE_1]: 20_000 }, { state: 'pending' })],
      { [LINE_1]: 50_001 },
      runway,
    ],
    ['a failed capture takes nothing', [capture('CAP1', { [LINE_1]: 30_000 }, { state: 'failed' })], { [LINE_1]: 100_000 }, 'accepted'],
    ['a capture on line 2 leaves line 1 whole', [capture('CAP1', { [LINE_2]: 20_000 })], { [LINE_1]: 100_000 }, 'accepted'],
    ['line 2 fully captured, 1 øre more', [capture('CAP1', { [LINE_2]: 20_000 })], { [LINE_2]: 1 }, runway],
    [
      'a refund does not give the runway back',
      [capture('CAP1', { [LINE_1]: 30_000 }), refund('REF1', 'CAP1', 'captured', { [LINE_1]: 30_000 })],
      { [LINE_1]: 70_001 },
      runway,
    ],
    ['charges do not use the reserved lines', [charge('CHA1', { 10: 500_000 })], { [LINE_1]: 100_000 }, 'accepted'],
  ] as const)('%s', (_name, transactions, products, expected) => {
    expect(answer(reservedState({ transactions: [...transactions] }), captureOf(products))).toBe(expected);
  });

  it.each([
    [60_000, 40_000, 'accepted'],
    [60_000, 40_001, runway],
  ] as const)('a line named twice counts once, with both amounts (%i + %i) → %s', (first, second, expected) => {
    const twice = captureOf([{ id: LINE_1, amount: first }, { id: LINE_1, amount: second }]);
    expect(answer(reservedState(), twice)).toBe(expected);
  });
});

describe('decideCapture plans a pending capture', () => {
  it('with a new CAP id, the grand total, the lines, the note, the idempotency key, who started it and when to look it up', () => {
    const state = reservedState();
    const started = { by: 'fpgo_test_ab12', lookupAt: 1_800_000_000_000 };
    const { decision, ids } = decide(state, captureOf({ [LINE_1]: 40_000, [LINE_2]: 5_000 }, 'Room and one breakfast'), { idempotencyKeyId: 42, started });
    expect(ids.issued).toEqual(['CAP0000000001']);
    expect(decision.result).toEqual({
      ok: true,
      value: { uuid: 'CAP0000000001', amount: 45_000, authorizationId: AUTHORIZATION_ID, reservation: state.reservation },
    });
    expect(decision.plan).toEqual({
      transactions: [
        {
          merchantId: MERCHANT_ID,
          reservationUuid: RESERVATION_UUID,
          uuid: 'CAP0000000001',
          kind: 'capture',
          state: 'pending',
          amount: 45_000,
          createdAt: NOW,
          gatewayId: null,
          note: 'Room and one breakfast',
          refundOf: null,
          source: null,
          lines: [
            { lineId: LINE_1, amount: 40_000 },
            { lineId: LINE_2, amount: 5_000 },
          ],
          idempotencyKeyId: 42,
          actionBy: 'fpgo_test_ab12',
          lookupAt: 1_800_000_000_000,
        },
      ],
    });
  });

  it('writes a line named twice as one line; no key, no starter: null, and looked up LOOKUP_AFTER_MS after it was decided', () => {
    const { decision } = decide(reservedState(), captureOf([{ id: LINE_1, amount: 1_000 }, { id: LINE_1, amount: 2_000 }]));
    const [written] = decision.plan?.transactions ?? [];
    expect(written).toMatchObject({
      amount: 3_000,
      lines: [{ lineId: LINE_1, amount: 3_000 }],
      note: null,
      idempotencyKeyId: null,
      actionBy: null,
      lookupAt: NOW + LOOKUP_AFTER_MS,
    });
  });
});

describe('decideCapture finds the capture its idempotency key started before, whatever became of it', () => {
  const started = (state: TransactionState) => capture('CAP7', { [LINE_1]: 100_000 }, { state, idempotencyKeyId: 7 });
  const resumed = (state: ReservationState, earlier: TransactionState) => ({
    ok: true,
    value: { uuid: 'CAP7', amount: 100_000, authorizationId: AUTHORIZATION_ID, reservation: state.reservation, earlier },
  });

  it.each<[string, TransactionState, ReservationState['reservation']['status'], number, number]>([
    ['pending, and it took the whole line', 'pending', 'RESERVED', NOW, 100_000],
    ['pending, and the capture window has closed since', 'pending', 'RESERVED', RESERVED_AT + 8 * DAY, 100_000],
    ['pending, and the retried body asks another amount: the stored one stands', 'pending', 'RESERVED', NOW, 5_000],
    ['succeeded, and it took the whole line', 'succeeded', 'RESERVED', NOW, 100_000],
    ['succeeded, and the reservation was completed since', 'succeeded', 'COMPLETED', NOW, 100_000],
    ['succeeded, and the capture window has closed since', 'succeeded', 'RESERVED', RESERVED_AT + 8 * DAY, 100_000],
    ['failed', 'failed', 'RESERVED', NOW, 100_000],
    ['failed, and the retried body asks more than is left', 'failed', 'RESERVED', NOW, 100_001],
  ])('%s: returned with its id, amount and state, planning nothing and drawing no id', (_name, earlier, status, now, asked) => {
    const state = reservedState({ status, transactions: [started(earlier)] });
    const { decision, ids } = decide(state, captureOf({ [LINE_1]: asked }), { now, idempotencyKeyId: 7 });
    expect(decision.result).toEqual(resumed(state, earlier));
    expect(decision.plan).toBeUndefined();
    expect(ids.issued).toEqual([]);
  });

  it.each<[string, MoneyTransaction[], number | undefined, 'accepted' | FailureKey]>([
    ['another key on a pending capture', [started('pending')], 8, 'requestedCaptureAmountExceedAvailableCaptureRunway'],
    ['no key on a pending capture', [started('pending')], undefined, 'requestedCaptureAmountExceedAvailableCaptureRunway'],
    ['another key on a succeeded capture', [started('succeeded')], 8, 'requestedCaptureAmountExceedAvailableCaptureRunway'],
    ['another key on a failed capture (it took nothing)', [started('failed')], 8, 'accepted'],
    ['the same key on a pending charge', [charge('CHA7', { 10: 1_000 }, { state: 'pending', idempotencyKeyId: 7 })], 7, 'accepted'],
    ['the same key on a succeeded charge', [charge('CHA7', { 10: 1_000 }, { idempotencyKeyId: 7 })], 7, 'accepted'],
    [
      'the same key on a pending refund',
      [capture('CAP1', { [LINE_2]: 1_000 }), refund('REF7', 'CAP1', 'captured', { [LINE_2]: 1_000 }, { state: 'pending', idempotencyKeyId: 7 })],
      7,
      'accepted',
    ],
  ])('but decides anew for %s', (_name, transactions, idempotencyKeyId, expected) => {
    const state = reservedState({ transactions });
    const { decision, ids } = decide(state, captureOf({ [LINE_1]: 100_000 }), { idempotencyKeyId });
    expect(answerOf(decision)).toBe(expected);
    if (!decision.result.ok) {
      expect(decision.plan).toBeUndefined();
      return;
    }
    expect(decision.result.value).toEqual({ uuid: 'CAP0000000001', amount: 100_000, authorizationId: AUTHORIZATION_ID, reservation: state.reservation });
    expect(ids.issued).toEqual(['CAP0000000001']);
    expect(decision.plan?.transactions).toMatchObject([{ uuid: 'CAP0000000001', kind: 'capture', state: 'pending', idempotencyKeyId: idempotencyKeyId ?? null }]);
  });
});
