/**
 * Idempotency keys (like Stripe's): a retried POST with the same `Idempotency-Key` gets the first
 * answer back, byte for byte, and changes nothing. Keys belong to one merchant, are remembered for
 * 31 days (IDEMPOTENCY_TTL), and a request is identified by its method, path and body — the same
 * key with another request is refused.
 */
// @ts-nocheck

import { createHash } from 'node:crypto';

export const DEFAULT_TTL_MS = 31 * 86_400_000;
/** How long a running request holds its key; after a crash, the key is free again once it runs out. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,255}$/;

export function isValidKey(key: string): boolean {
  return PRINTABLE_ASCII.test(key);
}

export const INVALID_KEY_SENTENCE = 'The idempotency key header must be 1 to 255 printable ASCII characters.';

/** The same JSON with object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} are one request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${body === undefined ? '' : canonicalJson(body)}`).digest('hex');
}

/** A request arriving with a key: it claims the key, or learns what to answer instead. */
export interface KeyClaimRequest {
  merchantId: string;
  key: string;
  fingerprint: string;
  now: number;
  lockedUntil: number;
  expiresAt: number;
}

export type KeyClaim =
  | { kind: 'claimed'; keyId: number }
  | { kind: 'replay'; status: number; contentType: string; body: string }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

/** What the store decides for an existing key when a request arrives with it. */
export function decideExistingKey(
  existing: { fingerprint: string; state: 'running' | 'done'; lockedUntil: number | null; response: { status: number; contentType: string; body: string } | null },
  fingerprint: string,
  now: number,
): Exclude<KeyClaim, { kind: 'claimed' }> | 'take-over' {
  if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (existing.state === 'done' && existing.response) return { kind: 'replay', ...existing.response };
  if (existing.lockedUntil !== null && existing.lockedUntil > now) return { kind: 'in-progress' };
  return 'take-over';
}
