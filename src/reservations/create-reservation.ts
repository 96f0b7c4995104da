/**
 * Create Session for Reservation / Submit Reservation: validate → load → decide → persist.
 * The decision (planReservation) is pure; the clock, ids and storage come in through ports.
 */
import type { Clock } from '../kernel/clock.js';
import type { IdSource } from '../kernel/ids.js';
import { endOfLocalDay, localDate } from '../kernel/time-zones.js';
import type { ReservationRequest } from './create-request.js';
import { withFreshIds } from './fresh-ids.js';
import { readReservationRequest } from './read-create-request.js';
import { historyEvent } from './history-events.js';
import { merchantNow, type Merchant } from './merchant.js';
import { invalid, succeed, type Outcome } from './outcome.js';
import type { ReservationRepository } from './ports.js';
import { linkNotifications, mobileNumber, notMobileSentence, transportProblems, type MessageTransports, type NotificationChannel } from './notification.js';
import type { Customer, Reservation } from './reservation.js';
import { secureDetailsProblem } from './secure-details.js';
import type { NewReservationRecords, ResponseFor } from './write-plan.js';

export const CHECKOUT_TOKEN_BYTES = 24;

export interface CreateContext {
  merchant: Merchant;
  now: number;
  ids: IdSource;
  via: 'create' | 'submit';
  /** The existing customer named by the request, when it named one. */
  existingCustomerUuid: string | null;
}

export function planReservation(request: ReservationRequest, context: CreateContext): NewReservationRecords {
  const { merchant, now, ids } = context;
  const details = request.customerDetails;
  const customer: Customer = {
    uuid: context.existingCustomerUuid ?? ids.id('CSRT'),
    merchantId: merchant.id,
    type: details.type,
    countryCode: details.countryCode,
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
  const dueDate = request.dueDateForPaymentLink;
  const reservation: Reservation = {
    uuid: ids.id('RES'),
    merchantId: merchant.id,
    customerUuid: customer.uuid,
    status: 'SENT',
    createdVia: context.via,
    orderDate: request.orderDate,
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
    checkoutToken: ids.orderedSecret(CHECKOUT_TOKEN_BYTES, now),
    createdAt: now,
    reservedAt: null,
    reservedAmount: null,
    paymentMethod: null,
    authorizationId: null,
  };
  return {
    customer,
    existingCustomer: context.existingCustomerUuid !== null,
    reservation,
    lines: request.products.map((line, position) => ({ position, ...line })),
    events: [historyEvent(reservation, 'order-created', now, { amount: reservation.grandTotal })],
    notifications: linkNotifications(ids, reservation, customer, linkTargets(request), context.via, now),
  };
}

function linkTargets(request: ReservationRequest) {
  const { countryCode, msisdn, email } = request.customerDetails;
  return { sms: request.sendOrderBy.sms ? { countryCode, msisdn } : null, email: request.sendOrderBy.email ? email : null };
}

/** What keeps the messages `sendOrderBy` asks for from leaving: a number that is no mobile number, a live merchant without a transport. */
function sendOrderByProblems(request: ReservationRequest, merchant: Merchant, transports: MessageTransports): string[] {
  const { countryCode, msisdn } = request.customerDetails;
  const problems = request.sendOrderBy.sms && !mobileNumber(countryCode, msisdn) ? [notMobileSentence('customer details.msisdn', countryCode, msisdn)] : [];
  const wanted = (['sms', 'email'] as const).filter((channel) => request.sendOrderBy[channel]);
  return [...problems, ...transportProblems(merchant, wanted, transports, (channel: NotificationChannel) => `send order by.${channel}`)];
}

export interface CreateDependencies {
  reservations: ReservationRepository;
  clock: Clock;
  ids: IdSource;
  /** The customer-facing URL of a checkout token. */
  paymentUrl(checkoutToken: string): string;
  /** Whether a real identity provider (BANKID_OIDC_ISSUER) is configured, which live merchants' secureDetails needs. */
  identityProviderConfigured: boolean;
  /** Which channels have a real transport (SMTP_URL, SMS_WEBHOOK_URL), which live merchants' sendOrderBy needs. */
  transports: MessageTransports;
}

export interface CreatedReservation {
  customerUuid: string;
  reservationUuid: string;
  paymentUrl: string;
}

export async function createReservation(
  deps: CreateDependencies,
  merchant: Merchant,
  body: unknown,
  via: 'create' | 'submit',
  responseFor?: ResponseFor<CreatedReservation>,
): Promise<Outcome<CreatedReservation>> {
  const now = merchantNow(deps.clock, merchant);
  const parsed = readReservationRequest(via, { timeZone: merchant.timeZone, today: localDate(now, merchant.timeZone) }, body);
  if (!parsed.ok) return invalid(parsed.errors);

  const request = parsed.value;
  const secureProblem = secureDetailsProblem(merchant, request.settings.secureDetails, deps.identityProviderConfigured);
  if (secureProblem) return invalid([secureProblem]);
  const sendProblems = sendOrderByProblems(request, merchant, deps.transports);
  if (sendProblems.length > 0) return invalid(sendProblems);
  const existingCustomerUuid = request.customerDetails.customerUuid ?? request.customerDetails.uuid;
  if (existingCustomerUuid && !(await deps.reservations.customerExists(merchant.id, existingCustomerUuid))) {
    return invalid(['The selected customer details.customer uuid is invalid.']);
  }

  return withFreshIds(async () => {
    const records = planReservation(request, { merchant, now, ids: deps.ids, via, existingCustomerUuid });
    const outcome = succeed({
      customerUuid: records.customer.uuid,
      reservationUuid: records.reservation.uuid,
      paymentUrl: deps.paymentUrl(records.reservation.checkoutToken),
    });
    await deps.reservations.saveNew({ ...records, response: responseFor?.(outcome) });
    return outcome;
  });
}
