/**
 * What operations hand the store to write, as data. Each operation decides with a pure function and
 * the store applies the result in one transaction, so a change, its history events, its callbacks,
 * its notification requests and its idempotent answer commit together or not at all.
 */
// @ts-nocheck

import type { StoredCard } from './cards.js';
import type { MoneyTransaction } from './ledger.js';
import type { Outcome } from './outcome.js';
import type { Customer, HistoryEvent, NewProductLine, NotificationRequest, Reservation, ReservationStatus } from './reservation.js';
import type { NewCallback } from './status-callback.js';

/**
 * The stored answer of an idempotent request (see src/idempotency/). An operation that changes
 * state hands it to the store with its state change, so both commit together or not at all.
 */
export interface IdempotentResponse {
  keyId: number;
  status: number;
  contentType: string;
  body: string;
}

/** Renders, for the caller, the response an outcome will get; operations call it just before their final write. */
export type ResponseFor<T> = (outcome: Outcome<T>) => IdempotentResponse;

/** Create and submit: a new reservation with everything that comes with it. */
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

/** The customer paid: the authorization, stored with the card, the line shares and the RESERVED callback. */
export interface ReservedRecord {
  uuid: string;
  reservedAt: number;
  reservedAmount: number;
  paymentMethod: string;
  authorizationId: string;
  card: StoredCard;
  /** Product line id → its share of the reserved amount. */
  lineReservations: { lineId: number; reserved: number }[];
  events: HistoryEvent[];
  /** The RESERVED callback (null without a callbackUrl). */
  callback: NewCallback | null;
  response?: IdempotentResponse | undefined;
}

export interface NewTransaction extends MoneyTransaction {
  merchantId: string;
  reservationUuid: string;
  /** Real time (ms) from which the reconciler may ask the gateway about it, should it stay pending. */
  lookupAt: number;
}

/** A lifecycle operation's writes, applied in the transaction that decided them (or in a later one). */
export interface WritePlan {
  transactions?: NewTransaction[];
  /** Product lines a charge adds; their ids are assigned by the store and returned. */
  chargeLines?: (NewProductLine & { chargeUuid: string; reservationUuid: string })[];
  settle?: { uuid: string; state: 'succeeded' | 'failed'; gatewayId: string | null; at: number }[];
  /** Pending movements whose outcome is unknown: when to ask the gateway again (real time, ms). */
  lookUpAgain?: { uuid: string; at: number }[];
  status?: { reservationUuid: string; to: ReservationStatus; at: number };
  events?: HistoryEvent[];
  callbacks?: NewCallback[];
  notifications?: NotificationRequest[];
  response?: IdempotentResponse | undefined;
}

export interface Decision<T> {
  result: T;
  plan?: WritePlan;
}
