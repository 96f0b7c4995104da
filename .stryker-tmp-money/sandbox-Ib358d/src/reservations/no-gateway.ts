/**
 * The gateway of a live merchant when no real one is configured (GATEWAY=none): it refuses every
 * call, so nothing of such a merchant is ever paid or moved — the built-in test gateway serves test
 * merchants only. (Such a merchant cannot be created either; this covers one created before.)
 */
// @ts-nocheck

import type { Gateways, PaymentGateway } from './ports.js';
import type { Merchant } from './merchant.js';

const refused = { outcome: 'error', message: 'no card gateway is configured for live merchants (set GATEWAY)' } as const;

export const NO_GATEWAY: PaymentGateway = {
  authorize: async () => refused,
  capture: async () => refused,
  charge: async () => refused,
  refund: async () => refused,
  void: async () => refused,
  lookup: async () => ({ outcome: 'unknown', message: refused.message }),
};

export function gatewayOf(gateways: Gateways, merchant: Pick<Merchant, 'mode'>): PaymentGateway {
  return gateways.forMerchant(merchant) ?? NO_GATEWAY;
}
