/**
 * One reservation: an overview, its product lines, the money ledger, the actions, the history and the
 * callback deliveries with every attempt. The page is a list of sections, one per kind of record, so
 * records that come later (notifications sent, BankID identifications) join as sections of their own.
 */
// @ts-nocheck

import { html, type Html } from '../kernel/html.js';
import type { MinorUnits } from '../kernel/money.js';
import { Ledger } from '../reservations/ledger.js';
import { effectiveStatus } from '../reservations/reservation.js';
import { actionForms } from './action-forms.js';
import { page } from './layout.js';
import { money, when, type ReservationView } from './reservation-view.js';

export type Section = (view: ReservationView) => Html;

const overview: Section = (view) => {
  const { t } = view.context;
  const { reservation, customer } = view.state;
  const status = effectiveStatus(reservation, view.now);
  const row = (label: string, value: Html | string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<section aria-labelledby="overview-title"><h2 id="overview-title">${t.overview}</h2>
<dl class="facts">
${row(t.status, html`<span class="status status-${status.toLowerCase()}">${t.statuses[status]}</span>`)}
${row(t.customer, customer.name)}
${row(t.email, customer.email)}
${row(t.phone, `${customer.countryCode} ${customer.msisdn}`)}
${row(t.total, money(view, reservation.grandTotal))}
${row(t.created, when(view, reservation.createdAt))}
${row(t.dueDate, when(view, reservation.linkExpiresAt))}
${row(t.paidAt, when(view, reservation.reservedAt))}
${row(t.paymentMethod, reservation.paymentMethod ?? '–')}
</dl></section>`;
};

const products: Section = (view) => {
  const { t } = view.context;
  const ledger = new Ledger(view.state);
  return html`<section aria-labelledby="products-title"><h2 id="products-title">${t.products}</h2>
<table class="stack"><thead><tr><th scope="col">${t.name}</th><th scope="col" class="num">${t.quantity}</th><th scope="col" class="num">${t.amount}</th><th scope="col" class="num">${t.tax}</th><th scope="col" class="num">${t.reserved}</th><th scope="col" class="num">${t.captured}</th></tr></thead>
<tbody>${view.state.lines.map(
    (line) => html`<tr><th scope="row">${line.name}</th><td class="num" data-label="${t.quantity}">${String(line.quantity)}</td><td class="num" data-label="${t.amount}">${money(view, line.amount)}</td><td class="num" data-label="${t.tax}">${line.tax} %</td><td class="num" data-label="${t.reserved}">${money(view, line.reserved)}</td><td class="num" data-label="${t.captured}">${money(view, ledger.capturedOnLine(line.id))}</td></tr>`,
  )}${view.state.chargeLines.map(
    (line) => html`<tr><th scope="row">${line.name} <span class="tag">${t.charged}</span></th><td class="num" data-label="${t.quantity}">${String(line.quantity)}</td><td class="num" data-label="${t.amount}">${money(view, line.amount)}</td><td class="num" data-label="${t.tax}">${line.tax} %</td><td class="num" data-label="${t.reserved}">–</td><td class="num" data-label="${t.captured}">–</td></tr>`,
  )}</tbody></table></section>`;
};

const ledgerSection: Section = (view) => {
  const { t } = view.context;
  const ledger = new Ledger(view.state);
  const reserved = view.state.reservation.reservedAmount ?? 0;
  const totals: [string, MinorUnits][] = [
    [t.reserved, reserved],
    [t.captured, ledger.total('capture')],
    [t.charged, ledger.total('charge')],
    [t.refundedFromCaptures, ledger.refundedFrom('captured')],
    [t.refundedFromCharges, ledger.refundedFrom('charged')],
    [t.remaining, view.state.reservation.authorizationId ? Math.max(0, ledger.remainingAuthorization()) : 0],
  ];
  return html`<section aria-labelledby="ledger-title"><h2 id="ledger-title">${t.ledger}</h2>
<dl class="totals" id="ledger-totals">${totals.map(([label, amount]) => html`<div><dt>${label}</dt><dd>${money(view, amount)}</dd></div>`)}</dl>
${
  view.state.transactions.length
    ? html`<h3>${t.transactions}</h3><table class="stack" id="transactions"><thead><tr><th scope="col">${t.id}</th><th scope="col">${t.kind}</th><th scope="col" class="num">${t.amount}</th><th scope="col">${t.time}</th><th scope="col">${t.state}</th></tr></thead>
<tbody>${view.state.transactions.map(
        (tx) => html`<tr><th scope="row">${tx.uuid}</th><td data-label="${t.kind}">${t.transactionKinds[tx.kind]}${tx.refundOf ? html` (${tx.refundOf})` : ''}</td><td class="num" data-label="${t.amount}">${money(view, tx.amount)}</td><td data-label="${t.time}">${when(view, tx.createdAt)}</td><td data-label="${t.state}">${t.transactionStates[tx.state]}</td></tr>`,
      )}</tbody></table>`
    : ''
}</section>`;
};

const history: Section = (view) => {
  const { t } = view.context;
  return html`<section aria-labelledby="history-title"><h2 id="history-title">${t.history}</h2>
${
  view.events.length
    ? html`<ol class="timeline" id="history">${view.events.map(
        (event) => html`<li><p><strong>${t.events[event.title] ?? event.title}</strong>${event.amount !== null ? html` · ${money(view, event.amount)}` : ''} <span class="muted">${when(view, event.occurredAt)}</span></p>
${event.actionBy ? html`<p class="muted">${t.actionBy}: ${event.actionBy}</p>` : ''}${event.sentTo ? html`<p class="muted">${t.sentTo}: ${event.sentTo}</p>` : ''}${event.note ? html`<p class="muted">${t.note}: ${event.note}</p>` : ''}</li>`,
      )}</ol>`
    : html`<p>${t.noHistory}</p>`
}</section>`;
};

const callbacks: Section = (view) => {
  const { t } = view.context;
  return html`<section aria-labelledby="callbacks-title"><h2 id="callbacks-title">${t.callbacks}</h2>
${view.callbacks.length === 0 ? html`<p>${t.noCallbacks}</p>` : ''}
<div id="callbacks">${view.callbacks.map(
    (callback) => html`<article class="callback" aria-label="${callback.status} ${callback.subjectUuid}"><h3>${callback.status} · ${callback.subjectUuid} · ${money(view, callback.amount)}</h3>
<p><span class="status status-${callback.state}">${t.delivery[callback.state]}</span>${callback.state === 'pending' ? html` · ${t.nextAttempt}: ${when(view, callback.nextAttemptAt)}` : ''}</p>
${
  callback.attempts.length
    ? html`<table class="stack attempts"><caption>${t.attempts}</caption><thead><tr><th scope="col">${t.time}</th><th scope="col">${t.httpStatus}</th><th scope="col" class="num">${t.duration}</th><th scope="col">${t.url}</th></tr></thead>
<tbody>${callback.attempts.map(
        (attempt) => html`<tr><th scope="row">${when(view, attempt.attemptedAt)}</th><td data-label="${t.httpStatus}">${attempt.httpStatus === null ? (attempt.error ?? '–') : `HTTP ${attempt.httpStatus}`}</td><td class="num" data-label="${t.duration}">${attempt.durationMs} ms</td><td data-label="${t.url}" class="url">${attempt.url}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${t.noAttempts}</p>`
}</article>`,
  )}</div></section>`;
};

const actions: Section = (view) => html`<section aria-labelledby="actions-title"><h2 id="actions-title">${view.context.t.actions}</h2>${actionForms(view)}</section>`;

/** The page's sections in order; a new kind of record adds its own here. */
export const RESERVATION_SECTIONS: readonly Section[] = [overview, products, ledgerSection, actions, history, callbacks];

export function reservationPage(view: ReservationView): string {
  const { t } = view.context;
  const uuid = view.state.reservation.uuid;
  const body = html`<p><a href="/dashboard/reservations">← ${t.backToList}</a></p>
<h1>${t.reservationTitle(uuid)}</h1>
${view.notice ? html`<div class="notice" role="status"><p>${view.notice}</p></div>` : ''}
${RESERVATION_SECTIONS.map((section) => section(view))}`;
  return page(view.context, { title: t.reservationTitle(uuid), section: 'reservations', body });
}
