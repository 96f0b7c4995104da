/**
 * Capture Reservation (`POST connect/reservations/capture/{uuid}`, §4.4): take part or all of what
 * is reserved, per product line, as often as needed until the reserved amount is used up, within
 * the merchant's capture window (7 days after RESERVED by default, §10.11).
 */
import { z } from 'zod';
import { DAY } from '../kernel/clock.js';
import type { IdSource } from '../kernel/ids.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, optionalString, whenValid } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import { amountsByLine, Ledger, type MoneyTransaction, type ReservationState } from './ledger.js';
import type { Merchant } from './merchant.js';
import { amountLine, earlierMovement, moveMoney, pendingMovement, totalsMatch, type MovementRules, type PlannedMovement } from './money-movement.js';
import { startedBy, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, invalid, succeed, type Failure, type Outcome } from './outcome.js';
import { effectiveStatus } from './reservation.js';
import { reservationCallback } from './status-callback.js';
import type { Decision } from './write-plan.js';

export const captureRequest = z
  .object(
    {
      products: itemMap(amountLine).meta({ description: 'Reserved product lines (ids from Details productList) and the amount to capture on each.' }),
      grandTotal: amount('positive'),
      additionalText: optionalString(1000),
    },
    { error: MESSAGES.array },
  )
  .superRefine(totalsMatch, whenValid('products', 'grandTotal'));

export type CaptureRequest = z.output<typeof captureRequest>;

interface PlannedCapture extends PlannedMovement {
  authorizationId: string;
}

/** The capture rules, against the ledger as it stands in the deciding transaction. */
export function decideCapture(
  state: ReservationState,
  request: CaptureRequest,
  context: { now: number; merchant: Merchant; ids: IdSource; idempotencyKeyId?: number | undefined; started: { by: string; lookupAt: number } },
): Decision<Outcome<PlannedCapture>> {
  const refuse = (failure: Failure) => ({ result: failure });
  const { reservation } = state;
  const ledger = new Ledger(state);
  const earlier = earlierMovement(state, { kind: 'capture', planOf: planCapture }, context.idempotencyKeyId);
  if (earlier) return { result: succeed(earlier) };
  const status = effectiveStatus(reservation, context.now);
  if (status === 'CANCELLED') return refuse(fail('reservationStatusAlreadyCancelled'));
  if (status === 'COMPLETED') return refuse(fail('reservationStatusAlreadyCompleted'));
  if (status !== 'RESERVED' || !reservation.authorizationId || reservation.reservedAt === null) {
    return refuse(fail('prerequisiteFailedToCaptureReservation'));
  }

  const unknown = request.products.map((line, index) => ({ line, index })).filter(({ line }) => !state.lines.some((l) => l.id === line.id));
  if (unknown.length) return refuse(invalid(unknown.map(({ index }) => `The selected products.${index}.id is invalid: it is not a product line of this reservation.`)));
  if (context.now > reservation.reservedAt + context.merchant.captureWindowDays * DAY) return refuse(fail('paymentCaptureDeadlineExceed'));

  const perLine = amountsByLine(request.products);
  for (const line of state.lines) {
    const wanted = perLine.get(line.id);
    if (wanted !== undefined && wanted > ledger.capturableOnLine(line)) return refuse(fail('requestedCaptureAmountExceedAvailableCaptureRunway'));
  }

  const capture = { uuid: context.ids.id('CAP'), amount: request.grandTotal, authorizationId: reservation.authorizationId, reservation };
  const lines = [...perLine].map(([lineId, amount]) => ({ lineId, amount }));
  return {
    result: succeed(capture),
    plan: {
      transactions: [
        pendingMovement(reservation, {
          kind: 'capture',
          uuid: capture.uuid,
          amount: capture.amount,
          createdAt: context.now,
          note: request.additionalText,
          refundOf: null,
          source: null,
          lines,
          idempotencyKeyId: context.idempotencyKeyId,
          started: context.started,
        }),
      ],
    },
  };
}

function planCapture(state: ReservationState, capture: MoneyTransaction): PlannedCapture {
  return { uuid: capture.uuid, amount: capture.amount, authorizationId: state.reservation.authorizationId ?? '', reservation: state.reservation };
}

/** What a capture is at the gateway and what it leaves behind, for the request and for the reconciler. */
export function captureRules(ids: IdSource, actor: string): MovementRules<PlannedCapture, { uuid: string }> {
  return {
    kind: 'capture',
    planOf: planCapture,
    send: (gateway, capture) =>
      gateway.capture({ reference: capture.uuid, authorizationId: capture.authorizationId, amount: capture.amount, currency: capture.reservation.currency }),
    lookup: (capture) => ({ kind: 'capture', reference: capture.uuid, on: capture.authorizationId }),
    settled: (capture, at) => ({
      outcome: succeed({ uuid: capture.uuid }),
      events: [
        historyEvent(capture.reservation, 'amount-captured-from-reservation', at, {
          subjectUuid: capture.uuid,
          note: capture.uuid,
          actionBy: actor,
          paymentMethod: capture.reservation.paymentMethod,
          isRefundable: true,
          amount: capture.amount,
        }),
      ],
      callback: reservationCallback(ids, capture.reservation, { status: 'CAPTURED', subjectUuid: capture.uuid, amount: capture.amount, at }),
    }),
  };
}

export function captureReservation(deps: LifecycleDependencies, context: OperationContext<{ uuid: string }>, uuid: string, body: unknown): Promise<Outcome<{ uuid: string }>> {
  return moveMoney(deps, context, uuid, body, {
    ...captureRules(deps.ids, context.actor),
    schema: captureRequest,
    notFound: 'reservationNotFound',
    decide: (state, request, now) =>
      decideCapture(state, request, { now, merchant: context.merchant, ids: deps.ids, idempotencyKeyId: context.idempotencyKeyId, started: startedBy(deps, context) }),
  });
}
