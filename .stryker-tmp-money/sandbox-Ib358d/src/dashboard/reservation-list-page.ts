/** The reservation list: the chart, the search and filter form, the table and its pages. */
// @ts-nocheck

import { html, type Html } from '../kernel/html.js';
import { formatCurrency, sumMinor, type MinorUnits } from '../kernel/money.js';
import { formatDateTime, type LocalDate } from '../kernel/time-zones.js';
import type { Merchant } from '../reservations/merchant.js';
import type { ReservationPage } from '../reservations/reservation-list.js';
import type { ReservationStatus } from '../reservations/reservation.js';
import { chartSvg, type DayTotals } from './chart.js';
import { page, type PageContext } from './layout.js';

export const STATUSES: readonly ReservationStatus[] = ['SENT', 'RESERVED', 'COMPLETED', 'CANCELLED', 'EXPIRED'];

/** The list's query as the form shows it (the raw texts the user entered). */
export interface ListQuery {
  q: string;
  status: string;
  from: string;
  to: string;
  page: number;
}

export interface ListView {
  context: PageContext;
  merchant: Merchant;
  query: ListQuery;
  result: ReservationPage;
  pageSize: number;
  days: DayTotals[];
}

/** The query string of the list with some values changed (for pages and the CSV link). */
export function queryString(query: ListQuery, change: Partial<ListQuery> = {}): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  for (const key of ['q', 'status', 'from', 'to'] as const) if (merged[key]) params.set(key, merged[key]);
  if (merged.page > 1) params.set('page', String(merged.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function chart(view: ListView): Html {
  const { t } = view.context;
  const currency = view.merchant.currency;
  const money = (minor: MinorUnits) => formatCurrency(minor, currency, t.locale);
  const summary = t.chartSummary(money(sumMinor(view.days.map((d) => d.reserved))), money(sumMinor(view.days.map((d) => d.captured))));
  const format = (day: LocalDate) => `${String(day.day).padStart(2, '0')}.${String(day.month).padStart(2, '0')}`;
  return html`<section aria-labelledby="chart-heading" class="chart-section"><h2 id="chart-heading">${t.chartTitle}</h2>
${chartSvg(view.days, { title: t.chartTitle, summary, format })}
<ul class="legend"><li><span class="swatch reserved"></span>${t.reserved}</li><li><span class="swatch captured"></span>${t.captured}</li></ul>
<p>${summary}</p></section>`;
}

function filters(view: ListView): Html {
  const { t } = view.context;
  const { query } = view;
  return html`<form method="get" action="/dashboard/reservations" class="filters" role="search">
<div class="field grow"><label for="q">${t.search}</label><span class="hint" id="q-hint">${t.searchHint}</span><input id="q" name="q" type="search" value="${query.q}" aria-describedby="q-hint" maxlength="100"></div>
<div class="field"><label for="status">${t.status}</label><select id="status" name="status"><option value="">${t.anyStatus}</option>${STATUSES.map(
    (status) => html`<option value="${status}"${query.status === status ? ' selected' : ''}>${t.statuses[status]}</option>`,
  )}</select></div>
<div class="field"><label for="from">${t.from}</label><input id="from" name="from" type="date" value="${query.from}"></div>
<div class="field"><label for="to">${t.to}</label><input id="to" name="to" type="date" value="${query.to}"></div>
<div class="field buttons"><button type="submit">${t.filter}</button><a class="button secondary" href="/dashboard/reservations.csv${queryString(query, { page: 1 })}" download>${t.exportCsv}</a></div>
</form>`;
}

function table(view: ListView): Html {
  const { t } = view.context;
  if (view.result.rows.length === 0) return html`<p>${t.noReservations}</p>`;
  return html`<table class="stack reservations"><thead><tr><th scope="col">${t.reservation}</th><th scope="col">${t.status}</th><th scope="col">${t.customer}</th><th scope="col" class="num">${t.reserved}</th><th scope="col" class="num">${t.captured}</th><th scope="col" class="num">${t.charged}</th><th scope="col" class="num">${t.refunded}</th><th scope="col">${t.created}</th></tr></thead>
<tbody>${view.result.rows.map((row) => {
    const money = (minor: MinorUnits) => formatCurrency(minor, row.currency, t.locale);
    return html`<tr><th scope="row"><a href="/dashboard/reservations/${row.uuid}">${row.uuid}</a></th><td data-label="${t.status}"><span class="status status-${row.status.toLowerCase()}">${t.statuses[row.status]}</span></td><td data-label="${t.customer}">${row.customerName}<br><span class="muted">${row.customerEmail}</span></td><td class="num" data-label="${t.reserved}">${money(row.reserved)}</td><td class="num" data-label="${t.captured}">${money(row.captured)}</td><td class="num" data-label="${t.charged}">${money(row.charged)}</td><td class="num" data-label="${t.refunded}">${money(row.refunded)}</td><td data-label="${t.created}">${formatDateTime(row.createdAt, view.merchant.timeZone)}</td></tr>`;
  })}</tbody></table>`;
}

function pagination(view: ListView): Html {
  const { t } = view.context;
  const pages = Math.max(1, Math.ceil(view.result.total / view.pageSize));
  const current = view.query.page;
  return html`<nav aria-label="${t.pagination}" class="pages"><p>${t.pageOf(current, pages, view.result.total)}</p>
${current > 1 ? html`<a href="/dashboard/reservations${queryString(view.query, { page: current - 1 })}" rel="prev">${t.previous}</a>` : ''}
${current < pages ? html`<a href="/dashboard/reservations${queryString(view.query, { page: current + 1 })}" rel="next">${t.next}</a>` : ''}</nav>`;
}

export function reservationListPage(view: ListView): string {
  const { t } = view.context;
  const body = html`<h1>${t.reservations}</h1>${chart(view)}
<section aria-labelledby="list-heading"><h2 id="list-heading" class="visually-hidden">${t.reservations}</h2>${filters(view)}${table(view)}${pagination(view)}</section>`;
  return page(view.context, { title: t.reservations, section: 'reservations', body });
}
