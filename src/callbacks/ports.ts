/** What callback delivery needs from storage. */
import type { AttemptOutcome, AttemptResult, CallbackStatus, DeliveryState, PendingCallback } from './callback.js';

export interface AttemptRecord {
  callbackId: number;
  attemptedAt: number;
  /** The URL as sent (it carries the checksum, never the secret). */
  url: string;
  result: AttemptResult;
  outcome: AttemptOutcome;
}

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
  attempts: { attemptedAt: number; url: string; httpStatus: number | null; error: string | null; durationMs: number }[];
}

export interface CallbackRepository {
  /**
   * Takes up to `limit` due callbacks for delivery until `lockUntil`, skipping any whose earlier
   * callback for the same reservation is still pending. Several processes may call it at once;
   * each callback goes to one of them.
   */
  claimDue(now: number, lockUntil: number, limit: number): Promise<PendingCallback[]>;
  recordAttempt(record: AttemptRecord): Promise<void>;
  /** Calls `listener` after a transaction that enqueued callbacks commits; returns an unsubscribe. */
  onEnqueued(listener: () => void): () => void;
  /** A merchant's callbacks of one reservation, oldest first; undefined when the reservation is not theirs. */
  listForReservation(merchantId: string, reservationUuid: string): Promise<CallbackLog[] | undefined>;
  /** Sends the latest callback of a reservation again; its id, or null when it has none (undefined: no such reservation). */
  requeueLatest(merchantId: string, reservationUuid: string, now: number): Promise<string | null | undefined>;
}
