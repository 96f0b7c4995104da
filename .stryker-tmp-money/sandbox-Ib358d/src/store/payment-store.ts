/** The customer's payment of a reservation (implements the core's PaymentRepository). */
// @ts-nocheck

import type { Transaction } from 'kysely';
import type { PaymentRepository } from '../reservations/ports.js';
import type { HistoryEvent, ReservationStatus } from '../reservations/reservation.js';
import type { ReservedRecord } from '../reservations/write-plan.js';
import type { CallbackStore } from './callback-store.js';
import type { HistoryLog } from './history-log.js';
import type { IdempotencyStore } from './idempotency-store.js';
import type { Database } from './schema.js';
import type { Transactor } from './transactor.js';

export class PaymentStore implements PaymentRepository {
  constructor(
    private readonly transaction: Transactor,
    private readonly callbacks: CallbackStore,
    private readonly idempotency: IdempotencyStore,
    private readonly history: HistoryLog,
  ) {}

  async claimForPayment(uuid: string, now: number, until: number, linkOpened: HistoryEvent): Promise<'claimed' | 'busy' | ReservationStatus> {
    return this.transaction(async (trx) => {
      const result = await trx
        .updateTable('reservations')
        .set({ payment_claimed_until: until })
        .where('uuid', '=', uuid)
        .where('status', '=', 'SENT')
        .where((eb) => eb.or([eb('payment_claimed_until', 'is', null), eb('payment_claimed_until', '<', now)]))
        .executeTakeFirst();
      if (result.numUpdatedRows !== 1n) {
        const current = await trx.selectFrom('reservations').select('status').where('uuid', '=', uuid).executeTakeFirstOrThrow();
        return current.status === 'SENT' ? 'busy' : (current.status as ReservationStatus);
      }
      await this.openLink(trx, uuid, linkOpened);
      return 'claimed';
    });
  }

  async recordFailedAttempt(uuid: string, events: HistoryEvent[]): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.updateTable('reservations').set({ payment_claimed_until: null }).where('uuid', '=', uuid).execute();
      this.history.stage(trx, events);
    });
  }

  async releaseClaim(uuid: string): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.updateTable('reservations').set({ payment_claimed_until: null }).where('uuid', '=', uuid).execute();
    });
  }

  async recordReserved(record: ReservedRecord): Promise<'recorded' | Exclude<ReservationStatus, 'SENT'>> {
    const recorded = await this.transaction(async (trx) => {
      const updated = await trx
        .updateTable('reservations')
        .set({
          status: 'RESERVED',
          reserved_at: record.reservedAt,
          reserved_amount: record.reservedAmount,
          payment_method: record.paymentMethod,
          authorization_id: record.authorizationId,
          payment_claimed_until: null,
        })
        .where('uuid', '=', record.uuid)
        .where('status', '=', 'SENT')
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) {
        const current = await trx.selectFrom('reservations').select('status').where('uuid', '=', record.uuid).executeTakeFirstOrThrow();
        return current.status as Exclude<ReservationStatus, 'SENT'>;
      }
      await trx
        .insertInto('payment_cards')
        .values({
          reservation_uuid: record.uuid,
          token: record.card.token,
          brand: record.card.brand,
          last4: record.card.last4,
          expiry_month: record.card.expiryMonth,
          expiry_year: record.card.expiryYear,
          created_at: record.reservedAt,
        })
        .execute();
      for (const { lineId, reserved } of record.lineReservations) {
        await trx.updateTable('product_lines').set({ reserved }).where('id', '=', lineId).where('reservation_uuid', '=', record.uuid).execute();
      }
      this.history.stage(trx, record.events);
      if (record.callback) await this.callbacks.enqueue(trx, [record.callback]);
      if (record.response) await this.idempotency.completeIn(trx, record.response);
      return 'recorded' as const;
    });
    if (recorded === 'recorded' && record.callback) this.callbacks.announce();
    return recorded;
  }

  async markLinkOpened(uuid: string, event: HistoryEvent): Promise<boolean> {
    return this.transaction((trx) => this.openLink(trx, uuid, event));
  }

  private async openLink(trx: Transaction<Database>, uuid: string, event: HistoryEvent): Promise<boolean> {
    const updated = await trx.updateTable('reservations').set({ link_opened_at: event.occurredAt }).where('uuid', '=', uuid).where('link_opened_at', 'is', null).executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) return false;
    this.history.stage(trx, [event]);
    return true;
  }

  async markExpired(uuid: string): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.updateTable('reservations').set({ status: 'EXPIRED' }).where('uuid', '=', uuid).where('status', '=', 'SENT').execute();
    });
  }
}
