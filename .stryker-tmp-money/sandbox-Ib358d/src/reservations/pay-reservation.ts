/**
 * The customer pays: the checkout page and the test-mode pay endpoint both come here.
 * validate the card → claim the reservation (one payment at a time, across processes) →
 * authorize at the gateway → record RESERVED (or the failure) in one transaction.
 */
// @ts-nocheck

import type { Clock } from '../kernel/clock.js';
import type { IdSource } from '../kernel/ids.js';
import { allocate } from './allocation.js';
import { checkCard, type CardBrand, type CardField, type CardForm, type CardProblem } from './cards.js';
import { historyEvent } from './history-events.js';
import { merchantNow, type Merchant } from './merchant.js';
import type { PaymentGateway, PaymentRepository } from './ports.js';
import { effectiveStatus, type HistoryEvent, type ReservationStatus, type StoredReservation } from './reservation.js';
import { reservationCallback } from './status-callback.js';
import type { IdempotentResponse } from './write-plan.js';

/** How long one payment attempt holds the reservation before another may start (a crashed attempt frees it). */
export const PAYMENT_CLAIM_MS = 60_000;

export const PAYMENT_METHOD_NAMES: Record<CardBrand, string> = { visa: 'Visa', mastercard: 'Mastercard' };

export interface PayDependencies {
  payments: PaymentRepository;
  gateway: PaymentGateway;
  clock: Clock;
  ids: IdSource;
}

export type PayResult =
  | { kind: 'reserved'; paymentMethod: string; reservedAmount: number }
  | { kind: 'invalid-card'; problems: Partial<Record<CardField, CardProblem>> }
  | { kind: 'declined'; reason: string; message: string }
  | { kind: 'gateway-error'; message: string }
  | { kind: 'not-payable'; status: Exclude<ReservationStatus, 'SENT'> }
  | { kind: 'in-progress' };

const event = (stored: StoredReservation, title: string, at: number, extra: Partial<HistoryEvent> = {}) =>
  historyEvent(stored.reservation, title, at, extra);

/** The status the customer's page should reflect, storing EXPIRED once the link ran out. */
export async function currentStatus(deps: Pick<PayDependencies, 'payments' | 'clock'>, merchant: Merchant, stored: StoredReservation): Promise<ReservationStatus> {
  const status = effectiveStatus(stored.reservation, merchantNow(deps.clock, merchant));
  if (status === 'EXPIRED' && stored.reservation.status === 'SENT') await deps.payments.markExpired(stored.reservation.uuid);
  return status;
}

/** Records `payment-link-opened` the first time the customer opens the link. */
export async function openPaymentLink(deps: Pick<PayDependencies, 'payments' | 'clock'>, merchant: Merchant, stored: StoredReservation): Promise<void> {
  await deps.payments.markLinkOpened(stored.reservation.uuid, event(stored, 'payment-link-opened', merchantNow(deps.clock, merchant)));
}

/**
 * `responseFor`: how the caller answers a result, so an idempotent answer is stored with the
 * payment itself (see src/idempotency/).
 */
export async function payReservation(
  deps: PayDependencies,
  merchant: Merchant,
  stored: StoredReservation,
  form: CardForm,
  responseFor?: (result: PayResult) => IdempotentResponse | undefined,
): Promise<PayResult> {
  const status = await currentStatus(deps, merchant, stored);
  if (status !== 'SENT') return { kind: 'not-payable', status };
  const now = merchantNow(deps.clock, merchant);
  const checked = checkCard(form, now);
  if (!checked.ok) return { kind: 'invalid-card', problems: checked.problems };

  const { reservation } = stored;
  const opened = event(stored, 'payment-link-opened', now);
  const claim = await deps.payments.claimForPayment(reservation.uuid, now, now + PAYMENT_CLAIM_MS, opened);
  if (claim === 'busy') return { kind: 'in-progress' };
  if (claim !== 'claimed' && claim !== 'SENT') return { kind: 'not-payable', status: claim };
  let settled = false;
  try {
    const paymentMethod = PAYMENT_METHOD_NAMES[checked.brand];
    const answer = await deps.gateway.authorize({ reference: reservation.uuid, amount: reservation.grandTotal, currency: reservation.currency, card: checked.card });
    const at = merchantNow(deps.clock, merchant);
    if (answer.outcome !== 'approved') {
      const failed = answer.outcome === 'declined' ? [event(stored, 'payment-failed', at, { note: answer.message, paymentMethod })] : [];
      await deps.payments.recordFailedAttempt(reservation.uuid, failed);
      settled = true;
      return answer.outcome === 'declined' ? { kind: 'declined', reason: answer.reason, message: answer.message } : { kind: 'gateway-error', message: answer.message };
    }

    const shares = allocate(reservation.grandTotal, stored.lines);
    const reserved: PayResult = { kind: 'reserved', paymentMethod, reservedAmount: reservation.grandTotal };
    const voidAuthorization = () => deps.gateway.void({ reference: reservation.uuid, authorizationId: answer.authorizationId });
    const recorded = await deps.payments.recordReserved({
      uuid: reservation.uuid,
      reservedAt: at,
      reservedAmount: reservation.grandTotal,
      paymentMethod,
      authorizationId: answer.authorizationId,
      card: answer.card,
      lineReservations: stored.lines.map((line, index) => ({ lineId: line.id, reserved: shares[index]! })),
      events: [event(stored, 'amount-reserved', at, { paymentMethod, amount: reservation.grandTotal })],
      callback: reservationCallback(deps.ids, reservation, { status: 'RESERVED', subjectUuid: reservation.uuid, amount: reservation.grandTotal, at, paymentMethod }),
      response: responseFor?.(reserved),
    }).catch(async (error: unknown) => {
      // Not stored, so not held: release the customer's money before failing.
      await voidAuthorization().catch(() => undefined);
      throw error;
    });
    settled = true;
    if (recorded !== 'recorded') {
      // Cancelled or expired while the gateway was asked: the authorization is released, and the
      // customer is told what happened to the reservation (not "already paid").
      await voidAuthorization();
      return { kind: 'not-payable', status: recorded };
    }
    return reserved;
  } finally {
    if (!settled) await deps.payments.releaseClaim(reservation.uuid);
  }
}
