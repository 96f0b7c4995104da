/** The reservation list as CSV: one row per reservation, amounts in major units with 2 decimals. */
// @ts-nocheck

import { formatMajorAmount } from '../kernel/money.js';
import type { ReservationSummary } from '../reservations/reservation-list.js';

const COLUMNS = [
  'reservationUuid',
  'status',
  'customerName',
  'customerEmail',
  'customerPhone',
  'currency',
  'grandTotal',
  'reserved',
  'captured',
  'charged',
  'refunded',
  'createdAt',
  'reservedAt',
] as const;

/**
 * Quoted when needed; a text starting with = + - @ (or a tab/return) gets a leading apostrophe so a
 * spreadsheet shows it instead of running it as a formula (CSV injection) — unless it is just a number
 * such as a phone number (+47 40000000).
 */
export function csvCell(value: string): string {
  const formula = /^[=+\-@\t\r]/.test(value) && !/^[+-]?[\d .]+$/.test(value);
  const safe = formula ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const iso = (instant: number | null) => (instant === null ? '' : new Date(instant).toISOString());

export function csvRow(r: ReservationSummary): string {
  const values = [
    r.uuid,
    r.status,
    r.customerName,
    r.customerEmail,
    r.customerPhone,
    r.currency,
    formatMajorAmount(r.grandTotal),
    formatMajorAmount(r.reserved),
    formatMajorAmount(r.captured),
    formatMajorAmount(r.charged),
    formatMajorAmount(r.refunded),
    iso(r.createdAt),
    iso(r.reservedAt),
  ];
  return `${values.map(csvCell).join(',')}\r\n`;
}

export const CSV_HEADER = `${COLUMNS.join(',')}\r\n`;
