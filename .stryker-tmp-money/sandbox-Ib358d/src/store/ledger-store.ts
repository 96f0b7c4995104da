/** The merchant's money movements for the ledger export (the core's LedgerRepository). */
// @ts-nocheck

import { sql, type Kysely } from 'kysely';
import { genesis } from '../audit/history-chain.js';
import type { LedgerEntry, LedgerRepository } from '../reservations/ports.js';
import type { Database } from './schema.js';

export class LedgerStore implements LedgerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async entries(merchantId: string, from: number, to: number): Promise<LedgerEntry[]> {
    const [reserved, moved, closed] = await Promise.all([
      this.db
        .selectFrom('reservations')
        .select(['uuid', 'reserved_at', 'reserved_amount'])
        .where('merchant_id', '=', merchantId)
        .where('reserved_at', '>=', from)
        .where('reserved_at', '<=', to)
        .execute(),
      this.db
        .selectFrom('transactions')
        .select(['uuid', 'reservation_uuid', 'kind', 'amount', 'refund_of', 'settled_at'])
        .where('merchant_id', '=', merchantId)
        .where('state', '=', 'succeeded')
        .where('settled_at', '>=', from)
        .where('settled_at', '<=', to)
        .execute(),
      this.db
        .selectFrom('reservations as r')
        .select((eb) => [
          'r.uuid',
          'r.closed_at',
          'r.reserved_amount',
          eb
            .selectFrom('transactions as t')
            .select(sql<number>`coalesce(sum(t.amount), 0)`.as('captured'))
            .whereRef('t.reservation_uuid', '=', 'r.uuid')
            .where('t.kind', '=', 'capture')
            .where('t.state', '=', 'succeeded')
            .as('captured'),
        ])
        .where('r.merchant_id', '=', merchantId)
        .where('r.reserved_at', 'is not', null)
        .where('r.closed_at', '>=', from)
        .where('r.closed_at', '<=', to)
        .execute(),
    ]);
    const entries: LedgerEntry[] = [
      ...reserved.map((r) => ({ type: 'reserved' as const, at: r.reserved_at!, reservationUuid: r.uuid, amount: r.reserved_amount! })),
      ...moved.map((t) => ({
        type: ({ capture: 'captured', charge: 'charged', refund: 'refunded' } as const)[t.kind as 'capture' | 'charge' | 'refund'],
        at: t.settled_at!,
        reservationUuid: t.reservation_uuid,
        transactionUuid: t.uuid,
        amount: t.amount,
        refundOf: t.refund_of,
      })),
      ...closed.map((r) => ({ type: 'closed' as const, at: r.closed_at!, reservationUuid: r.uuid, reserved: r.reserved_amount!, captured: Number(r.captured ?? 0) })),
    ];
    return entries.sort((a, b) => a.at - b.at);
  }

  async chainHead(merchantId: string): Promise<{ sequence: number; hash: string }> {
    const head = await this.db.selectFrom('history_chains').select(['sequence', 'hash']).where('merchant_id', '=', merchantId).executeTakeFirst();
    return head ?? { sequence: 0, hash: genesis(merchantId) };
  }
}
