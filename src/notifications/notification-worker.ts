/**
 * Sends the notifications outbox: the callbacks' outbox loop (claims with SKIP LOCKED, several at
 * a time, a fair share per merchant, retaken after a crash when the claim runs out) claims due
 * messages; each is rendered from the reservation as it is now, handed to its channel's transport,
 * and its attempt recorded — with the `payment-link-sent-to-customer` history event once it left.
 * Test merchants' messages go to the development outbox when the channel has no transport.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { OutboxWorker } from '../callbacks/outbox-worker.js';
import { nextAttemptAt } from '../callbacks/retry-schedule.js';
import type { Clock } from '../kernel/clock.js';
import { linkEmail, linkSms, type LinkMessageContent } from '../messages/link-message.js';
import { merchantNow, type Merchant } from '../reservations/merchant.js';
import { linkSentEvent, TRANSPORT_SETTINGS, type NotificationChannel, type PendingNotification, type SendResult } from '../reservations/notification.js';
import type { MerchantRepository, MessageTransport, NotificationRepository, OutgoingMessage, ReservationRepository } from '../reservations/ports.js';
import type { StoredReservation } from '../reservations/reservation.js';
import { SMTP_TIMEOUT_MS } from './smtp-transport.js';

export interface NotificationWorkerOptions {
  repository: NotificationRepository;
  reservations: Pick<ReservationRepository, 'find'>;
  merchants: Pick<MerchantRepository, 'findById'>;
  /** The configured transport of each channel (null: none). */
  transports: Record<NotificationChannel, MessageTransport | null>;
  /** Where test merchants' messages go on a channel without a transport. */
  devOutbox: MessageTransport;
  paymentUrl(checkoutToken: string): string;
  /** Real time: retries follow the wall clock, history the merchant's. */
  clock: Clock;
  schedule: readonly number[];
  logger: Pick<Logger, 'warn'>;
  pollMs?: number;
  concurrency?: number;
  random?: () => number;
}

export interface NotificationAttempt {
  messageId: string;
  channel: NotificationChannel;
  reservationUuid: string;
  status: 'queued' | 'sent' | 'failed';
}

export class NotificationWorker {
  /** Emits 'attempt' once each attempt is stored: for metrics and tests. */
  readonly events = new EventEmitter<{ attempt: [NotificationAttempt] }>();
  private readonly loop: OutboxWorker<PendingNotification>;

  constructor(private readonly options: NotificationWorkerOptions) {
    this.loop = new OutboxWorker({
      source: options.repository,
      deliver: (notification) => this.deliver(notification),
      kind: 'notifications',
      clock: options.clock,
      logger: options.logger,
      // Longer than the slowest SMTP exchange (connect, greeting, then the data).
      leaseMs: SMTP_TIMEOUT_MS * 3 + 5_000,
      concurrency: options.concurrency ?? 32,
      pollMs: options.pollMs,
    });
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async deliver(notification: PendingNotification): Promise<void> {
    const attemptedAt = this.options.clock.now();
    const [merchant, stored] = await Promise.all([
      this.options.merchants.findById(notification.merchantId),
      this.options.reservations.find(notification.merchantId, notification.reservationUuid),
    ]);
    const result = merchant && stored ? await this.send(notification, merchant, stored) : gone();
    const now = this.options.clock.now();
    const attemptsMade = notification.attemptsMade + 1;
    const next = result.outcome === 'retry' ? nextAttemptAt(this.options.schedule, attemptsMade, now, (this.options.random ?? Math.random)()) : null;
    const status = result.outcome === 'sent' ? 'sent' : next !== null ? 'queued' : 'failed';
    await this.options.repository.recordAttempt({
      notificationId: notification.id,
      attemptedAt,
      result,
      status,
      attemptsMade,
      nextAttemptAt: next,
      event: status === 'sent' && merchant ? linkSentEvent(notification, merchantNow(this.options.clock, merchant)) : null,
    });
    this.events.emit('attempt', { messageId: notification.messageId, channel: notification.channel, reservationUuid: notification.reservationUuid, status });
    if (status === 'failed') {
      this.options.logger.warn({ messageId: notification.messageId, reservation: notification.reservationUuid, channel: notification.channel, error: result.outcome === 'sent' ? null : result.error }, 'payment link message given up');
    }
  }

  private async send(notification: PendingNotification, merchant: Merchant, stored: StoredReservation): Promise<SendResult> {
    const transport = this.options.transports[notification.channel] ?? (merchant.mode === 'test' ? this.options.devOutbox : null);
    if (!transport) return { outcome: 'rejected', error: `no ${notification.channel === 'email' ? 'email' : 'SMS'} transport is configured (${TRANSPORT_SETTINGS[notification.channel]})`, durationMs: 0 };
    return transport.send(this.render(notification, merchant, stored));
  }

  private render(notification: PendingNotification, merchant: Merchant, stored: StoredReservation): OutgoingMessage {
    const { reservation, customer, lines } = stored;
    const content: LinkMessageContent = {
      language: notification.language,
      merchant,
      customerName: customer.name,
      currency: reservation.currency,
      lines: lines.map((line) => ({ name: line.name, quantity: line.quantity, amount: line.amount })),
      grandTotal: reservation.grandTotal,
      dueDate: reservation.dueDate,
      paymentUrl: this.options.paymentUrl(reservation.checkoutToken),
    };
    const base = { messageId: notification.messageId, merchantId: notification.merchantId, reservationUuid: notification.reservationUuid, channel: notification.channel, to: notification.destination };
    if (notification.channel === 'sms') return { ...base, subject: null, text: linkSms(content), html: null };
    const email = linkEmail(content);
    return { ...base, subject: email.subject, text: email.text, html: email.html };
  }
}

function gone(): SendResult {
  return { outcome: 'rejected', error: 'the reservation or its merchant no longer exists', durationMs: 0 };
}
