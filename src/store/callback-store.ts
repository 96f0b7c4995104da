/** The callback outbox: enqueued with the state change, claimed by delivery workers, with every attempt kept. */
import { EventEmitter } from 'node:events';
import { type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CallbackRepository, Clock, FairShare, OutboxBacklog } from '../reservations/ports.js';
import type { HistoryEvent } from '../reservations/reservation.js';
import type { AttemptRecord, CallbackLog, CallbackStatus, DeliveryState, NewCallback, PendingCallback } from '../reservations/status-callback.js';
import type { Dialect } from './dialect.js';
import type { HistoryLog } from './history-log.js';
import { SIGNING_COLUMNS, signingSecrets } from './merchant-store.js';
import { backlog, claimDue as claimOutbox, type Outbox } from './outbox.js';
import { couldBeStored } from './storable.js';
import type { CallbacksTable, Database } from './schema.js';
import type { Transactor } from './transactor.js';
import type { SecretBox } from './secret-box.js';

/** The callbacks (latest first) and the attempts of each (latest first) a list shows. */
const LISTED_CALLBACKS = 100;
const LISTED_ATTEMPTS = 20;
/** Resends stop once a callback has been attempted this often (about seven full schedules). */
export const MAX_ATTEMPTS_PER_CALLBACK = 100;

/** Callbacks of one reservation go in order: a CAPTURED callback waits while the RESERVED one before it is retried. */
const CALLBACKS: Outbox<'callbacks'> = { table: 'callbacks', waiting: { column: 'state', value: 'pending' }, inOrderPerReservation: true };

export class CallbackStore implements CallbackRepository {
  private readonly enqueued = new EventEmitter();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transaction: Transactor,
    private readonly dialect: Dialect,
    /** Real time: when an enqueued callback becomes due, and how long the backlog has waited. */
    private readonly clock: Clock,
    private readonly history: HistoryLog,
    private readonly secrets: SecretBox,
  ) {
    this.enqueued.setMaxListeners(0);
  }

  /** Enqueues callbacks in the caller's transaction; call `announce()` once it has committed. */
  async enqueue(trx: Transaction<Database>, callbacks: readonly NewCallback[]): Promise<void> {
    if (callbacks.length === 0) return;
    const now = this.clock.now();
    await trx.insertInto('callbacks').values(callbacks.map((callback) => callbackRow(callback, now))).execute();
  }

  announce(): void {
    this.enqueued.emit('enqueued');
  }

  onEnqueued(listener: () => void): () => void {
    this.enqueued.on('enqueued', listener);
    return () => this.enqueued.off('enqueued', listener);
  }

  async claimDue(now: number, lockUntil: number, limit: number, fairShare?: FairShare): Promise<PendingCallback[]> {
    return this.transaction(async (trx) => {
      const claimed = await claimOutbox(trx, this.dialect, CALLBACKS, now, lockUntil, limit, fairShare);
      if (claimed.length === 0) return [];
      const merchants = await trx
        .selectFrom('merchants')
        .select(SIGNING_COLUMNS)
        .where('id', 'in', [...new Set(claimed.map((row) => row.merchant_id))])
        .execute();
      const secretsOf = new Map(
        merchants.map((row) => {
          const { secret, previous } = signingSecrets(row, this.secrets, now);
          return [row.id, { secret, previousSecret: previous?.secret ?? null }];
        }),
      );
      return claimed.map((row) => ({ ...toCallback(row), id: row.id, attemptsMade: row.attempts_made, ...secretsOf.get(row.merchant_id)! }));
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
    if (!couldBeStored(reservationUuid)) return undefined;
    const reservation = await this.db.selectFrom('reservations').select('uuid').where('uuid', '=', reservationUuid).where('merchant_id', '=', merchantId).executeTakeFirst();
    if (!reservation) return undefined;
    // The latest callbacks, oldest first, each with its latest attempts: a bounded answer however long the history.
    const latest = await this.db.selectFrom('callbacks').selectAll().where('reservation_uuid', '=', reservationUuid).orderBy('id', 'desc').limit(LISTED_CALLBACKS).execute();
    const callbacks = latest.reverse();
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
      attemptsTotal: attempts.filter((a) => a.callback_id === row.id).length,
      attempts: attempts
        .filter((a) => a.callback_id === row.id)
        .slice(-LISTED_ATTEMPTS)
        .map((a) => ({ attemptedAt: a.attempted_at, url: a.url, httpStatus: a.http_status, error: a.error, durationMs: a.duration_ms })),
    }));
  }

  backlog(now: number): Promise<OutboxBacklog> {
    return backlog(CALLBACKS, this.db, now);
  }

  async requeueLatest(merchantId: string, reservationUuid: string, now: number, event?: HistoryEvent): Promise<string | null | undefined | { attemptsMade: number }> {
    if (!couldBeStored(reservationUuid)) return undefined;
    const result = await this.transaction(async (trx) => {
      const reservation = await trx.selectFrom('reservations').select('uuid').where('uuid', '=', reservationUuid).where('merchant_id', '=', merchantId).executeTakeFirst();
      if (!reservation) return undefined;
      const latest = await trx.selectFrom('callbacks').select(['id', 'webhook_id']).where('reservation_uuid', '=', reservationUuid).orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (!latest) return null;
      const made = await trx.selectFrom('callback_attempts').select((eb) => eb.fn.countAll<number | string>().as('n')).where('callback_id', '=', latest.id).executeTakeFirstOrThrow();
      if (Number(made.n) >= MAX_ATTEMPTS_PER_CALLBACK) return { attemptsMade: Number(made.n) };
      // A fresh schedule; earlier attempts stay in the log.
      await trx
        .updateTable('callbacks')
        .set({ state: 'pending', attempts_made: 0, next_attempt_at: now, locked_until: null, delivered_at: null, last_error: null })
        .where('id', '=', latest.id)
        .execute();
      if (event) this.history.stage(trx, [event]);
      return latest.webhook_id;
    });
    if (typeof result === 'string') this.announce();
    return result;
  }
}

function callbackRow(c: NewCallback, now: number): Insertable<CallbacksTable> {
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
    next_attempt_at: now,
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
