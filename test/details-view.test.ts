/**
 * Details as the merchant's API shows a stored reservation (src/reservations/details.ts), built from a
 * reservation state without a database: the payment history per movement, and the fields whose
 * stored form differs from the shown one. test/details.test.ts checks the same answer over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { reservationDetails } from '../src/reservations/details.js';
import { capture, charge, chargeLine, merchant, RESERVED_AT, reservedState, sentState } from './support/reservation-state.js';

const NOW = RESERVED_AT + 60_000;

describe('the payment history in Details', () => {
  it('shows nothing reserved for a reservation not yet paid', () => {
    const details = reservationDetails(merchant(), sentState(), NOW);
    expect(details.paymentHistory.reserved).toEqual([]);
    expect(details.paymentDetails.reservedAt).toBeNull();
  });

  it('shows the reservation with its time in Unix seconds and its amount in kroner', () => {
    const details = reservationDetails(merchant(), reservedState(), NOW);
    expect(details.paymentHistory.reserved).toEqual([{ at: RESERVED_AT / 1000, amount: 1200 }]);
  });

  it('lists each charge with the product lines it added, and only those', () => {
    const state = reservedState({
      transactions: [capture('CAP1', { 1: 10_000 }), charge('CHG1', {}, { amount: 5_000 }), charge('CHG2', {}, { amount: 2_550 })],
      chargeLines: [chargeLine(3, 'CHG1', 5_000, 'Minibar'), chargeLine(4, 'CHG2', 2_000, 'Parking'), chargeLine(5, 'CHG2', 550, 'Late checkout')],
    });
    const charged = reservationDetails(merchant(), state, NOW).paymentHistory.charged;
    expect(charged.map((c) => [c.uuid, c.amount, c.products])).toEqual([
      ['CHG1', 50, [{ id: 3, name: 'Minibar', amount: 50 }]],
      [
        'CHG2',
        25.5,
        [
          { id: 4, name: 'Parking', amount: 20 },
          { id: 5, name: 'Late checkout', amount: 5.5 },
        ],
      ],
    ]);
  });
});

describe('fields shown differently from how they are stored', () => {
  it('shows chargeValidity as text, and none as null', () => {
    expect(reservationDetails(merchant(), reservedState({ reservation: { chargeValidityMinutes: 55 } }), NOW).chargeValidity).toBe('55');
    expect(reservationDetails(merchant(), reservedState({ reservation: { chargeValidityMinutes: 0 } }), NOW).chargeValidity).toBe('0');
    expect(reservationDetails(merchant(), reservedState({ reservation: { chargeValidityMinutes: null } }), NOW).chargeValidity).toBeNull();
  });
});
