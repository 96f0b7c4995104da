/**
 * The merchant's own rules in src/reservations/merchant.ts: which capture windows may be set, what
 * "now" is for a test-mode merchant whose clock was advanced, and how long a rotated-out callback
 * secret keeps signing.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../src/kernel/clock.js';
import { isCaptureWindow, MAX_CAPTURE_WINDOW_DAYS, merchantNow, previousSecretSigns } from '../src/reservations/merchant.js';

describe('the capture window a merchant may set', () => {
  it.each([
    [1, true],
    [7, true],
    [MAX_CAPTURE_WINDOW_DAYS, true],
    [0, false],
    [-1, false],
    [MAX_CAPTURE_WINDOW_DAYS + 1, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('%s days: %s', (days, allowed) => {
    expect(isCaptureWindow(days)).toBe(allowed);
  });

  it('is at most a month', () => {
    expect(MAX_CAPTURE_WINDOW_DAYS).toBe(31);
  });
});

describe("a merchant's now", () => {
  const clock: Clock = { now: () => Date.UTC(2026, 0, 1) };

  it('is real time moved ahead by the test clock for a test-mode merchant', () => {
    expect(merchantNow(clock, { mode: 'test', testClockOffsetMs: 90_000 })).toBe(Date.UTC(2026, 0, 1) + 90_000);
  });

  it('is real time for a live merchant, whatever offset a row holds', () => {
    expect(merchantNow(clock, { mode: 'live', testClockOffsetMs: 90_000 })).toBe(Date.UTC(2026, 0, 1));
  });

  it('is real time for a test-mode merchant whose clock was never advanced', () => {
    expect(merchantNow(clock, { mode: 'test', testClockOffsetMs: 0 })).toBe(Date.UTC(2026, 0, 1));
  });
});

describe('a rotated-out callback secret', () => {
  const now = Date.UTC(2026, 0, 1);

  it('keeps signing until its grace period ends', () => {
    expect(previousSecretSigns(now + 1, now)).toBe(true);
  });

  it('stops signing at the end of its grace period, and after it', () => {
    expect(previousSecretSigns(now, now)).toBe(false);
    expect(previousSecretSigns(now - 1, now)).toBe(false);
  });

  it('never signs when there was no rotation', () => {
    expect(previousSecretSigns(null, now)).toBe(false);
  });
});
