/** The callback outbox: enqueued with the state change, claimed by delivery workers, with every attempt kept. */
import { EventEmitter } from 'node:events';
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CallbackRepository } from '../reservations/ports.js';
import type { HistoryEvent } from '../reservations/reservation.js';
import type { AttemptRecord, CallbackLog, CallbackStatus, DeliveryState, NewCallback, PendingCallback } from '../reservations/status-callback.js';
import type { Dialect } from './dialect.js';
import { eventRow } from './history-rows.js';
import type { CallbacksTable, Database } from './schema.js';
import type { Transactor } from './transactor.js';

export class CallbackStore implements CallbackRepository {
  private readonly enqueued = new EventEmitter();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transaction: Transactor,
    private readonly dialect: Dialect,
  ) {
    this.enqueued.setMaxListeners(0);
  }

  /** Enqueues callbacks in the caller's transaction; call `announce()` once it has committed. */
  async enqueue(trx: Transaction<Database>, callbacks: readonly NewCallback[]): Promise<void> {
    if (callbacks.length === 0) return;
    await trx.insertInto('callbacks').values(callbacks.map(callbackRow)).execute();
  }

  announce(): void {
    this.enqueued.emit('enqueued');
  }

  onEnqueued(listener: () => void): () => void {
    this.enqueued.on('enqueued', listener);
    return () => this.enqueued.off('enqueued', listener);
  }

  async claimDue(now: number, lockUntil: number, limit: number): Promise<PendingCallback[]> {
    return this.transaction(async (trx) => {
      const due = trx
        .selectFrom('callbacks as c')
        .select('c.id')
        .where('c.state', '=', 'pending')
        .where('c.next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('c.locked_until', 'is', null), eb('c.locked_until', '<', now)]))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('callbacks as earlier')
                .select(sql.lit(1).as('one'))
                .whereRef('earlier.reservation_uuid', '=', 'c.reservation_uuid')
                .whereRef('earlier.id', '<', 'c.id')
                .where('earlier.state', '=', 'pending'),
            ),
          ),
        )
        .orderBy('c.next_attempt_at')
        .orderBy('c.id')
        .limit(limit);
      const claimed = await trx
        .updateTable('callbacks')
        .set({ locked_until: lockUntil })
        // Several nodes may claim at once: each skips the rows another is claiming.
        .where('id', 'in', this.dialect.skipLocked(due, 'c'))
        .where('state', '=', 'pending')
        .returningAll()
        .execute();
      if (claimed.length === 0) return [];
      const secrets = await trx
        .selectFrom('merchants')
        .select(['id', 'callback_secret', 'previous_callback_secret', 'previous_secret_expires_at'])
        .where('id', 'in', [...new Set(claimed.map((row) => row.merchant_id))])
        .execute();
      const secretsOf = new Map(
        secrets.map((row) => [
          row.id,
          {
            secret: row.callback_secret,
            // A rotated-out secret signs too while its grace period runs.
            previousSecret: row.previous_secret_expires_at !== null && row.previous_secret_expires_at > now ? row.previous_callback_secret : null,
          },
        ]),
      );
      return claimed
        .sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id)
        .map((row) => ({ ...toCallback(row), id: row.id, attemptsMade: row.attempts_made, ...secretsOf.get(row.merchant_id)! }));
    });
  }

  /** Attempts finish in bursts; the transactor commits those that finish together in one go. */
  recordAttempt(r: AttemptRecord): Promise<void> {
    return this.transaction(async (trx) => {
      await trx
        .insertInto('callback_attempts')
        .values({ callback_id: r.callbackId, attempted_at: r.attemptedAt, url: r.url, http_status: r.result.httpStatus, error: r.result.error, duration_ms: r.result.durationMs })
        .execute();
      await trx
        .updateTable('callbacks')
        .set({
          state: r.outcome.state,
          attempts_made: r.outcome.attemptsMade,
          next_attempt_at: r.outcome.nextAttemptAt ?? r.attemptedAt,
          locked_until: null,
          delivered_at: r.outcome.state === 'delivered' ? r.attemptedAt : null,
          last_error: r.result.error ?? (r.result.httpStatus !== null && r.outcome.state !== 'delivered' ? `HTTP ${r.result.httpStatus}` : null),
        })
        .where('id', '=', r.callbackId)
        .execute();
    });
  }

  async listForReservation(merchantId: string, reservationUuid: string): Promise<CallbackLog[] | undefined> {
    const reservation = await this.db.selectFrom('reservations').select('uuid').where('uuid', '=', reservationUuid).where('merchant_id', '=', merchantId).executeTakeFirst();
    if (!reservation) return undefined;
    const callbacks = await this.db.selectFrom('callbacks').selectAll().where('reservation_uuid', '=', reservationUuid).orderBy('id').execute();
    const attempts = callbacks.length
      ? await this.db.selectFrom('callback_attempts').selectAll().where('callback_id', 'in', callbacks.map((c) => c.id)).orderBy('id').execute()
      : [];
    return callbacks.map((row) => ({
      webhookId: row.webhook_id,
      status: row.status as CallbackStatus,
      subjectUuid: row.subject_uuid,
      amount: row.amount,
      paymentMethod: row.payment_method,
      state: row.state as DeliveryState,
      createdAt: row.created_at,
      nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
      deliveredAt: row.delivered_at,
      attempts: attempts
        .filter((a) => a.callback_id === row.id)
        .map((a) => ({ attemptedAt: a.attempted_at, url: a.url, httpStatus: a.http_status, error: a.error, durationMs: a.duration_ms })),
    }));
  }

  async requeueLatest(merchantId: string, reservationUuid: string, now: number, event?: HistoryEvent): Promise<string | null | undefined> {
    const result = await this.transaction(async (trx) => {
      const reservation = await trx.selectFrom('reservations').select('uuid').where('uuid', '=', reservationUuid).where('merchant_id', '=', merchantId).executeTakeFirst();
      if (!reservation) return undefined;
      const latest = await trx.selectFrom('callbacks').select(['id', 'webhook_id']).where('reservation_uuid', '=', reservationUuid).orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (!latest) return null;
      // A fresh schedule; earlier attempts stay in the log.
      await trx
        .updateTable('callbacks')
        .set({ state: 'pending', attempts_made: 0, next_attempt_at: now, locked_until: null, delivered_at: null, last_error: null })
        .where('id', '=', latest.id)
        .execute();
      if (event) await trx.insertInto('reservation_events').values(eventRow(event)).execute();
      return latest.webhook_id;
    });
    if (result) this.announce();
    return result;
  }
}

function callbackRow(c: NewCallback): Insertable<CallbacksTable> {
  return {
    webhook_id: c.webhookId,
    merchant_id: c.merchantId,
    reservation_uuid: c.reservationUuid,
    subject_uuid: c.subjectUuid,
    status: c.status,
    payment_method: c.paymentMethod,
    amount: c.amount,
    order_created_at: c.orderCreatedAt,
    url: c.url,
    created_at: c.createdAt,
    state: 'pending',
    attempts_made: 0,
    // Due at once, in real time (createdAt follows the merchant's test clock).
    next_attempt_at: 0,
  };
}

function toCallback(row: Selectable<CallbacksTable>): NewCallback {
  return {
    webhookId: row.webhook_id,
    merchantId: row.merchant_id,
    reservationUuid: row.reservation_uuid,
    subjectUuid: row.subject_uuid,
    status: row.status as CallbackStatus,
    paymentMethod: row.payment_method,
    amount: row.amount,
    orderCreatedAt: row.order_created_at,
    url: row.url,
    createdAt: row.created_at,
  };
}
