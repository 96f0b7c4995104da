import { readFileSync } from 'node:fs';
import type { RequestCalendar } from '../../src/reservations/create-request.js';

/** 2025-09-03 12:00 UTC: the 3rd in Oslo and in New York. */
export const NOON_UTC = Date.UTC(2025, 8, 3, 12);
/** Merchants' calendars on that day. */
export const OSLO: RequestCalendar = { timeZone: 'Europe/Oslo', today: { year: 2025, month: 9, day: 3 } };
export const NEW_YORK: RequestCalendar = { timeZone: 'America/New_York', today: { year: 2025, month: 9, day: 3 } };

const PRIMARY_EXAMPLE = readFileSync(new URL('../fixtures/primary-page-example.json', import.meta.url), 'utf8');

/** Front Payment's own example payload, unchanged but for a due date `daysAhead` days from `now`. */
export function primaryExample(options: { now?: number; daysAhead?: number } = {}): Record<string, any> {
  const body = JSON.parse(PRIMARY_EXAMPLE);
  const now = options.now ?? Date.now();
  body.dueDateForPaymentLink = String(Math.floor(now / 1000) + (options.daysAhead ?? 7) * 86400);
  return body;
}

/** The example with a change applied. */
export function exampleWith(change: (body: Record<string, any>) => void, options?: { now?: number }): Record<string, any> {
  const body = primaryExample(options);
  change(body);
  return body;
}
