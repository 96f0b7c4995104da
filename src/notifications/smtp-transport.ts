/**
 * Email over SMTP with nodemailer (SMTP_URL, e.g. smtp://user:pass@host:587; STARTTLS whenever the
 * server offers it, smtps:// for TLS from the start), pooled connections. The Message-ID is fpgo's
 * message id, the same on every attempt, so a receiving system can tell a retry from a new email.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { MessageTransport, OutgoingMessage } from '../reservations/ports.js';
import type { SendResult } from '../reservations/notification.js';

export const SMTP_TIMEOUT_MS = 10_000;

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

export class SmtpTransport implements MessageTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport({
      url: smtpUrl,
      pool: true as const,
      maxConnections: 5,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS * 2,
    });
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    try {
      await this.transporter.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject ?? '',
        text: message.text,
        html: message.html ?? undefined,
        messageId: `<${message.messageId}@fpgo>`,
      });
      return { outcome: 'sent', providerReference: null, durationMs: durationMs() };
    } catch (error) {
      const e = error as SmtpError;
      // 5xx is the server's final no (an address it will never take); 4xx, a network error or a timeout may pass later.
      const permanent = e.responseCode !== undefined && e.responseCode >= 500 && e.code !== 'EAUTH';
      const reason = e.responseCode ? `SMTP ${e.responseCode}: ${(e.response ?? e.message).slice(0, 200)}` : `${e.code ?? 'error'}: ${e.message.slice(0, 200)}`;
      return { outcome: permanent ? 'rejected' : 'retry', error: reason, durationMs: durationMs() };
    }
  }

  close(): void {
    this.transporter.close();
  }
}
