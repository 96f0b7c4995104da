/**
 * For merchants' Node code: checks a callback fpgo (or Front Payment) sent, the way Front Payment's
 * PHP sample does — and more strictly, because the checksum covers the query *values* only: after
 * the merchant's own query, the URL must end in exactly fpgo's parameters, in fpgo's order, each
 * value in its own format, so no name can be swapped or value boundary moved without breaking it;
 * and the timestamp must be recent (5 minutes by default), so an old callback cannot be replayed.
 *
 *   import { verifyCallback } from 'fpgo/verify-callback';
 *   const result = verifyCallback(request.url, process.env.FPGO_CALLBACK_SECRET);
 *   if (!result.ok) return reply.code(403).send(result.reason);
 *   // result.event.orderUuid, .status ('RESERVED' | 'CAPTURED' | 'CHARGED'), .amount ('1000.00'), …
 */
// @ts-nocheck

import { timingSafeEqual } from 'node:crypto';
import { queryValues } from '../kernel/url-query.js';
import { CALLBACK_PARAMETER_NAMES } from '../reservations/status-callback.js';
import { fpgoChecksum, type CallbackParameters } from './signature.js';

export interface CallbackEvent extends CallbackParameters {
  /** The merchant's own query parameters of the callbackUrl. */
  merchantParameters: Record<string, string>;
}

export type VerifyResult = { ok: true; event: CallbackEvent } | { ok: false; reason: string };

export interface VerifyOptions {
  /**
   * Refuse callbacks whose timestamp is further than this from now (replay protection). 300 by
   * default; Infinity turns the check off (e.g. to look at a URL from an old log).
   */
  toleranceSeconds?: number;
  now?: () => number;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

const SECONDS = /^[1-9]\d{0,11}$/;
const FORMS: Record<(typeof CALLBACK_PARAMETER_NAMES)[number], RegExp> = {
  orderUuid: /^RES\d{10}$/,
  status: /^(RESERVED|CAPTURED|CHARGED)$/,
  paymentMethod: /^[A-Za-z]*$/,
  amount: /^(0|[1-9]\d*)\.\d{2}$/,
  createdAt: SECONDS,
  timestamp: SECONDS,
  checksum: /^[0-9a-f]{64}$/,
};

/** The form of each of fpgo's values, in the order the parameters follow the merchant's own. */
const OURS: readonly [string, RegExp][] = CALLBACK_PARAMETER_NAMES.map((name) => [name, FORMS[name]]);
const OUR_NAMES: readonly string[] = CALLBACK_PARAMETER_NAMES;

/** `urlOrQuery`: the full URL, its path and query ("/cb?…"), or just the query string. */
export function verifyCallback(urlOrQuery: string, secret: string, options: VerifyOptions = {}): VerifyResult {
  const url = urlOrQuery.includes('?') ? urlOrQuery : `?${urlOrQuery}`;
  const values = queryValues(url);
  const shapeProblem = shapeProblemOf(values);
  if (shapeProblem) return { ok: false, reason: shapeProblem };

  const found = new Map(values.slice(-OURS.length));
  const expected = Buffer.from(fpgoChecksum(url, secret));
  const given = Buffer.from(found.get('checksum')!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'checksum does not match: wrong secret, or the URL was changed' };
  }
  const timestamp = Number(found.get('timestamp'));
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = (options.now ?? Date.now)() / 1000;
  if (Math.abs(now - timestamp) > tolerance) {
    return { ok: false, reason: `timestamp ${timestamp} is more than ${tolerance} s from now: an old or replayed callback` };
  }
  return {
    ok: true,
    event: {
      orderUuid: found.get('orderUuid')!,
      status: found.get('status')!,
      paymentMethod: found.get('paymentMethod')!,
      amount: found.get('amount')!,
      createdAt: Number(found.get('createdAt')),
      timestamp,
      merchantParameters: Object.fromEntries(values.slice(0, -OURS.length)),
    },
  };
}

/** What is wrong with the names, order and formats of the query, if anything. */
function shapeProblemOf(values: [string, string][]): string | null {
  const names = values.map(([name]) => name);
  const missing = OUR_NAMES.filter((name) => !names.includes(name));
  if (missing.length) return `missing query parameter(s): ${missing.join(', ')}`;
  const tail = values.slice(-OURS.length);
  if (tail.some(([name], index) => name !== OUR_NAMES[index])) {
    return `the query must end with ${OUR_NAMES.join(', ')} in this order, after the callback URL's own parameters`;
  }
  const repeated = names.slice(0, -OURS.length).find((name) => OUR_NAMES.includes(name));
  if (repeated) return `query parameter ${repeated} appears twice`;
  const malformed = OURS.find(([, form], index) => !form.test(tail[index]![1]));
  return malformed ? `query parameter ${malformed[0]} is not in fpgo's format` : null;
}
