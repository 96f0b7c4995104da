/**
 * Charge Reservation (`POST connect/reservations/charge/{uuid}`, §4.5): a merchant-initiated
 * payment on the card stored when the customer paid, for new product lines (the minibar after
 * check-out). Allowed for `chargeValidity` minutes after RESERVED (90 days without it, §10.7), up
 * to the merchant's charge limit per reservation (paymentChargeRunwayExceed).
 */
import { z } from 'zod';
import { reservationCallback } from '../callbacks/callback.js';
import type { Merchant } from '../merchants/merchant.js';
import { merchantNow } from '../merchants/merchant-clock.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, optionalString, whenValid } from '../validation/rules.js';
import { totalsMatch } from './capture-reservation.js';
import { productLine } from './create-request.js';
import { historyEvent } from './history-events.js';
import type { IdSource } from './ids.js';
import { Ledger, type ChargeLine, type ReservationState } from './ledger.js';
import type { Decision } from './lifecycle.js';
import { toMajorNumber, type MinorUnits } from './money.js';
import { DAY, MINUTE, settleMovement, validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import { effectiveStatus, type Reservation } from './reservation.js';

export const DEFAULT_CHARGE_VALIDITY_MS = 90 * DAY;

export const chargeRequest = z
  .object(
    {
      products: itemMap(productLine).meta({ description: 'The new product lines to charge; each gets an integer id (for refunds).' }),
      grandTotal: amount('positive'),
      additionalText: optionalString(1000),
    },
    { error: MESSAGES.array },
  )
  .superRefine(totalsMatch, whenValid('products', 'grandTotal'));

export type ChargeRequest = z.output<typeof chargeRequest>;

export interface ChargeResult {
  uuid: string;
  products: { id: number; name: string; amount: number }[];
}

interface PlannedCharge {
  uuid: string;
  amount: MinorUnits;
  cardToken: string;
  reservation: Reservation;
  customerEmail: string;
  /** The lines of a resumed charge (a new one gets its line ids when it is written). */
  lines: ChargeLine[];
}

/** The last instant the stored card may be charged. */
export function chargeDeadline(reservation: Pick<Reservation, 'reservedAt' | 'chargeValidityMinutes'>): number | null {
  if (reservation.reservedAt === null) return null;
  const validity = reservation.chargeValidityMinutes === null ? DEFAULT_CHARGE_VALIDITY_MS : reservation.chargeValidityMinutes * MINUTE;
  return reservation.reservedAt + validity;
}

export function decideCharge(
  state: ReservationState,
  request: ChargeRequest,
  context: { now: number; merchant: Merchant; ids: IdSource; idempotencyKeyId?: number | undefined },
): Decision<Outcome<PlannedCharge>> {
  const refuse = (failure: Failure) => ({ result: failure });
  const { reservation } = state;
  if (!state.card) return refuse(fail('paymentCardNotFound'));
  const base = { cardToken: state.card.token, reservation, customerEmail: state.customer.email };
  const unfinished = new Ledger(state).unfinished('charge', context.idempotencyKeyId);
  if (unfinished) {
    return { result: succeed({ ...base, uuid: unfinished.uuid, amount: unfinished.amount, lines: state.chargeLines.filter((l) => l.chargeUuid === unfinished.uuid) }) };
  }
  const status = effectiveStatus(reservation, context.now);
  if (status === 'CANCELLED') return refuse(fail('reservationStatusAlreadyCancelled'));
  if (status === 'COMPLETED') return refuse(fail('reservationStatusAlreadyCompleted'));
  if (context.now > chargeDeadline(reservation)!) return refuse(fail('paymentChargeDeadlineExceed'));
  if (new Ledger(state).total('charge', true) + request.grandTotal > context.merchant.chargeLimit) return refuse(fail('paymentChargeRunwayExceed'));

  const charge = { ...base, uuid: context.ids.id('CHA'), amount: request.grandTotal, lines: [] };
  return {
    result: succeed(charge),
    plan: {
      transactions: [
        {
          uuid: charge.uuid,
          merchantId: reservation.merchantId,
          reservationUuid: reservation.uuid,
          kind: 'charge',
          state: 'pending',
          amount: charge.amount,
          createdAt: context.now,
          gatewayId: null,
          note: request.additionalText,
          refundOf: null,
          source: null,
          idempotencyKeyId: context.idempotencyKeyId ?? null,
          lines: [],
        },
      ],
      chargeLines: request.products.map((line, position) => ({ ...line, position, chargeUuid: charge.uuid, reservationUuid: reservation.uuid })),
    },
  };
}

export async function chargeReservation(deps: LifecycleDependencies, context: OperationContext<ChargeResult>, uuid: string, body: unknown): Promise<Outcome<ChargeResult>> {
  const { merchant } = context;
  const decided = await validateAndDecide(deps, context, uuid, body, {
    schema: chargeRequest,
    notFound: 'reservationNotFound',
    decide: (state, request, now) => decideCharge(state, request, { now, merchant, ids: deps.ids, idempotencyKeyId: context.idempotencyKeyId }),
  });
  if (!decided.ok) return decided;
  const charge = decided.value;
  const { reservation } = charge;

  const answer = await deps.gateway.charge({ reference: charge.uuid, cardToken: charge.cardToken, amount: charge.amount, currency: reservation.currency });
  const at = merchantNow(deps.clock, merchant);
  return settleMovement(deps, context, charge.uuid, at, answer.outcome === 'approved' ? { outcome: 'approved', gatewayId: answer.paymentId } : answer, () => ({
    outcome: succeed({
      uuid: charge.uuid,
      products: (charge.lines.length ? charge.lines : decided.chargeLines).map((line) => ({ id: line.id, name: line.name, amount: toMajorNumber(line.amount) })),
    }),
    events: [
      historyEvent(reservation, 'amount-charged-from-card', at, {
        subjectUuid: charge.uuid,
        note: charge.uuid,
        sentTo: charge.customerEmail,
        actionBy: context.actor,
        paymentMethod: reservation.paymentMethod,
        isRefundable: true,
        amount: charge.amount,
      }),
    ],
    callback: reservationCallback(deps.ids, reservation, { status: 'CHARGED', subjectUuid: charge.uuid, amount: charge.amount, at }),
  }));
}
