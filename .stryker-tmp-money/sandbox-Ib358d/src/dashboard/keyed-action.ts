/**
 * Every dashboard form that changes something carries an Idempotency-Key, generated when the form is
 * drawn and kept through its confirmation step. The key is claimed through the same repository as the
 * API's (keys are the merchant's), so a double click or a resubmitted page runs the action once and
 * shows the first answer again; the operation stores its answer with its state change.
 */
// @ts-nocheck

import { isValidKey, requestFingerprint } from '../idempotency/idempotency.js';
import type { Outcome } from '../reservations/outcome.js';
import type { Clock, IdempotencyRepository, IdSource } from '../reservations/ports.js';
import type { ResponseFor } from '../reservations/write-plan.js';

const CONTENT_TYPE = 'application/vnd.fpgo.dashboard-outcome+json';

export interface KeySettings {
  idempotency: IdempotencyRepository;
  clock: Clock;
  ttlMs: number;
  lockTimeoutMs: number;
}

export function newFormKey(ids: IdSource): string {
  return `dashboard_${ids.secret(18)}`;
}

export type KeyedResult<T> = { kind: 'ran' | 'replayed'; outcome: Outcome<T> } | { kind: 'in-progress' } | { kind: 'reused' } | { kind: 'invalid-key' };

/**
 * Runs `run` once per key: `run` gets how to store its answer with its change and the key's id (a money
 * movement it left unfinished is resumed by it). The answer of a refusal that changed nothing is stored
 * afterwards; a gateway failure frees the key, so trying again runs again.
 */
export async function runKeyed<T>(
  settings: KeySettings,
  request: { merchantId: string; key: string; path: string; form: Record<string, string> },
  run: (responseFor: ResponseFor<T>, keyId: number) => Promise<Outcome<T>>,
): Promise<KeyedResult<T>> {
  if (!isValidKey(request.key)) return { kind: 'invalid-key' };
  const now = settings.clock.now();
  const claim = await settings.idempotency.claim({
    merchantId: request.merchantId,
    key: request.key,
    fingerprint: requestFingerprint('POST', request.path, request.form),
    now,
    lockedUntil: now + settings.lockTimeoutMs,
    expiresAt: now + settings.ttlMs,
  });
  if (claim.kind === 'replay') return { kind: 'replayed', outcome: JSON.parse(claim.body) as Outcome<T> };
  if (claim.kind === 'mismatch') return { kind: 'reused' };
  if (claim.kind === 'in-progress') return { kind: 'in-progress' };
  const keyId = claim.keyId;
  let stored = false;
  const responseFor: ResponseFor<T> = (outcome) => {
    stored = true;
    return { keyId, status: outcome.ok ? 200 : 400, contentType: CONTENT_TYPE, body: JSON.stringify(outcome) };
  };
  const outcome = await run(responseFor, keyId);
  if (!outcome.ok && outcome.key === 'somethingWentWrong') await settings.idempotency.release(keyId);
  else if (!stored) await settings.idempotency.complete(responseFor(outcome));
  return { kind: 'ran', outcome };
}
