/**
 * Status callbacks (§6, §10.13) as the domain sees them: the callback a state change announces,
 * and the record of its delivery the merchant can list. A callback is written in the same
 * transaction as the change it announces (an outbox) and delivered at least once by
 * src/callbacks/, which signs and sends it.
 */
// @ts-nocheck

import type { IdSource } from '../kernel/ids.js';
import type { MinorUnits } from '../kernel/money.js';
import type { Reservation } from './reservation.js';

export type CallbackStatus = 'RESERVED' | 'CAPTURED' | 'CHARGED';

/** The query parameters a callback appends to the merchant's callbackUrl, in this order (§10.13). */
export const CALLBACK_PARAMETER_NAMES = ['orderUuid', 'status', 'paymentMethod', 'amount', 'createdAt', 'timestamp', 'checksum'] as const;
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

/** A callback claimed for delivery. */
export interface PendingCallback extends NewCallback {
  id: number;
  attemptsMade: number;
  /** The merchant's current callback secret. */
  secret: string;
  /** The secret it replaced, while the rotation's grace period runs (null otherwise). */
  previousSecret: string | null;
}

/** The callback announcing `status` for a reservation (null when it has no callbackUrl). */
export function reservationCallback(
  ids: IdSource,
  reservation: Pick<Reservation, 'merchantId' | 'uuid' | 'paymentMethod' | 'createdAt' | 'callbackUrl'>,
  event: { status: CallbackStatus; subjectUuid: string; amount: MinorUnits; at: number; paymentMethod?: string },
): NewCallback | null {
  if (!reservation.callbackUrl) return null;
  return {
    webhookId: `msg_${ids.secret(15)}`,
    merchantId: reservation.merchantId,
    reservationUuid: reservation.uuid,
    subjectUuid: event.subjectUuid,
    status: event.status,
    paymentMethod: event.paymentMethod ?? reservation.paymentMethod ?? '',
    amount: event.amount,
    orderCreatedAt: reservation.createdAt,
    url: reservation.callbackUrl,
    createdAt: event.at,
  };
}

export interface AttemptResult {
  /** The HTTP status, or null when no answer came (timeout, refused, DNS). */
  httpStatus: number | null;
  /** Why no HTTP answer came, as the merchant's log shows it (never the raw network error). */
  error: string | null;
  /** The raw network error, for the operator's log only. */
  detail?: string;
  durationMs: number;
  /** False when trying again cannot help (a URL that resolves to a private address). */
  retryable: boolean;
}

export interface AttemptOutcome {
  state: DeliveryState;
  attemptsMade: number;
  nextAttemptAt: number | null;
}

export interface AttemptRecord {
  callbackId: number;
  attemptedAt: number;
  /** The URL as sent (it carries the checksum, never the secret). */
  url: string;
  result: AttemptResult;
  outcome: AttemptOutcome;
}

/** One callback with every delivery attempt, as the merchant's log shows it. */
export interface CallbackLog {
  webhookId: string;
  status: CallbackStatus;
  subjectUuid: string;
  amount: number;
  paymentMethod: string;
  state: DeliveryState;
  createdAt: number;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
  /** Attempts made in all; `attempts` holds the latest of them. */
  attemptsTotal: number;
  attempts: { attemptedAt: number; url: string; httpStatus: number | null; error: string | null; durationMs: number }[];
}
