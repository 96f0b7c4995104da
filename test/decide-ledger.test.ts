/**
 * The ledger the decision rules lean on (Ledger, amountsByLine) and the pending transaction every
 * money movement writes (pendingMovement), without HTTP or a database. Amounts in øre.
 */
import { describe, expect, it } from 'vitest';
import { amountsByLine, Ledger } from '../src/reservations/ledger.js';
import { pendingMovement } from '../src/reservations/money-movement.js';
import { capture, charge, LINE_1, LINE_2, MERCHANT_ID, refund, RESERVATION_UUID, reservedState, sentState } from './support/reservation-state.js';

/** Line 1: 30 000 captured, 20 000 pending, 9 000 failed; line 2: 5 000 captured. Two charges, one pending, one failed. */
const state = reservedState({
  transactions: [
    capture('CAP1', { [LINE_1]: 30_000, [LINE_2]: 5_000 }),
    capture('CAP2', { [LINE_1]: 20_000 }, { state: 'pending', idempotencyKeyId: 3 }),
    capture('CAP3', { [LINE_1]: 9_000 }, { state: 'failed' }),
    charge('CHA1', { 10: 4_000 }),
    charge('CHA2', { 11: 1_000 }, { state: 'pending' }),
    charge('CHA3', { 12: 700 }, { state: 'failed' }),
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

describe('Ledger: moved money and unfinished movements', () => {
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

  it.each([
    ['capture', 3, 'CAP2'],
    ['refund', 4, 'REF2'],
    ['capture', 4, undefined],
    ['charge', 3, undefined],
    ['capture', undefined, undefined],
  ] as const)('the unfinished %s of key %s is %s', (kind, key, expected) => {
    expect(ledger.unfinished(kind, key)?.uuid).toBe(expected);
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

  it.each([
    [42, 42],
    [undefined, null],
  ] as const)('writes the movement pending, for the reservation, with no gateway id (key %s → %s)', (idempotencyKeyId, stored) => {
    expect(pendingMovement({ merchantId: MERCHANT_ID, uuid: RESERVATION_UUID }, { ...movement, idempotencyKeyId })).toEqual({
      ...movement,
      merchantId: MERCHANT_ID,
      reservationUuid: RESERVATION_UUID,
      state: 'pending',
      gatewayId: null,
      idempotencyKeyId: stored,
    });
  });
});
