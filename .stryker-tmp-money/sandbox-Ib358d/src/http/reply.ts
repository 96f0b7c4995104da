/** Sends an operation's outcome in FPGO's envelope, mapping failure keys through the one table. */
// @ts-nocheck

import type { FastifyReply } from 'fastify';
import type { Outcome } from '../reservations/outcome.js';
import { errorEnvelope, successEnvelope } from './envelope.js';
import { FAILURES, HTTP_FAILURES, SUCCESSES, type SuccessKind } from './messages.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The status and exact body bytes of an outcome: what is sent, and what an idempotent retry replays. */
export function renderOutcome<T>(outcome: Outcome<T>, success: SuccessKind): { status: number; body: string } {
  if (outcome.ok) {
    const entry: { status: number; message: string; isData?: boolean } = SUCCESSES[success];
    return { status: entry.status, body: JSON.stringify(successEnvelope(entry.status, entry.message, outcome.value, entry.isData ?? true)) };
  }
  const entry = FAILURES[outcome.key];
  return { status: entry.status, body: JSON.stringify(errorEnvelope(entry, outcome.key, outcome.errors ?? [])) };
}

export function sendOutcome<T>(reply: FastifyReply, outcome: Outcome<T>, success: SuccessKind): FastifyReply {
  const { status, body } = renderOutcome(outcome, success);
  return reply.code(status).header('content-type', JSON_CONTENT_TYPE).send(body);
}

/** 404 for a path that does not exist (or, like test mode for a live merchant, does not exist for this caller). */
export function sendRouteNotFound(reply: FastifyReply): FastifyReply {
  const entry = HTTP_FAILURES.routeNotFound;
  return reply.code(404).send(errorEnvelope(entry, 'routeNotFound', [entry.sentence]));
}
