/**
 * Cancel and complete release the authorization at the gateway (src/reservations/close-reservation.ts).
 * With an in-memory repository and a scripted gateway: a void whose answer was lost is looked up
 * and sent again only when the gateway never received it; a void the gateway refuses puts the
 * status back. test/gateways.test.ts runs the lost-answer case through the server.
 */
import { describe, expect, it } from 'vitest';
import { cancelReservation, completeReservation } from '../src/reservations/close-reservation.js';
import type { ReservationState } from '../src/reservations/ledger.js';
import type { PaymentGateway } from '../src/reservations/ports.js';
import type { WritePlan } from '../src/reservations/write-plan.js';
import { memoryDependencies, scriptedGateway } from './support/memory-lifecycle.js';
import { AUTHORIZATION_ID, capture, merchant, RESERVATION_UUID, RESERVED_AT, reservedState } from './support/reservation-state.js';

const NOW = RESERVED_AT + 3_600_000;
const ACTOR = 'fpgo_test_ab12';

function setUp(state: ReservationState, gateway: PaymentGateway) {
  return { ...memoryDependencies(state, gateway, NOW), context: { merchant: merchant(), actor: ACTOR } };
}

const approved = { outcome: 'approved' } as const;
const lost = { outcome: 'unknown', message: 'timed out' } as const;
const refused = { outcome: 'error', message: 'the acquirer is down' } as const;
const voidCall = ['void', { reference: RESERVATION_UUID, authorizationId: AUTHORIZATION_ID }];
const lookupCall = ['lookup', { kind: 'void', reference: RESERVATION_UUID, on: AUTHORIZATION_ID }];

const statusWrites = (written: WritePlan[]) => written.filter((plan) => plan.status).map((plan) => plan.status!.to);
const eventTitles = (written: WritePlan[]) => written.flatMap((plan) => plan.events ?? []).map((event) => [event.title, event.note, event.actionBy]);

describe('cancelling a paid reservation', () => {
  it('voids the authorization and records the cancellation with its note', async () => {
    const { gateway, calls } = scriptedGateway('void', [approved]);
    const { deps, written, context } = setUp(reservedState(), gateway);
    expect(await cancelReservation(deps, context, RESERVATION_UUID, { note: 'guest called' })).toEqual({ ok: true, value: null });
    expect(calls).toEqual([voidCall]);
    expect(statusWrites(written)).toEqual(['CANCELLED']);
    expect(eventTitles(written)).toEqual([['reservation-cancelled', 'guest called', ACTOR]]);
  });

  it('does not void again when a lookup finds the lost void made', async () => {
    const { gateway, calls } = scriptedGateway('void', [lost], { outcome: 'done', gatewayId: 'gw-void' });
    const { deps, written, context } = setUp(reservedState(), gateway);
    expect((await cancelReservation(deps, context, RESERVATION_UUID, { note: 'n' })).ok).toBe(true);
    expect(calls).toEqual([voidCall, lookupCall]);
    expect(statusWrites(written)).toEqual(['CANCELLED']);
  });

  it('voids again when a lookup finds the gateway never received the void', async () => {
    const { gateway, calls } = scriptedGateway('void', [lost, approved], { outcome: 'not-done' });
    const { deps, written, context } = setUp(reservedState(), gateway);
    expect((await cancelReservation(deps, context, RESERVATION_UUID, { note: 'n' })).ok).toBe(true);
    expect(calls).toEqual([voidCall, lookupCall, voidCall]);
    expect(statusWrites(written)).toEqual(['CANCELLED']);
  });

  it('stays cancelled when the outcome cannot be learnt (an authorization never released lapses at the issuer)', async () => {
    for (const [voids, lookup] of [
      [[lost], { outcome: 'unknown', message: 'unreachable' }],
      [[lost, lost], { outcome: 'not-done' }],
    ] as const) {
      const { gateway } = scriptedGateway('void', [...voids], lookup);
      const { deps, written, context } = setUp(reservedState(), gateway);
      expect((await cancelReservation(deps, context, RESERVATION_UUID, { note: 'n' })).ok).toBe(true);
      expect(statusWrites(written)).toEqual(['CANCELLED']);
      expect(eventTitles(written).map(([title]) => title)).toEqual(['reservation-cancelled']);
    }
  });

  it('puts the status back and answers 510 when the gateway refuses the void, even on the second try', async () => {
    for (const [voids, lookup] of [
      [[refused], undefined],
      [[lost, refused], { outcome: 'not-done' }],
    ] as const) {
      const { gateway } = scriptedGateway('void', [...voids], lookup);
      const { deps, written, context } = setUp(reservedState(), gateway);
      expect(await cancelReservation(deps, context, RESERVATION_UUID, { note: 'n' })).toEqual({
        ok: false,
        key: 'somethingWentWrong',
        errors: ['Payment Gateway Error: the acquirer is down'],
      });
      expect(statusWrites(written)).toEqual(['CANCELLED', 'RESERVED']);
      expect(eventTitles(written)).toEqual([]);
    }
  });

  it('answers orderNotFound for a reservation that is not the merchant’s', async () => {
    const { gateway, calls } = scriptedGateway('void', []);
    const { deps, context } = setUp(reservedState(), gateway);
    deps.lifecycle.decide = async () => undefined;
    expect(await cancelReservation(deps, context, RESERVATION_UUID, { note: 'n' })).toMatchObject({ ok: false, key: 'orderNotFound' });
    expect(calls).toEqual([]);
  });
});

describe('completing a captured reservation', () => {
  it('releases what is left of the authorization and records the completion', async () => {
    const { gateway, calls } = scriptedGateway('void', [approved]);
    const { deps, written, context } = setUp(reservedState({ transactions: [capture('CAP0000000001', { 1: 40_000 })] }), gateway);
    expect(await completeReservation(deps, context, RESERVATION_UUID, { note: 'checked out' })).toEqual({ ok: true, value: null });
    expect(calls).toEqual([voidCall]);
    expect(statusWrites(written)).toEqual(['COMPLETED']);
    expect(eventTitles(written)).toEqual([['reservation-completed', 'checked out', ACTOR]]);
  });

  it('asks the gateway nothing when everything was captured', async () => {
    const { gateway, calls } = scriptedGateway('void', []);
    const state = reservedState({ transactions: [capture('CAP0000000001', { 1: 100_000, 2: 20_000 })] });
    const { deps, written, context } = setUp(state, gateway);
    expect((await completeReservation(deps, context, RESERVATION_UUID, { note: 'n' })).ok).toBe(true);
    expect(calls).toEqual([]);
    expect(statusWrites(written)).toEqual(['COMPLETED']);
  });

  it('answers reservationNotFound for a reservation that is not the merchant’s', async () => {
    const { gateway } = scriptedGateway('void', []);
    const { deps, context } = setUp(reservedState(), gateway);
    deps.lifecycle.decide = async () => undefined;
    expect(await completeReservation(deps, context, RESERVATION_UUID, { note: 'n' })).toMatchObject({ ok: false, key: 'reservationNotFound' });
  });
});
