/**
 * Rotating a merchant's callback secret. The new secret signs from now on; the old one keeps signing
 * too for a grace period, so receivers can switch without losing a callback: webhook-signature carries
 * a signature with each (Standard Webhooks' rotation), and the FPGO checksum, which holds one value,
 * stays on the old secret until the grace period ends (see src/callbacks/delivery-worker.ts).
 */
// @ts-nocheck

import type { Clock } from '../kernel/clock.js';
import type { MerchantRepository } from '../reservations/ports.js';
import { newCallbackSecret } from './tokens.js';

export const DEFAULT_GRACE_MS = 24 * 3_600_000;
export const MAX_GRACE_MS = 7 * 24 * 3_600_000;

export interface RotatedSecret {
  secret: string;
  /** Until when the previous secret signs too (epoch ms); equal to the rotation time for no grace. */
  previousUntil: number;
}

export async function rotateCallbackSecret(
  deps: { merchants: Pick<MerchantRepository, 'findById' | 'rotateCallbackSecret'>; clock: Clock },
  merchantId: string,
  graceMs: number = DEFAULT_GRACE_MS,
): Promise<RotatedSecret | undefined> {
  if (!Number.isInteger(graceMs) || graceMs < 0 || graceMs > MAX_GRACE_MS) throw new RangeError('the grace period must be 0 to 7 days');
  if (!(await deps.merchants.findById(merchantId))) return undefined;
  const secret = newCallbackSecret();
  const previousUntil = deps.clock.now() + graceMs;
  await deps.merchants.rotateCallbackSecret(merchantId, secret, previousUntil);
  return { secret, previousUntil };
}
