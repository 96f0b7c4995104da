/**
 * The reservation as the domain sees it. Amounts are integer minor units; instants are epoch ms.
 */
import type { MinorUnits } from '../kernel/money.js';

/** The customer's language for pages and messages. */
export const LANGUAGES = ['en', 'no', 'sv', 'da', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const PAYMENT_METHODS = ['visa', 'mastercard'] as const;
export type PaymentMethodChoice = (typeof PAYMENT_METHODS)[number];

/** Details' `data.status` (§10.10). CAPTURED / CHARGED are callback events, not states. */
export type ReservationStatus = 'SENT' | 'RESERVED' | 'COMPLETED' | 'CANCELLED' | 'EXPIRED';

export type CustomerType = 'private' | 'corporate';

export interface Customer {
  uuid: string;
  merchantId: string;
  type: CustomerType;
  countryCode: string;
  msisdn: string;
  email: string;
  name: string;
  preferredLanguage: Language;
  personalNumber: string | null;
  organizationId: string | null;
  street: string;
  zip: string;
  city: string;
  country: string;
  createdAt: number;
}

export interface ProductLine {
  /** Integer id shown in Details' productList and used by capture and refund; assigned by the store. */
  id: number;
  position: number;
  name: string;
  productId: string | null;
  quantity: number;
  rate: MinorUnits;
  discount: MinorUnits;
  tax: number;
  amount: MinorUnits;
  /** This line's share of the reserved amount (0 until RESERVED). */
  reserved: MinorUnits;
}

export type NewProductLine = Omit<ProductLine, 'id' | 'reserved'>;

export interface Reservation {
  uuid: string;
  merchantId: string;
  customerUuid: string;
  status: ReservationStatus;
  createdVia: 'create' | 'submit';
  orderDate: number;
  dueDate: number;
  /** The last instant the payment link can be paid: the end of the due date's day in the merchant's zone. */
  linkExpiresAt: number;
  referenceNo: string | null;
  customerReference: string | null;
  sendBySms: boolean;
  sendByEmail: boolean;
  /** Minutes after the reservation becomes RESERVED during which the stored card may be charged; null ⇒ 90 days. */
  chargeValidityMinutes: number | null;
  customerNotes: string | null;
  tnc: string | null;
  preselectedMethod: PaymentMethodChoice;
  callbackUrl: string | null;
  successUrl: string | null;
  failureUrl: string | null;
  secureDetails: boolean;
  chargePartiallyRefundable: boolean;
  subTotal: MinorUnits;
  totalTax: MinorUnits;
  grandTotal: MinorUnits;
  currency: string;
  /** Secret part of the payment URL: ≥ 128 random bits, never derived from the ids. */
  checkoutToken: string;
  createdAt: number;
  reservedAt: number | null;
  reservedAmount: MinorUnits | null;
  paymentMethod: string | null;
  /** The gateway's authorization, once RESERVED. */
  authorizationId: string | null;
}

export interface HistoryEvent {
  merchantId: string;
  reservationUuid: string;
  /** The id the event is about: the reservation (RES…) or a transaction (CAP… / CHA…). */
  subjectUuid: string;
  title: string;
  occurredAt: number;
  sentTo: string | null;
  actionBy: string | null;
  note: string | null;
  paymentMethod: string | null;
  isRefundable: boolean;
  amount: MinorUnits | null;
  /** Ours, beside FPGO's fields: how a payment-link-sent-to-customer event's message went (null for other events). */
  channel: NotificationChannel | null;
}

/** How a payment link reaches the customer (src/reservations/notification.ts). */
export type NotificationChannel = 'sms' | 'email';

export interface StoredReservation {
  reservation: Reservation;
  customer: Customer;
  lines: ProductLine[];
}

/** SENT reservations whose link has run out are EXPIRED whether or not the sweeper has stored it yet. */
export function effectiveStatus(reservation: Pick<Reservation, 'status' | 'linkExpiresAt'>, now: number): ReservationStatus {
  return reservation.status === 'SENT' && now > reservation.linkExpiresAt ? 'EXPIRED' : reservation.status;
}

/** The payment URL the customer opens (the hosted checkout of the server at `publicBaseUrl`). */
export function paymentUrl(publicBaseUrl: string, checkoutToken: string): string {
  return `${publicBaseUrl}/checkout/${checkoutToken}`;
}
