/**
 * Get Reservation Details (§4.3): the stored reservation as the merchant's API shows it, with what
 * was reserved, captured, charged and refunded (§10.20).
 */
// @ts-nocheck

import { toMajorNumber } from '../kernel/money.js';
import { formatDate } from '../kernel/time-zones.js';
import { Ledger, type ReservationState } from './ledger.js';
import type { Merchant } from './merchant.js';
import { effectiveStatus, type ReservationStatus } from './reservation.js';

const TRANSLATION_KEYS: Record<ReservationStatus, string> = {
  SENT: 'reservationStatusSent',
  RESERVED: 'reservationStatusReserved',
  COMPLETED: 'reservationStatusCompleted',
  CANCELLED: 'reservationStatusCancelled',
  EXPIRED: 'reservationStatusExpired',
};

const seconds = (instant: number | null) => (instant === null ? null : Math.floor(instant / 1000));

export function reservationDetails(merchant: Merchant, state: ReservationState, now: number) {
  const { reservation, customer, lines } = state;
  const ledger = new Ledger(state);
  const status = effectiveStatus(reservation, now);
  const zone = merchant.timeZone;
  const captures = ledger.transactions('capture');
  const charges = ledger.transactions('charge');
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
      captured: toMajorNumber(ledger.capturedOnLine(line.id)),
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
      capturedAmount: toMajorNumber(ledger.total('capture')),
      chargedAmount: toMajorNumber(ledger.total('charge')),
      amountRefunded: { fromCaptured: toMajorNumber(ledger.refundedFrom('captured')), fromCharge: toMajorNumber(ledger.refundedFrom('charged')) },
    },
    organizationDetails: { name: merchant.name, billingAddress: merchant.billingAddress },
    translationKey: TRANSLATION_KEYS[status],
    paymentHistory: {
      reserved: reservation.reservedAt === null ? [] : [{ at: seconds(reservation.reservedAt), amount: toMajorNumber(reservation.reservedAmount ?? 0) }],
      captured: captures.map((t) => ({
        at: seconds(t.createdAt),
        amount: toMajorNumber(t.amount),
        uuid: t.uuid,
        products: t.lines.map((l) => ({ id: l.lineId, amount: toMajorNumber(l.amount) })),
      })),
      charged: charges.map((t) => ({
        at: seconds(t.createdAt),
        amount: toMajorNumber(t.amount),
        uuid: t.uuid,
        products: state.chargeLines.filter((l) => l.chargeUuid === t.uuid).map((l) => ({ id: l.id, name: l.name, amount: toMajorNumber(l.amount) })),
      })),
      refunded: ledger.transactions('refund').map((t) => ({
        at: seconds(t.createdAt),
        amount: toMajorNumber(t.amount),
        source: t.source,
        reference: t.refundOf,
        products: t.lines.map((l) => ({ id: l.lineId, amount: toMajorNumber(l.amount) })),
      })),
    },
  };
}

export type ReservationDetails = ReturnType<typeof reservationDetails>;
