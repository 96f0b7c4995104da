/**
 * How a callback is signed, twice:
 *
 * 1. Front Payment's checksum, so their published PHP verifier accepts it unchanged: lowercase hex
 *    SHA-256 of every query value in URL order except `checksum`, concatenated, then the merchant's
 *    callback secret. Worked example (asserted by test/callback-signature.test.ts):
 *      https://shop.example/cb?order_identifier=xyz&orderUuid=RES1234567890&status=RESERVED&paymentMethod=Visa
 *        &amount=1000.00&createdAt=1764000000&timestamp=1764000100
 *      secret "whsec_dGVzdA=="  →  checksum = sha256("xyzRES1234567890RESERVEDVisa1000.0017640000001764000100whsec_dGVzdA==")
 *
 *    The checksum covers values only, not their names: verify-callback.ts therefore also checks the
 *    names, their order and each value's format.
 *
 * 2. Standard Webhooks headers: webhook-id (stable across retries), webhook-timestamp (seconds) and
 *    webhook-signature = "v1," + base64 HMAC-SHA256 of "id.timestamp.payload", keyed with the base64
 *    part of the secret after "whsec_". A GET has no body, so the payload is the full callback URL
 *    as requested (`new URL(url).href`: scheme, host, path and query with the checksum), as a JSON
 *    string — the official Standard Webhooks libraries parse the payload as JSON, so
 *    `new Webhook(secret).verify(JSON.stringify(url), headers)` returns the URL. The signature vouches
 *    for every name and value, the merchant's own parameters included.
 */
// @ts-nocheck

import { createHash, createHmac } from 'node:crypto';
import { formatMajorAmount } from '../kernel/money.js';
import { appendQuery, queryValues } from '../kernel/url-query.js';
import type { NewCallback } from '../reservations/status-callback.js';

export function fpgoChecksum(url: string, secret: string): string {
  const concatenated = queryValues(url)
    .filter(([key]) => key !== 'checksum')
    .map(([, value]) => value)
    .join('');
  return createHash('sha256').update(concatenated + secret, 'utf8').digest('hex');
}

export function webhookSignatureKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function standardWebhookSignature(secret: string, id: string, timestampSeconds: number, body = ''): string {
  const mac = createHmac('sha256', webhookSignatureKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The Standard Webhooks signature of a callback: its payload is the requested URL as a JSON string. */
export function callbackWebhookSignature(secret: string, id: string, timestampSeconds: number, requestedUrl: string): string {
  return standardWebhookSignature(secret, id, timestampSeconds, JSON.stringify(requestedUrl));
}

export interface CallbackParameters {
  orderUuid: string;
  status: string;
  paymentMethod: string;
  /** Major units with 2 decimals ("1000.00"). */
  amount: string;
  /** When the reservation was created, Unix seconds. */
  createdAt: number;
  /** When the callback was sent, Unix seconds. */
  timestamp: number;
}

/** The query values of a callback sent at `sentAt`, in FPGO's order (§10.13). */
export function callbackParameters(callback: NewCallback, sentAt: number): CallbackParameters {
  return {
    orderUuid: callback.reservationUuid,
    status: callback.status,
    paymentMethod: callback.paymentMethod,
    amount: formatMajorAmount(callback.amount),
    createdAt: Math.floor(callback.orderCreatedAt / 1000),
    timestamp: Math.floor(sentAt / 1000),
  };
}

/** The merchant's callbackUrl with FPGO's parameters appended after the merchant's own, then the checksum. */
export function signedCallbackUrl(callbackUrl: string, params: CallbackParameters, secret: string): string {
  // A fragment is never sent to a server, so it is dropped rather than signed.
  const withoutFragment = callbackUrl.split('#')[0]!;
  const unsigned = appendQuery(withoutFragment, {
    orderUuid: params.orderUuid,
    status: params.status,
    paymentMethod: params.paymentMethod,
    amount: params.amount,
    createdAt: String(params.createdAt),
    timestamp: String(params.timestamp),
  });
  return appendQuery(unsigned, { checksum: fpgoChecksum(unsigned, secret) });
}
