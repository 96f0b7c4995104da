/**
 * The notifications outbox: messages enqueued with the change that asks for them, claimed by
 * notification workers (SKIP LOCKED on PostgreSQL), with every attempt kept, delivery reports, and
 * the development outbox of test merchants' messages.
 */
import { EventEmitter } from 'node:events';
import { type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { NotificationChannel, NotificationLog, NotificationRequest, NotificationStatus, PendingNotification, SendResult } from '../reservations/notification.js';
import type { Clock, DeliveryReport, DevOutbox, FairShare, NotificationAttemptRecord, NotificationRepository, OutboxBacklog, OutgoingMessage } from '../reservations/ports.js';
import type { Language } from '../reservations/reservation.js';
import { BulkInsert } from './bulk-insert.js';
import type { Dialect } from './dialect.js';
import { backlog, claimDue as claimOutbox, type Outbox } from './outbox.js';
import type { HistoryLog } from './history-log.js';
import type { Database, DevOutboxTable, NotificationRequestsTable } from './schema.js';
import { couldBeStored } from './storable.js';
import type { Transactor } from './transactor.js';

/** The messages and attempts a reservation's log shows. */
const LISTED_MESSAGES = 100;
const LISTED_ATTEMPTS = 20;

const NOTIFICATIONS: Outbox<'notification_requests'> = { table: 'notification_requests', waiting: { column: 'status', value: 'queued' } };

export class NotificationStore implements NotificationRepository, DevOutbox {
  private readonly enqueued = new EventEmitter();
  private readonly bulk: BulkInsert;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transaction: Transactor,
    private readonly dialect: Dialect,
    /** Real time: when an enqueued message becomes due. */
    private readonly clock: Clock,
    private readonly history: HistoryLog,
  ) {
    this.enqueued.setMaxListeners(0);
    this.bulk = new BulkInsert(db);
  }

  /** Enqueues messages in the caller's transaction; call `announce()` once it has committed. */
  async enqueue(trx: Transaction<Database>, notifications: readonly NotificationRequest[]): Promise<void> {
    if (notifications.length === 0) return;
    const now = this.clock.now();
    await this.bulk.into(trx, 'notification_requests', notifications.map((n) => notificationRow(n, now)));
  }

  announce(): void {
    this.enqueued.emit('enqueued');
  }

  onEnqueued(listener: () => void): () => void {
    this.enqueued.on('enqueued', listener);
    return () => this.enqueued.off('enqueued', listener);
  }

  async claimDue(now: number, lockUntil: number, limit: number, fairShare?: FairShare): Promise<PendingNotification[]> {
    return this.transaction(async (trx) => {
      const claimed = await claimOutbox(trx, this.dialect, NOTIFICATIONS, now, lockUntil, limit, fairShare);
      return claimed.map(toPending);
    });
  }

  recordAttempt(r: NotificationAttemptRecord): Promise<void> {
    return this.transaction(async (trx) => {
      // The history event's row refers to the reservation: lock it first, as decisions do before they reach the chain's head.
      if (r.event) await this.dialect.lockRows(trx.selectFrom('reservations').select('uuid').where('uuid', '=', r.event.reservationUuid));
      await trx
        .insertInto('notification_attempts')
        .values({ notification_id: r.notificationId, attempted_at: r.attemptedAt, outcome: r.result.outcome, error: errorOf(r.result), duration_ms: r.result.durationMs })
        .execute();
      await trx
        .updateTable('notification_requests')
        .set({
          status: r.status,
          attempts_made: r.attemptsMade,
          next_attempt_at: r.nextAttemptAt ?? r.attemptedAt,
          locked_until: null,
          sent_at: r.status === 'sent' ? r.attemptedAt : null,
          last_error: errorOf(r.result),
          provider_reference: r.result.outcome === 'sent' ? r.result.providerReference : null,
        })
        .where('id', '=', r.notificationId)
        .execute();
      if (r.event) this.history.stage(trx, [r.event]);
    });
  }

  async recordDeliveryReport(report: DeliveryReport): Promise<boolean> {
    if (!couldBeStored(report.reference)) return false;
    return this.transaction(async (trx) => {
      const updated = await trx
        .updateTable('notification_requests')
        .set(report.status === 'delivered' ? { status: 'delivered', delivered_at: report.at } : { status: 'failed', last_error: `delivery report: ${report.reason ?? 'not delivered'}` })
        .where('message_id', '=', report.reference)
        .where('channel', '=', 'sms')
        .where('status', 'in', ['sent', 'delivered', 'failed'])
        .where('attempts_made', '>', 0)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    });
  }

  async listForReservation(merchantId: string, reservationUuid: string): Promise<NotificationLog[] | undefined> {
    if (!couldBeStored(reservationUuid)) return undefined;
    const reservation = await this.db.selectFrom('reservations').select('uuid').where('uuid', '=', reservationUuid).where('merchant_id', '=', merchantId).executeTakeFirst();
    if (!reservation) return undefined;
    const latest = await this.db.selectFrom('notification_requests').selectAll().where('reservation_uuid', '=', reservationUuid).orderBy('id', 'desc').limit(LISTED_MESSAGES).execute();
    const messages = latest.reverse();
    const attempts = messages.length
      ? await this.db.selectFrom('notification_attempts').selectAll().where('notification_id', 'in', messages.map((m) => m.id)).orderBy('id').execute()
      : [];
    return messages.map((row) => ({
      messageId: row.message_id,
      channel: row.channel as NotificationChannel,
      sentTo: row.destination,
      reason: row.reason as NotificationRequest['reason'],
      status: row.status as NotificationStatus,
      failureReason: row.last_error,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      deliveredAt: row.delivered_at,
      nextAttemptAt: row.status === 'queued' ? row.next_attempt_at : null,
      attempts: attempts
        .filter((a) => a.notification_id === row.id)
        .slice(-LISTED_ATTEMPTS)
        .map((a) => ({ attemptedAt: a.attempted_at, outcome: a.outcome as SendResult['outcome'], error: a.error, durationMs: a.duration_ms })),
    }));
  }

  backlog(now: number): Promise<OutboxBacklog> {
    return backlog(NOTIFICATIONS, this.db, now);
  }

  /** Idempotent by message id: a message kept again after a crash is kept once. */
  async keep(message: OutgoingMessage, at: number): Promise<void> {
    await this.transaction((trx) =>
      trx
        .insertInto('dev_outbox')
        .values({
          message_id: message.messageId,
          merchant_id: message.merchantId,
          reservation_uuid: message.reservationUuid,
          channel: message.channel,
          recipient: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          created_at: at,
        })
        .onConflict((conflict) => conflict.column('message_id').doNothing())
        .execute(),
    );
  }

  async latest(limit: number): Promise<(OutgoingMessage & { createdAt: number })[]> {
    const rows = await this.db.selectFrom('dev_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toKept);
  }

  async find(messageId: string): Promise<(OutgoingMessage & { createdAt: number }) | undefined> {
    if (!couldBeStored(messageId)) return undefined;
    const row = await this.db.selectFrom('dev_outbox').selectAll().where('message_id', '=', messageId).executeTakeFirst();
    return row && toKept(row);
  }
}

function errorOf(result: SendResult): string | null {
  return result.outcome === 'sent' ? null : result.error;
}

function notificationRow(n: NotificationRequest, now: number): Insertable<NotificationRequestsTable> {
  return {
    message_id: n.messageId,
    merchant_id: n.merchantId,
    reservation_uuid: n.reservationUuid,
    channel: n.channel,
    destination: n.destination,
    language: n.language,
    reason: n.reason,
    status: 'queued',
    created_at: n.createdAt,
    attempts_made: 0,
    // Due at once, in real time (createdAt follows the merchant's test clock).
    next_attempt_at: now,
  };
}

function toPending(row: Selectable<NotificationRequestsTable>): PendingNotification {
  return {
    id: row.id,
    attemptsMade: row.attempts_made,
    messageId: row.message_id,
    merchantId: row.merchant_id,
    reservationUuid: row.reservation_uuid,
    channel: row.channel as NotificationChannel,
    destination: row.destination,
    language: row.language as Language,
    reason: row.reason as NotificationRequest['reason'],
    createdAt: row.created_at,
  };
}

function toKept(row: Selectable<DevOutboxTable>): OutgoingMessage & { createdAt: number } {
  return {
    messageId: row.message_id,
    merchantId: row.merchant_id,
    reservationUuid: row.reservation_uuid,
    channel: row.channel as NotificationChannel,
    to: row.recipient,
    subject: row.subject,
    text: row.text,
    html: row.html,
    createdAt: row.created_at,
  };
}
