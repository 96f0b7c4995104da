/**
 * What happens after a callback attempt, and when a failed one is tried again. The default backs off from 10 seconds to a day and gives
 * up after about three days (2 d 20 h of waiting, 14 attempts), between Stripe's 3 days and
 * Vipps' 7. Every wait is spread by ±10 % so receivers that failed together are not hit together.
 * CALLBACK_RETRY_SCHEDULE replaces it, e.g. "1s,2s,5s" (units ms, s, m, h, d).
 */
// @ts-nocheck

import { parseDuration } from '../kernel/duration.js';
import type { AttemptOutcome, AttemptResult } from '../reservations/status-callback.js';

export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 43_200_000, 57_600_000, 86_400_000,
];

export const JITTER = 0.1;

/** "1s,2s,5s" → [1000, 2000, 5000]; throws with a readable reason. */
export function parseRetrySchedule(text: string): number[] {
  return text.split(',').map(parseDuration);
}

/**
 * When attempt number `attemptsMade + 1` should run, or null when the schedule is used up.
 * `random` is in [0, 1).
 */
export function nextAttemptAt(schedule: readonly number[], attemptsMade: number, now: number, random: number): number | null {
  const wait = schedule[attemptsMade - 1];
  if (wait === undefined) return null;
  return now + Math.round(wait * (1 - JITTER + 2 * JITTER * random));
}

/** Any 2xx is delivered; anything else is tried again on the schedule, then given up as failed. */
export function afterAttempt(attemptsMadeBefore: number, result: AttemptResult, schedule: readonly number[], now: number, random: number): AttemptOutcome {
  const attemptsMade = attemptsMadeBefore + 1;
  if (result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300) {
    return { state: 'delivered', attemptsMade, nextAttemptAt: null };
  }
  const next = result.retryable ? nextAttemptAt(schedule, attemptsMade, now, random) : null;
  return next === null ? { state: 'failed', attemptsMade, nextAttemptAt: null } : { state: 'pending', attemptsMade, nextAttemptAt: next };
}
