/**
 * SMS through an HTTP gateway (SMS_WEBHOOK_URL): one POST per message with the JSON body
 * {"to": "+4746567468", "text": "…", "reference": "msg_…"}, signed the Standard Webhooks way with
 * SMS_WEBHOOK_SECRET:
 *
 *   webhook-id:        the message id (the same on every attempt: de-duplicate by it)
 *   webhook-timestamp: Unix seconds
 *   webhook-signature: "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))
 *
 * where the key is the base64 after "whsec_" for a secret of that form, else the secret's UTF-8
 * bytes. A 2xx is sent; 5xx, 408, 429, a timeout or a network error are tried again; any other
 * answer is final. The gateway's delivery reports come back signed the same way (delivery-reports.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, request } from 'undici';
import type { MessageTransport, OutgoingMessage } from '../reservations/ports.js';
import type { SendResult } from '../reservations/notification.js';

export const SMS_TIMEOUT_MS = 10_000;

export function smsSignatureKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

export function smsSignature(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', smsSignatureKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** True when one of the space-separated `v1,…` signatures is the one `secret` makes. */
export function signatureMatches(secret: string, id: string, timestampSeconds: number, body: string, header: string): boolean {
  const expected = Buffer.from(smsSignature(secret, id, timestampSeconds, body));
  return header.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export class SmsWebhookTransport implements MessageTransport {
  private readonly agent = new Agent({ connections: 16, connect: { timeout: SMS_TIMEOUT_MS }, headersTimeout: SMS_TIMEOUT_MS, bodyTimeout: SMS_TIMEOUT_MS });

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly clock: { now(): number },
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    const body = JSON.stringify({ to: message.to, text: message.text, reference: message.messageId });
    const timestamp = Math.floor(this.clock.now() / 1000);
    try {
      const response = await request(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'fpgo-sms/1',
          'webhook-id': message.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': smsSignature(this.secret, message.messageId, timestamp, body),
        },
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
      });
      const answer = await response.body.text();
      const status = response.statusCode;
      if (status >= 200 && status < 300) return { outcome: 'sent', providerReference: providerId(answer), durationMs: durationMs() };
      const retryable = status >= 500 || status === 408 || status === 429;
      return { outcome: retryable ? 'retry' : 'rejected', error: `SMS gateway answered HTTP ${status}`, durationMs: durationMs() };
    } catch (error) {
      const e = error as { name?: string; code?: string; message?: string };
      return { outcome: 'retry', error: `no answer from the SMS gateway within ${SMS_TIMEOUT_MS / 1000} s (${e.code ?? e.name ?? 'error'})`, durationMs: durationMs() };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** The gateway's own id of the message, when its answer is JSON with an `id`. */
function providerId(answer: string): string | null {
  try {
    const parsed: unknown = JSON.parse(answer);
    const id = (parsed as { id?: unknown } | null)?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 200) : null;
  } catch {
    return null;
  }
}
