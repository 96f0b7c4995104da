/** Test mode only: pay a reservation without a browser. Live merchants get a plain 404. */
// @ts-nocheck

import type { FastifyInstance } from 'fastify';
import { advanceClockRequest, advanceTestClock, testClockView } from '../merchants/test-clock.js';
import { succeed } from '../reservations/outcome.js';
import type { PayDependencies } from '../reservations/pay-reservation.js';
import type { MerchantRepository, ReservationRepository } from '../reservations/ports.js';
import { payInTestMode, testPaymentRequest } from '../reservations/test-payment.js';
import { responseFor } from './idempotency-hooks.js';
import { bearerSecurity, errorEnvelope, idempotencyErrors, idempotencyHeader, successEnvelope, testClockData, testPaymentResult, uuidParams } from './openapi-schemas.js';
import { sendOutcome, sendRouteNotFound } from './reply.js';

export function testModeRoutes(deps: PayDependencies & { reservations: ReservationRepository; merchants: Pick<MerchantRepository, 'advanceTestClock'> }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const clockTags = ['Test mode'];
    app.get(
      '/test/clock',
      { schema: { tags: clockTags, summary: "Read your test clock (test-mode merchants only)", security: bearerSecurity, response: { 200: successEnvelope(200, 'testClockRetrievedSuccessfully', testClockData), 404: errorEnvelope } } },
      async (request, reply) => {
        if (request.merchant.mode !== 'test') return sendRouteNotFound(reply);
        return sendOutcome(reply, succeed(testClockView(deps.clock, request.merchant)), 'testClock');
      },
    );
    app.post(
      '/test/clock',
      {
        schema: {
          tags: clockTags,
          summary: 'Move your test clock forward (test-mode merchants only)',
          description:
            'Moves only your own clock, only forward, so link expiry, the capture window and chargeValidity can be tried in seconds. ' +
            'Other merchants and live mode are never affected.',
          security: bearerSecurity,
          headers: idempotencyHeader,
          body: advanceClockRequest,
          response: { 200: successEnvelope(200, 'testClockRetrievedSuccessfully', testClockData), 404: errorEnvelope, 417: errorEnvelope, ...idempotencyErrors },
        },
      },
      async (request, reply) => {
        if (request.merchant.mode !== 'test') return sendRouteNotFound(reply);
        return sendOutcome(reply, await advanceTestClock(deps, request.merchant, request.body), 'testClock');
      },
    );

    app.post<{ Params: { uuid: string } }>(
      '/test/reservations/:uuid/pay',
      {
        schema: {
          tags: ['Test mode'],
          summary: 'Pay a reservation with a test card (test-mode merchants only)',
          description:
            'Runs the same payment as the hosted checkout page. Test cards: 4111111111111111 (Visa) and ' +
            '5555555555554444 (Mastercard) approve; 4000000000000002 declines; 4000000000009995 declines for ' +
            'insufficient funds; 4000000000000119 authorizes, then fails every capture, charge, refund and void with 510.',
          security: bearerSecurity,
          params: uuidParams('Reservation id, e.g. RES3410395156.'),
          headers: idempotencyHeader,
          body: testPaymentRequest,
          response: {
            200: successEnvelope(200, 'reservationReservedSuccessfully', testPaymentResult),
            400: errorEnvelope,
            404: errorEnvelope,
            417: errorEnvelope,
            510: errorEnvelope,
            ...idempotencyErrors,
          },
        },
      },
      async (request, reply) => {
        if (request.merchant.mode !== 'test') return sendRouteNotFound(reply);
        const outcome = await payInTestMode(deps, request.merchant, request.params.uuid, request.body, responseFor(request, 'testPaymentReserved'));
        return sendOutcome(reply, outcome, 'testPaymentReserved');
      },
    );
  };
}
