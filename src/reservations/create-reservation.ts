/**
 * Create Session for Reservation / Submit Reservation: validate → load → decide → persist.
 * The decision (planReservation) is pure; the clock, ids and storage come in through ports.
 */
import type { Merchant } from '../merchants/merchant.js';
import { merchantNow } from '../merchants/merchant-clock.js';
import { valueAt } from '../validation/laravel-messages.js';
import { validate } from '../validation/validate.js';
import { createSessionRequest, submitReservationRequest, type ReservationRequest } from './create-request.js';
import { compareLocalDates, endOfLocalDay, localDate, parseOrderDate, parseUnixSeconds } from './dates.js';
import type { IdSource } from './ids.js';
import { invalid, succeed, type Outcome } from './outcome.js';
import { DuplicateKeyError, type Clock, type IdempotentResponse, type ReservationRepository, type ResponseFor } from './ports.js';
import type { Customer, HistoryEvent, NewProductLine, NotificationRequest, Reservation } from './reservation.js';

export const CHECKOUT_TOKEN_BYTES = 24;

export interface NewReservationRecords {
  /** The customer as the request describes them; stored anew, or updated when `existingCustomer`. */
  customer: Customer;
  existingCustomer: boolean;
  reservation: Reservation;
  lines: NewProductLine[];
  events: HistoryEvent[];
  notifications: NotificationRequest[];
  /** The idempotent answer to store with the reservation, when the request carried a key. */
  response?: IdempotentResponse | undefined;
}

export interface CreateContext {
  merchant: Merchant;
  now: number;
  ids: IdSource;
  via: 'create' | 'submit';
  /** The existing customer named by the request, when it named one. */
  existingCustomerUuid: string | null;
}

/**
 * Rules that need the clock. The due date may be today or later in the merchant's time zone
 * (§10.6): a link due today stays payable until the end of today.
 */
export function clockRuleViolations(body: unknown, merchant: Merchant, now: number): string[] {
  const due = parseUnixSeconds(valueAt(body, ['dueDateForPaymentLink']));
  if (due === null) return [];
  const today = localDate(now, merchant.timeZone);
  if (compareLocalDates(localDate(due, merchant.timeZone), today) < 0) {
    return ['The due date for payment link field must be a date after or equal to today.'];
  }
  return [];
}

export function planReservation(request: ReservationRequest, context: CreateContext): NewReservationRecords {
  const { merchant, now, ids } = context;
  const details = request.customerDetails;
  const customer: Customer = {
        uuid: context.existingCustomerUuid ?? ids.id('CSRT'),
        merchantId: merchant.id,
        type: details.type,
        countryCode: details.countryCode.startsWith('+') ? details.countryCode : `+${details.countryCode}`,
        msisdn: details.msisdn,
        email: details.email,
        name: details.name,
        preferredLanguage: details.preferredLanguage,
        personalNumber: details.personalNumber,
        organizationId: details.organizationId,
        street: details.address.street,
        zip: details.address.zip,
        city: details.address.city,
        country: details.address.country.toUpperCase(),
        createdAt: now,
      };
  const dueDate = parseUnixSeconds(request.dueDateForPaymentLink)!;
  const reservation: Reservation = {
    uuid: ids.id('RES'),
    merchantId: merchant.id,
    customerUuid: customer.uuid,
    status: 'SENT',
    createdVia: context.via,
    orderDate: parseOrderDate(request.orderDate, merchant.timeZone)!,
    dueDate,
    linkExpiresAt: endOfLocalDay(dueDate, merchant.timeZone),
    referenceNo: request.referenceNo,
    customerReference: request.customerReference,
    sendBySms: request.sendOrderBy.sms,
    sendByEmail: request.sendOrderBy.email,
    chargeValidityMinutes: request.chargeValidity,
    customerNotes: request.customerNotes,
    tnc: request.tnc,
    preselectedMethod: request.submitPayment.via,
    callbackUrl: request.callback.callbackUrl,
    successUrl: request.callback.success,
    failureUrl: request.callback.failure,
    secureDetails: request.settings.secureDetails,
    chargePartiallyRefundable: request.settings.isChargePartiallyRefundable,
    subTotal: request.orderSummary.subTotal,
    totalTax: request.orderSummary.totalTax,
    grandTotal: request.orderSummary.grandTotal,
    currency: merchant.currency,
    checkoutToken: ids.secret(CHECKOUT_TOKEN_BYTES),
    createdAt: now,
    reservedAt: null,
    reservedAmount: null,
    paymentMethod: null,
    authorizationId: null,
  };
  const lines: NewProductLine[] = request.products.map((line, position) => ({ position, ...line }));
  const created: HistoryEvent = {
    merchantId: merchant.id,
    reservationUuid: reservation.uuid,
    subjectUuid: reservation.uuid,
    title: 'order-created',
    occurredAt: now,
    sentTo: null,
    actionBy: null,
    note: null,
    paymentMethod: null,
    isRefundable: false,
    amount: reservation.grandTotal,
  };
  return { customer, existingCustomer: context.existingCustomerUuid !== null, reservation, lines, events: [created], notifications: linkNotifications(request, reservation, context) };
}

function linkNotifications(request: ReservationRequest, reservation: Reservation, context: CreateContext): NotificationRequest[] {
  const details = request.customerDetails;
  const base = {
    merchantId: context.merchant.id,
    reservationUuid: reservation.uuid,
    language: details.preferredLanguage,
    reason: context.via,
    createdAt: context.now,
  } as const;
  const requests: NotificationRequest[] = [];
  if (request.sendOrderBy.sms) {
    const code = details.countryCode.startsWith('+') ? details.countryCode : `+${details.countryCode}`;
    requests.push({ ...base, channel: 'sms', destination: `${code}${details.msisdn}` });
  }
  if (request.sendOrderBy.email) requests.push({ ...base, channel: 'email', destination: details.email });
  return requests;
}

export interface CreateDependencies {
  repository: ReservationRepository;
  clock: Clock;
  ids: IdSource;
  /** The customer-facing URL of a checkout token. */
  paymentUrl(checkoutToken: string): string;
}

export interface CreatedReservation {
  customerUuid: string;
  reservationUuid: string;
  paymentUrl: string;
}

/** Fresh random ids are drawn this many times before a run of collisions is reported as an error. */
const ID_ATTEMPTS = 3;

export async function createReservation(
  deps: CreateDependencies,
  merchant: Merchant,
  body: unknown,
  via: 'create' | 'submit',
  responseFor?: ResponseFor<CreatedReservation>,
): Promise<Outcome<CreatedReservation>> {
  const now = merchantNow(deps.clock, merchant);
  const parsed = validate(via === 'create' ? createSessionRequest : submitReservationRequest, body);
  const clockErrors = clockRuleViolations(body, merchant, now);
  if (!parsed.ok || clockErrors.length) return invalid([...(parsed.ok ? [] : parsed.errors), ...clockErrors]);

  const request = parsed.value;
  const existingCustomerUuid = request.customerDetails.customerUuid ?? request.customerDetails.uuid;
  if (existingCustomerUuid && !(await deps.repository.customerExists(merchant.id, existingCustomerUuid))) {
    return invalid(['The selected customer details.customer uuid is invalid.']);
  }

  for (let attempt = 1; ; attempt++) {
    const records = planReservation(request, { merchant, now, ids: deps.ids, via, existingCustomerUuid });
    const outcome = succeed({
      customerUuid: records.customer.uuid,
      reservationUuid: records.reservation.uuid,
      paymentUrl: deps.paymentUrl(records.reservation.checkoutToken),
    });
    try {
      await deps.repository.saveNew({ ...records, response: responseFor?.(outcome) });
      return outcome;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError) || attempt >= ID_ATTEMPTS) throw error;
    }
  }
}
