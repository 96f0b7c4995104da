/**
 * For merchants' Node code: checks a callback fpgo (or Front Payment) sent, the way Front Payment's
 * PHP sample does, and returns the event it carries.
 *
 *   import { verifyCallback } from 'fpgo/verify-callback';
 *   const result = verifyCallback(request.url, process.env.FPGO_CALLBACK_SECRET);
 *   if (!result.ok) return reply.code(403).send(result.reason);
 *   // result.event.orderUuid, .status ('RESERVED' | 'CAPTURED' | 'CHARGED'), .amount ('1000.00'), …
 */
import { timingSafeEqual } from 'node:crypto';
import { queryValues } from '../kernel/url-query.js';
import { fpgoChecksum, type CallbackParameters } from './signature.js';

export interface CallbackEvent extends CallbackParameters {
  /** The merchant's own query parameters of the callbackUrl. */
  merchantParameters: Record<string, string>;
}

export type VerifyResult = { ok: true; event: CallbackEvent } | { ok: false; reason: string };

export interface VerifyOptions {
  /** Refuse callbacks whose timestamp is further than this from now (replay protection). Off by default. */
  toleranceSeconds?: number;
  now?: () => number;
}

const OURS = ['orderUuid', 'status', 'paymentMethod', 'amount', 'createdAt', 'timestamp', 'checksum'] as const;

/** `urlOrQuery`: the full URL, its path and query ("/cb?…"), or just the query string. */
export function verifyCallback(urlOrQuery: string, secret: string, options: VerifyOptions = {}): VerifyResult {
  const url = urlOrQuery.includes('?') ? urlOrQuery : `?${urlOrQuery}`;
  const values = queryValues(url);
  const found = new Map(values);
  const missing = OURS.filter((name) => !found.has(name));
  if (missing.length) return { ok: false, reason: `missing query parameter(s): ${missing.join(', ')}` };
  const expected = Buffer.from(fpgoChecksum(url, secret));
  const given = Buffer.from(found.get('checksum')!.toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'checksum does not match: wrong secret, or the URL was changed' };
  }
  const timestamp = Number(found.get('timestamp'));
  if (options.toleranceSeconds !== undefined) {
    const now = (options.now ?? Date.now)() / 1000;
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > options.toleranceSeconds) {
      return { ok: false, reason: `timestamp ${found.get('timestamp')} is more than ${options.toleranceSeconds} s from now` };
    }
  }
  const merchantParameters = Object.fromEntries(values.filter(([name]) => !(OURS as readonly string[]).includes(name)));
  return {
    ok: true,
    event: {
      orderUuid: found.get('orderUuid')!,
      status: found.get('status')!,
      paymentMethod: found.get('paymentMethod')!,
      amount: found.get('amount')!,
      createdAt: Number(found.get('createdAt')),
      timestamp,
      merchantParameters,
    },
  };
}
