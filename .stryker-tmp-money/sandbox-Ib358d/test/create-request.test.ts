/**
 * The create/submit body is parsed once, in the merchant's time zone: dates come out as instants,
 * the dialing code with its "+", and the due-date rule follows the merchant's today.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { reservationRequestSchema, type RequestCalendar } from '../src/reservations/create-request.js';
import { validate } from '../src/validation/validate.js';
import { exampleWith } from './support/fixtures.js';

const OSLO: RequestCalendar = { timeZone: 'Europe/Oslo', today: { year: 2025, month: 9, day: 3 } };
const NEW_YORK: RequestCalendar = { timeZone: 'America/New_York', today: { year: 2025, month: 9, day: 3 } };
/** 2025-09-03 12:00 UTC: the 3rd in Oslo and in New York. */
const NOON_UTC = Date.UTC(2025, 8, 3, 12);

const body = (change: (b: Record<string, any>) => void) => exampleWith(change, { now: NOON_UTC });

describe('the reservation request, parsed once', () => {
  it('reads a "d M, Y" order date as the start of that day in the merchant\'s zone', () => {
    const request = body((b) => (b.orderDate = '03 Sep, 2025'));
    const oslo = validate(reservationRequestSchema('create', OSLO), request);
    const newYork = validate(reservationRequestSchema('create', NEW_YORK), request);
    expect(oslo.ok && oslo.value.orderDate).toBe(Date.UTC(2025, 8, 2, 22)); // CEST, UTC+2
    expect(newYork.ok && newYork.value.orderDate).toBe(Date.UTC(2025, 8, 3, 4)); // EDT, UTC-4
  });

  it('reads Unix-second dates as instants', () => {
    const parsed = validate(reservationRequestSchema('create', OSLO), body((b) => (b.orderDate = 1724294524)));
    expect(parsed.ok && [parsed.value.orderDate, parsed.value.dueDateForPaymentLink]).toEqual([1724294524_000, NOON_UTC + 7 * 86_400_000]);
  });

  it('reads the dialing code with its "+", however it was sent', () => {
    for (const countryCode of ['47', '+47']) {
      const parsed = validate(reservationRequestSchema('submit', OSLO), body((b) => (b.customerDetails.countryCode = countryCode)));
      expect(parsed.ok && parsed.value.customerDetails.countryCode).toBe('+47');
    }
  });

  it.each([
    ['late on the day before, Oslo time', Date.UTC(2025, 8, 2, 21, 59), OSLO, false],
    ['the first minute of today, Oslo time', Date.UTC(2025, 8, 2, 22, 0), OSLO, true],
    ['the same instant, still the 2nd in New York', Date.UTC(2025, 8, 2, 22, 0), NEW_YORK, false],
    ['the first minute of today, New York time', Date.UTC(2025, 8, 3, 4, 0), NEW_YORK, true],
  ])('takes a due date %s as %s', (_what, due, calendar, accepted) => {
    const parsed = validate(reservationRequestSchema('create', calendar), body((b) => (b.dueDateForPaymentLink = String(due / 1000))));
    expect(parsed.ok ? [] : parsed.errors).toEqual(accepted ? [] : ['The due date for payment link field must be a date after or equal to today.']);
  });

  it('reports the due-date rule after every other failure, as the API always has', () => {
    const parsed = validate(
      reservationRequestSchema('create', OSLO),
      body((b) => {
        b.customerDetails.email = 'not-an-email';
        b.dueDateForPaymentLink = String(Date.UTC(2025, 8, 1) / 1000);
      }),
    );
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      'The customer details.email field must be a valid email address.',
      'The due date for payment link field must be a date after or equal to today.',
    ]);
  });

  it('builds one schema per endpoint, zone and day, and reuses it', () => {
    expect(reservationRequestSchema('create', OSLO)).toBe(reservationRequestSchema('create', { ...OSLO, today: { ...OSLO.today } }));
    expect(reservationRequestSchema('create', OSLO)).not.toBe(reservationRequestSchema('submit', OSLO));
    expect(reservationRequestSchema('create', OSLO)).not.toBe(reservationRequestSchema('create', NEW_YORK));
  });
});
