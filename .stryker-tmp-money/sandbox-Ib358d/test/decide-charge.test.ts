/**
 * decideCharge and chargeDeadline: the charge rules (§4.5, §10.7) against a ledger, without HTTP or
 * a database. Each refusal and each limit, just inside and just outside, is one row.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../src/kernel/clock.js';
import { chargeDeadline, decideCharge, type ChargeRequest } from '../src/reservations/charge-reservation.js';
import type { MoneyTransaction, ReservationState, TransactionState } from '../src/reservations/ledger.js';
import { DEFAULT_CHARGE_LIMIT } from '../src/reservations/merchant.js';
import { LOOKUP_AFTER_MS } from '../src/reservations/operation.js';
import type { FailureKey } from '../src/reservations/outcome.js';
import {
  answerOf,
  capture,
  CARD_TOKEN,
  charge,
  chargeLine,
  CUSTOMER_EMAIL,
  fixedIds,
  LINE_1,
  merchant,
  MERCHANT_ID,
  refund,
  RESERVATION_UUID,
  RESERVED_AT,
  reservedState,
  sentState,
} from './support/reservation-state.js';

const NOW = RESERVED_AT + DAY;

/** A charge body of one new line per amount; grandTotal is the sum. */
function chargeOf(amounts: number[], additionalText: string | null = null): ChargeRequest {
  const products = amounts.map((amount, i) => ({ name: `Minibar ${i + 1}`, productId: null, quantity: 1, rate: amount, discount: 0, tax: 25, amount }));
  return { products, grandTotal: amounts.reduce((sum, a) => sum + a, 0), additionalText };
}

interface DecideOptions {
  now?: number;
  chargeLimit?: number;
  idempotencyKeyId?: number | undefined;
  started?: { by: string; lookupAt: number };
}

function decide(state: ReservationState, request: ChargeRequest, options: DecideOptions = {}) {
  const ids = fixedIds();
  const decision = decideCharge(state, request, {
    now: options.now ?? NOW,
    merchant: merchant({ chargeLimit: options.chargeLimit ?? DEFAULT_CHARGE_LIMIT }),
    ids,
    idempotencyKeyId: options.idempotencyKeyId,
    ...(options.started && { started: options.started }),
  });
  return { decision, ids };
}

const answer = (state: ReservationState, request: ChargeRequest, options?: Parameters<typeof decide>[2]) => answerOf(decide(state, request, options).decision);

describe('chargeDeadline', () => {
  it.each([
    ['not paid yet', null, 60, null],
    ['no chargeValidity: 90 days', RESERVED_AT, null, RESERVED_AT + 90 * DAY],
    ['chargeValidity 60 minutes', RESERVED_AT, 60, RESERVED_AT + 60 * MINUTE],
    ['chargeValidity 0 minutes', RESERVED_AT, 0, RESERVED_AT],
  ] as const)('%s', (_name, reservedAt, chargeValidityMinutes, expected) => {
    expect(chargeDeadline({ reservedAt, chargeValidityMinutes })).toBe(expected);
  });
});

describe('decideCharge refuses', () => {
  it.each([
    ['RESERVED without a stored card', reservedState({ card: null }), 'paymentCardNotFound'],
    ['SENT (never paid, no card)', sentState(), 'paymentCardNotFound'],
    ['CANCELLED before it was paid (no card)', sentState({ status: 'CANCELLED' }), 'paymentCardNotFound'],
    ['CANCELLED', reservedState({ status: 'CANCELLED' }), 'reservationStatusAlreadyCancelled'],
    ['COMPLETED', reservedState({ status: 'COMPLETED' }), 'reservationStatusAlreadyCompleted'],
  ] as const)('%s → %s', (_name, state, expected) => {
    const { decision } = decide(state, chargeOf([5_000]));
    expect(answerOf(decision)).toBe(expected);
    expect(decision.plan).toBeUndefined();
  });
});

describe('decideCharge: the charge deadline (chargeValidity minutes after RESERVED; none ⇒ 90 days)', () => {
  it.each([
    [null, 0, 'accepted'],
    [null, 90 * DAY, 'accepted'],
    [null, 90 * DAY + 1, 'paymentChargeDeadlineExceed'],
    [60, 60 * MINUTE, 'accepted'],
    [60, 60 * MINUTE + 1, 'paymentChargeDeadlineExceed'],
    [1440, DAY, 'accepted'],
    [1440, DAY + 1, 'paymentChargeDeadlineExceed'],
  ] as const)('chargeValidity %s, reservedAt + %i ms → %s', (chargeValidityMinutes, after, expected) => {
    const state = reservedState({ reservation: { chargeValidityMinutes } });
    expect(answer(state, chargeOf([5_000]), { now: RESERVED_AT + after })).toBe(expected);
  });

  it('is answered before the charge limit', () => {
    const state = reservedState({ reservation: { chargeValidityMinutes: 60 } });
    expect(answer(state, chargeOf([5_000]), { now: RESERVED_AT + 60 * MINUTE + 1, chargeLimit: 1_000 })).toBe('paymentChargeDeadlineExceed');
  });
});

describe('decideCharge: the charge limit (merchant.chargeLimit 50 000 øre in all)', () => {
  const LIMIT = 50_000;
  const runway = 'paymentChargeRunwayExceed';
  it.each([
    ['nothing charged, exactly the limit', [], [50_000], 'accepted'],
    ['nothing charged, the limit + 1 øre', [], [50_000, 1], runway],
    ['20 000 charged, the rest', [charge('CHA1', { 10: 20_000 })], [30_000], 'accepted'],
    ['20 000 charged, the rest + 1', [charge('CHA1', { 10: 20_000 })], [30_001], runway],
    ['20 000 pending, the rest', [charge('CHA1', { 10: 20_000 }, { state: 'pending' })], [30_000], 'accepted'],
    ['20 000 pending, the rest + 1', [charge('CHA1', { 10: 20_000 }, { state: 'pending' })], [30_001], runway],
    ['20 000 charged + 10 000 pending, the rest', [charge('CHA1', { 10: 20_000 }), charge('CHA2', { 11: 10_000 }, { state: 'pending' })], [20_000], 'accepted'],
    ['20 000 charged + 10 000 pending, the rest + 1', [charge('CHA1', { 10: 20_000 }), charge('CHA2', { 11: 10_000 }, { state: 'pending' })], [20_001], runway],
    ['a failed charge takes nothing', [charge('CHA1', { 10: 20_000 }, { state: 'failed' })], [50_000], 'accepted'],
    ['a refunded charge still counts', [charge('CHA1', { 10: 20_000 }), refund('REF1', 'CHA1', 'charged', { 10: 20_000 })], [30_001], runway],
    ['captures do not count', [capture('CAP1', { [LINE_1]: 100_000 })], [50_000], 'accepted'],
  ] as const)('%s', (_name, transactions, amounts, expected) => {
    expect(answer(reservedState({ transactions: [...transactions] }), chargeOf([...amounts]), { chargeLimit: LIMIT })).toBe(expected);
  });

  it.each([
    [DEFAULT_CHARGE_LIMIT, 'accepted'],
    [DEFAULT_CHARGE_LIMIT + 1, runway],
  ] as const)('the default limit: %i øre → %s', (amount, expected) => {
    expect(answer(reservedState(), chargeOf([amount]))).toBe(expected);
  });
});

describe('decideCharge plans a pending charge and its new product lines', () => {
  it('with a new CHA id, the grand total, the note, the key, who started it, when to look it up, and the lines to add', () => {
    const state = reservedState();
    const request = chargeOf([3_000, 1_500], 'Minibar after check-out');
    const started = { by: 'fpgo_test_ab12', lookupAt: 1_800_000_000_000 };
    const { decision, ids } = decide(state, request, { idempotencyKeyId: 9, started });
    expect(ids.issued).toEqual(['CHA0000000001']);
    expect(decision.result).toEqual({
      ok: true,
      value: { uuid: 'CHA0000000001', amount: 4_500, cardToken: CARD_TOKEN, customerEmail: CUSTOMER_EMAIL, reservation: state.reservation, lines: [] },
    });
    expect(decision.plan?.transactions).toEqual([
      {
        merchantId: MERCHANT_ID,
        reservationUuid: RESERVATION_UUID,
        uuid: 'CHA0000000001',
        kind: 'charge',
        state: 'pending',
        amount: 4_500,
        createdAt: NOW,
        gatewayId: null,
        note: 'Minibar after check-out',
        refundOf: null,
        source: null,
        lines: [],
        idempotencyKeyId: 9,
        actionBy: 'fpgo_test_ab12',
        lookupAt: 1_800_000_000_000,
      },
    ]);
    expect(decision.plan?.chargeLines).toEqual(
      request.products.map((product, position) => ({ ...product, position, chargeUuid: 'CHA0000000001', reservationUuid: RESERVATION_UUID })),
    );
  });

  it('writes no key and no starter as null, to be looked up LOOKUP_AFTER_MS after it was decided', () => {
    const { decision } = decide(reservedState(), chargeOf([1_000]));
    expect(decision.plan?.transactions?.[0]).toMatchObject({ idempotencyKeyId: null, actionBy: null, lookupAt: NOW + LOOKUP_AFTER_MS });
  });
});

describe('decideCharge finds the charge its idempotency key started before, whatever became of it', () => {
  const started = (state: TransactionState) => charge('CHA7', { 10: 50_000 }, { state, idempotencyKeyId: 7 });
  const chargeLines = [chargeLine(10, 'CHA7', 50_000), chargeLine(11, 'CHA1', 2_000)];

  it.each<[string, TransactionState, 'RESERVED' | 'COMPLETED', number, number]>([
    ['pending, and it took the whole limit', 'pending', 'RESERVED', NOW, 50_000],
    ['pending, and the charge deadline has passed since', 'pending', 'RESERVED', RESERVED_AT + 91 * DAY, 50_000],
    ['pending, and the retried body asks another amount: the stored one stands', 'pending', 'RESERVED', NOW, 1_000],
    ['succeeded, and it took the whole limit', 'succeeded', 'RESERVED', NOW, 50_000],
    ['succeeded, and the reservation was completed since', 'succeeded', 'COMPLETED', NOW, 50_000],
    ['failed', 'failed', 'RESERVED', NOW, 50_000],
    ['failed, and the retried body asks more than the limit', 'failed', 'RESERVED', NOW, 52_001],
  ])('%s: returned with its id, amount, lines and state, planning nothing and drawing no id', (_name, earlier, status, now, asked) => {
    const state = reservedState({ status, transactions: [charge('CHA1', { 11: 2_000 }), started(earlier)], chargeLines });
    const { decision, ids } = decide(state, chargeOf([asked]), { now, chargeLimit: 52_000, idempotencyKeyId: 7 });
    expect(decision.result).toEqual({
      ok: true,
      value: { uuid: 'CHA7', amount: 50_000, cardToken: CARD_TOKEN, customerEmail: CUSTOMER_EMAIL, reservation: state.reservation, lines: [chargeLines[0]], earlier },
    });
    expect(decision.plan).toBeUndefined();
    expect(ids.issued).toEqual([]);
  });

  it.each<[string, MoneyTransaction[], number | undefined, 'accepted' | FailureKey]>([
    ['another key on a pending charge', [started('pending')], 8, 'paymentChargeRunwayExceed'],
    ['no key on a pending charge', [started('pending')], undefined, 'paymentChargeRunwayExceed'],
    ['another key on a succeeded charge', [started('succeeded')], 8, 'paymentChargeRunwayExceed'],
    ['another key on a failed charge (it took nothing)', [started('failed')], 8, 'accepted'],
    ['the same key on a pending capture', [capture('CAP7', { [LINE_1]: 1_000 }, { state: 'pending', idempotencyKeyId: 7 })], 7, 'accepted'],
    ['the same key on a succeeded capture', [capture('CAP7', { [LINE_1]: 1_000 }, { idempotencyKeyId: 7 })], 7, 'accepted'],
    [
      'the same key on a pending refund',
      [capture('CAP1', { [LINE_1]: 1_000 }), refund('REF7', 'CAP1', 'captured', { [LINE_1]: 1_000 }, { state: 'pending', idempotencyKeyId: 7 })],
      7,
      'accepted',
    ],
  ])('but decides anew for %s', (_name, transactions, idempotencyKeyId, expected) => {
    const { decision, ids } = decide(reservedState({ transactions }), chargeOf([1]), { chargeLimit: 50_000, idempotencyKeyId });
    expect(answerOf(decision)).toBe(expected);
    if (!decision.result.ok) {
      expect(decision.plan).toBeUndefined();
      return;
    }
    expect(decision.result.value).toMatchObject({ uuid: 'CHA0000000001', amount: 1, lines: [] });
    expect(decision.result.value.earlier).toBeUndefined();
    expect(ids.issued).toEqual(['CHA0000000001']);
    expect(decision.plan?.transactions).toMatchObject([{ uuid: 'CHA0000000001', kind: 'charge', state: 'pending', idempotencyKeyId: idempotencyKeyId ?? null }]);
  });

  it.each<TransactionState>(['pending', 'succeeded', 'failed'])('but not without the stored card (%s)', (earlier) => {
    expect(answer(reservedState({ card: null, transactions: [started(earlier)] }), chargeOf([1]), { idempotencyKeyId: 7 })).toBe('paymentCardNotFound');
  });
});
