/** The merchant's view of a reservation's payment-link messages (GET connect/reservations/notifications/{uuid}). */
import type { Merchant } from './merchant.js';
import type { NotificationLog } from './notification.js';
import { fail, succeed } from './outcome.js';
import type { DevOutbox, NotificationRepository } from './ports.js';

const seconds = (instant: number | null) => (instant === null ? null : Math.floor(instant / 1000));

/** What a kept development-outbox message shows (test merchants without a transport). */
export interface MessagePreview {
  subject: string | null;
  text: string;
}

/** The merchant's view of a reservation's payment-link messages; instants in Unix seconds. */
function notificationList(reservationUuid: string, log: readonly NotificationLog[], previews: ReadonlyMap<string, MessagePreview>) {
  return {
    reservationUuid,
    notifications: log.map((message) => ({
      messageId: message.messageId,
      channel: message.channel,
      sentTo: message.sentTo,
      reason: message.reason,
      status: message.status,
      failureReason: message.status === 'failed' ? message.failureReason : null,
      lastError: message.status === 'queued' ? message.failureReason : null,
      createdAt: seconds(message.createdAt),
      sentAt: seconds(message.sentAt),
      deliveredAt: seconds(message.deliveredAt),
      nextAttemptAt: seconds(message.nextAttemptAt),
      attemptsTotal: message.attempts.length,
      attempts: message.attempts.map((attempt) => ({ attemptedAt: seconds(attempt.attemptedAt), outcome: attempt.outcome, error: attempt.error, durationMs: attempt.durationMs })),
      devOutbox: previews.get(message.messageId) ?? null,
    })),
  };
}

export async function listNotifications(deps: { notifications: NotificationRepository; devOutbox: Pick<DevOutbox, 'find'> }, merchant: Merchant, reservationUuid: string) {
  const log = await deps.notifications.listForReservation(merchant.id, reservationUuid);
  if (!log) return fail('reservationNotFound');
  const previews = new Map<string, MessagePreview>();
  if (merchant.mode === 'test') {
    for (const message of log) {
      const kept = await deps.devOutbox.find(message.messageId);
      if (kept) previews.set(message.messageId, { subject: kept.subject, text: kept.text });
    }
  }
  return succeed(notificationList(reservationUuid, log, previews));
}
