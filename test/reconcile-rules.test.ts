/**
 * Resolving a movement whose gateway answer was lost (src/reservations/reconcile-movement.ts), with
 * an in-memory repository and a gateway that only answers lookups: what is written for each answer,
 * and that the gateway is only ever asked, never told to act again. test/gateways.test.ts runs the
 * same through the server, the background reconciler and `fpgo reconcile`.
 */
import { describe, expect, it } from 'vitest';
import type { ReservationState } from '../src/reservations/ledger.js';
import type { LookupAnswer, MovementLookup, PaymentGateway, PendingLookup } from '../src/reservations/ports.js';
import { LOOK_AGAIN_MS, reconcileDue, reconcileMovement, type ReconcileDependencies } from '../src/reservations/reconcile-movement.js';
import { memoryLifecycle, onlyGateway } from './support/memory-lifecycle.js';
import { AUTHORIZATION_ID, CARD_TOKEN, capture, charge, chargeLine, fixedIds, merchant, RESERVATION_UUID, RESERVED_AT, reservedState } from './support/reservation-state.js';

const NOW = RESERVED_AT + 3_600_000;
const pending = (uuid: string): PendingLookup => ({ merchant: merchant(), reservationUuid: RESERVATION_UUID, uuid });

/** A gateway that answers lookups as told and fails the test if asked to act. */
function lookupGateway(answer: LookupAnswer): PaymentGateway & { asked: MovementLookup[] } {
  const asked: MovementLookup[] = [];
  const lookup = async (request: MovementLookup) => {
    asked.push(request);
    return answer;
  };
  return Object.assign(onlyGateway({ lookup }), { asked });
}

function setUp(state: ReservationState | undefined, gateway: PaymentGateway | null) {
  const { lifecycle, written } = memoryLifecycle(state);
  const claims: unknown[][] = [];
  lifecycle.claimLookups = async (...args) => {
    claims.push(args);
    return [pending('CAP0000000001')];
  };
  const deps: ReconcileDependencies = { clock: { now: () => NOW }, ids: fixedIds(), gateways: { forMerchant: () => gateway }, lifecycle };
  return { deps, written, claims };
}

const pendingCapture = () =>
  reservedState({ reservation: { callbackUrl: 'https://shop.example/fpgo' }, transactions: [capture('CAP0000000001', { 1: 40_000 }, { state: 'pending' })] });

describe('a movement whose answer was lost', () => {
  it('is settled as made, with its history event and callback, when the gateway says it was done', async () => {
    const gateway = lookupGateway({ outcome: 'done', gatewayId: 'gw-77' });
    const { deps, written } = setUp(pendingCapture(), gateway);
    expect(await reconcileMovement(deps, pending('CAP0000000001'))).toBe('done');
    expect(gateway.asked).toEqual([{ kind: 'capture', reference: 'CAP0000000001', on: AUTHORIZATION_ID }]);
    expect(written).toHaveLength(1);
    expect(written[0]!.settle).toEqual([{ uuid: 'CAP0000000001', state: 'succeeded', gatewayId: 'gw-77', at: NOW }]);
    expect(written[0]!.events?.map((e) => [e.title, e.subjectUuid, e.amount])).toEqual([['amount-captured-from-reservation', 'CAP0000000001', 40_000]]);
    expect(written[0]!.callbacks?.map((c) => [c.status, c.subjectUuid, c.amount])).toEqual([['CAPTURED', 'CAP0000000001', 40_000]]);
  });

  it('is settled as failed, freeing its amount, when the gateway never made it', async () => {
    const { deps, written } = setUp(pendingCapture(), lookupGateway({ outcome: 'not-done' }));
    expect(await reconcileMovement(deps, pending('CAP0000000001'))).toBe('not-done');
    expect(written).toEqual([{ settle: [{ uuid: 'CAP0000000001', state: 'failed', gatewayId: null, at: NOW }] }]);
  });

  it('stays pending, to be asked about again in five minutes, while the gateway does not know', async () => {
    const { deps, written } = setUp(pendingCapture(), lookupGateway({ outcome: 'unknown', message: 'the gateway is unreachable' }));
    expect(await reconcileMovement(deps, pending('CAP0000000001'))).toBe('unknown');
    expect(written).toEqual([{ lookUpAgain: [{ uuid: 'CAP0000000001', at: NOW + LOOK_AGAIN_MS }] }]);
    expect(LOOK_AGAIN_MS).toBe(5 * 60_000);
  });

  it('asks about a charge on the stored card, and settles it with its own event', async () => {
    const state = reservedState({
      transactions: [charge('CHA0000000001', {}, { amount: 5_000 }), charge('CHA0000000002', {}, { amount: 2_000, state: 'pending' })],
      chargeLines: [chargeLine(3, 'CHA0000000001', 5_000), chargeLine(4, 'CHA0000000002', 2_000, 'Parking')],
    });
    const gateway = lookupGateway({ outcome: 'done', gatewayId: 'gw-88' });
    const { deps, written } = setUp(state, gateway);
    expect(await reconcileMovement(deps, pending('CHA0000000002'))).toBe('done');
    expect(gateway.asked).toEqual([{ kind: 'charge', reference: 'CHA0000000002', on: CARD_TOKEN }]);
    expect(written[0]!.events?.map((e) => [e.title, e.subjectUuid, e.amount])).toEqual([['amount-charged-from-card', 'CHA0000000002', 2_000]]);
  });

  it('asks about a refund by the gateway id of what it refunds', async () => {
    const state = reservedState({
      transactions: [capture('CAP0000000001', { 1: 40_000 }), { ...capture('REF0000000001', { 1: 1_000 }, { state: 'pending' }), kind: 'refund', refundOf: 'CAP0000000001', source: 'captured' }],
    });
    const gateway = lookupGateway({ outcome: 'done', gatewayId: 'gw-99' });
    const { deps, written } = setUp(state, gateway);
    expect(await reconcileMovement(deps, pending('REF0000000001'))).toBe('done');
    expect(gateway.asked).toEqual([{ kind: 'refund', reference: 'REF0000000001', on: 'gw-CAP0000000001' }]);
    expect(written[0]!.events?.map((e) => e.title)).toEqual(['refund-sent-from-captured']);
  });

  it('is left alone once settled by anything else meanwhile, or when its reservation is gone', async () => {
    const settled = reservedState({ transactions: [capture('CAP0000000001', { 1: 40_000 })] });
    for (const state of [settled, reservedState(), undefined]) {
      const gateway = lookupGateway({ outcome: 'done', gatewayId: 'gw-1' });
      const { deps, written } = setUp(state, gateway);
      expect(await reconcileMovement(deps, pending('CAP0000000001'))).toBe('settled-already');
      expect([gateway.asked, written]).toEqual([[], []]);
    }
  });

  it('is looked up again in five minutes when no gateway serves its merchant any more', async () => {
    const { deps, written } = setUp(pendingCapture(), null);
    expect(await reconcileMovement(deps, pending('CAP0000000001'))).toBe('no-gateway');
    expect(written).toEqual([{ lookUpAgain: [{ uuid: 'CAP0000000001', at: NOW + LOOK_AGAIN_MS }] }]);
  });
});

describe('the movements due for a lookup', () => {
  it('are claimed for two minutes, 50 at a time unless told otherwise, and each one reported', async () => {
    const { deps, claims } = setUp(pendingCapture(), lookupGateway({ outcome: 'done', gatewayId: 'gw-1' }));
    expect(await reconcileDue(deps)).toEqual([{ uuid: 'CAP0000000001', result: 'done' }]);
    expect(await reconcileDue(deps, { limit: 5, only: 'CAP0000000001' })).toEqual([{ uuid: 'CAP0000000001', result: 'done' }]);
    expect(claims).toEqual([
      [NOW, NOW + 120_000, 50, undefined],
      [NOW, NOW + 120_000, 5, 'CAP0000000001'],
    ]);
  });
});
