/**
 * Refund Reservation (`POST connect/reservations/refund/{uuid}`, §4.9): return money of one capture
 * (CAP…) or one charge (CHA…), per product line, in several partial refunds up to what was taken.
 * A charge of a reservation created with `isChargePartiallyRefundable: false` can only be refunded
 * whole (§10.17).
 */
import { z } from 'zod';
import type { IdSource } from '../kernel/ids.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, oneOf, requiredString, whenValid } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import { amountsByLine, Ledger, type MoneyTransaction, type RefundSource, type ReservationState } from './ledger.js';
import { amountLine, earlierMovement, moveMoney, pendingMovement, totalsMatch, type MovementRules, type PlannedMovement } from './money-movement.js';
import { startedBy, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import type { Decision } from './write-plan.js';

export const refundRequest = z
  .object(
    {
      type: oneOf(['reservation']),
      grandTotal: amount('positive'),
      products: itemMap(amountLine).meta({
        description: 'Lines of the referenced capture (reserved line ids) or charge (its own line ids) and the amount to refund on each.',
      }),
      source: oneOf(['captured', 'charged']),
      reference: requiredString(32).meta({ description: 'The CAP… id of a capture (source captured) or the CHA… id of a charge (source charged).' }),
    },
    { error: MESSAGES.array },
  )
  .superRefine(totalsMatch, whenValid('products', 'grandTotal'));

export type RefundRequest = z.output<typeof refundRequest>;

interface PlannedRefund extends PlannedMovement {
  of: MoneyTransaction;
  source: RefundSource;
}

export function decideRefund(
  state: ReservationState,
  request: RefundRequest,
  context: { now: number; ids: IdSource; idempotencyKeyId?: number | undefined; started: { by: string; lookupAt: number } },
): Decision<Outcome<PlannedRefund>> {
  const refuse = (failure: Failure) => ({ result: failure });
  const { reservation } = state;
  const kind = request.source === 'captured' ? 'capture' : 'charge';
  const ledger = new Ledger(state);
  const of = ledger.transactions(kind).find((t) => t.uuid === request.reference);
  if (!of) return refuse(fail('refundRejectionForTransactionNotFound'));
  const earlier = earlierMovement(state, { kind: 'refund', planOf: planRefund }, context.idempotencyKeyId);
  if (earlier) return { result: succeed(earlier) };

  const perLine = amountsByLine(request.products);
  if ([...perLine.keys()].some((lineId) => !of.lines.some((l) => l.lineId === lineId))) return refuse(fail('requestProductIdNotAvailable'));
  for (const [lineId, wanted] of perLine) {
    if (wanted > ledger.refundableOnLine(of, lineId)) return refuse(fail('refundRejectionForRefundRequestGreaterThanOrderAmount'));
  }
  // Whole means all of it: after the per-line limits above, any earlier refund would have made this request too big.
  const whole = request.grandTotal === of.amount;
  if (kind === 'charge' && !reservation.chargePartiallyRefundable && !whole) return refuse(fail('partialRefundNotAllowedForCharge'));

  const refund = { uuid: context.ids.id('REF'), amount: request.grandTotal, of, source: request.source, reservation };
  return {
    result: succeed(refund),
    plan: {
      transactions: [
        pendingMovement(reservation, {
          kind: 'refund',
          uuid: refund.uuid,
          amount: refund.amount,
          createdAt: context.now,
          note: null,
          refundOf: of.uuid,
          source: request.source,
          lines: [...perLine].map(([lineId, amount]) => ({ lineId, amount })),
          idempotencyKeyId: context.idempotencyKeyId,
          started: context.started,
        }),
      ],
    },
  };
}

function planRefund(state: ReservationState, refund: MoneyTransaction): PlannedRefund {
  const of = state.transactions.find((t) => t.uuid === refund.refundOf)!;
  return { uuid: refund.uuid, amount: refund.amount, of, source: refund.source ?? 'captured', reservation: state.reservation };
}

/** What a refund is at the gateway and what it leaves behind, for the request and for the reconciler. */
export function refundRules(actor: string): MovementRules<PlannedRefund, null> {
  return {
    kind: 'refund',
    planOf: planRefund,
    send: (gateway, refund) => gateway.refund({ reference: refund.uuid, paymentId: refund.of.gatewayId ?? '', amount: refund.amount, currency: refund.reservation.currency }),
    lookup: (refund) => ({ kind: 'refund', reference: refund.uuid, on: refund.of.gatewayId ?? '' }),
    settled: (refund, at) => {
      const { reservation } = refund;
      const fromCharge = refund.source === 'charged';
      const common = { actionBy: actor, paymentMethod: reservation.paymentMethod, amount: refund.amount };
      return {
        outcome: succeed(null),
        events: [
          historyEvent(reservation, fromCharge ? 'refund-sent-from-charged' : 'refund-sent-from-captured', at, { ...common, note: refund.of.uuid }),
          ...(fromCharge ? [historyEvent(reservation, 'refund-sent', at, { ...common, subjectUuid: refund.of.uuid })] : []),
        ],
      };
    },
  };
}

export function refundReservation(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown): Promise<Outcome<null>> {
  return moveMoney(deps, context, uuid, body, {
    ...refundRules(context.actor),
    schema: refundRequest,
    notFound: 'orderNotFound',
    decide: (state, request, now) => decideRefund(state, request, { now, ids: deps.ids, idempotencyKeyId: context.idempotencyKeyId, started: startedBy(deps, context) }),
  });
}
