/**
 * Reading a Create Session / Submit Reservation body. Most bodies are in their plain form: every
 * field of the type the page shows, every rule met. Those are read here in plain JavaScript, in a
 * few microseconds, to the very value the zod schema (create-request.ts) would give; zod's parse
 * cost more than any other step of a create on the request thread. Anything else — a field
 * missing that is required, a value of another type, a rule broken — is left to the schema, which
 * alone decides what is refused and says why. So this reading may only ever accept less than the
 * schema, never more, and must give the same value: test/read-create-request.test.ts compares the
 * two over thousands of bodies.
 */
import { z } from 'zod';
import { parseMajorAmount } from '../kernel/money.js';
import { parseOrderDate, parseUnixSeconds } from '../kernel/time-zones.js';
import {
  booleanOf,
  DIALING_CODE,
  DIALING_CODE_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  httpUrl,
  isBooleanLike,
  wholeNumber,
  withoutNul,
  withPlus,
} from '../validation/rules.js';
import { validate, type Validated } from '../validation/validate.js';
import { isIsoAlpha2Country } from './countries.js';
import {
  chargeValidityOf,
  CUSTOMER_ID,
  dueBeforeToday,
  isChargeValidity,
  isQuantity,
  MAX_LENGTH,
  MAX_PRODUCT_LINES,
  ORGANIZATION_ID,
  PERSONAL_NUMBER,
  PHONE_NUMBER,
  productIdOf,
  quantityOf,
  REQUEST_DEFAULTS,
  reservationRequestSchema,
  TAX_RATES,
  totalsAddUp,
  usesCallbackParameter,
  type RequestCalendar,
  type ReservationRequest,
} from './create-request.js';
import { LANGUAGES, PAYMENT_METHODS, type Language, type PaymentMethodChoice } from './reservation.js';

export function readReservationRequest(via: 'create' | 'submit', calendar: RequestCalendar, body: unknown): Validated<ReservationRequest> {
  const plain = plainReservationRequest(via, calendar, body);
  return plain ? { ok: true, value: plain } : validate(reservationRequestSchema(via, calendar), body);
}

/** A value that is not in its plain form: the schema decides. */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();

function notPlain(): never {
  throw NOT_PLAIN;
}

export function plainReservationRequest(via: 'create' | 'submit', calendar: RequestCalendar, body: unknown): ReservationRequest | null {
  try {
    const request = readRequest(via, calendar, record(body));
    const addUp = totalsAddUp(request.products.map((line) => line.amount), request.orderSummary);
    return addUp.subTotal && addUp.grandTotal && !dueBeforeToday(request.dueDateForPaymentLink, calendar) ? request : null;
  } catch (error) {
    if (error === NOT_PLAIN) return null;
    throw error;
  }
}

function readRequest(via: 'create' | 'submit', calendar: RequestCalendar, body: Record<string, unknown>): ReservationRequest {
  return {
    customerDetails: customerDetails(record(body.customerDetails)),
    orderDate: instant(body.orderDate, (value) => parseOrderDate(value, calendar.timeZone)),
    dueDateForPaymentLink: instant(body.dueDateForPaymentLink, parseUnixSeconds),
    referenceNo: optionalText(body.referenceNo),
    customerReference: optionalText(body.customerReference),
    sendOrderBy: sendOrderBy(record(body.sendOrderBy)),
    products: products(body.products),
    orderSummary: orderSummary(record(body.orderSummary)),
    chargeValidity: chargeValidity(body.chargeValidity),
    customerNotes: optionalText(body.customerNotes, MAX_LENGTH.customerNotes),
    tnc: optionalText(body.tnc, MAX_LENGTH.tnc),
    submitPayment: via === 'submit' && absent(body.submitPayment) ? { ...REQUEST_DEFAULTS.submitPayment } : { via: paymentMethod(record(body.submitPayment).via) },
    callback: callback(body.callback),
    settings: settings(body.settings),
  };
}

function customerDetails(details: Record<string, unknown>): ReservationRequest['customerDetails'] {
  const type = details.type === 'private' || details.type === 'corporate' ? details.type : notPlain();
  const organizationId = optionalMatch(details.organizationId, ORGANIZATION_ID, MAX_LENGTH.organizationId);
  if (type === 'corporate' && !organizationId) notPlain();
  return {
    customerUuid: optionalMatch(details.customerUuid, CUSTOMER_ID),
    uuid: optionalMatch(details.uuid, CUSTOMER_ID),
    type,
    countryCode: withPlus(match(requiredText(details.countryCode, DIALING_CODE_MAX_LENGTH), DIALING_CODE)),
    msisdn: match(requiredText(details.msisdn, MAX_LENGTH.msisdn), PHONE_NUMBER),
    email: email(details.email),
    name: requiredText(details.name),
    preferredLanguage: language(details.preferredLanguage),
    personalNumber: optionalMatch(details.personalNumber, PERSONAL_NUMBER, MAX_LENGTH.personalNumber),
    organizationId,
    address: address(record(details.address)),
  };
}

function address(given: Record<string, unknown>): ReservationRequest['customerDetails']['address'] {
  const country = requiredText(given.country, 2);
  return {
    street: requiredText(given.street),
    zip: requiredText(given.zip, MAX_LENGTH.zip),
    city: requiredText(given.city),
    country: isIsoAlpha2Country(country) ? country : notPlain(),
  };
}

function products(given: unknown): ReservationRequest['products'] {
  const items = Array.isArray(given) ? given : Object.hasOwn(record(given), '__proto__') ? notPlain() : Object.values(record(given));
  if (items.length === 0 || items.length > MAX_PRODUCT_LINES) notPlain();
  // Array.from, not map: a hole in a list is an item missing, not one skipped.
  return Array.from(items, (item: unknown) => productLine(record(item)));
}

function productLine(line: Record<string, unknown>): ReservationRequest['products'][number] {
  const quantity = optionalTextOrNumber(line.quantity);
  if (!isQuantity(quantity)) notPlain();
  return {
    name: requiredText(line.name),
    productId: productIdOf(optionalTextOrNumber(line.productId)),
    quantity: quantityOf(quantity),
    rate: amount(line.rate, 'positive'),
    discount: absent(line.discount) ? 0 : amount(line.discount, 'zero'),
    tax: taxRate(line.tax),
    amount: amount(line.amount, 'positive'),
  };
}

function orderSummary(summary: Record<string, unknown>): ReservationRequest['orderSummary'] {
  return { subTotal: amount(summary.subTotal, 'positive'), totalTax: amount(summary.totalTax, 'zero'), grandTotal: amount(summary.grandTotal, 'positive') };
}

function sendOrderBy(given: Record<string, unknown>): ReservationRequest['sendOrderBy'] {
  return { sms: boolean(given.sms), email: boolean(given.email) };
}

function callback(given: unknown): ReservationRequest['callback'] {
  if (absent(given)) return { ...REQUEST_DEFAULTS.callback };
  const urls = record(given);
  const callbackUrl = optionalUrl(urls.callbackUrl);
  if (callbackUrl !== null && usesCallbackParameter(callbackUrl)) notPlain();
  return { callbackUrl, success: optionalUrl(urls.success), failure: optionalUrl(urls.failure) };
}

function settings(given: unknown): ReservationRequest['settings'] {
  const defaults = REQUEST_DEFAULTS.settings;
  if (absent(given)) return { ...defaults };
  const { secureDetails, isChargePartiallyRefundable } = record(given);
  return {
    secureDetails: absent(secureDetails) ? defaults.secureDetails : boolean(secureDetails),
    isChargePartiallyRefundable: absent(isChargePartiallyRefundable) ? defaults.isChargePartiallyRefundable : boolean(isChargePartiallyRefundable),
  };
}

function chargeValidity(given: unknown): number | null {
  const value = optionalTextOrNumber(given);
  return isChargeValidity(value) ? chargeValidityOf(value) : notPlain();
}

// The rules of validation/rules.ts, each answering with the value or giving up.

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : notPlain();
}

const absent = (value: unknown): value is null | undefined => value === null || value === undefined;
const isText = (value: unknown): value is string => typeof value === 'string';

/** zod's `z.union([z.string(), z.number()])`: text, or a finite number. */
function textOrNumber(value: unknown): string | number {
  return isText(value) || (typeof value === 'number' && Number.isFinite(value)) ? value : notPlain();
}

function optionalTextOrNumber(value: unknown): string | number | null | undefined {
  return absent(value) ? value : textOrNumber(value);
}

function requiredText(value: unknown, max = 255): string {
  const text = isText(value) ? value.trim() : notPlain();
  return text.length >= 1 && text.length <= max && withoutNul(text) ? text : notPlain();
}

function optionalText(value: unknown, max = 255): string | null {
  if (absent(value)) return null;
  const text = isText(value) ? value.trim() : notPlain();
  return text.length <= max && withoutNul(text) ? text || null : notPlain();
}

function match(text: string, pattern: RegExp): string {
  return pattern.test(text) ? text : notPlain();
}

function optionalMatch(value: unknown, pattern: RegExp, max = 255): string | null {
  const text = optionalText(value, max);
  return text === null ? null : match(text, pattern);
}

function email(value: unknown): string {
  return isText(value) && value.length <= EMAIL_MAX_LENGTH && z.regexes.email.test(value) ? value : notPlain();
}

function language(value: unknown): Language {
  if (absent(value) || value === '') return 'no';
  return (LANGUAGES as readonly unknown[]).includes(value) ? (value as Language) : notPlain();
}

function paymentMethod(value: unknown): PaymentMethodChoice {
  return (PAYMENT_METHODS as readonly unknown[]).includes(value) ? (value as PaymentMethodChoice) : notPlain();
}

function boolean(value: unknown): boolean {
  return isBooleanLike(value) ? booleanOf(value) : notPlain();
}

function instant(value: unknown, parse: (value: string | number) => number | null): number {
  return parse(textOrNumber(value)) ?? notPlain();
}

function amount(value: unknown, min: 'positive' | 'zero'): number {
  const parsed = parseMajorAmount(textOrNumber(value));
  return parsed.ok && (min === 'positive' ? parsed.minor > 0 : parsed.minor >= 0) ? parsed.minor : notPlain();
}

function taxRate(value: unknown): number {
  const rate = wholeNumber(textOrNumber(value));
  return (TAX_RATES as readonly number[]).includes(rate) ? rate : notPlain();
}

function optionalUrl(value: unknown): string | null {
  if (absent(value)) return null;
  const url = isText(value) ? httpUrl(value) : notPlain();
  return url.problems.length === 0 ? url.value : notPlain();
}
