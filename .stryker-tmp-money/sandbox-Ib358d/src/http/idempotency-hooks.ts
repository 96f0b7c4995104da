/**
 * `Idempotency-Key` on every POST of the merchant API. Before the handler runs, the key is claimed
 * (or its stored answer replayed, or the request refused as a misuse); once the answer is known it
 * is stored with the key. Operations that change state store it themselves, in the same
 * transaction as the change (`responseFor`), so a crash can never leave a change without its answer.
 */
// @ts-nocheck

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INVALID_KEY_SENTENCE, isValidKey, requestFingerprint } from '../idempotency/idempotency.js';
import type { Outcome } from '../reservations/outcome.js';
import type { Clock, IdempotencyRepository } from '../reservations/ports.js';
import type { ResponseFor } from '../reservations/write-plan.js';
import { errorEnvelope } from './envelope.js';
import { FAILURES, type SuccessKind } from './messages.js';
import { JSON_CONTENT_TYPE, renderOutcome } from './reply.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency key this request holds, when it came with one. */
    idempotencyKeyId: number | null;
    /** The answer the operation stored with its state change, if it stored one. */
    idempotentAnswer: string | null;
    /** The operation left a movement whose outcome is unknown: its retry, with this key, must resume it. */
    keepIdempotencyKey: boolean;
  }
}

export interface IdempotencySettings {
  store: IdempotencyRepository;
  clock: Clock;
  ttlMs: number;
  lockTimeoutMs: number;
}

const MISUSE = {
  idempotencyKeyReused: { status: 422, statusMessage: 'Unprocessable Entity', form: 'errors' },
  idempotencyRequestInProgress: { status: 409, statusMessage: 'Conflict', form: 'errors' },
} as const;

function refuse(reply: FastifyReply, key: keyof typeof MISUSE | 'payloadValidationErrors', sentence: string): FastifyReply {
  const entry = key === 'payloadValidationErrors' ? FAILURES.payloadValidationErrors : MISUSE[key];
  return reply.code(entry.status).send(errorEnvelope(entry, key, [sentence]));
}

export function idempotencyHooks(app: FastifyInstance, settings: IdempotencySettings): void {
  app.decorateRequest('idempotencyKeyId', null);
  app.decorateRequest('idempotentAnswer', null);
  app.decorateRequest('keepIdempotencyKey', false);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return;
    const key = Array.isArray(header) ? header[0]! : header;
    if (!isValidKey(key)) return refuse(reply, 'payloadValidationErrors', INVALID_KEY_SENTENCE);
    const now = settings.clock.now();
    const claim = await settings.store.claim({
      merchantId: request.merchant.id,
      key,
      fingerprint: requestFingerprint(request.method, request.url, request.body),
      now,
      lockedUntil: now + settings.lockTimeoutMs,
      expiresAt: now + settings.ttlMs,
    });
    switch (claim.kind) {
      case 'claimed':
        request.idempotencyKeyId = claim.keyId;
        return;
      case 'replay':
        return reply.code(claim.status).header('content-type', claim.contentType).header('idempotent-replayed', 'true').send(claim.body);
      case 'mismatch':
        return refuse(reply, 'idempotencyKeyReused', `The idempotency key "${key}" was already used with a different request (method, path or body); use a new key for a new request.`);
      case 'in-progress':
        reply.header('retry-after', '1');
        return refuse(reply, 'idempotencyRequestInProgress', `A request with the idempotency key "${key}" is still being processed; retry once it has finished.`);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const keyId = request.idempotencyKeyId;
    if (keyId === null || reply.getHeader('idempotent-replayed')) return payload;
    // The operation committed this very answer with its state change: nothing left to store.
    if (payload === request.idempotentAnswer) return payload;
    if (reply.statusCode >= 500) {
      await (request.keepIdempotencyKey ? settings.store.unlock(keyId) : settings.store.release(keyId));
    } else {
      const contentType = String(reply.getHeader('content-type') ?? JSON_CONTENT_TYPE);
      await settings.store.complete({ keyId, status: reply.statusCode, contentType, body: typeof payload === 'string' ? payload : String(payload) });
    }
    return payload;
  });
}

/** For a handler: how to store its answer with the state change, when its request holds a key. */
export function responseFor<T>(request: FastifyRequest, success: SuccessKind): ResponseFor<T> | undefined {
  const keyId = request.idempotencyKeyId;
  if (keyId === null) return undefined;
  return (outcome: Outcome<T>) => {
    const rendered = renderOutcome(outcome, success);
    request.idempotentAnswer = rendered.body;
    return { keyId, contentType: JSON_CONTENT_TYPE, ...rendered };
  };
}
