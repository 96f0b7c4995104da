/** Sends an operation's outcome in FPGO's envelope, mapping failure keys through the one table. */
import type { FastifyReply } from 'fastify';
import type { Outcome } from '../reservations/outcome.js';
import { errorEnvelope, successEnvelope } from './envelope.js';
import { FAILURES, HTTP_FAILURES, SUCCESSES, type SuccessKind } from './messages.js';

export function sendOutcome<T>(reply: FastifyReply, outcome: Outcome<T>, success: SuccessKind): FastifyReply {
  if (outcome.ok) {
    const { status, message } = SUCCESSES[success];
    return reply.code(status).send(successEnvelope(status, message, outcome.value));
  }
  const entry = FAILURES[outcome.key];
  return reply.code(entry.status).send(errorEnvelope(entry, outcome.key, outcome.errors ?? []));
}

/** 404 for a path that does not exist (or, like test mode for a live merchant, does not exist for this caller). */
export function sendRouteNotFound(reply: FastifyReply): FastifyReply {
  const entry = HTTP_FAILURES.routeNotFound;
  return reply.code(404).send(errorEnvelope(entry, 'routeNotFound', [entry.sentence]));
}
