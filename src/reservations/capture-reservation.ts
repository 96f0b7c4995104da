/**
 * Capture Reservation (`POST connect/reservations/capture/{uuid}`, §4.4): take part or all of what
 * is reserved, per product line, as often as needed until the reserved amount is used up, within
 * the merchant's capture window (7 days after RESERVED by default, §10.11).
 */
import { z } from 'zod';
import { reservationCallback } from '../callbacks/callback.js';
import { merchantNow } from '../merchants/merchant-clock.js';
import type { Merchant } from '../merchants/merchant.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, optionalString, positiveInteger, whenValid } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import type { IdSource } from './ids.js';
import { Ledger, type ReservationState } from './ledger.js';
import type { Decision } from './lifecycle.js';
import { sumMinor, type MinorUnits } from './money.js';
import { DAY, settleMovement, validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, invalid, succeed, type Failure, type Outcome } from './outcome.js';
import { effectiveStatus, type Reservation } from './reservation.js';

/** A product line id and an amount on it (capture and refund bodies). */
export const amountLine = z.object({ id: positiveInteger(), amount: amount('positive') }, { error: MESSAGES.array });

/** `grandTotal` must be exactly the sum of the lines: money is never guessed. */
export function totalsMatch(body: { products: { amount: MinorUnits }[]; grandTotal: MinorUnits }, ctx: z.RefinementCtx): void {
  if (sumMinor(body.products.map((line) => line.amount)) !== body.grandTotal) {
    ctx.addIssue({ code: 'custom', path: ['grandTotal'], message: "The :attribute field must equal the sum of the products' amounts." });
  }
}

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

interface PlannedCapture {
  uuid: string;
  amount: MinorUnits;
  authorizationId: string;
  reservation: Reservation;
}

/** The capture rules, against the ledger as it stands in the deciding transaction. */
export function decideCapture(
  state: ReservationState,
  request: CaptureRequest,
  context: { now: number; merchant: Merchant; ids: IdSource; idempotencyKeyId?: number | undefined },
): Decision<Outcome<PlannedCapture>> {
  const refuse = (failure: Failure) => ({ result: failure });
  const { reservation } = state;
  const unfinished = new Ledger(state).unfinished('capture', context.idempotencyKeyId);
  if (unfinished && reservation.authorizationId) {
    return { result: succeed({ uuid: unfinished.uuid, amount: unfinished.amount, authorizationId: reservation.authorizationId, reservation }) };
  }
  const status = effectiveStatus(reservation, context.now);
  if (status === 'CANCELLED') return refuse(fail('reservationStatusAlreadyCancelled'));
  if (status === 'COMPLETED') return refuse(fail('reservationStatusAlreadyCompleted'));
  if (status !== 'RESERVED' || !reservation.authorizationId || reservation.reservedAt === null) {
    return refuse(fail('prerequisiteFailedToCaptureReservation'));
  }

  const unknown = request.products.map((line, index) => ({ line, index })).filter(({ line }) => !state.lines.some((l) => l.id === line.id));
  if (unknown.length) return refuse(invalid(unknown.map(({ index }) => `The selected products.${index}.id is invalid: it is not a product line of this reservation.`)));
  if (context.now > reservation.reservedAt + context.merchant.captureWindowDays * DAY) return refuse(fail('paymentCaptureDeadlineExceed'));

  const ledger = new Ledger(state);
  const perLine = new Map<number, MinorUnits>();
  for (const line of request.products) perLine.set(line.id, (perLine.get(line.id) ?? 0) + line.amount);
  for (const [lineId, wanted] of perLine) {
    if (wanted > ledger.capturableOnLine(state.lines.find((l) => l.id === lineId)!)) return refuse(fail('requestedCaptureAmountExceedAvailableCaptureRunway'));
  }

  const capture = { uuid: context.ids.id('CAP'), amount: request.grandTotal, authorizationId: reservation.authorizationId, reservation };
  return {
    result: succeed(capture),
    plan: {
      transactions: [
        {
          uuid: capture.uuid,
          merchantId: reservation.merchantId,
          reservationUuid: reservation.uuid,
          kind: 'capture',
          state: 'pending',
          amount: capture.amount,
          createdAt: context.now,
          gatewayId: null,
          note: request.additionalText,
          refundOf: null,
          source: null,
          idempotencyKeyId: context.idempotencyKeyId ?? null,
          lines: [...perLine].map(([lineId, amount]) => ({ lineId, amount })),
        },
      ],
    },
  };
}

export async function captureReservation(deps: LifecycleDependencies, context: OperationContext<{ uuid: string }>, uuid: string, body: unknown): Promise<Outcome<{ uuid: string }>> {
  const { merchant } = context;
  const decided = await validateAndDecide(deps, context, uuid, body, {
    schema: captureRequest,
    notFound: 'reservationNotFound',
    decide: (state, request, now) => decideCapture(state, request, { now, merchant, ids: deps.ids, idempotencyKeyId: context.idempotencyKeyId }),
  });
  if (!decided.ok) return decided;
  const capture = decided.value;
  const { reservation } = capture;
  const answer = await deps.gateway.capture({ reference: capture.uuid, authorizationId: capture.authorizationId, amount: capture.amount, currency: reservation.currency });
  const at = merchantNow(deps.clock, merchant);
  return settleMovement(deps, context, capture.uuid, at, answer.outcome === 'approved' ? { outcome: 'approved', gatewayId: answer.paymentId } : answer, () => ({
    outcome: succeed({ uuid: capture.uuid }),
    events: [
      historyEvent(reservation, 'amount-captured-from-reservation', at, {
        subjectUuid: capture.uuid,
        note: capture.uuid,
        actionBy: context.actor,
        paymentMethod: reservation.paymentMethod,
        isRefundable: true,
        amount: capture.amount,
      }),
    ],
    callback: reservationCallback(deps.ids, reservation, { status: 'CAPTURED', subjectUuid: capture.uuid, amount: capture.amount, at }),
  }));
}
