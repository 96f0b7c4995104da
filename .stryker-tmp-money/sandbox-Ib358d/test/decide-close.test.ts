/**
 * decideCancel and decideComplete: the two ways a reservation ends (§4.6, §4.7), without HTTP or a
 * database. Each refusal is one row; so is each case of releasing (voiding) the authorization.
 * The default reservation reserves 120 000 øre: 100 000 on line 1, 20 000 on line 2.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { DAY } from '../src/kernel/clock.js';
import { decideCancel, decideComplete } from '../src/reservations/close-reservation.js';
import type { MoneyTransaction } from '../src/reservations/ledger.js';
import {
  answerOf,
  AUTHORIZATION_ID,
  capture,
  charge,
  LINE_1,
  LINE_2,
  LINK_EXPIRES_AT,
  refund,
  RESERVATION_UUID,
  RESERVED_AT,
  reservedState,
  sentState,
} from './support/reservation-state.js';

const NOW = RESERVED_AT + DAY;
const withMoney = (...transactions: MoneyTransaction[]) => reservedState({ transactions });

const captured = (amount: number, state: MoneyTransaction['state'] = 'succeeded', uuid = 'CAP1') => capture(uuid, { [LINE_1]: amount }, { state });
const charged = (amount: number, state: MoneyTransaction['state'] = 'succeeded') => charge('CHA1', { 10: amount }, { state });

describe('decideCancel refuses', () => {
  it.each([
    ['COMPLETED', reservedState({ status: 'COMPLETED', transactions: [captured(1_000)] }), NOW, 'reservationStatusAlreadyCompleted'],
    ['CANCELLED', reservedState({ status: 'CANCELLED' }), NOW, 'reservationStatusAlreadyCancelled'],
    ['CANCELLED before it was paid', sentState({ status: 'CANCELLED' }), NOW, 'reservationStatusAlreadyCancelled'],
    ['EXPIRED (stored)', sentState({ status: 'EXPIRED' }), NOW, 'prerequisiteFailedToCancelReservation'],
    ['SENT, 1 ms past its link (effectively EXPIRED)', sentState(), LINK_EXPIRES_AT + 1, 'prerequisiteFailedToCancelReservation'],
    ['RESERVED with a capture', withMoney(captured(1_000)), NOW, 'prerequisiteFailedToCancelReservation'],
    ['RESERVED with a pending capture', withMoney(captured(1_000, 'pending')), NOW, 'prerequisiteFailedToCancelReservation'],
    ['RESERVED with a charge', withMoney(charged(1_000)), NOW, 'prerequisiteFailedToCancelReservation'],
    ['RESERVED with a pending charge', withMoney(charged(1_000, 'pending')), NOW, 'prerequisiteFailedToCancelReservation'],
  ] as const)('%s → %s', (_name, state, now, expected) => {
    const decision = decideCancel(state, now);
    expect(answerOf(decision)).toBe(expected);
    expect(decision.plan).toBeUndefined();
  });
});

describe('decideCancel cancels', () => {
  it.each([
    ['SENT', sentState(), NOW, 'SENT', null],
    ['SENT at the last instant of its link', sentState(), LINK_EXPIRES_AT, 'SENT', null],
    ['RESERVED, nothing taken: the authorization is released', reservedState(), NOW, 'RESERVED', AUTHORIZATION_ID],
    ['RESERVED, only failed movements', withMoney(captured(1_000, 'failed'), charged(1_000, 'failed')), NOW, 'RESERVED', AUTHORIZATION_ID],
    ['RESERVED long after the link ran out (only SENT expires)', reservedState(), LINK_EXPIRES_AT + 30 * DAY, 'RESERVED', AUTHORIZATION_ID],
  ] as const)('%s', (_name, state, now, previousStatus, voidAuthorization) => {
    expect(decideCancel(state, now)).toEqual({
      result: { ok: true, value: { reservation: state.reservation, voidAuthorization, previousStatus } },
      plan: { status: { reservationUuid: RESERVATION_UUID, to: 'CANCELLED', at: now } },
    });
  });
});

describe('decideComplete refuses', () => {
  const notYet = 'prerequisiteFailedToCompleteReservation';
  it.each([
    ['COMPLETED', reservedState({ status: 'COMPLETED', transactions: [captured(1_000)] }), NOW, 'reservationStatusAlreadyParamCompleted'],
    ['CANCELLED', reservedState({ status: 'CANCELLED' }), NOW, 'reservationStatusAlreadyParamCancelled'],
    ['SENT', sentState(), NOW, notYet],
    ['SENT, 1 ms past its link (effectively EXPIRED)', sentState(), LINK_EXPIRES_AT + 1, notYet],
    ['EXPIRED (stored)', sentState({ status: 'EXPIRED' }), NOW, notYet],
    ['RESERVED, nothing taken', reservedState(), NOW, notYet],
    ['RESERVED, only failed movements', withMoney(captured(1_000, 'failed'), charged(1_000, 'failed')), NOW, notYet],
    ['RESERVED, only a pending capture', withMoney(captured(1_000, 'pending')), NOW, notYet],
    ['RESERVED, only a pending charge', withMoney(charged(1_000, 'pending')), NOW, notYet],
  ] as const)('%s → %s', (_name, state, now, expected) => {
    const decision = decideComplete(state, now);
    expect(answerOf(decision)).toBe(expected);
    expect(decision.plan).toBeUndefined();
  });
});

describe('decideComplete completes, releasing the authorization only when something is left on it', () => {
  it.each([
    ['part captured', [captured(30_000)], AUTHORIZATION_ID],
    ['all but 1 øre captured', [captured(100_000), capture('CAP2', { [LINE_2]: 19_999 })], AUTHORIZATION_ID],
    ['all captured', [captured(100_000), capture('CAP2', { [LINE_2]: 20_000 })], null],
    ['all captured, the last part still pending', [captured(100_000), capture('CAP2', { [LINE_2]: 20_000 }, { state: 'pending' })], null],
    ['all captured, some refunded since', [captured(100_000), capture('CAP2', { [LINE_2]: 20_000 }), refund('REF1', 'CAP1', 'captured', { [LINE_1]: 5_000 })], null],
    ['all but a failed capture captured', [captured(100_000), capture('CAP2', { [LINE_2]: 20_000 }, { state: 'failed' })], AUTHORIZATION_ID],
    ['only charged: the authorization is untouched', [charged(5_000)], AUTHORIZATION_ID],
  ] as const)('%s → void %s', (_name, transactions, voidAuthorization) => {
    const state = withMoney(...transactions);
    expect(decideComplete(state, NOW)).toEqual({
      result: { ok: true, value: { reservation: state.reservation, voidAuthorization, previousStatus: 'RESERVED' } },
      plan: { status: { reservationUuid: RESERVATION_UUID, to: 'COMPLETED', at: NOW } },
    });
  });

  it('releases nothing without an authorization id', () => {
    const state = reservedState({ reservation: { authorizationId: null }, transactions: [captured(1_000)] });
    const decision = decideComplete(state, NOW);
    expect(decision.result.ok && decision.result.value.voidAuthorization).toBeNull();
  });
});
