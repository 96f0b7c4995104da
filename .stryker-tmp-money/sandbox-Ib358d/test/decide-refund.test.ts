/**
 * decideRefund: the refund rules (§4.9, §10.17) against a ledger, without HTTP or a database. Each
 * refusal and each limit, just inside and just outside, is one row.
 *
 * The ledger: CAP1 captured 30 000 on line 1 and 5 000 on line 2; CHA1 charged 8 000 on its line 10
 * and 2 000 on its line 11; CHA2 charged 4 000 on its line 12.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { DAY } from '../src/kernel/clock.js';
import type { MoneyTransaction, ReservationState, TransactionState } from '../src/reservations/ledger.js';
import { LOOKUP_AFTER_MS } from '../src/reservations/operation.js';
import type { FailureKey } from '../src/reservations/outcome.js';
import { decideRefund, type RefundRequest } from '../src/reservations/refund-reservation.js';
import {
  answerOf,
  capture,
  charge,
  chargeLine,
  fixedIds,
  LINE_1,
  LINE_2,
  MERCHANT_ID,
  refund,
  RESERVATION_UUID,
  RESERVED_AT,
  reservedState,
  type LineAmounts,
} from './support/reservation-state.js';

const NOW = RESERVED_AT + 2 * DAY;
const CAP1 = capture('CAP1', { [LINE_1]: 30_000, [LINE_2]: 5_000 });
const CHA1 = charge('CHA1', { 10: 8_000, 11: 2_000 });
const CHA2 = charge('CHA2', { 12: 4_000 });

function ledger(options: { more?: MoneyTransaction[]; chargePartiallyRefundable?: boolean; status?: 'RESERVED' | 'COMPLETED' } = {}): ReservationState {
  return reservedState({
    status: options.status ?? 'RESERVED',
    reservation: { chargePartiallyRefundable: options.chargePartiallyRefundable ?? true },
    transactions: [CAP1, CHA1, CHA2, ...(options.more ?? [])],
    chargeLines: [chargeLine(10, 'CHA1', 8_000), chargeLine(11, 'CHA1', 2_000), chargeLine(12, 'CHA2', 4_000)],
  });
}

/** A refund body of `reference`: `{ lineId: amount }`, or a list when a line is named twice; grandTotal is the sum. */
function refundOf(reference: string, products: LineAmounts | { id: number; amount: number }[], source = reference.startsWith('CHA') ? 'charged' : 'captured'): RefundRequest {
  const list = Array.isArray(products) ? products : Object.entries(products).map(([id, amount]) => ({ id: Number(id), amount }));
  return { type: 'reservation', reference, source: source as RefundRequest['source'], products: list, grandTotal: list.reduce((sum, l) => sum + l.amount, 0) };
}

function decide(state: ReservationState, request: RefundRequest, idempotencyKeyId?: number, started?: { by: string; lookupAt: number }) {
  const ids = fixedIds();
  return { decision: decideRefund(state, request, { now: NOW, ids, idempotencyKeyId, ...(started && { started }) }), ids };
}

const answer = (state: ReservationState, request: RefundRequest) => answerOf(decide(state, request).decision);

describe('decideRefund: the transaction to refund must be a finished capture or charge of the reservation', () => {
  it.each([
    ['an unknown id', refundOf('CAP9', { [LINE_1]: 1 }), []],
    ['a capture named as source charged', refundOf('CAP1', { [LINE_1]: 1 }, 'charged'), []],
    ['a charge named as source captured', refundOf('CHA1', { 10: 1 }, 'captured'), []],
    ['a refund', refundOf('REF1', { [LINE_1]: 1 }, 'captured'), [refund('REF1', 'CAP1', 'captured', { [LINE_1]: 1_000 })]],
    ['a pending capture', refundOf('CAP2', { [LINE_1]: 1 }), [capture('CAP2', { [LINE_1]: 1_000 }, { state: 'pending' })]],
    ['a failed capture', refundOf('CAP2', { [LINE_1]: 1 }), [capture('CAP2', { [LINE_1]: 1_000 }, { state: 'failed' })]],
    ['a pending charge', refundOf('CHA3', { 13: 1 }), [charge('CHA3', { 13: 1_000 }, { state: 'pending' })]],
  ])('%s → refundRejectionForTransactionNotFound', (_name, request, more) => {
    const { decision } = decide(ledger({ more }), request);
    expect(answerOf(decision)).toBe('refundRejectionForTransactionNotFound');
    expect(decision.plan).toBeUndefined();
  });
});

describe('decideRefund: every line must be a line of that transaction', () => {
  it.each([
    ['a reserved line the capture did not take from', [capture('CAP2', { [LINE_1]: 1_000 })], refundOf('CAP2', { [LINE_2]: 1 })],
    ['a line of another charge', [], refundOf('CHA1', { 12: 1 })],
    ['a charge line, from a capture', [], refundOf('CAP1', { 10: 1 })],
    ['a reserved line, from a charge', [], refundOf('CHA1', { [LINE_1]: 1 })],
    ['an unknown id next to a valid line', [], refundOf('CAP1', { [LINE_1]: 1, 99: 1 })],
    ['an unknown id next to a line asked too much of', [], refundOf('CAP1', { [LINE_1]: 999_999, 99: 1 })],
  ])('%s → requestProductIdNotAvailable', (_name, more, request) => {
    expect(answer(ledger({ more }), request)).toBe('requestProductIdNotAvailable');
  });
});

describe('decideRefund: at most what the transaction took on each line, less refunds (pending ones too)', () => {
  const over = 'refundRejectionForRefundRequestGreaterThanOrderAmount';
  const refunded = (amount: number, state: 'succeeded' | 'pending' | 'failed' = 'succeeded', uuid = 'REF1') => refund(uuid, 'CAP1', 'captured', { [LINE_1]: amount }, { state });
  it.each([
    ['nothing refunded, all of line 1', [], { [LINE_1]: 30_000 }, 'accepted'],
    ['nothing refunded, line 1 + 1 øre', [], { [LINE_1]: 30_001 }, over],
    ['nothing refunded, both lines whole', [], { [LINE_1]: 30_000, [LINE_2]: 5_000 }, 'accepted'],
    ['nothing refunded, one of two lines over', [], { [LINE_1]: 30_000, [LINE_2]: 5_001 }, over],
    ['10 000 refunded, the rest', [refunded(10_000)], { [LINE_1]: 20_000 }, 'accepted'],
    ['10 000 refunded, the rest + 1', [refunded(10_000)], { [LINE_1]: 20_001 }, over],
    ['10 000 being refunded, the rest', [refunded(10_000, 'pending')], { [LINE_1]: 20_000 }, 'accepted'],
    ['10 000 being refunded, the rest + 1', [refunded(10_000, 'pending')], { [LINE_1]: 20_001 }, over],
    ['10 000 refunded + 5 000 pending, the rest', [refunded(10_000), refunded(5_000, 'pending', 'REF2')], { [LINE_1]: 15_000 }, 'accepted'],
    ['10 000 refunded + 5 000 pending, the rest + 1', [refunded(10_000), refunded(5_000, 'pending', 'REF2')], { [LINE_1]: 15_001 }, over],
    ['a failed refund returned nothing', [refunded(10_000, 'failed')], { [LINE_1]: 30_000 }, 'accepted'],
    ['line 1 refunded, line 2 still whole', [refunded(30_000)], { [LINE_2]: 5_000 }, 'accepted'],
    [
      "another capture's refund on the same line does not count",
      [capture('CAP2', { [LINE_1]: 20_000 }), refund('REF1', 'CAP2', 'captured', { [LINE_1]: 20_000 })],
      { [LINE_1]: 30_000 },
      'accepted',
    ],
  ] as const)('%s', (_name, more, products, expected) => {
    expect(answer(ledger({ more: [...more] }), refundOf('CAP1', products))).toBe(expected);
  });

  it.each([
    [20_000, 10_000, 'accepted'],
    [20_000, 10_001, over],
  ] as const)('a line named twice counts once, with both amounts (%i + %i) → %s', (first, second, expected) => {
    expect(answer(ledger(), refundOf('CAP1', [{ id: LINE_1, amount: first }, { id: LINE_1, amount: second }]))).toBe(expected);
  });

  it.each([
    ['CHA1', { 10: 8_000 }, 'accepted'],
    ['CHA1', { 10: 8_001 }, over],
    ['CHA2', { 12: 4_000 }, 'accepted'],
    ['CHA2', { 12: 4_001 }, over],
  ] as const)('on the lines a charge added: %s %j → %s', (reference, products, expected) => {
    expect(answer(ledger(), refundOf(reference, products))).toBe(expected);
  });

  it('after the reservation is completed too', () => {
    expect(answer(ledger({ status: 'COMPLETED' }), refundOf('CAP1', { [LINE_1]: 30_000 }))).toBe('accepted');
  });
});

describe('decideRefund: a charge of a reservation with isChargePartiallyRefundable false is refunded whole or not at all', () => {
  const partial = 'partialRefundNotAllowedForCharge';
  const refundedOfCharge = (state: 'succeeded' | 'pending' | 'failed') => refund('REF1', 'CHA1', 'charged', { 11: 2_000 }, { state });
  it.each([
    ['the whole charge at once', false, [], { 10: 8_000, 11: 2_000 }, 'accepted'],
    ['one whole line of it', false, [], { 10: 8_000 }, partial],
    ['all but 1 øre', false, [], { 10: 7_999, 11: 2_000 }, partial],
    ['the rest after a partial refund', false, [refundedOfCharge('succeeded')], { 10: 8_000 }, partial],
    ['the rest while a partial refund is pending', false, [refundedOfCharge('pending')], { 10: 8_000 }, partial],
    ['the whole after a partial refund failed', false, [refundedOfCharge('failed')], { 10: 8_000, 11: 2_000 }, 'accepted'],
    ['the whole after a partial refund: more than is left', false, [refundedOfCharge('succeeded')], { 10: 8_000, 11: 2_000 }, 'refundRejectionForRefundRequestGreaterThanOrderAmount'],
    ['a part, when partial refunds are allowed', true, [], { 10: 1 }, 'accepted'],
    ['the rest after a partial refund, when allowed', true, [refundedOfCharge('succeeded')], { 10: 8_000 }, 'accepted'],
  ] as const)('%s', (_name, chargePartiallyRefundable, more, products, expected) => {
    expect(answer(ledger({ chargePartiallyRefundable, more: [...more] }), refundOf('CHA1', products))).toBe(expected);
  });

  it('captures are still refunded in parts', () => {
    expect(answer(ledger({ chargePartiallyRefundable: false }), refundOf('CAP1', { [LINE_1]: 1 }))).toBe('accepted');
  });
});

describe('decideRefund plans a pending refund', () => {
  it.each([
    ['of a capture', refundOf('CAP1', { [LINE_1]: 12_000, [LINE_2]: 500 }), 'CAP1', 'captured', 12_500],
    ['of a charge', refundOf('CHA1', { 11: 2_000 }), 'CHA1', 'charged', 2_000],
  ] as const)('%s: a new REF id, the amount, the lines, what it refunds, the key, who started it and when to look it up', (_name, request, of, source, amount) => {
    const state = ledger();
    const { decision, ids } = decide(state, request, 5, { by: 'fpgo_test_ab12', lookupAt: 1_800_000_000_000 });
    expect(ids.issued).toEqual(['REF0000000001']);
    expect(decision.result).toEqual({
      ok: true,
      value: { uuid: 'REF0000000001', amount, of: state.transactions.find((t) => t.uuid === of), source, reservation: state.reservation },
    });
    expect(decision.plan).toEqual({
      transactions: [
        {
          merchantId: MERCHANT_ID,
          reservationUuid: RESERVATION_UUID,
          uuid: 'REF0000000001',
          kind: 'refund',
          state: 'pending',
          amount,
          createdAt: NOW,
          gatewayId: null,
          note: null,
          refundOf: of,
          source,
          lines: request.products.map((p) => ({ lineId: p.id, amount: p.amount })),
          idempotencyKeyId: 5,
          actionBy: 'fpgo_test_ab12',
          lookupAt: 1_800_000_000_000,
        },
      ],
    });
  });

  it('writes a line named twice as one line; no key, no starter: null, and looked up LOOKUP_AFTER_MS after it was decided', () => {
    const { decision } = decide(ledger(), refundOf('CAP1', [{ id: LINE_1, amount: 100 }, { id: LINE_1, amount: 200 }]));
    expect(decision.plan?.transactions?.[0]).toMatchObject({
      amount: 300,
      lines: [{ lineId: LINE_1, amount: 300 }],
      idempotencyKeyId: null,
      actionBy: null,
      lookupAt: NOW + LOOKUP_AFTER_MS,
    });
  });
});

describe('decideRefund finds the refund its idempotency key started before, whatever became of it', () => {
  const started = (state: TransactionState) => refund('REF7', 'CAP1', 'captured', { [LINE_1]: 30_000 }, { state, idempotencyKeyId: 7 });

  it.each<[string, TransactionState, 'RESERVED' | 'COMPLETED', number]>([
    ['pending, and it took the whole line', 'pending', 'RESERVED', 30_000],
    ['pending, and the retried body asks another amount: the stored one stands', 'pending', 'RESERVED', 1_000],
    ['succeeded, and it returned the whole line', 'succeeded', 'RESERVED', 30_000],
    ['succeeded, and the reservation was completed since', 'succeeded', 'COMPLETED', 30_000],
    ['failed', 'failed', 'RESERVED', 30_000],
    ['failed, and the retried body asks more than the capture took', 'failed', 'RESERVED', 30_001],
  ])('%s: returned with its id, amount, what it refunds and its state, planning nothing and drawing no id', (_name, earlier, status, asked) => {
    const state = ledger({ status, more: [started(earlier)] });
    const { decision, ids } = decide(state, refundOf('CAP1', { [LINE_1]: asked }), 7);
    expect(decision.result).toEqual({ ok: true, value: { uuid: 'REF7', amount: 30_000, of: CAP1, source: 'captured', reservation: state.reservation, earlier } });
    expect(decision.plan).toBeUndefined();
    expect(ids.issued).toEqual([]);
  });

  it('of a charge: returned with the charge it refunds and source charged', () => {
    const state = ledger({ more: [refund('REF7', 'CHA1', 'charged', { 11: 2_000 }, { state: 'pending', idempotencyKeyId: 7 })] });
    const { decision } = decide(state, refundOf('CHA1', { 11: 2_000 }), 7);
    expect(decision.result).toEqual({ ok: true, value: { uuid: 'REF7', amount: 2_000, of: CHA1, source: 'charged', reservation: state.reservation, earlier: 'pending' } });
  });

  const over = 'refundRejectionForRefundRequestGreaterThanOrderAmount';
  it.each<[string, MoneyTransaction[], RefundRequest, number | undefined, 'accepted' | FailureKey]>([
    ['another key on a pending refund', [started('pending')], refundOf('CAP1', { [LINE_1]: 30_000 }), 8, over],
    ['no key on a pending refund', [started('pending')], refundOf('CAP1', { [LINE_1]: 30_000 }), undefined, over],
    ['another key on a succeeded refund', [started('succeeded')], refundOf('CAP1', { [LINE_1]: 30_000 }), 8, over],
    ['another key on a failed refund (it returned nothing)', [started('failed')], refundOf('CAP1', { [LINE_1]: 30_000 }), 8, 'accepted'],
    ['a reference that is not there', [started('pending')], refundOf('CAP9', { [LINE_1]: 30_000 }), 7, 'refundRejectionForTransactionNotFound'],
    ['the same key on a pending capture', [capture('CAP7', { [LINE_1]: 1 }, { state: 'pending', idempotencyKeyId: 7 })], refundOf('CAP1', { [LINE_1]: 1 }), 7, 'accepted'],
    ['the same key on a succeeded charge', [charge('CHA7', { 13: 1_000 }, { idempotencyKeyId: 7 })], refundOf('CAP1', { [LINE_1]: 1 }), 7, 'accepted'],
  ])('but decides anew for %s', (_name, more, request, key, expected) => {
    const { decision, ids } = decide(ledger({ more }), request, key);
    expect(answerOf(decision)).toBe(expected);
    if (!decision.result.ok) {
      expect(decision.plan).toBeUndefined();
      return;
    }
    expect(decision.result.value).toMatchObject({ uuid: 'REF0000000001', amount: request.grandTotal, of: CAP1 });
    expect(decision.result.value.earlier).toBeUndefined();
    expect(ids.issued).toEqual(['REF0000000001']);
    expect(decision.plan?.transactions).toMatchObject([{ uuid: 'REF0000000001', kind: 'refund', state: 'pending', idempotencyKeyId: key ?? null }]);
  });
});
