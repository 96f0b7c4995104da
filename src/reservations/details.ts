/**
 * Get Reservation Details (§4.3): the stored reservation as the merchant's API shows it.
 */
import type { Merchant } from '../merchants/merchant.js';
import { formatDate } from './dates.js';
import { toMajorNumber } from './money.js';
import { effectiveStatus, type Customer, type ProductLine, type Reservation, type ReservationStatus } from './reservation.js';

export interface ReservationView {
  merchant: Merchant;
  reservation: Reservation;
  customer: Customer;
  lines: ProductLine[];
}

const TRANSLATION_KEYS: Record<ReservationStatus, string> = {
  SENT: 'reservationStatusSent',
  RESERVED: 'reservationStatusReserved',
  COMPLETED: 'reservationStatusCompleted',
  CANCELLED: 'reservationStatusCancelled',
  EXPIRED: 'reservationStatusExpired',
};

const seconds = (instant: number | null) => (instant === null ? null : Math.floor(instant / 1000));

export function reservationDetails({ merchant, reservation, customer, lines }: ReservationView, now: number) {
  const status = effectiveStatus(reservation, now);
  const zone = merchant.timeZone;
  return {
    reservationUuid: reservation.uuid,
    status,
    isPaid: reservation.reservedAt !== null,
    productList: lines.map((line) => ({
      id: line.id,
      name: line.name,
      productId: line.productId,
      quantity: line.quantity,
      rate: toMajorNumber(line.rate),
      discount: toMajorNumber(line.discount),
      tax: line.tax,
      amount: toMajorNumber(line.amount),
      reserved: toMajorNumber(line.reserved),
      captured: 0,
    })),
    subTotal: toMajorNumber(reservation.subTotal),
    totalTax: toMajorNumber(reservation.totalTax),
    grandTotal: toMajorNumber(reservation.grandTotal),
    currency: reservation.currency,
    reservationDate: formatDate(reservation.orderDate, zone),
    paymentLinkDueDate: formatDate(reservation.dueDate, zone),
    sendOrderBy: { sms: reservation.sendBySms, email: reservation.sendByEmail },
    customerDetails: {
      customerUuid: customer.uuid,
      type: customer.type,
      countryCode: customer.countryCode,
      msisdn: customer.msisdn,
      email: customer.email,
      name: customer.name,
      preferredLanguage: customer.preferredLanguage,
      organizationId: customer.organizationId,
      address: { street: customer.street, zip: customer.zip, city: customer.city, country: customer.country },
    },
    referenceNumber: reservation.referenceNo,
    chargeValidity: reservation.chargeValidityMinutes === null ? null : String(reservation.chargeValidityMinutes),
    customerReference: reservation.customerReference,
    customerNotes: reservation.customerNotes,
    termsAndCondition: reservation.tnc,
    paymentDetails: {
      reservedAt: seconds(reservation.reservedAt),
      reservedAmount: toMajorNumber(reservation.reservedAmount ?? 0),
      paymentMethod: reservation.paymentMethod,
      capturedAmount: 0,
      chargedAmount: 0,
      amountRefunded: { fromCaptured: 0, fromCharge: 0 },
    },
    organizationDetails: { name: merchant.name, billingAddress: merchant.billingAddress },
    translationKey: TRANSLATION_KEYS[status],
    paymentHistory: { reserved: [], captured: [], charged: [], refunded: [] },
  };
}

export type ReservationDetails = ReturnType<typeof reservationDetails>;
