/**
 * Sending the payment link to the customer (`sendOrderBy`, resend §4.8) as the domain sees it: which
 * messages a request asks for, whether they can be sent, and their record. A message is written in
 * the same transaction as the change that asks for it (an outbox) and sent after commit by
 * src/notifications/, which renders it from src/messages/ and hands it to a transport.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { IdSource } from '../kernel/ids.js';
import type { Merchant } from './merchant.js';
import type { Customer, HistoryEvent, Language, NotificationChannel, Reservation } from './reservation.js';
import { historyEvent } from './history-events.js';

export type { NotificationChannel };

/** queued: waiting to be sent (or retried); sent: the SMTP server or SMS gateway took it; delivered: the gateway reported it delivered. */
export type NotificationStatus = 'queued' | 'sent' | 'delivered' | 'failed';

/** A request to send the payment link, delivered by the notifications worker. */
export interface NotificationRequest {
  /** The same for every attempt (the email's Message-ID, the SMS webhook's webhook-id), so receivers can de-duplicate. */
  messageId: string;
  merchantId: string;
  reservationUuid: string;
  channel: NotificationChannel;
  /** The email address, or the mobile number in E.164. */
  destination: string;
  language: Language;
  reason: 'submit' | 'create' | 'resend';
  createdAt: number;
}

/** A message claimed for sending. */
export interface PendingNotification extends NotificationRequest {
  id: number;
  attemptsMade: number;
}

/** What a transport made of one attempt. `retry`: try again later (SMTP 4xx, a network error, a gateway 5xx or timeout). */
export type SendResult =
  | { outcome: 'sent'; providerReference: string | null; durationMs: number }
  | { outcome: 'retry' | 'rejected'; error: string; durationMs: number };

/** One message with its attempts, as the merchant's log shows it. */
export interface NotificationLog {
  messageId: string;
  channel: NotificationChannel;
  sentTo: string;
  reason: NotificationRequest['reason'];
  status: NotificationStatus;
  /** Why it failed (the last error while it is still queued for a retry). */
  failureReason: string | null;
  createdAt: number;
  sentAt: number | null;
  deliveredAt: number | null;
  nextAttemptAt: number | null;
  attempts: { attemptedAt: number; outcome: SendResult['outcome']; error: string | null; durationMs: number }[];
}

export type MessageTransports = Record<NotificationChannel, boolean>;

/** Which setting configures each channel's transport, for the sentence that names it. */
export const TRANSPORT_SETTINGS: Record<NotificationChannel, string> = { email: 'SMTP_URL', sms: 'SMS_WEBHOOK_URL' };

/**
 * `countryCode` + `msisdn` as an E.164 number when it can be a mobile number (SMS goes nowhere
 * else), or null. Numbers whose type the numbering plan leaves open (fixed line or mobile) pass.
 */
export function mobileNumber(countryCode: string, msisdn: string): string | null {
  const number = parsePhoneNumberFromString(`${countryCode}${msisdn}`.replace(/[\s-]/g, ''));
  if (!number?.isValid()) return null;
  const type = number.getType();
  return type === undefined || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? number.number : null;
}

export function notMobileSentence(field: string, countryCode: string, msisdn: string): string {
  return `The ${field} field must be a mobile number that can receive SMS (${countryCode} ${msisdn} cannot).`;
}

/**
 * Live merchants' messages need a real transport; test merchants' go to the development outbox
 * when there is none. A sentence per channel asked for that cannot be sent.
 */
export function transportProblems(merchant: Pick<Merchant, 'mode'>, wanted: readonly NotificationChannel[], transports: MessageTransports, field: (channel: NotificationChannel) => string): string[] {
  if (merchant.mode !== 'live') return [];
  return wanted
    .filter((channel) => !transports[channel])
    .map((channel) => `The ${field(channel)} field cannot be used: this server has no ${channel === 'email' ? 'email' : 'SMS'} transport configured (${TRANSPORT_SETTINGS[channel]}).`);
}

export interface LinkTargets {
  sms: { countryCode: string; msisdn: string } | null;
  email: string | null;
}

/** One message per channel asked for; SMS numbers in E.164 (the caller has checked them). */
export function linkNotifications(
  ids: Pick<IdSource, 'secret'>,
  reservation: Pick<Reservation, 'merchantId' | 'uuid'>,
  customer: Pick<Customer, 'preferredLanguage'>,
  targets: LinkTargets,
  reason: NotificationRequest['reason'],
  now: number,
): NotificationRequest[] {
  const base = { merchantId: reservation.merchantId, reservationUuid: reservation.uuid, language: customer.preferredLanguage, reason, createdAt: now } as const;
  const requests: NotificationRequest[] = [];
  const sms = targets.sms && mobileNumber(targets.sms.countryCode, targets.sms.msisdn);
  if (sms) requests.push({ ...base, messageId: `msg_${ids.secret(15)}`, channel: 'sms', destination: sms });
  if (targets.email) requests.push({ ...base, messageId: `msg_${ids.secret(15)}`, channel: 'email', destination: targets.email });
  return requests;
}

/** FPGO's slug for a payment link that left for the customer (§4.10), with `sentTo` and our `channel`. */
export function linkSentEvent(notification: Pick<NotificationRequest, 'merchantId' | 'reservationUuid' | 'destination' | 'channel'>, at: number): HistoryEvent {
  return historyEvent({ merchantId: notification.merchantId, uuid: notification.reservationUuid }, 'payment-link-sent-to-customer', at, {
    sentTo: notification.destination,
    channel: notification.channel,
  });
}
