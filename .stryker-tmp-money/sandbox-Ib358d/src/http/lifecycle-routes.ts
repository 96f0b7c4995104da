/** Capture, charge, cancel, complete, resend, refund and history under /api/v1/connect/reservations. */
// @ts-nocheck

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { captureReservation, captureRequest } from '../reservations/capture-reservation.js';
import { chargeReservation, chargeRequest } from '../reservations/charge-reservation.js';
import { cancelReservation, completeReservation, noteRequest } from '../reservations/close-reservation.js';
import { gatewayOf } from '../reservations/no-gateway.js';
import type { LifecycleDependencies, OperationContext } from '../reservations/operation.js';
import type { Outcome } from '../reservations/outcome.js';
import { refundReservation, refundRequest } from '../reservations/refund-reservation.js';
import { resendReservation, resendRequest } from '../reservations/resend-reservation.js';
import type { Gateways } from '../reservations/ports.js';
import { reservationHistory } from '../reservations/reservation-history.js';
import { hashToken, tokenLabel } from '../merchants/tokens.js';
import { bearerToken } from './auth.js';
import { responseFor } from './idempotency-hooks.js';
import type { SuccessKind } from './messages.js';
import { bearerSecurity, errorEnvelope, historyItems, idempotencyErrors, idempotencyHeader, successEnvelope, uuidParams } from './openapi-schemas.js';
import { sendOutcome } from './reply.js';

const tags = ['Reservation lifecycle'];
const params = uuidParams('Reservation id, e.g. RES3410395156.');
const common = { 400: errorEnvelope, 401: errorEnvelope, 404: errorEnvelope, 417: errorEnvelope, 429: errorEnvelope, 510: errorEnvelope, ...idempotencyErrors };

/** Who acted, as history's actionBy shows it: the API token by a label derived from its hash, never by any of its characters. */
function actor(request: FastifyRequest): string {
  return `API token ${tokenLabel(hashToken(bearerToken(request) ?? ''))}`;
}

function context<T>(request: FastifyRequest, success: SuccessKind): OperationContext<T> {
  return { merchant: request.merchant, actor: actor(request), responseFor: responseFor<T>(request, success), idempotencyKeyId: request.idempotencyKeyId ?? undefined };
}

type Operation<T> = (deps: LifecycleDependencies, context: OperationContext<T>, uuid: string, body: unknown) => Promise<Outcome<T>>;

/** The operations' dependencies for one request: the gateway is the one serving its merchant. */
export type LifecycleRouteDependencies = Omit<LifecycleDependencies, 'gateway'> & { gateways: Gateways };

export function lifecycleRoutes(routeDeps: LifecycleRouteDependencies) {
  const depsFor = (request: FastifyRequest): LifecycleDependencies => ({ ...routeDeps, gateway: gatewayOf(routeDeps.gateways, request.merchant) });
  return async function routes(app: FastifyInstance): Promise<void> {
    const post = <T>(path: string, operation: Operation<T>, success: SuccessKind, doc: { summary: string; description?: string; body: z.ZodType; data: z.ZodType; status: number; message: string }) => {
      app.post<{ Params: { uuid: string } }>(
        `/connect/reservations/${path}/:uuid`,
        {
          schema: {
            tags,
            summary: doc.summary,
            ...(doc.description ? { description: doc.description } : {}),
            security: bearerSecurity,
            params,
            headers: idempotencyHeader,
            body: doc.body,
            response: { [doc.status]: successEnvelope(doc.status, doc.message, doc.data), ...common },
          },
        },
        async (request, reply) => {
          const outcome = await operation(depsFor(request), context<T>(request, success), request.params.uuid, request.body);
          if (!outcome.ok && outcome.unresolved) request.keepIdempotencyKey = true;
          return sendOutcome(reply, outcome, success);
        },
      );
    };

    post('capture', captureReservation, 'captured', {
      summary: 'Capture Reservation',
      description:
        'Captures part or all of the reserved amount, per product line (ids from Details productList), as often as needed until ' +
        'each line is used up, within the capture window (7 days after RESERVED by default). `grandTotal` must equal the sum of the lines.',
      body: captureRequest,
      data: z.object({ uuid: z.string().meta({ description: 'The capture, CAP…' }) }),
      status: 202,
      message: 'reservationCapturedSuccessfully',
    });
    post('charge', chargeReservation, 'charged', {
      summary: 'Charge Reservation',
      description:
        'Charges new product lines to the card stored when the customer paid, within chargeValidity minutes after RESERVED (90 days ' +
        'without it) and up to the merchant charge limit per reservation (50 000.00 NOK by default).',
      body: chargeRequest,
      data: z.object({ uuid: z.string(), products: z.array(z.object({ id: z.number().int(), name: z.string(), amount: z.number() })) }),
      status: 202,
      message: 'reservationChargedSuccessfully',
    });
    post('cancel', cancelReservation, 'cancelled', {
      summary: 'Cancel Reservation (POST)',
      description: 'Cancels a SENT reservation, or a RESERVED one nothing was captured or charged from (the authorization is voided). Also answers GET with ?note=.',
      body: noteRequest,
      data: z.null(),
      status: 202,
      message: 'cancelledOrderSuccessfully',
    });
    post('complete', completeReservation, 'completed', {
      summary: 'Complete Reservation',
      description: 'Closes a reservation something was captured or charged from, and releases what is left of the authorization.',
      body: noteRequest,
      data: z.null(),
      status: 202,
      message: 'reservationCompletedSuccessfully',
    });
    post('resend', resendReservation, 'resent', {
      summary: 'Resend Reservation',
      description: 'Sends the payment link again by SMS (countryCode and msisdn) and/or email; at least one channel.',
      body: resendRequest,
      data: z.null(),
      status: 202,
      message: 'resentOrderSuccessfully',
    });
    post('refund', refundReservation, 'refunded', {
      summary: 'Refund Reservation',
      description:
        'Refunds part or all of one capture (source captured, reference CAP…) or one charge (source charged, reference CHA…), per ' +
        'product line, in as many partial refunds as needed up to what was taken.',
      body: refundRequest,
      data: z.null(),
      status: 202,
      message: 'orderRefundedSuccessfully',
    });

    app.get<{ Params: { uuid: string }; Querystring: { note?: string } }>(
      '/connect/reservations/cancel/:uuid',
      {
        schema: {
          tags,
          summary: 'Cancel Reservation (GET, as in Front Payment’s documentation)',
          security: bearerSecurity,
          params,
          querystring: z.object({ note: z.string().optional() }),
          response: { 202: successEnvelope(202, 'cancelledOrderSuccessfully', z.null()), ...common },
        },
      },
      async (request, reply) =>
        sendOutcome(reply, await cancelReservation(depsFor(request), context(request, 'cancelled'), request.params.uuid, { note: request.query.note }), 'cancelled'),
    );

    const history = async (request: FastifyRequest<{ Params: { '*'?: string } }>) => {
      const [start, end] = (request.params['*'] ?? '').split('/');
      return reservationHistory(routeDeps, request.merchant, start, end);
    };
    const historyDoc = {
      schema: {
        tags,
        summary: 'Get Reservation History',
        description:
          'All events of your reservations between two Unix timestamps (`history/{start}/{end}`); either may be left out ' +
          '(`history`, `history//`, `history/{start}`): the default is the last 24 hours. At most 31 days. `datetime` is dd.mm.yyyy HH:MM in Europe/Oslo.',
        security: bearerSecurity,
        response: { 200: successEnvelope(200, 'reservationRetrievedSuccessfully', historyItems), 417: errorEnvelope },
      },
    };
    app.get('/connect/reservations/history', historyDoc, async (request, reply) => sendOutcome(reply, await history(request as FastifyRequest<{ Params: { '*'?: string } }>), 'historyRetrieved'));
    app.get<{ Params: { '*'?: string } }>('/connect/reservations/history/*', historyDoc, async (request, reply) => sendOutcome(reply, await history(request), 'historyRetrieved'));
  };
}
