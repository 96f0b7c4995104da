/**
 * A status callback (§6, §10.13): what is sent, and what happens after each attempt. Pure.
 * Callbacks are written in the same transaction as the state change they announce (an outbox), and
 * delivered at least once; every attempt is kept so the merchant can see it.
 */
import { formatMajorAmount, type MinorUnits } from '../reservations/money.js';
import type { IdSource } from '../reservations/ids.js';
import type { Reservation } from '../reservations/reservation.js';
import { nextAttemptAt } from './retry-schedule.js';

export type CallbackStatus = 'RESERVED' | 'CAPTURED' | 'CHARGED';
export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface NewCallback {
  /** Standard Webhooks message id: the same for every attempt, so receivers can de-duplicate. */
  webhookId: string;
  merchantId: string;
  reservationUuid: string;
  /** The transaction the event is about: the reservation (RES…), a capture (CAP…) or a charge (CHA…). */
  subjectUuid: string;
  status: CallbackStatus;
  paymentMethod: string;
  amount: MinorUnits;
  /** When the reservation was created (the callback's `createdAt`). */
  orderCreatedAt: number;
  url: string;
  createdAt: number;
}

export interface PendingCallback extends NewCallback {
  id: number;
  attemptsMade: number;
  /** The merchant's current callback secret. */
  secret: string;
}

function newCallback(
  ids: IdSource,
  event: Omit<NewCallback, 'webhookId' | 'url'> & { url: string | null },
): NewCallback | null {
  if (!event.url) return null;
  return { ...event, url: event.url, webhookId: `msg_${ids.secret(15)}` };
}

/** The callback announcing `status` for a reservation (null when it has no callbackUrl). */
export function reservationCallback(
  ids: IdSource,
  reservation: Pick<Reservation, 'merchantId' | 'uuid' | 'paymentMethod' | 'createdAt' | 'callbackUrl'>,
  event: { status: CallbackStatus; subjectUuid: string; amount: MinorUnits; at: number; paymentMethod?: string },
): NewCallback | null {
  return newCallback(ids, {
    merchantId: reservation.merchantId,
    reservationUuid: reservation.uuid,
    subjectUuid: event.subjectUuid,
    status: event.status,
    paymentMethod: event.paymentMethod ?? reservation.paymentMethod ?? '',
    amount: event.amount,
    orderCreatedAt: reservation.createdAt,
    url: reservation.callbackUrl,
    createdAt: event.at,
  });
}

/** The query values of the callback, in FPGO's order (§10.13). */
export function callbackParameters(callback: NewCallback, sentAt: number) {
  return {
    orderUuid: callback.reservationUuid,
    status: callback.status,
    paymentMethod: callback.paymentMethod,
    amount: formatMajorAmount(callback.amount),
    createdAt: Math.floor(callback.orderCreatedAt / 1000),
    timestamp: Math.floor(sentAt / 1000),
  };
}

export interface AttemptResult {
  /** The HTTP status, or null when no answer came (timeout, refused, DNS). */
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  /** False when trying again cannot help (a URL that resolves to a private address). */
  retryable: boolean;
}

export interface AttemptOutcome {
  state: DeliveryState;
  attemptsMade: number;
  nextAttemptAt: number | null;
}

/** Any 2xx is delivered; anything else is tried again on the schedule, then given up as failed. */
export function afterAttempt(attemptsMadeBefore: number, result: AttemptResult, schedule: readonly number[], now: number, random: number): AttemptOutcome {
  const attemptsMade = attemptsMadeBefore + 1;
  if (result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300) {
    return { state: 'delivered', attemptsMade, nextAttemptAt: null };
  }
  const next = result.retryable ? nextAttemptAt(schedule, attemptsMade, now, random) : null;
  return next === null ? { state: 'failed', attemptsMade, nextAttemptAt: null } : { state: 'pending', attemptsMade, nextAttemptAt: next };
}
