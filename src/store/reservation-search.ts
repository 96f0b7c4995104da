/** The dashboard's read-only views of a merchant's reservations (the core's ReservationSearch). */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { ReservationSearch } from '../reservations/ports.js';
import type { MoneyOverTime, ReservationFilter, ReservationPage } from '../reservations/reservation-list.js';
import type { HistoryEvent, ReservationStatus } from '../reservations/reservation.js';
import { effectiveStatus } from '../reservations/reservation.js';
import { toEvent } from './history-rows.js';
import type { Database } from './schema.js';

/** `text` as a LIKE pattern that matches it anywhere, its own % and _ taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filter as one SQL condition on `r` (reservations) and `c` (customers). */
function matches(merchantId: string, filter: ReservationFilter): RawBuilder<SqlBool> {
  const conditions: RawBuilder<SqlBool>[] = [sql`r.merchant_id = ${merchantId}`];
  const query = filter.query?.trim();
  if (query) {
    const pattern = containing(query);
    const alternatives = [sql`lower(r.uuid) like ${pattern} escape '\\'`, sql`lower(c.name) like ${pattern} escape '\\'`, sql`lower(c.email) like ${pattern} escape '\\'`];
    const digits = query.replace(/[\s()-]/g, '');
    if (/^\+?\d+$/.test(digits)) alternatives.push(sql`(c.country_code || c.msisdn) like ${containing(digits)} escape '\\'`);
    conditions.push(sql`(${sql.join(alternatives, sql` or `)})`);
  }
  if (filter.status === 'SENT') conditions.push(sql`r.status = 'SENT' and r.link_expires_at >= ${filter.now}`);
  else if (filter.status === 'EXPIRED') conditions.push(sql`(r.status = 'EXPIRED' or (r.status = 'SENT' and r.link_expires_at < ${filter.now}))`);
  else if (filter.status) conditions.push(sql`r.status = ${filter.status}`);
  if (filter.from !== null) conditions.push(sql`r.created_at >= ${filter.from}`);
  if (filter.to !== null) conditions.push(sql`r.created_at < ${filter.to}`);
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

export class ReservationSearchStore implements ReservationSearch {
  constructor(private readonly db: Kysely<Database>) {}

  async list(merchantId: string, filter: ReservationFilter, page: { offset: number; limit: number }): Promise<ReservationPage> {
    const base = this.db
      .selectFrom('reservations as r')
      .innerJoin('customers as c', 'c.uuid', 'r.customer_uuid')
      .where(matches(merchantId, filter));
    const sum = (kind: string) =>
      sql<number | string>`(select coalesce(sum(t.amount), 0) from transactions t where t.reservation_uuid = r.uuid and t.kind = ${kind} and t.state = 'succeeded')`;
    const [rows, count] = await Promise.all([
      base
        .select(['r.uuid', 'r.status', 'r.link_expires_at', 'r.currency', 'r.grand_total', 'r.reserved_amount', 'r.created_at', 'r.reserved_at'])
        .select(['c.name', 'c.email', 'c.country_code', 'c.msisdn'])
        .select([sum('capture').as('captured'), sum('charge').as('charged'), sum('refund').as('refunded')])
        .orderBy('r.created_at', 'desc')
        .orderBy('r.uuid', 'desc')
        .offset(page.offset)
        .limit(page.limit)
        .execute(),
      base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(count.n),
      rows: rows.map((row) => ({
        uuid: row.uuid,
        status: effectiveStatus({ status: row.status as ReservationStatus, linkExpiresAt: row.link_expires_at }, filter.now),
        customerName: row.name,
        customerEmail: row.email,
        customerPhone: `${row.country_code} ${row.msisdn}`,
        currency: row.currency,
        grandTotal: row.grand_total,
        reserved: row.reserved_amount ?? 0,
        captured: Number(row.captured),
        charged: Number(row.charged),
        refunded: Number(row.refunded),
        createdAt: row.created_at,
        reservedAt: row.reserved_at,
      })),
    };
  }

  async events(merchantId: string, reservationUuid: string): Promise<HistoryEvent[]> {
    // From the reservation to its events by (created_at, uuid): a filter on the events' own merchant_id
    // would lead SQLite to scan all of the merchant's events instead (reservation-time-order.ts).
    const rows = await this.db
      .selectFrom('reservations as r')
      .innerJoin('reservation_events as e', (join) => join.onRef('e.reservation_created_at', '=', 'r.created_at').onRef('e.reservation_uuid', '=', 'r.uuid'))
      .selectAll('e')
      .where('r.uuid', '=', reservationUuid)
      .where('r.merchant_id', '=', merchantId)
      .orderBy('e.occurred_at')
      .orderBy('e.id')
      .execute();
    return rows.map(toEvent);
  }

  async moneyOverTime(merchantId: string, from: number, to: number): Promise<MoneyOverTime> {
    const [reserved, captured] = await Promise.all([
      this.db
        .selectFrom('reservations')
        .select(['reserved_at', 'reserved_amount'])
        .where('merchant_id', '=', merchantId)
        .where('reserved_at', '>=', from)
        .where('reserved_at', '<', to)
        .execute(),
      this.db
        .selectFrom('transactions')
        .select(['created_at', 'amount'])
        .where('merchant_id', '=', merchantId)
        .where('kind', '=', 'capture')
        .where('state', '=', 'succeeded')
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .execute(),
    ]);
    return {
      reserved: reserved.map((row) => ({ at: row.reserved_at ?? 0, amount: row.reserved_amount ?? 0 })),
      captured: captured.map((row) => ({ at: row.created_at, amount: row.amount })),
    };
  }
}
