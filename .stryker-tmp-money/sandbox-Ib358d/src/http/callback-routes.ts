/** The delivery log of a reservation's callbacks, and re-sending the latest one. */
// @ts-nocheck

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listCallbacks, resendLatestCallback } from '../reservations/callback-log.js';
import type { CallbackRepository, Clock } from '../reservations/ports.js';
import { bearerSecurity, callbackListSchema, errorEnvelope, idempotencyErrors, idempotencyHeader, successEnvelope, uuidParams } from './openapi-schemas.js';
import { sendOutcome } from './reply.js';

export function callbackRoutes(deps: { callbacks: CallbackRepository; clock: Clock }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const tags = ['Callbacks'];
    app.get<{ Params: { uuid: string } }>(
      '/connect/reservations/callbacks/:uuid',
      {
        schema: {
          tags,
          summary: "List a reservation's callbacks with every delivery attempt",
          security: bearerSecurity,
          params: uuidParams('Reservation id, e.g. RES3410395156.'),
          response: { 200: successEnvelope(200, 'callbacksRetrievedSuccessfully', callbackListSchema), 404: errorEnvelope },
        },
      },
      async (request, reply) => sendOutcome(reply, await listCallbacks(deps.callbacks, request.merchant, request.params.uuid), 'callbacksRetrieved'),
    );
    app.post<{ Params: { uuid: string } }>(
      '/connect/reservations/callbacks/:uuid/resend',
      {
        schema: {
          tags,
          summary: "Send a reservation's latest callback again",
          description: 'Starts a fresh retry schedule for the latest callback (same webhook-id); earlier attempts stay listed.',
          security: bearerSecurity,
          params: uuidParams('Reservation id, e.g. RES3410395156.'),
          headers: idempotencyHeader,
          response: { 202: successEnvelope(202, 'callbackResentSuccessfully', z.object({ webhookId: z.string() })), 400: errorEnvelope, 404: errorEnvelope, ...idempotencyErrors },
        },
      },
      async (request, reply) => sendOutcome(reply, await resendLatestCallback(deps, request.merchant, request.params.uuid), 'callbackResent'),
    );
  };
}
