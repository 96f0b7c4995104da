/**
 * A capture whose gateway answer was lost (src/reservations/money-movement.ts), with an in-memory
 * repository and a scripted gateway: it stays pending and answers 510 saying so; a retry with the
 * same Idempotency-Key asks the gateway what became of it and sends it again only if the gateway
 * never received it. Captures stand for charges and refunds, which share this path.
 */
import { describe, expect, it } from 'vitest';
import { captureReservation } from '../src/reservations/capture-reservation.js';
import type { ReservationState } from '../src/reservations/ledger.js';
import type { PaymentGateway } from '../src/reservations/ports.js';
import { memoryDependencies, scriptedGateway } from './support/memory-lifecycle.js';
import { AUTHORIZATION_ID, capture, merchant, RESERVATION_UUID, RESERVED_AT, reservedState } from './support/reservation-state.js';

const NOW = RESERVED_AT + 3_600_000;
const KEY = 41;
const body = { products: { 0: { id: 1, amount: 400 } }, grandTotal: 400 };

function setUp(state: ReservationState, gateway: PaymentGateway) {
  const responses: unknown[] = [];
  const context = {
    merchant: merchant(),
    actor: 'fpgo_test_ab12',
    idempotencyKeyId: KEY,
    responseFor: (outcome: unknown) => {
      responses.push(outcome);
      return { keyId: KEY, status: 200, contentType: 'application/json', body: JSON.stringify(outcome) };
    },
  };
  return { ...memoryDependencies(state, gateway, NOW), context, responses };
}

/** The reservation with a capture of 400.00 that this key started before, in `state`. */
const startedBefore = (state: 'pending' | 'succeeded' | 'failed') =>
  reservedState({ transactions: [capture('CAP0000000009', { 1: 40_000 }, { state, idempotencyKeyId: KEY })] });
const lookupCall = ['lookup', { kind: 'capture', reference: 'CAP0000000009', on: AUTHORIZATION_ID }];

describe('a capture whose answer is lost', () => {
  it('stays pending, answers 510 saying the outcome is unknown, and is looked up again in a minute', async () => {
    const { gateway } = scriptedGateway('capture', [{ outcome: 'unknown', message: 'The gateway did not answer in time.' }]);
    const { deps, written, context } = setUp(reservedState(), gateway);
    const outcome = await captureReservation(deps, context, RESERVATION_UUID, body);
    expect(outcome).toMatchObject({ ok: false, key: 'somethingWentWrong', unresolved: true });
    expect(!outcome.ok && outcome.errors?.[0]).toBe(
      'Payment Gateway Error: The gateway did not answer in time. The outcome of the capture CAP0000000001 is unknown: it stays pending (its amount stays held) ' +
        'until fpgo learns it from the gateway. Retry with the same Idempotency-Key to learn it; a new request would not move the money twice.',
    );
    expect(written.map((plan) => plan.transactions?.map((t) => [t.uuid, t.state, t.amount]) ?? plan.lookUpAgain)).toEqual([
      [['CAP0000000001', 'pending', 40_000]],
      [{ uuid: 'CAP0000000001', at: NOW + 60_000 }],
    ]);
  });
});

describe('a retry with the same Idempotency-Key', () => {
  it('learns from the gateway that the capture was made, and settles it without capturing again', async () => {
    const { gateway, calls } = scriptedGateway('capture', [], { outcome: 'done', gatewayId: 'gw-cap-9' });
    const { deps, written, context } = setUp(startedBefore('pending'), gateway);
    expect(await captureReservation(deps, context, RESERVATION_UUID, body)).toEqual({ ok: true, value: { uuid: 'CAP0000000009' } });
    expect(calls).toEqual([lookupCall]);
    expect(written.flatMap((plan) => plan.settle ?? [])).toEqual([{ uuid: 'CAP0000000009', state: 'succeeded', gatewayId: 'gw-cap-9', at: NOW }]);
  });

  it('captures again only when the gateway never received the capture, under the same reference', async () => {
    const { gateway, calls } = scriptedGateway('capture', [{ outcome: 'approved', gatewayId: 'gw-cap-10' }], { outcome: 'not-done' });
    const { deps, written, context } = setUp(startedBefore('pending'), gateway);
    expect(await captureReservation(deps, context, RESERVATION_UUID, body)).toEqual({ ok: true, value: { uuid: 'CAP0000000009' } });
    expect(calls).toEqual([lookupCall, ['capture', { reference: 'CAP0000000009', authorizationId: AUTHORIZATION_ID, amount: 40_000, currency: 'NOK' }]]);
    expect(written.flatMap((plan) => plan.settle ?? [])).toEqual([{ uuid: 'CAP0000000009', state: 'succeeded', gatewayId: 'gw-cap-10', at: NOW }]);
  });

  it('still answers unknown, without capturing, while the gateway cannot say', async () => {
    const { gateway, calls } = scriptedGateway('capture', [], { outcome: 'unknown', message: 'The gateway cannot be reached.' });
    const { deps, written, context } = setUp(startedBefore('pending'), gateway);
    expect(await captureReservation(deps, context, RESERVATION_UUID, body)).toMatchObject({ ok: false, unresolved: true });
    expect(calls).toEqual([lookupCall]);
    expect(written).toEqual([{ lookUpAgain: [{ uuid: 'CAP0000000009', at: NOW + 60_000 }] }]);
  });

  it('gets the answer the capture earned once something else settled it, asking the gateway nothing', async () => {
    const { gateway, calls } = scriptedGateway('capture', []);
    const { deps, written, context, responses } = setUp(startedBefore('succeeded'), gateway);
    expect(await captureReservation(deps, context, RESERVATION_UUID, body)).toEqual({ ok: true, value: { uuid: 'CAP0000000009' } });
    expect(calls).toEqual([]);
    expect(responses).toEqual([{ ok: true, value: { uuid: 'CAP0000000009' } }]);
    expect(written).toEqual([{ response: { keyId: KEY, status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { uuid: 'CAP0000000009' } }) } }]);
  });

  it('is told the capture was never made once a lookup found that, asking the gateway nothing more', async () => {
    const { gateway, calls } = scriptedGateway('capture', []);
    const { deps, written, context } = setUp(startedBefore('failed'), gateway);
    const outcome = await captureReservation(deps, context, RESERVATION_UUID, body);
    expect(outcome).toMatchObject({ ok: false, key: 'somethingWentWrong' });
    expect(!outcome.ok && outcome.errors?.[0]).toContain('the capture CAP0000000009, started by an earlier request with this Idempotency-Key, was not made');
    expect([calls, written]).toEqual([[], []]);
  });
});
