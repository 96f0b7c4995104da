/** Operator actions on merchants and API tokens (used by the CLI and by `npm start`'s demo merchant). */
// @ts-nocheck

import { DEFAULT_TIME_ZONE } from '../kernel/time-zones.js';
import { DEFAULT_CAPTURE_WINDOW_DAYS, DEFAULT_CHARGE_LIMIT, isCaptureWindow, MAX_CAPTURE_WINDOW_DAYS, type Merchant, type MerchantMode } from '../reservations/merchant.js';
import type { Clock, Gateways, IdSource, MerchantRepository } from '../reservations/ports.js';
import { hashToken, issueToken, newCallbackSecret, TOKEN_PREFIX_LENGTH } from './tokens.js';

export interface NewMerchant {
  merchant: Merchant;
  /** Shown once; only its hash is stored. */
  apiToken: string;
}

/** A live merchant could never be paid: its money must not go through the test gateway, and no real one is set. */
export class LiveGatewayMissing extends Error {
  constructor() {
    super('a live merchant needs a real card gateway: set GATEWAY to its module (the built-in test gateway serves test merchants only)');
  }
}

export async function createMerchant(
  deps: { merchants: MerchantRepository; clock: Clock; ids: IdSource; gateways: Gateways },
  options: { name: string; mode: MerchantMode; captureWindowDays?: number },
): Promise<NewMerchant> {
  if (!deps.gateways.forMerchant({ mode: options.mode })) throw new LiveGatewayMissing();
  const captureWindowDays = options.captureWindowDays ?? DEFAULT_CAPTURE_WINDOW_DAYS;
  if (!isCaptureWindow(captureWindowDays)) throw new RangeError(`the capture window must be 1 to ${MAX_CAPTURE_WINDOW_DAYS} days`);
  const now = deps.clock.now();
  const token = issueToken(options.mode);
  const merchant: Merchant = {
    id: deps.ids.id('MER'),
    name: options.name,
    mode: options.mode,
    timeZone: DEFAULT_TIME_ZONE,
    currency: 'NOK',
    captureWindowDays,
    chargeLimit: DEFAULT_CHARGE_LIMIT,
    testClockOffsetMs: 0,
    callbackSecret: newCallbackSecret(),
    billingAddress: { countryCode: null, msisdn: null, email: null, street: null, zip: null, city: null, country: null },
    createdAt: now,
  };
  await deps.merchants.insert(merchant, token);
  return { merchant, apiToken: token.token };
}

export async function createApiToken(
  deps: { merchants: MerchantRepository; clock: Clock },
  merchantId: string,
): Promise<{ merchant: Merchant; apiToken: string } | undefined> {
  const merchant = await deps.merchants.findById(merchantId);
  if (!merchant) return undefined;
  const token = issueToken(merchant.mode);
  await deps.merchants.addToken(merchant.id, token, deps.clock.now());
  return { merchant, apiToken: token.token };
}

export type RevokeResult =
  | { ok: true; prefix: string; merchantId: string }
  | { ok: false; reason: 'not-found' | 'ambiguous'; matches: number };

/** Revokes the one active token named by its prefix (at least 8 characters) or by the whole token. */
export async function revokeApiToken(deps: { merchants: MerchantRepository; clock: Clock }, tokenOrPrefix: string): Promise<RevokeResult> {
  const prefix = tokenOrPrefix.slice(0, TOKEN_PREFIX_LENGTH);
  const matches = prefix.length >= 8 ? await deps.merchants.findActiveTokens(prefix, hashToken(tokenOrPrefix)) : [];
  if (matches.length !== 1) return { ok: false, reason: matches.length ? 'ambiguous' : 'not-found', matches: matches.length };
  const [token] = matches as [(typeof matches)[number]];
  await deps.merchants.revokeToken(token.id, deps.clock.now());
  return { ok: true, prefix: token.prefix, merchantId: token.merchantId };
}

/** Revokes one of a merchant's active tokens by its id (the dashboard's Revoke button); its prefix, or undefined. */
export async function revokeMerchantToken(
  deps: { merchants: Pick<MerchantRepository, 'listTokens' | 'revokeToken'>; clock: Clock },
  merchantId: string,
  tokenId: number,
): Promise<string | undefined> {
  const token = (await deps.merchants.listTokens(merchantId)).find((t) => t.id === tokenId && t.revokedAt === null);
  if (!token) return undefined;
  await deps.merchants.revokeToken(token.id, deps.clock.now());
  return token.prefix;
}
