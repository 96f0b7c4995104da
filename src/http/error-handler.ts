/** Turns anything thrown while answering a request into FPGO's envelope; never a stack trace. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../kernel/database-unavailable.js';
import { errorEnvelope } from './envelope.js';
import { InvalidPayload } from './json-body.js';
import { FAILURES, HTTP_FAILURES, type HttpFailureKey } from './messages.js';
import { HttpProblem } from './problem.js';

const FASTIFY_CODES: Record<string, HttpFailureKey> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalidJson',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payloadTooLarge',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalidJson',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalidJson',
  FST_ERR_BAD_URL: 'invalidUrl',
};

function problemFor(error: FastifyError | Error): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  const code = (error as FastifyError).code;
  if (code && FASTIFY_CODES[code]) return new HttpProblem(FASTIFY_CODES[code]);
  if (error instanceof SyntaxError && (error as FastifyError).statusCode === 400) return new HttpProblem('invalidJson');
  const status = (error as FastifyError).statusCode;
  if (status === 413) return new HttpProblem('payloadTooLarge');
  if (status === 415) return new HttpProblem('unsupportedMediaType');
  if (status === 400) return new HttpProblem('invalidJson');
  return undefined;
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof InvalidPayload) {
    return reply.code(417).send(errorEnvelope(FAILURES.payloadValidationErrors, 'payloadValidationErrors', error.errors));
  }
  const problem = problemFor(error);
  if (problem) return sendProblem(reply, problem);
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'the database cannot be reached or written: answered 503');
    return sendProblem(reply.header('retry-after', '1'), new HttpProblem('serviceUnavailable'));
  }
  request.log.error({ err: error }, 'request failed');
  const entry = HTTP_FAILURES.internalErrorOccurredPleaseTryAgainLater;
  return reply.code(500).send(
    errorEnvelope(entry, 'internalErrorOccurredPleaseTryAgainLater', {
      happenedAt: new Date().toISOString(),
      internalErrorDetails: [`Reference ${request.id}: the error was logged; please try again later.`],
    }),
  );
}

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  const entry = HTTP_FAILURES[problem.key];
  return reply.code(entry.status).send(errorEnvelope(entry, problem.key, problem.errors));
}
