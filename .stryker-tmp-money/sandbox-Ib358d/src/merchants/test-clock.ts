/**
 * The test clock (test-mode merchants only): moves one merchant's "now" forward so link expiry,
 * the capture window and chargeValidity can be tried in seconds instead of days. Never backward,
 * never for live merchants, never for another merchant.
 */
// @ts-nocheck

import { z } from 'zod';
import { merchantNow, type Merchant } from '../reservations/merchant.js';
import { invalid, succeed, type Outcome } from '../reservations/outcome.js';
import type { Clock, MerchantRepository } from '../reservations/ports.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { validate } from '../validation/validate.js';

/** Ten years: enough for any expiry rule, small enough to stay a sensible date. */
const MAX_ADVANCE_SECONDS = 10 * 366 * 86_400;
/** How far ahead of real time the test clock may run in all: dates stay dates (and formattable) long after. */
export const MAX_TEST_CLOCK_OFFSET_SECONDS = 100 * 366 * 86_400;

export const advanceClockRequest = z.object(
  {
    advanceSeconds: z
      .number({ error: 'The :attribute field must be a whole number of seconds.' })
      .int({ error: 'The :attribute field must be a whole number of seconds.' })
      .min(1, { error: 'The :attribute field must be at least 1: the test clock only moves forward.' })
      .max(MAX_ADVANCE_SECONDS, { error: `The :attribute field must not be greater than ${MAX_ADVANCE_SECONDS}.` }),
  },
  { error: MESSAGES.array },
);

export interface TestClockView {
  /** The merchant's current time, Unix seconds. */
  now: number;
  nowIso: string;
  /** How far the merchant's clock runs ahead of real time. */
  offsetSeconds: number;
}

export function testClockView(clock: Clock, merchant: Merchant): TestClockView {
  const now = merchantNow(clock, merchant);
  return { now: Math.floor(now / 1000), nowIso: new Date(now).toISOString(), offsetSeconds: Math.floor(merchant.testClockOffsetMs / 1000) };
}

export async function advanceTestClock(
  deps: { clock: Clock; merchants: Pick<MerchantRepository, 'advanceTestClock'> },
  merchant: Merchant,
  body: unknown,
): Promise<Outcome<TestClockView>> {
  const parsed = validate(advanceClockRequest, body);
  if (!parsed.ok) return invalid(parsed.errors);
  const offsetSeconds = Math.floor(merchant.testClockOffsetMs / 1000);
  if (offsetSeconds + parsed.value.advanceSeconds > MAX_TEST_CLOCK_OFFSET_SECONDS) {
    return invalid([
      `The advance seconds field would move the test clock more than ${MAX_TEST_CLOCK_OFFSET_SECONDS} seconds (100 years) ahead of real time; it is ${offsetSeconds} seconds ahead now.`,
    ]);
  }
  const moved = await deps.merchants.advanceTestClock(merchant.id, parsed.value.advanceSeconds * 1000);
  return succeed(testClockView(deps.clock, moved ?? merchant));
}
