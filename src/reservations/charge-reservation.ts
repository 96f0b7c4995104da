/**
 * Charge Reservation (`POST connect/reservations/charge/{uuid}`, §4.5): a merchant-initiated
 * payment on the card stored when the customer paid, for new product lines (the minibar after
 * check-out). Allowed for `chargeValidity` minutes after RESERVED (90 days without it, §10.7), up
 * to the merchant's charge limit per reservation (paymentChargeRunwayExceed).
 */
import { z } from 'zod';
import { DAY, MINUTE } from '../kernel/clock.js';
import type { IdSource } from '../kernel/ids.js';
import { sumMinor, toMajorNumber } from '../kernel/money.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, optionalString, whenValid } from '../validation/rules.js';
import { productLine } from './create-request.js';
import { historyEvent } from './history-events.js';
import { Ledger, type ChargeLine, type MoneyTransaction, type ReservationState } from './ledger.js';
import type { Merchant } from './merchant.js';
import { earlierMovement, moveMoney, pendingMovement, totalsMatch, type MovementRules, type PlannedMovement } from './money-movement.js';
import { startedBy, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import { effectiveStatus, type Reservation } from './reservation.js';
import { reservationCallback } from './status-callback.js';
import type { Decision } from './write-plan.js';

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

interface PlannedCharge extends PlannedMovement {
  cardToken: string;
  customerEmail: string;
  /** The lines of a resumed charge (a new one gets its line ids when it is written). */
  lines: ChargeLine[];
}

/** The last instant the stored card may be charged (null before the reservation is paid). */
export function chargeDeadline(reservation: Pick<Reservation, 'reservedAt' | 'chargeValidityMinutes'>): number | null {
  if (reservation.reservedAt === null) return null;
  const validity = reservation.chargeValidityMinutes === null ? DEFAULT_CHARGE_VALIDITY_MS : reservation.chargeValidityMinutes * MINUTE;
  return reservation.reservedAt + validity;
}

export function decideCharge(
  state: ReservationState,
  request: ChargeRequest,
  context: { now: number; merchant: Merchant; ids: IdSource; idempotencyKeyId?: number | undefined; started: { by: string; lookupAt: number } },
): Decision<Outcome<PlannedCharge>> {
  const refuse = (failure: Failure) => ({ result: failure });
  const { reservation } = state;
  if (!state.card) return refuse(fail('paymentCardNotFound'));
  const ledger = new Ledger(state);
  const base = { cardToken: state.card.token, reservation, customerEmail: state.customer.email };
  const earlier = earlierMovement(state, { kind: 'charge', planOf: planCharge }, context.idempotencyKeyId);
  if (earlier) return { result: succeed(earlier) };
  const status = effectiveStatus(reservation, context.now);
  if (status === 'CANCELLED') return refuse(fail('reservationStatusAlreadyCancelled'));
  if (status === 'COMPLETED') return refuse(fail('reservationStatusAlreadyCompleted'));
  const deadline = chargeDeadline(reservation);
  if (deadline !== null && context.now > deadline) return refuse(fail('paymentChargeDeadlineExceed'));
  if (sumMinor([ledger.total('charge', true), request.grandTotal]) > context.merchant.chargeLimit) return refuse(fail('paymentChargeRunwayExceed'));

  const charge = { ...base, uuid: context.ids.id('CHA'), amount: request.grandTotal, lines: [] };
  return {
    result: succeed(charge),
    plan: {
      transactions: [
        pendingMovement(reservation, {
          kind: 'charge',
          uuid: charge.uuid,
          amount: charge.amount,
          createdAt: context.now,
          note: request.additionalText,
          refundOf: null,
          source: null,
          lines: [],
          idempotencyKeyId: context.idempotencyKeyId,
          started: context.started,
        }),
      ],
      chargeLines: request.products.map((line, position) => ({ ...line, position, chargeUuid: charge.uuid, reservationUuid: reservation.uuid })),
    },
  };
}

function planCharge(state: ReservationState, charge: MoneyTransaction): PlannedCharge {
  return {
    uuid: charge.uuid,
    amount: charge.amount,
    reservation: state.reservation,
    cardToken: state.card?.token ?? '',
    customerEmail: state.customer.email,
    lines: state.chargeLines.filter((line) => line.chargeUuid === charge.uuid),
  };
}

/** What a charge is at the gateway and what it leaves behind, for the request and for the reconciler. */
export function chargeRules(ids: IdSource, actor: string): MovementRules<PlannedCharge, ChargeResult> {
  return {
    kind: 'charge',
    planOf: planCharge,
    send: (gateway, charge) => gateway.charge({ reference: charge.uuid, cardToken: charge.cardToken, amount: charge.amount, currency: charge.reservation.currency }),
    lookup: (charge) => ({ kind: 'charge', reference: charge.uuid, on: charge.cardToken }),
    settled: (charge, at, addedLines) => ({
      outcome: succeed({
        uuid: charge.uuid,
        products: (charge.lines.length ? charge.lines : addedLines).map((line) => ({ id: line.id, name: line.name, amount: toMajorNumber(line.amount) })),
      }),
      events: [
        historyEvent(charge.reservation, 'amount-charged-from-card', at, {
          subjectUuid: charge.uuid,
          note: charge.uuid,
          sentTo: charge.customerEmail,
          actionBy: actor,
          paymentMethod: charge.reservation.paymentMethod,
          isRefundable: true,
          amount: charge.amount,
        }),
      ],
      callback: reservationCallback(ids, charge.reservation, { status: 'CHARGED', subjectUuid: charge.uuid, amount: charge.amount, at }),
    }),
  };
}

export function chargeReservation(deps: LifecycleDependencies, context: OperationContext<ChargeResult>, uuid: string, body: unknown): Promise<Outcome<ChargeResult>> {
  return moveMoney(deps, context, uuid, body, {
    ...chargeRules(deps.ids, context.actor),
    schema: chargeRequest,
    notFound: 'reservationNotFound',
    decide: (state, request, now) =>
      decideCharge(state, request, { now, merchant: context.merchant, ids: deps.ids, idempotencyKeyId: context.idempotencyKeyId, started: startedBy(deps, context) }),
  });
}
