/** The reservation list (newest first, searched and filtered, 25 a page) and its CSV export. */
// @ts-nocheck

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays, isoDate, localDate, parseIsoDate, startOfLocalDay } from '../kernel/time-zones.js';
import { merchantNow, type Merchant } from '../reservations/merchant.js';
import type { Clock, ReservationSearch } from '../reservations/ports.js';
import type { ReservationFilter } from '../reservations/reservation-list.js';
import type { ReservationStatus } from '../reservations/reservation.js';
import { chartRange, totalsPerDay } from './chart.js';
import { CSV_HEADER, csvRow } from './csv.js';
import { reservationListPage, STATUSES, type ListQuery } from './reservation-list-page.js';
import { contextOf, sendPage } from './replies.js';

const PAGE_SIZE = 25;
/** The export reads the list in pages of this many. */
const EXPORT_BATCH = 1000;
const EXPORT_LIMIT = 100_000;

type Query = Partial<Record<'q' | 'status' | 'from' | 'to' | 'page', string>>;

function listQuery(query: Query): ListQuery {
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
  const page = Number(text(query.page, 6));
  return { q: text(query.q, 100), status: text(query.status, 10), from: text(query.from, 10), to: text(query.to, 10), page: Number.isInteger(page) && page > 0 ? page : 1 };
}

function filterOf(query: ListQuery, merchant: Merchant, now: number): ReservationFilter {
  const from = parseIsoDate(query.from);
  const to = parseIsoDate(query.to);
  return {
    query: query.q || null,
    status: (STATUSES as readonly string[]).includes(query.status) ? (query.status as ReservationStatus) : null,
    from: from ? startOfLocalDay(from, merchant.timeZone) : null,
    to: to ? startOfLocalDay(addDays(to, 1), merchant.timeZone) : null,
    now,
  };
}

export function reservationListRoutes(deps: { search: ReservationSearch; clock: Clock }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const signedIn = (request: FastifyRequest) => request.dashboardUser!;

    app.get<{ Querystring: Query }>('/reservations', { schema: { hide: true } }, async (request, reply) => {
      const { merchant } = signedIn(request);
      const now = merchantNow(deps.clock, merchant);
      const query = listQuery(request.query);
      const range = chartRange(now, merchant.timeZone);
      const [result, money] = await Promise.all([
        deps.search.list(merchant.id, filterOf(query, merchant, now), { offset: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
        deps.search.moneyOverTime(merchant.id, range.from, range.to),
      ]);
      const view = { context: contextOf(request), merchant, query, result, pageSize: PAGE_SIZE, days: totalsPerDay(money, range.first, merchant.timeZone) };
      return sendPage(reply, 200, reservationListPage(view));
    });

    app.get<{ Querystring: Query }>('/reservations.csv', { schema: { hide: true } }, async (request, reply) => {
      const { merchant } = signedIn(request);
      const now = merchantNow(deps.clock, merchant);
      const filter = filterOf(listQuery(request.query), merchant, now);
      let csv = CSV_HEADER;
      for (let offset = 0; offset < EXPORT_LIMIT; offset += EXPORT_BATCH) {
        const { rows } = await deps.search.list(merchant.id, filter, { offset, limit: EXPORT_BATCH });
        for (const row of rows) csv += csvRow(row);
        if (rows.length < EXPORT_BATCH) break;
      }
      const day = isoDate(localDate(now, merchant.timeZone));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="reservations-${day}.csv"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(csv);
    });
  };
}
