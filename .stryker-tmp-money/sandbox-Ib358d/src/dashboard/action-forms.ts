/**
 * The action forms of a reservation page, each prefilled with what is still possible, and the
 * confirmation page every action passes through. A form carries its own Idempotency-Key; a refused
 * form is drawn again with the refusal beside it and a new key.
 */
// @ts-nocheck

import { html, type Html } from '../kernel/html.js';
import { Ledger, type MoneyTransaction } from '../reservations/ledger.js';
import { effectiveStatus } from '../reservations/reservation.js';
import { amountField } from './amounts.js';
import { csrfField, page, type PageContext } from './layout.js';
import { money, type ReservationView } from './reservation-view.js';
import type { ActionName } from './texts.js';

interface Field {
  name: string;
  label: string;
  value: string;
  type?: 'text' | 'email' | 'amount' | 'select';
  options?: [string, string][];
  required?: boolean;
}

const TAX_RATES = ['25', '15', '12', '0'];

function refusalBox(view: ReservationView, formId: string): Html {
  const refusal = view.forms.refusal;
  if (refusal?.formId !== formId) return html``;
  const { t } = view.context;
  const { failure } = refusal;
  return html`<div class="alert" role="alert" id="${formId}-refusal"><p><strong>${t.refused}:</strong> ${t.failures[failure.key]} <code>${failure.key}</code></p>
${failure.errors?.length ? html`<ul>${failure.errors.map((sentence) => html`<li>${sentence}</li>`)}</ul>` : ''}</div>`;
}

function input(formId: string, field: Field, given: Record<string, string> | undefined): Html {
  const id = `${formId}-${field.name}`;
  const value = given?.[field.name] ?? field.value;
  const required = field.required ? html` required` : '';
  if (field.type === 'select') {
    return html`<div class="field"><label for="${id}">${field.label}</label><select id="${id}" name="${field.name}">${(field.options ?? []).map(
      ([optionValue, label]) => html`<option value="${optionValue}"${optionValue === value ? ' selected' : ''}>${label}</option>`,
    )}</select></div>`;
  }
  const attributes = field.type === 'amount' ? html` inputmode="decimal" autocomplete="off"` : field.type === 'email' ? html` type="email" autocomplete="off"` : html``;
  return html`<div class="field"><label for="${id}">${field.label}</label><input id="${id}" name="${field.name}" value="${value}"${field.type === 'email' ? '' : html` type="text"`}${attributes}${required}></div>`;
}

function actionForm(view: ReservationView, action: ActionName, formId: string, fields: Field[], hidden: Record<string, string> = {}, heading?: string): Html {
  const { t } = view.context;
  const given = view.forms.refusal?.formId === formId ? view.forms.refusal.values : undefined;
  const uuid = view.state.reservation.uuid;
  return html`<form method="post" action="/dashboard/reservations/${uuid}/${action}" class="action" id="${formId}" aria-labelledby="${formId}-title">
<h3 id="${formId}-title">${heading ?? t.actionLabels[action]}</h3>
${refusalBox(view, formId)}
${csrfField(view.context)}<input type="hidden" name="idempotencyKey" value="${view.forms.newKey()}"><input type="hidden" name="formId" value="${formId}">
${Object.entries(hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
${fields.map((field) => input(formId, field, given))}
<button type="submit">${t.actionLabels[action]}</button>
</form>`;
}

function refundForm(view: ReservationView, ledger: Ledger, of: MoneyTransaction): Html | null {
  const { t } = view.context;
  const names = new Map([...view.state.lines, ...view.state.chargeLines].map((line) => [line.id, line.name]));
  const lines = of.lines.map((line) => ({ id: line.lineId, max: ledger.refundableOnLine(of, line.lineId) })).filter((line) => line.max > 0);
  if (lines.length === 0) return null;
  const fields = lines.map((line) => ({
    name: `line-${line.id}`,
    label: t.amountToRefund(names.get(line.id) ?? `#${line.id}`, money(view, line.max)),
    value: amountField(line.max),
    type: 'amount' as const,
  }));
  return actionForm(view, 'refund', `refund-${of.uuid}`, fields, { reference: of.uuid, source: of.kind === 'capture' ? 'captured' : 'charged' }, t.refundOf(of.uuid));
}

export function actionForms(view: ReservationView): Html {
  const { t } = view.context;
  const { reservation, customer } = view.state;
  const ledger = new Ledger(view.state);
  const status = effectiveStatus(reservation, view.now);
  const forms: (Html | null)[] = [];
  const capturable = view.state.lines.map((line) => ({ line, max: ledger.capturableOnLine(line) })).filter((entry) => entry.max > 0);
  if (status === 'RESERVED' && capturable.length) {
    const fields: Field[] = capturable.map(({ line, max }) => ({ name: `line-${line.id}`, label: t.amountToCapture(line.name, money(view, max)), value: amountField(max), type: 'amount' }));
    forms.push(actionForm(view, 'capture', 'capture', [...fields, { name: 'additionalText', label: t.captureText, value: '' }]));
  }
  for (const of of [...ledger.transactions('capture'), ...ledger.transactions('charge')]) forms.push(refundForm(view, ledger, of));
  if (view.state.card && status !== 'CANCELLED' && status !== 'COMPLETED') {
    forms.push(
      actionForm(view, 'charge', 'charge', [
        { name: 'name', label: t.chargeName, value: '', required: true },
        { name: 'amount', label: t.chargeAmount, value: '', type: 'amount', required: true },
        { name: 'tax', label: t.chargeTax, value: '25', type: 'select', options: TAX_RATES.map((rate) => [rate, `${rate} %`]) },
      ]),
    );
  }
  const note = { name: 'note', label: t.noteRequired, value: '', required: true };
  if (status === 'SENT' || (status === 'RESERVED' && !ledger.hasMovedMoney())) forms.push(actionForm(view, 'cancel', 'cancel', [note]));
  if (status === 'RESERVED' && ledger.hasMovedMoney(false)) forms.push(actionForm(view, 'complete', 'complete', [note]));
  if (status === 'SENT' || status === 'EXPIRED') {
    forms.push(
      actionForm(view, 'resend', 'resend', [
        { name: 'email', label: t.resendEmail, value: customer.email, type: 'email' },
        { name: 'countryCode', label: t.resendCountryCode, value: customer.countryCode },
        { name: 'msisdn', label: t.resendPhone, value: customer.msisdn },
      ]),
    );
  }
  if (view.callbacks.length) forms.push(actionForm(view, 'resendCallback', 'resend-callback', [], {}, `${t.callbacks}: ${t.actionLabels.resendCallback}`));
  return html`<div class="actions">${forms.filter((form): form is Html => form !== null)}</div>`;
}

/** The confirmation step: what is about to happen, and the same form again with `confirmed`. */
export function confirmPage(
  context: PageContext,
  request: { uuid: string; action: ActionName; question: string; details: [string, string][]; form: Record<string, string> },
): string {
  const { t } = context;
  const body = html`<h1>${t.confirmTitle[request.action]}</h1>
<p class="question">${request.question}</p>
${request.details.length ? html`<dl class="facts">${request.details.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>` : ''}
<form method="post" action="/dashboard/reservations/${request.uuid}/${request.action}" class="confirm">
${csrfField(context)}
${Object.entries(request.form).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<input type="hidden" name="confirmed" value="yes">
<button type="submit">${t.confirmLabels[request.action]}</button>
<a href="/dashboard/reservations/${request.uuid}" class="button secondary">${t.cancelButton}</a>
</form>`;
  return page(context, { title: t.confirmTitle[request.action], section: 'reservations', body });
}
