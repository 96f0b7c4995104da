/**
 * What the reservation page's forms do: each form stands for the body of one API operation, which
 * runs through the same domain code as the API, under the form's Idempotency-Key, with the
 * dashboard user's email as history's actionBy.
 */
// @ts-nocheck

import { formatMajorAmount, sumMinor, type MinorUnits } from '../kernel/money.js';
import { resendLatestCallback } from '../reservations/callback-log.js';
import { captureReservation } from '../reservations/capture-reservation.js';
import { chargeReservation } from '../reservations/charge-reservation.js';
import { cancelReservation, completeReservation } from '../reservations/close-reservation.js';
import type { ReservationState } from '../reservations/ledger.js';
import type { Merchant } from '../reservations/merchant.js';
import type { LifecycleDependencies, OperationContext } from '../reservations/operation.js';
import type { Outcome } from '../reservations/outcome.js';
import type { CallbackRepository } from '../reservations/ports.js';
import { refundReservation } from '../reservations/refund-reservation.js';
import { resendReservation } from '../reservations/resend-reservation.js';
import { readAmount } from './amounts.js';
import { runKeyed, type KeyedResult, type KeySettings } from './keyed-action.js';
import type { ActionName, Texts } from './texts.js';

export const ACTIONS = ['capture', 'charge', 'refund', 'cancel', 'complete', 'resend', 'resendCallback'] as const satisfies readonly ActionName[];

export function isAction(name: string): name is ActionName {
  return (ACTIONS as readonly string[]).includes(name);
}

export interface ActionDependencies extends LifecycleDependencies {
  callbacks: CallbackRepository;
  keys: KeySettings;
}

type Form = Record<string, string>;

interface AmountLines {
  products: { id: number; amount: string }[];
  /** Readable amounts only; an unreadable one is passed on as typed, for the API's sentence about it. */
  total: MinorUnits;
}

function amountLines(form: Form): AmountLines {
  const products: { id: number; amount: string }[] = [];
  const readable: MinorUnits[] = [];
  for (const [name, value] of Object.entries(form)) {
    const id = /^line-(\d{1,15})$/.exec(name)?.[1];
    if (!id) continue;
    const minor = readAmount(value);
    if (minor === 0) continue;
    if (minor !== null) readable.push(minor);
    products.push({ id: Number(id), amount: minor === null ? value : formatMajorAmount(minor) });
  }
  return { products, total: sumMinor(readable) };
}

/** The API body a form stands for. */
export function requestBody(action: ActionName, form: Form): unknown {
  switch (action) {
    case 'capture': {
      const { products, total } = amountLines(form);
      return { products, grandTotal: formatMajorAmount(total), additionalText: form.additionalText ?? null };
    }
    case 'refund': {
      const { products, total } = amountLines(form);
      return { type: 'reservation', source: form.source, reference: form.reference, products, grandTotal: formatMajorAmount(total) };
    }
    case 'charge': {
      const minor = readAmount(form.amount);
      const amount = minor === null || minor === 0 ? (form.amount ?? '') : formatMajorAmount(minor);
      return { products: [{ name: form.name ?? '', rate: amount, amount, tax: form.tax ?? '', quantity: 1 }], grandTotal: amount };
    }
    case 'cancel':
    case 'complete':
      return { note: form.note ?? '' };
    case 'resend':
      return { email: form.email ?? null, countryCode: form.countryCode ?? null, msisdn: form.msisdn ?? null };
    case 'resendCallback':
      return {};
  }
}

/** What the confirmation page names: the amount in question and, per line, what moves. */
export function confirmationDetails(
  action: ActionName,
  form: Form,
  state: ReservationState,
  money: (minor: MinorUnits) => string,
  t: Texts,
): { amount: string; details: [string, string][] } {
  const names = new Map([...state.lines, ...state.chargeLines].map((line) => [line.id, line.name]));
  switch (action) {
    case 'capture':
    case 'refund': {
      const { products, total } = amountLines(form);
      const shown = (text: string) => {
        const minor = readAmount(text);
        return minor === null ? text : money(minor);
      };
      return { amount: money(total), details: products.map((line) => [names.get(line.id) ?? `#${line.id}`, shown(line.amount)]) };
    }
    case 'charge':
      return { amount: money(readAmount(form.amount) ?? 0), details: [[t.chargeName, form.name ?? '']] };
    case 'cancel':
    case 'complete':
      return { amount: '', details: [[t.note, form.note ?? '']] };
    case 'resend':
      return { amount: '', details: [[t.resendEmail, form.email ?? ''], [t.resendPhone, `${form.countryCode ?? ''} ${form.msisdn ?? ''}`]] };
    case 'resendCallback':
      return { amount: '', details: [] };
  }
}

type Operation = (deps: LifecycleDependencies, context: OperationContext<unknown>, uuid: string, body: unknown) => Promise<Outcome<unknown>>;

const OPERATIONS: Record<Exclude<ActionName, 'resendCallback'>, Operation> = {
  capture: captureReservation as Operation,
  charge: chargeReservation as Operation,
  refund: refundReservation as Operation,
  cancel: cancelReservation as Operation,
  complete: completeReservation as Operation,
  resend: resendReservation as Operation,
};

/** The fields that make a form's request (not its CSRF token nor its confirmation). */
function requestFields(form: Form): Form {
  const { _csrf: _token, confirmed: _confirmed, ...fields } = form;
  return fields;
}

export function runAction(
  deps: ActionDependencies,
  who: { merchant: Merchant; email: string },
  uuid: string,
  action: ActionName,
  form: Form,
): Promise<KeyedResult<unknown>> {
  const request = { merchantId: who.merchant.id, key: form.idempotencyKey ?? '', path: `/dashboard/reservations/${uuid}/${action}`, form: requestFields(form) };
  return runKeyed<unknown>(deps.keys, request, (responseFor, keyId) => {
    if (action === 'resendCallback') return resendLatestCallback(deps, who.merchant, uuid, who.email);
    const context: OperationContext<unknown> = { merchant: who.merchant, actor: who.email, responseFor, idempotencyKeyId: keyId };
    return OPERATIONS[action](deps, context, uuid, requestBody(action, form));
  });
}
