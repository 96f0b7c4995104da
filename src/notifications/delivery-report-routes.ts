/**
 * `POST /webhooks/sms/delivery-reports`: the SMS gateway reports what became of a message, signed
 * like fpgo's own requests to it (sms-webhook.ts) with SMS_WEBHOOK_SECRET over the raw body:
 *
 *   {"reference": "msg_…", "status": "delivered" | "failed", "reason": "…" | null}
 *
 * 202 when recorded; 401 for a missing, stale (over 5 minutes) or wrong signature; 404 when no sent
 * SMS has that reference; 400 for another body.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock, DeliveryReport, NotificationRepository } from '../reservations/ports.js';
import { signatureMatches } from './sms-webhook.js';

export const DELIVERY_REPORT_PATH = '/webhooks/sms/delivery-reports';
/** How far a report's webhook-timestamp may be from now: older ones may be replays. */
const TOLERANCE_MS = 5 * 60_000;
const MAX_REPORT_BYTES = 16 * 1024;

export function deliveryReportRoutes(deps: { notifications: Pick<NotificationRepository, 'recordDeliveryReport'>; secret: string; clock: Clock }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    // The signature covers the body as sent: keep it as text for this route.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_REPORT_BYTES }, (_request, body, done) => done(null, body));
    app.post(DELIVERY_REPORT_PATH, { schema: { hide: true } }, async (request, reply) => {
      const header = (name: string) => String(request.headers[name] ?? '');
      const raw = typeof request.body === 'string' ? request.body : '';
      const timestamp = Number(header('webhook-timestamp'));
      const now = deps.clock.now();
      if (!Number.isInteger(timestamp) || Math.abs(now - timestamp * 1000) > TOLERANCE_MS || !signatureMatches(deps.secret, header('webhook-id'), timestamp, raw, header('webhook-signature'))) {
        return reply.code(401).send({ recorded: false, error: 'missing, stale or wrong webhook-signature' });
      }
      const report = readReport(raw, now);
      if (!report) return reply.code(400).send({ recorded: false, error: 'the body must be {"reference": string, "status": "delivered" | "failed", "reason": string | null}' });
      const recorded = await deps.notifications.recordDeliveryReport(report);
      return reply.code(recorded ? 202 : 404).send(recorded ? { recorded: true } : { recorded: false, error: 'no SMS sent with this reference' });
    });
  };
}

function readReport(raw: string, now: number): DeliveryReport | null {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return null;
  }
  const { reference, status, reason } = (body ?? {}) as { reference?: unknown; status?: unknown; reason?: unknown };
  if (typeof reference !== 'string' || reference.length > 200 || (status !== 'delivered' && status !== 'failed')) return null;
  return { reference, status, reason: typeof reason === 'string' ? reason.slice(0, 500) : null, at: now };
}
