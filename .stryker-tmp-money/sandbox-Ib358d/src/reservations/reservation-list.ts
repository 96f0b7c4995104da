/** The merchant's list of reservations (the dashboard's), searched and filtered, and its daily totals. */
// @ts-nocheck

import type { MinorUnits } from '../kernel/money.js';
import type { ReservationStatus } from './reservation.js';

export interface ReservationFilter {
  /** Part of a reservation id, or of the customer's name, email or phone number. */
  query: string | null;
  status: ReservationStatus | null;
  /** Created at or after (epoch ms). */
  from: number | null;
  /** Created before (epoch ms). */
  to: number | null;
  /** The merchant's now: an unpaid reservation past its link is EXPIRED. */
  now: number;
}

export interface ReservationSummary {
  uuid: string;
  status: ReservationStatus;
  customerName: string;
  customerEmail: string;
  customerPhone: string;
  currency: string;
  grandTotal: MinorUnits;
  reserved: MinorUnits;
  captured: MinorUnits;
  charged: MinorUnits;
  refunded: MinorUnits;
  createdAt: number;
  reservedAt: number | null;
}

export interface ReservationPage {
  rows: ReservationSummary[];
  /** How many match the filter in all. */
  total: number;
}

/** Amounts reserved (by payment time) and captured (by capture time) between two instants. */
export interface MoneyOverTime {
  reserved: { at: number; amount: MinorUnits }[];
  captured: { at: number; amount: MinorUnits }[];
}
