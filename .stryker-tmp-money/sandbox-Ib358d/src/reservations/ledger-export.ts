/**
 * The ledger export (`GET connect/reservations/ledger.csv?from=&to=`), for reconciliation: every
 * money movement of the merchant in a time range — reserved, captured, charged, refunded, and what
 * was voided when a reservation closed — in kroner with two decimals, times in ISO 8601 in the
 * merchant's zone, and at the end the head of the merchant's history chain, to keep and compare.
 */
// @ts-nocheck

import { DAY } from '../kernel/clock.js';
import { toCsv, type Cell } from '../kernel/csv.js';
import { formatMajorAmount } from '../kernel/money.js';
import { formatIsoLocal } from '../kernel/time-zones.js';
import { merchantNow, type Merchant } from './merchant.js';
import { invalid, succeed, type Outcome } from './outcome.js';
import type { Clock, LedgerEntry, LedgerRepository } from './ports.js';

export const MAX_LEDGER_RANGE_MS = 366 * DAY;
export const LEDGER_COLUMNS = ['time', 'type', 'reservation', 'transaction', 'refund_of', 'amount', 'currency'] as const;

export interface LedgerExport {
  csv: string;
  filename: string;
}

function instant(value: unknown, name: string): { value: number | null; error?: string } {
  if (value === undefined || value === '') return { value: null };
  if (typeof value !== 'string' || !/^\d{1,11}$/.test(value)) return { value: null, error: `The ${name} field must be a Unix timestamp in seconds.` };
  return { value: Number(value) * 1000 };
}

function row(entry: LedgerEntry, merchant: Merchant): Cell[] | null {
  const time = formatIsoLocal(entry.at, merchant.timeZone);
  switch (entry.type) {
    case 'reserved':
      return [time, 'reserved', entry.reservationUuid, null, null, formatMajorAmount(entry.amount), merchant.currency];
    case 'closed': {
      const voided = entry.reserved - entry.captured;
      return voided > 0 ? [time, 'voided', entry.reservationUuid, null, null, formatMajorAmount(voided), merchant.currency] : null;
    }
    default:
      return [time, entry.type, entry.reservationUuid, entry.transactionUuid, entry.refundOf, formatMajorAmount(entry.amount), merchant.currency];
  }
}

/** `from`/`to`: Unix seconds from the query string; the last 31 days by default, at most 366. */
export async function ledgerExport(
  deps: { ledger: LedgerRepository; clock: Clock },
  merchant: Merchant,
  query: { from?: unknown; to?: unknown },
): Promise<Outcome<LedgerExport>> {
  const from = instant(query.from, 'from');
  const to = instant(query.to, 'to');
  const errors = [from.error, to.error].filter((e): e is string => !!e);
  if (errors.length) return invalid(errors);
  const end = to.value ?? merchantNow(deps.clock, merchant);
  const start = from.value ?? end - 31 * DAY;
  if (start > end) return invalid(['The from field must not be after the to field.']);
  if (end - start > MAX_LEDGER_RANGE_MS) return invalid(['The time range must not be longer than 366 days.']);

  const [entries, head] = await Promise.all([deps.ledger.entries(merchant.id, start, end), deps.ledger.chainHead(merchant.id)]);
  const rows = entries.map((entry) => row(entry, merchant)).filter((r): r is Cell[] => r !== null);
  const csv = toCsv([[...LEDGER_COLUMNS], ...rows, [], ['chain head', String(head.sequence), head.hash]]);
  return succeed({ csv, filename: `ledger-${merchant.id}-${Math.floor(start / 1000)}-${Math.floor(end / 1000)}.csv` });
}
