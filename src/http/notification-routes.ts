/** The payment-link messages of a reservation, with their status and attempts. */
import type { FastifyInstance } from 'fastify';
import { listNotifications } from '../reservations/notification-log.js';
import type { DevOutbox, NotificationRepository } from '../reservations/ports.js';
import { bearerSecurity, errorEnvelope, notificationListSchema, successEnvelope, uuidParams } from './openapi-schemas.js';
import { sendOutcome } from './reply.js';

export function notificationRoutes(deps: { notifications: NotificationRepository; devOutbox: Pick<DevOutbox, 'find'> }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { uuid: string } }>(
      '/connect/reservations/notifications/:uuid',
      {
        schema: {
          tags: ['Notifications'],
          summary: "List the messages that sent a reservation's payment link, with their status and attempts",
          description:
            'One entry per message that create/submit (sendOrderBy) or resend asked for: its channel (email, sms), `sentTo` (the address or the E.164 number), ' +
            '`status` (queued: waiting or between retries; sent: the SMTP server or SMS gateway took it; delivered: the SMS gateway reported it delivered; ' +
            'failed: given up, with `failureReason`) and every attempt. For a test merchant on a server without a transport for the channel, ' +
            '`devOutbox` holds the message as rendered (also at /dev/outbox).',
          security: bearerSecurity,
          params: uuidParams('Reservation id, e.g. RES3410395156.'),
          response: { 200: successEnvelope(200, 'notificationsRetrievedSuccessfully', notificationListSchema), 404: errorEnvelope },
        },
      },
      async (request, reply) => sendOutcome(reply, await listNotifications(deps, request.merchant, request.params.uuid), 'notificationsRetrieved'),
    );
  };
}
