/** A merchant (tenant) and the settings the reservation rules follow. */
import type { Clock } from '../kernel/clock.js';

export type MerchantMode = 'test' | 'live';

export interface Merchant {
  id: string;
  name: string;
  mode: MerchantMode;
  timeZone: string;
  currency: string;
  /** Days after RESERVED during which captures are allowed (§10.11: 7 by default, 1 to 31). */
  captureWindowDays: number;
  /** The most a reservation's stored card may be charged in all (minor units); beyond it, paymentChargeRunwayExceed. */
  chargeLimit: number;
  /** Test mode only: how far this merchant's clock runs ahead of real time. */
  testClockOffsetMs: number;
  /** Signs callbacks (the checksum and the Standard Webhooks signature). */
  callbackSecret: string;
  /** Shown to customers and in Details' organizationDetails. */
  billingAddress: BillingAddress;
  createdAt: number;
}

export interface BillingAddress {
  countryCode: string | null;
  msisdn: string | null;
  email: string | null;
  street: string | null;
  zip: string | null;
  city: string | null;
  country: string | null;
}

export const DEFAULT_CAPTURE_WINDOW_DAYS = 7;
export const MAX_CAPTURE_WINDOW_DAYS = 31;
export function isCaptureWindow(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= MAX_CAPTURE_WINDOW_DAYS;
}

/** 50 000.00 NOK per reservation; every merchant is created with it. */
export const DEFAULT_CHARGE_LIMIT = 5_000_000;

/** The merchant's "now": real time, moved ahead by the test clock for test-mode merchants. */
export function merchantNow(clock: Clock, merchant: Pick<Merchant, 'mode' | 'testClockOffsetMs'>): number {
  return clock.now() + (merchant.mode === 'test' ? merchant.testClockOffsetMs : 0);
}

/** A rotated-out callback secret keeps signing until its grace period has run out (`until`, epoch ms). */
export function previousSecretSigns(until: number | null, now: number): until is number {
  return until !== null && until > now;
}
