/**
 * Get Reservation History (`GET connect/reservations/history/{start}/{end}`, §4.10): every event
 * of the merchant's reservations in a time range of at most 31 days; the last 24 hours by default.
 */
// @ts-nocheck

import { DAY } from '../kernel/clock.js';
import { toMajorNumber } from '../kernel/money.js';
import { formatDateTime } from '../kernel/time-zones.js';
import { merchantNow, type Merchant } from './merchant.js';
import { invalid, succeed, type Outcome } from './outcome.js';
import type { Clock, LifecycleRepository } from './ports.js';

export const MAX_HISTORY_RANGE_MS = 31 * DAY;
/** The most events one answer carries; a range holding more is refused, never silently cut. */
export const MAX_HISTORY_EVENTS = 50_000;

export interface HistoryItem {
  uuid: string;
  title: string;
  datetime: string;
  sentTo: string | null;
  actionBy: string | null;
  note: string | null;
  paymentMethod: string | null;
  isRefundable: boolean;
  amount: string | null;
}

function timestamp(segment: string | undefined, name: string): { value: number | null; error?: string } {
  if (segment === undefined || segment === '') return { value: null };
  if (!/^\d{1,11}$/.test(segment)) return { value: null, error: `The ${name} timestamp must be a Unix timestamp in seconds.` };
  return { value: Number(segment) * 1000 };
}

export async function reservationHistory(
  deps: { lifecycle: LifecycleRepository; clock: Clock },
  merchant: Merchant,
  startSegment: string | undefined,
  endSegment: string | undefined,
): Promise<Outcome<HistoryItem[]>> {
  const start = timestamp(startSegment, 'start');
  const end = timestamp(endSegment, 'end');
  const errors = [start.error, end.error].filter((e): e is string => !!e);
  if (errors.length) return invalid(errors);
  const now = merchantNow(deps.clock, merchant);
  const to = end.value ?? now;
  const from = start.value ?? to - DAY;
  if (from > to) return invalid(['The start timestamp must not be after the end timestamp.']);
  if (to - from > MAX_HISTORY_RANGE_MS) return invalid(['The time range must not be longer than 31 days.']);
  const events = await deps.lifecycle.history(merchant.id, from, to, MAX_HISTORY_EVENTS + 1);
  if (events.length > MAX_HISTORY_EVENTS) {
    const last = Math.floor(events[MAX_HISTORY_EVENTS - 1]!.occurredAt / 1000);
    return invalid([`The time range holds more than ${MAX_HISTORY_EVENTS} events: ask for a shorter one (the ${MAX_HISTORY_EVENTS}th event is at ${last}).`]);
  }
  return succeed(
    events.map((event) => ({
      uuid: event.subjectUuid,
      title: event.title,
      datetime: formatDateTime(event.occurredAt, merchant.timeZone),
      sentTo: event.sentTo,
      actionBy: event.actionBy,
      note: event.note,
      paymentMethod: event.paymentMethod,
      isRefundable: event.isRefundable,
      amount: event.amount === null ? null : String(toMajorNumber(event.amount)),
    })),
  );
}
