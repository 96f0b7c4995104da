/** The merchant's view of a reservation's callbacks, and sending the latest one again. */
// @ts-nocheck

import { toMajorNumber } from '../kernel/money.js';
import { historyEvent } from './history-events.js';
import { merchantNow, type Merchant } from './merchant.js';
import { fail, succeed, type Outcome } from './outcome.js';
import type { CallbackRepository, Clock } from './ports.js';

const seconds = (instant: number | null) => (instant === null ? null : Math.floor(instant / 1000));

export async function listCallbacks(callbacks: CallbackRepository, merchant: Merchant, reservationUuid: string) {
  const log = await callbacks.listForReservation(merchant.id, reservationUuid);
  if (!log) return fail('reservationNotFound');
  return succeed({
    reservationUuid,
    callbacks: log.map((callback) => ({
      webhookId: callback.webhookId,
      status: callback.status,
      subjectUuid: callback.subjectUuid,
      amount: toMajorNumber(callback.amount),
      paymentMethod: callback.paymentMethod,
      delivery: callback.state,
      createdAt: seconds(callback.createdAt),
      nextAttemptAt: seconds(callback.nextAttemptAt),
      deliveredAt: seconds(callback.deliveredAt),
      attemptsTotal: callback.attemptsTotal,
      attempts: callback.attempts.map((attempt) => ({
        attemptedAt: seconds(attempt.attemptedAt),
        url: attempt.url,
        httpStatus: attempt.httpStatus,
        error: attempt.error,
        durationMs: attempt.durationMs,
      })),
    })),
  });
}

/** `actor`, when given, is recorded as a `callback-resent` history event with the resend. */
export async function resendLatestCallback(
  deps: { callbacks: CallbackRepository; clock: Clock },
  merchant: Merchant,
  reservationUuid: string,
  actor?: string,
): Promise<Outcome<{ webhookId: string }>> {
  const event = actor === undefined ? undefined : historyEvent({ merchantId: merchant.id, uuid: reservationUuid }, 'callback-resent', merchantNow(deps.clock, merchant), { actionBy: actor });
  const webhookId = await deps.callbacks.requeueLatest(merchant.id, reservationUuid, deps.clock.now(), event);
  if (webhookId === undefined) return fail('reservationNotFound');
  if (webhookId === null) return fail('callbackNotFound', ['This reservation has no callback to send again: it has no callbackUrl, or nothing happened yet.']);
  if (typeof webhookId === 'object') {
    return fail('callbackResendLimitReached', [`This callback was attempted ${webhookId.attemptsMade} times already, the most fpgo makes; fix the receiver and rely on Details or history instead.`]);
  }
  return succeed({ webhookId });
}
