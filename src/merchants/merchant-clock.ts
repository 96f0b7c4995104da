import type { Clock } from '../reservations/ports.js';
import type { Merchant } from './merchant.js';

/** The merchant's "now": real time, moved ahead by the test clock for test-mode merchants. */
export function merchantNow(clock: Clock, merchant: Pick<Merchant, 'mode' | 'testClockOffsetMs'>): number {
  return clock.now() + (merchant.mode === 'test' ? merchant.testClockOffsetMs : 0);
}
