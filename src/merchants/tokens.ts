/**
 * API tokens are shown once and stored only as a SHA-256 hash: they carry 192 random bits, so a
 * slow password hash would add nothing but latency. The first characters are kept as a prefix
 * so an operator can name a token to revoke without having it.
 */
import { hash, randomBytes } from 'node:crypto';
import type { MerchantMode } from '../reservations/merchant.js';

export const TOKEN_PREFIX_LENGTH = 16;

export interface IssuedToken {
  token: string;
  hash: string;
  prefix: string;
}

export function issueToken(mode: MerchantMode): IssuedToken {
  const token = `fpgo_${mode}_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX_LENGTH) };
}

export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/**
 * How history and logs name a token without showing any of it: "tok_" and the first 12 hex digits
 * of its hash (api_tokens.token_hash starts with them, so an operator can find it).
 */
export function tokenLabel(tokenHash: string): string {
  return `tok_${tokenHash.slice(0, 12)}`;
}

/** Standard Webhooks style secret ("whsec_" + base64), also the key of FPGO's callback checksum. */
export function newCallbackSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}
