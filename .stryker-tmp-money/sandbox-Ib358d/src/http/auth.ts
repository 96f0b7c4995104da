/** Bearer-token authentication for the merchant API (§1.1, §10.3). */
// @ts-nocheck

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashToken } from '../merchants/tokens.js';
import type { Merchant } from '../reservations/merchant.js';
import type { MerchantRepository } from '../reservations/ports.js';
import { HttpProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated merchant; set for every route behind `requireMerchant`. */
    merchant: Merchant;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function bearerToken(request: Pick<FastifyRequest, 'headers'>): string | null {
  const header = request.headers.authorization;
  return (header && BEARER.exec(header)?.[1]) ?? null;
}

/**
 * Authenticates every request of the plugin it is registered in. It runs before the body is
 * parsed (preParsing), after the rate limiter (onRequest), so a 401 still carries the limit headers.
 */
export function requireMerchant(app: FastifyInstance, merchants: Pick<MerchantRepository, 'findByTokenHash'>): void {
  app.decorateRequest('merchant', null as unknown as Merchant);
  app.addHook('preParsing', async (request) => {
    const token = bearerToken(request);
    const merchant = token ? await merchants.findByTokenHash(hashToken(token)) : undefined;
    if (!merchant) throw new HttpProblem('unauthenticated');
    request.merchant = merchant;
  });
}
