import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../src/callbacks/address-guard.js';
import { afterAttempt, DEFAULT_RETRY_SCHEDULE_MS, nextAttemptAt, parseRetrySchedule } from '../src/callbacks/retry-schedule.js';

describe('callback retry rules', () => {
  it('reads CALLBACK_RETRY_SCHEDULE', () => {
    expect(parseRetrySchedule('1s,2s,5s')).toEqual([1000, 2000, 5000]);
    expect(parseRetrySchedule('500ms, 1.5s, 2m, 1h, 1d')).toEqual([500, 1500, 120_000, 3_600_000, 86_400_000]);
    expect(() => parseRetrySchedule('1s,soon')).toThrow('"soon" is not a duration');
    expect(() => parseRetrySchedule('0s')).toThrow('must be longer than 0');
  });

  it('gives up after about three days by default', () => {
    const total = DEFAULT_RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total / 86_400_000).toBeGreaterThan(2.5);
    expect((total * 1.1) / 86_400_000).toBeLessThanOrEqual(3.2);
    expect(DEFAULT_RETRY_SCHEDULE_MS).toEqual([...DEFAULT_RETRY_SCHEDULE_MS].sort((a, b) => a - b));
  });

  it('spreads each wait by at most ±10 %', () => {
    expect(nextAttemptAt([1000], 1, 0, 0)).toBe(900);
    expect(nextAttemptAt([1000], 1, 0, 0.5)).toBe(1000);
    expect(nextAttemptAt([1000], 1, 0, 0.999999)).toBe(1100);
    expect(nextAttemptAt([1000], 2, 0, 0.5)).toBeNull();
  });

  const ok = { httpStatus: 204, error: null, durationMs: 3, retryable: true };
  const serverError = { httpStatus: 500, error: null, durationMs: 3, retryable: true };
  const refused = { httpStatus: null, error: 'private', durationMs: 0, retryable: false };

  it('counts any 2xx as delivered, and anything else as a retry until the schedule runs out', () => {
    expect(afterAttempt(0, ok, [1000], 0, 0.5)).toEqual({ state: 'delivered', attemptsMade: 1, nextAttemptAt: null });
    expect(afterAttempt(0, serverError, [1000, 2000], 0, 0.5)).toEqual({ state: 'pending', attemptsMade: 1, nextAttemptAt: 1000 });
    expect(afterAttempt(1, serverError, [1000, 2000], 0, 0.5)).toEqual({ state: 'pending', attemptsMade: 2, nextAttemptAt: 2000 });
    expect(afterAttempt(2, serverError, [1000, 2000], 0, 0.5)).toEqual({ state: 'failed', attemptsMade: 3, nextAttemptAt: null });
    expect(afterAttempt(0, { ...serverError, httpStatus: 302 }, [1000], 0, 0.5).state).toBe('pending');
  });

  it.each([
    [200, 'delivered'],
    [299, 'delivered'],
    [199, 'pending'],
    [300, 'pending'],
    [404, 'pending'],
  ] as const)('answers %i: %s', (httpStatus, state) => {
    expect(afterAttempt(0, { ...serverError, httpStatus }, [1000], 0, 0.5).state).toBe(state);
  });

  it('retries an attempt that got no answer at all (timeout, reset) on the schedule', () => {
    const silent = { httpStatus: null, error: 'no HTTP answer', durationMs: 10_000, retryable: true };
    expect(afterAttempt(0, silent, [1000], 5_000, 0.5)).toEqual({ state: 'pending', attemptsMade: 1, nextAttemptAt: 6_000 });
    expect(afterAttempt(1, silent, [1000], 5_000, 0.5)).toEqual({ state: 'failed', attemptsMade: 2, nextAttemptAt: null });
  });

  it('waits the schedule entry of the attempt just made, counted from now', () => {
    expect(nextAttemptAt([1000, 5000, 9000], 2, 100_000, 0.5)).toBe(105_000);
    expect(nextAttemptAt([1000, 5000, 9000], 3, 100_000, 0)).toBe(108_100);
  });

  it('does not retry what cannot succeed', () => {
    expect(afterAttempt(0, refused, [1000, 2000], 0, 0.5)).toEqual({ state: 'failed', attemptsMade: 1, nextAttemptAt: null });
  });
});

describe('private address guard', () => {
  it.each([
    '192.0.0.8',
    '198.18.0.1',
    '198.19.255.255',
    '240.0.0.1',
    '255.255.255.255',
    '::',
    'ff02::1',
    '64:ff9b::a00:1',
    '::FFFF:192.168.0.1',
  ])('refuses %s too (reserved, benchmarking, broadcast, unspecified, multicast, NAT64, mapped in capitals)', (address) =>
    expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['', 'localhost', '10.0.0', 'example.com'])('refuses %j, which is no address at all, rather than guess', (text) => expect(isPrivateAddress(text)).toBe(true));
  it.each(['198.20.0.1', '100.128.0.1', '11.0.0.1', '2001:4860:4860::8888'])('allows %s, just outside the private ranges', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:a00:1', '0:0:0:0:0:ffff:10.1.2.3', '224.0.0.1', 'not-an-address'])(
    'refuses %s',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => expect(isPrivateAddress(address)).toBe(false));
});
