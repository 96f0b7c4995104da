/**
 * The ledger the decision rules lean on (Ledger, amountsByLine), the pending transaction every
 * money movement writes (pendingMovement) and the one a keyed request started before
 * (earlierMovement), without HTTP or a database. Amounts in øre.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { amountsByLine, Ledger, type MoneyTransaction, type ReservationState, type TransactionKind } from '../src/reservations/ledger.js';
import { earlierMovement, pendingMovement } from '../src/reservations/money-movement.js';
import { LOOKUP_AFTER_MS } from '../src/reservations/operation.js';
import { capture, charge, LINE_1, LINE_2, MERCHANT_ID, refund, RESERVATION_UUID, reservedState, sentState } from './support/reservation-state.js';

/**
 * Line 1: 30 000 captured, 20 000 pending, 9 000 failed; line 2: 5 000 captured. Three charges: one
 * settled, one pending, one failed. Idempotency keys: 5 started CAP1, 3 CAP2, 6 both CAP3 and CHA3, 4 REF2.
 */
const state = reservedState({
  transactions: [
    capture('CAP1', { [LINE_1]: 30_000, [LINE_2]: 5_000 }, { idempotencyKeyId: 5 }),
    capture('CAP2', { [LINE_1]: 20_000 }, { state: 'pending', idempotencyKeyId: 3 }),
    capture('CAP3', { [LINE_1]: 9_000 }, { state: 'failed', idempotencyKeyId: 6 }),
    charge('CHA1', { 10: 4_000 }),
    charge('CHA2', { 11: 1_000 }, { state: 'pending' }),
    charge('CHA3', { 12: 700 }, { state: 'failed', idempotencyKeyId: 6 }),
    refund('REF1', 'CAP1', 'captured', { [LINE_1]: 10_000 }),
    refund('REF2', 'CAP1', 'captured', { [LINE_1]: 2_000 }, { state: 'pending', idempotencyKeyId: 4 }),
    refund('REF3', 'CAP1', 'captured', { [LINE_1]: 500 }, { state: 'failed' }),
    refund('REF4', 'CHA1', 'charged', { 10: 1_500 }),
  ],
});
const ledger = new Ledger(state);
const [line1, line2] = state.lines;

describe('Ledger: failed movements never count; pending ones only when asked', () => {
  it.each([
    ['capture', false, 35_000],
    ['capture', true, 55_000],
    ['charge', false, 4_000],
    ['charge', true, 5_000],
    ['refund', false, 11_500],
    ['refund', true, 13_500],
  ] as const)('total %s (pending included: %s) = %i', (kind, includePending, expected) => {
    expect(ledger.total(kind, includePending)).toBe(expected);
  });

  it.each([
    [LINE_1, false, 30_000],
    [LINE_1, true, 50_000],
    [LINE_2, true, 5_000],
  ] as const)('captured on line %i (pending included: %s) = %i', (lineId, includePending, expected) => {
    expect(ledger.capturedOnLine(lineId, includePending)).toBe(expected);
  });

  it('leaves capturable what is reserved on a line less its captures, pending included', () => {
    expect(ledger.capturableOnLine(line1!)).toBe(100_000 - 50_000);
    expect(ledger.capturableOnLine(line2!)).toBe(20_000 - 5_000);
  });

  it('leaves refundable what one movement took on a line less its refunds, pending included', () => {
    const [cap1, , , cha1] = state.transactions;
    expect(ledger.refundableOnLine(cap1!, LINE_1)).toBe(30_000 - 10_000 - 2_000);
    expect(ledger.refundableOnLine(cap1!, LINE_2)).toBe(5_000);
    expect(ledger.refundableOnLine(cha1!, 10)).toBe(4_000 - 1_500);
    expect(ledger.refundableOnLine(cap1!, 10)).toBe(0);
  });

  it.each([
    ['captured', 10_000],
    ['charged', 1_500],
  ] as const)('refunded from %s (settled only) = %i', (source, expected) => {
    expect(ledger.refundedFrom(source)).toBe(expected);
  });

  it('holds on the card what is reserved less every capture, pending included', () => {
    expect(ledger.remainingAuthorization()).toBe(120_000 - 55_000);
    expect(new Ledger(sentState()).remainingAuthorization()).toBe(0);
  });
});

describe('Ledger: moved money', () => {
  it.each([
    ['nothing', [], false, false],
    ['a failed capture', [capture('CAP1', { [LINE_1]: 1 }, { state: 'failed' })], false, false],
    ['a pending capture', [capture('CAP1', { [LINE_1]: 1 }, { state: 'pending' })], true, false],
    ['a pending charge', [charge('CHA1', { 10: 1 }, { state: 'pending' })], true, false],
    ['a capture', [capture('CAP1', { [LINE_1]: 1 })], true, true],
    ['a charge', [charge('CHA1', { 10: 1 })], true, true],
  ] as const)('after %s: moved (pending counting) %s, moved (settled only) %s', (_name, transactions, withPending, settledOnly) => {
    const l = new Ledger(reservedState({ transactions: [...transactions] }));
    expect(l.hasMovedMoney()).toBe(withPending);
    expect(l.hasMovedMoney(false)).toBe(settledOnly);
  });
});

describe('earlierMovement: the movement of this kind a keyed request started, whatever its state', () => {
  /** Plans a movement as the operations do, from the state and the stored transaction. */
  const rules = (kind: TransactionKind) => ({
    kind,
    planOf: (from: ReservationState, t: MoneyTransaction) => ({ uuid: t.uuid, amount: t.amount, reservation: from.reservation }),
  });

  it.each([
    ['capture', 3, 'CAP2', 20_000, 'pending'],
    ['refund', 4, 'REF2', 2_000, 'pending'],
    ['capture', 5, 'CAP1', 35_000, 'succeeded'],
    ['capture', 6, 'CAP3', 9_000, 'failed'],
    ['charge', 6, 'CHA3', 700, 'failed'],
  ] as const)('the %s of key %i is %s (%i øre), planned again and marked %s', (kind, key, uuid, amount, earlier) => {
    expect(earlierMovement(state, rules(kind), key)).toEqual({ uuid, amount, reservation: state.reservation, earlier });
  });

  it.each([
    ['capture', 4, "a refund's key"],
    ['charge', 3, "a capture's key"],
    ['refund', 6, "a failed capture's and charge's key"],
    ['charge', 5, "a succeeded capture's key"],
    ['capture', 99, 'a key that started nothing'],
    ['capture', undefined, 'no key (movements started without one are never matched)'],
  ] as const)('finds no %s for key %s: %s', (kind, key, _why) => {
    expect(earlierMovement(state, rules(kind), key)).toBeUndefined();
  });

  it('does not ask planOf about movements it did not find', () => {
    const asked: string[] = [];
    const planOf = (from: ReservationState, t: MoneyTransaction) => {
      asked.push(t.uuid);
      return { uuid: t.uuid, amount: t.amount, reservation: from.reservation };
    };
    earlierMovement(state, { kind: 'capture', planOf }, 99);
    earlierMovement(state, { kind: 'charge', planOf }, 6);
    expect(asked).toEqual(['CHA3']);
  });
});

describe('amountsByLine', () => {
  it('sums a line named twice, keeping the order lines were first named in', () => {
    const perLine = amountsByLine([
      { id: 2, amount: 100 },
      { id: 1, amount: 50 },
      { id: 2, amount: 25 },
    ]);
    expect([...perLine]).toEqual([
      [2, 125],
      [1, 50],
    ]);
  });

  it('is empty for no lines', () => {
    expect(amountsByLine([]).size).toBe(0);
  });
});

describe('pendingMovement', () => {
  const movement = { uuid: 'CAP9', kind: 'capture' as const, amount: 1_200, createdAt: 1_700_000_000_000, note: 'n', refundOf: null, source: null, lines: [{ lineId: 1, amount: 1_200 }] };
  const written = { ...movement, merchantId: MERCHANT_ID, reservationUuid: RESERVATION_UUID, state: 'pending', gatewayId: null };

  it.each([
    [42, 42],
    [undefined, null],
  ] as const)('writes the movement pending, for the reservation, with no gateway id (key %s → %s)', (idempotencyKeyId, stored) => {
    expect(pendingMovement({ merchantId: MERCHANT_ID, uuid: RESERVATION_UUID }, { ...movement, idempotencyKeyId })).toEqual({
      ...written,
      idempotencyKeyId: stored,
      actionBy: null,
      lookupAt: movement.createdAt + LOOKUP_AFTER_MS,
    });
  });

  it('writes who started it and when to look it up, as the request says', () => {
    const started = { by: 'fpgo_test_ab12', lookupAt: 1_800_000_000_000 };
    expect(pendingMovement({ merchantId: MERCHANT_ID, uuid: RESERVATION_UUID }, { ...movement, idempotencyKeyId: 42, started })).toEqual({
      ...written,
      idempotencyKeyId: 42,
      actionBy: 'fpgo_test_ab12',
      lookupAt: 1_800_000_000_000,
    });
  });
});
