/** Create Session, Submit and Details under /api/v1/connect/reservations. */
// @ts-nocheck

import type { FastifyInstance } from 'fastify';
import { DEFAULT_TIME_ZONE } from '../kernel/time-zones.js';
import { reservationRequestSchema } from '../reservations/create-request.js';
import { createReservation, type CreateDependencies } from '../reservations/create-reservation.js';
import { getReservationDetails } from '../reservations/get-details.js';
import type { LifecycleRepository } from '../reservations/ports.js';
import { responseFor } from './idempotency-hooks.js';
import {
  bearerSecurity,
  createdReservation,
  errorEnvelope,
  idempotencyErrors,
  idempotencyHeader,
  reservationDetails,
  successEnvelope,
  uuidParams,
} from './openapi-schemas.js';
import { sendOutcome } from './reply.js';

const tags = ['Reservations'];
/** The request as the reference documents it (the zone and day only change which dates are accepted). */
const documented = (via: 'create' | 'submit') => reservationRequestSchema(via, { timeZone: DEFAULT_TIME_ZONE, today: { year: 1970, month: 1, day: 1 } });
const errors = { 401: errorEnvelope, 413: errorEnvelope, 415: errorEnvelope, 417: errorEnvelope, 429: errorEnvelope };

export function reservationRoutes(deps: CreateDependencies & { lifecycle: LifecycleRepository }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.post(
      '/connect/reservations/create',
      {
        schema: {
          tags,
          summary: 'Create Session for Reservation',
          description:
            'Creates a reservation (status SENT) and returns the hosted checkout URL to send the customer to. ' +
            'Amounts are in major units (NOK) with at most 2 decimals; product amounts must add up to subTotal and ' +
            'subTotal + totalTax must equal grandTotal (±0.01). `products` may be a list or an object keyed "0", "1", … ' +
            'With `settings.secureDetails: true` the checkout shows the order only after a BankID (OpenID Connect) login, ' +
            'as `customerDetails.personalNumber` when given; live merchants need BANKID_OIDC_ISSUER for it (else 417).',
          security: bearerSecurity,
          headers: idempotencyHeader,
          body: documented('create'),
          response: { 201: successEnvelope(201, 'Reservation Submitted Successfully', createdReservation), ...errors, ...idempotencyErrors },
        },
      },
      async (request, reply) =>
        sendOutcome(reply, await createReservation(deps, request.merchant, request.body, 'create', responseFor(request, 'reservationSubmitted')), 'reservationSubmitted'),
    );

    app.post(
      '/connect/reservations/submit',
      {
        schema: {
          tags,
          summary: 'Submit Reservation',
          description:
            'Same body and answer as Create Session; `submitPayment` may be left out. The payment link is also sent to ' +
            'the customer by SMS and/or email as `sendOrderBy` asks.',
          security: bearerSecurity,
          headers: idempotencyHeader,
          body: documented('submit'),
          response: { 201: successEnvelope(201, 'Reservation Submitted Successfully', createdReservation), ...errors, ...idempotencyErrors },
        },
      },
      async (request, reply) =>
        sendOutcome(reply, await createReservation(deps, request.merchant, request.body, 'submit', responseFor(request, 'reservationSubmitted')), 'reservationSubmitted'),
    );

    app.get<{ Params: { uuid: string } }>(
      '/connect/reservations/details/:uuid',
      {
        schema: {
          tags,
          summary: 'Get Reservation Details By UUID',
          security: bearerSecurity,
          params: uuidParams('Reservation id, e.g. RES3410395156.'),
          response: { 200: successEnvelope(200, 'reservationRetrievedSuccessfully', reservationDetails), 404: errorEnvelope, 401: errorEnvelope, 429: errorEnvelope },
        },
      },
      async (request, reply) => sendOutcome(reply, await getReservationDetails(deps, request.merchant, request.params.uuid), 'reservationRetrieved'),
    );
  };
}
