/**
 * Refund Reservation (`POST connect/reservations/refund/{uuid}`, §4.9): return money of one capture
 * (CAP…) or one charge (CHA…), per product line, in several partial refunds up to what was taken.
 * A charge of a reservation created with `isChargePartiallyRefundable: false` can only be refunded
 * whole (§10.17).
 */
import { z } from 'zod';
import { merchantNow } from '../merchants/merchant-clock.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, oneOf, requiredString, whenValid } from '../validation/rules.js';
import { amountLine, totalsMatch } from './capture-reservation.js';
import { historyEvent } from './history-events.js';
import type { IdSource } from './ids.js';
import { Ledger, type MoneyTransaction, type RefundSource, type ReservationState } from './ledger.js';
import type { Decision } from './lifecycle.js';
import type { MinorUnits } from './money.js';
import { settleMovement, validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import type { Reservation } from './reservation.js';

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

interface PlannedRefund {
  uuid: string;
  amount: MinorUnits;
  of: MoneyTransaction;
  source: RefundSource;
  reservation: Reservation;
}

export function decideRefund(
  state: ReservationState,
  request: RefundRequest,
  context: { now: number; ids: IdSource; idempotencyKeyId?: number | undefined },
): Decision<Outcome<PlannedRefund>> {
  const refuse = (failure: Failure) => ({ result: failure });
  const kind = request.source === 'captured' ? 'capture' : 'charge';
  const ledger = new Ledger(state);
  const of = ledger.transactions(kind).find((t) => t.uuid === request.reference);
  if (!of) return refuse(fail('refundRejectionForTransactionNotFound'));
  const unfinished = ledger.unfinished('refund', context.idempotencyKeyId);
  if (unfinished) return { result: succeed({ uuid: unfinished.uuid, amount: unfinished.amount, of, source: request.source, reservation: state.reservation }) };

  const perLine = new Map<number, MinorUnits>();
  for (const line of request.products) perLine.set(line.id, (perLine.get(line.id) ?? 0) + line.amount);
  if ([...perLine.keys()].some((lineId) => !of.lines.some((l) => l.lineId === lineId))) return refuse(fail('requestProductIdNotAvailable'));
  for (const [lineId, wanted] of perLine) {
    if (wanted > ledger.refundableOnLine(of, lineId)) return refuse(fail('refundRejectionForRefundRequestGreaterThanOrderAmount'));
  }
  const whole = ledger.refundedOf(of.uuid, true) === 0 && request.grandTotal === of.amount;
  if (kind === 'charge' && !state.reservation.chargePartiallyRefundable && !whole) return refuse(fail('partialRefundNotAllowedForCharge'));

  const refund = { uuid: context.ids.id('REF'), amount: request.grandTotal, of, source: request.source, reservation: state.reservation };
  return {
    result: succeed(refund),
    plan: {
      transactions: [
        {
          uuid: refund.uuid,
          merchantId: state.reservation.merchantId,
          reservationUuid: state.reservation.uuid,
          kind: 'refund',
          state: 'pending',
          amount: refund.amount,
          createdAt: context.now,
          gatewayId: null,
          note: null,
          refundOf: of.uuid,
          source: request.source,
          idempotencyKeyId: context.idempotencyKeyId ?? null,
          lines: [...perLine].map(([lineId, amount]) => ({ lineId, amount })),
        },
      ],
    },
  };
}

export async function refundReservation(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown): Promise<Outcome<null>> {
  const { merchant } = context;
  const decided = await validateAndDecide(deps, context, uuid, body, {
    schema: refundRequest,
    notFound: 'orderNotFound',
    decide: (state, request, now) => decideRefund(state, request, { now, ids: deps.ids, idempotencyKeyId: context.idempotencyKeyId }),
  });
  if (!decided.ok) return decided;
  const refund = decided.value;
  const { reservation } = refund;

  const answer = await deps.gateway.refund({ reference: refund.uuid, paymentId: refund.of.gatewayId ?? '', amount: refund.amount, currency: reservation.currency });
  const at = merchantNow(deps.clock, merchant);
  const fromCharge = refund.source === 'charged';
  return settleMovement(deps, context, refund.uuid, at, answer.outcome === 'approved' ? { outcome: 'approved', gatewayId: answer.refundId } : answer, () => ({
    outcome: succeed(null),
    events: [
      historyEvent(reservation, fromCharge ? 'refund-sent-from-charged' : 'refund-sent-from-captured', at, {
        note: refund.of.uuid,
        actionBy: context.actor,
        paymentMethod: reservation.paymentMethod,
        amount: refund.amount,
      }),
      ...(fromCharge ? [historyEvent(reservation, 'refund-sent', at, { subjectUuid: refund.of.uuid, actionBy: context.actor, paymentMethod: reservation.paymentMethod, amount: refund.amount })] : []),
    ],
  }));
}
