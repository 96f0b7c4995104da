/**
 * The hosted checkout's pages, rendered on the server: they work without JavaScript, with the
 * keyboard and on a 360 px phone. checkout.js only adds conveniences (card number spacing, brand
 * detection, inline checks).
 */
// @ts-nocheck

import { formatCurrency, type MinorUnits } from '../kernel/money.js';
import { formatDate } from '../kernel/time-zones.js';
import type { CardField, CardProblem } from '../reservations/cards.js';
import type { Merchant } from '../reservations/merchant.js';
import type { Language, StoredReservation } from '../reservations/reservation.js';
import { html, type Html } from '../kernel/html.js';
import { ERROR_TEXTS, NOT_FOUND_TEXTS, TEXTS, type Texts } from './translations.js';

export const ASSETS_PATH = '/checkout/assets';

export function formatMoney(minor: MinorUnits, currency: string, texts: Texts): string {
  return formatCurrency(minor, currency, texts.locale);
}

export function layout(language: Language | 'en', title: string, body: Html, options: { refreshTo?: string } = {}): string {
  return html`<!doctype html>
<html lang="${language === 'no' ? 'nb' : language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${options.refreshTo ? html`<meta http-equiv="refresh" content="2;url=${options.refreshTo}">` : ''}
<title>${title}</title>
<link rel="stylesheet" href="${ASSETS_PATH}/checkout.css">
</head>
<body>
<main class="page">
${body}
</main>
<script src="${ASSETS_PATH}/checkout.js" defer></script>
</body>
</html>
`.text;
}

export interface PaymentFormState {
  method: 'visa' | 'mastercard';
  values: { holderName?: string; expiry?: string };
  problems: Partial<Record<CardField, CardProblem>>;
  /** A message above the form: a decline or a gateway failure. */
  alert?: string;
}

export interface CheckoutView {
  merchant: Merchant;
  stored: StoredReservation;
  language: Language;
  actionUrl: string;
}

function summary({ merchant, stored }: CheckoutView, t: Texts): Html {
  const r = stored.reservation;
  const money = (minor: MinorUnits) => formatMoney(minor, r.currency, t);
  return html`<section class="summary" aria-labelledby="summary-title">
<h2 id="summary-title">${t.orderSummary}</h2>
<table class="lines">
<thead><tr><th scope="col">${t.product}</th><th scope="col" class="num">${t.quantity}</th><th scope="col" class="num">${t.price}</th><th scope="col" class="num">${t.tax}</th><th scope="col" class="num">${t.amount}</th></tr></thead>
<tbody>
${stored.lines.map(
  (line) => html`<tr><th scope="row">${line.name}</th><td class="num">${String(line.quantity)}</td><td class="num">${money(line.rate)}</td><td class="num">${line.tax} %</td><td class="num">${money(line.amount)}</td></tr>
`,
)}</tbody>
</table>
<table class="totals">
<tbody>
<tr><th scope="row">${t.subTotal}</th><td class="num">${money(r.subTotal)}</td></tr>
<tr><th scope="row">${t.totalTax}</th><td class="num">${money(r.totalTax)}</td></tr>
<tr class="total"><th scope="row">${t.total}</th><td class="num">${money(r.grandTotal)}</td></tr>
</tbody>
</table>
<p class="due">${t.payBy(formatDate(r.dueDate, merchant.timeZone))}</p>
${r.customerNotes ? html`<h3>${t.notes}</h3><p class="notes">${r.customerNotes}</p>` : ''}
${r.tnc ? html`<details class="terms"><summary>${t.terms}</summary><p>${r.tnc}</p></details>` : ''}
</section>`;
}

/** A labelled input with its hint and error, tied together for screen readers. */
function field(id: CardField, label: string, problem: string | undefined, attributes: Html, hint?: string): Html {
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${problem ? ' invalid' : ''}">
<label for="${id}">${label}</label>
${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
<input id="${id}" name="${id}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${problem ? html` aria-invalid="true"` : ''} ${attributes}>
<p class="error" id="${id}-error"${problem ? '' : ' hidden'}>${problem ?? ''}</p>
</div>`;
}

export function paymentPage(view: CheckoutView, state: PaymentFormState): string {
  const t = TEXTS[view.language];
  const r = view.stored.reservation;
  const problem = (f: CardField) => {
    const code = state.problems[f];
    return code ? (t.problems[f][code] ?? t.problems[f].invalid ?? t.problems[f].required) : undefined;
  };
  const hasProblems = Object.keys(state.problems).length > 0;
  const methodProblem = problem('method');
  const body = html`<header class="merchant">
<p class="eyebrow">${t.reservationAt(view.merchant.name)}</p>
<h1>${t.title}</h1>
</header>
${summary(view, t)}
<section class="pay" aria-labelledby="pay-title">
<h2 id="pay-title">${t.paymentMethod}</h2>
${state.alert ? html`<div class="alert" role="alert"><p>${state.alert}</p></div>` : ''}
${hasProblems ? html`<div class="alert" role="alert"><p>${t.fixErrors}</p></div>` : ''}
<form method="post" action="${view.actionUrl}" novalidate data-messages="${JSON.stringify({ cardNumber: t.problems.cardNumber.invalid })}">
<fieldset class="methods"${methodProblem ? html` aria-describedby="method-error"` : ''}>
<legend class="visually-hidden">${t.paymentMethod}</legend>
${(['visa', 'mastercard'] as const).map(
  (method) => html`<label class="method"><input type="radio" name="method" value="${method}"${state.method === method ? ' checked' : ''}> <span class="brand brand-${method}" aria-hidden="true"></span> ${t[method]}</label>
`,
)}
<p class="error" id="method-error"${methodProblem ? '' : ' hidden'}>${methodProblem ?? ''}</p>
</fieldset>
${field('cardNumber', t.cardNumber, problem('cardNumber'), html`type="text" inputmode="numeric" autocomplete="cc-number" maxlength="23" required`)}
<div class="row">
${field('expiry', t.expiry, problem('expiry'), html`type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="${t.expiryHint}" maxlength="7" value="${state.values.expiry ?? ''}" required`, t.expiryHint)}
${field('securityCode', t.securityCode, problem('securityCode'), html`type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="3" required`, t.securityCodeHint)}
</div>
${field('holderName', t.holderName, problem('holderName'), html`type="text" autocomplete="cc-name" maxlength="100" value="${state.values.holderName ?? ''}" required`)}
<button type="submit" class="pay-button">${t.pay(formatMoney(r.grandTotal, r.currency, t))}</button>
<p class="note">${t.secureNote}</p>
</form>
</section>`;
  return layout(view.language, `${t.title} – ${view.merchant.name}`, body);
}

export type NoticeKind = 'paid' | 'approved' | 'expired' | 'cancelled' | 'completed' | 'inProgress' | 'tooManyAttempts';

export function noticePage(view: CheckoutView, kind: NoticeKind): string {
  const t = TEXTS[view.language];
  const r = view.stored.reservation;
  const texts: Record<NoticeKind, [string, string]> = {
    paid: [t.paidTitle, t.paid],
    approved: [t.approvedTitle, t.approved(formatMoney(r.grandTotal, r.currency, t), view.merchant.name)],
    expired: [t.expiredTitle, t.expired],
    cancelled: [t.cancelledTitle, t.cancelled],
    completed: [t.completedTitle, t.completed],
    inProgress: [t.inProgressTitle, t.inProgress],
    tooManyAttempts: [t.tooManyAttemptsTitle, t.tooManyAttempts],
  };
  const [title, text] = texts[kind];
  const body = html`<header class="merchant"><p class="eyebrow">${t.reservationAt(view.merchant.name)}</p><h1>${title}</h1></header>
<section class="notice notice-${kind}"><p>${text}</p></section>`;
  return layout(view.language, `${title} – ${view.merchant.name}`, body, kind === 'inProgress' ? { refreshTo: view.actionUrl } : {});
}

export function errorPage(): string {
  const body = html`<header class="merchant"><h1>Payment not made</h1></header>
<section class="notice">${Object.entries(ERROR_TEXTS).map(([language, text]) => html`<p lang="${language === 'no' ? 'nb' : language}">${text}</p>`)}</section>`;
  return layout('en', 'Payment not made', body);
}

export function notFoundPage(): string {
  const body = html`<header class="merchant"><h1>Payment link not found</h1></header>
<section class="notice">${Object.entries(NOT_FOUND_TEXTS).map(([language, text]) => html`<p lang="${language === 'no' ? 'nb' : language}">${text}</p>`)}</section>`;
  return layout('en', 'Payment link not found', body);
}
