/** The delivery log of a reservation's callbacks, and re-sending the latest one. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listCallbacks, resendLatestCallback } from '../reservations/callback-log.js';
import type { CallbackRepository, Clock } from '../reservations/ports.js';
import { bearerSecurity, errorEnvelope, idempotencyErrors, idempotencyHeader, successEnvelope, uuidParams } from './openapi-schemas.js';
import { sendOutcome } from './reply.js';

const seconds = z.number().int().nullable().meta({ description: 'Unix seconds.' });

export const callbackListSchema = z.object({
  reservationUuid: z.string(),
  callbacks: z.array(
    z.object({
      webhookId: z.string().meta({ description: 'The Standard Webhooks id, the same on every attempt.' }),
      status: z.enum(['RESERVED', 'CAPTURED', 'CHARGED']),
      subjectUuid: z.string().meta({ description: 'RES…, CAP… or CHA…: what the callback is about.' }),
      amount: z.number(),
      paymentMethod: z.string(),
      delivery: z.enum(['pending', 'delivered', 'failed']),
      createdAt: seconds,
      nextAttemptAt: seconds,
      deliveredAt: seconds,
      attemptsTotal: z.number().int().meta({ description: 'Attempts made in all; `attempts` lists the latest 20. A list shows the latest 100 callbacks.' }),
      attempts: z.array(
        z.object({
          attemptedAt: seconds,
          url: z.string().meta({ description: 'The URL called, with its checksum (never the secret).' }),
          httpStatus: z.number().int().nullable().meta({ description: 'null when no answer came.' }),
          error: z.string().nullable(),
          durationMs: z.number().int(),
        }),
      ),
    }),
  ),
});

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
