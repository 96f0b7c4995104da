/**
 * decideResend: sending the payment link again (§4.8), without HTTP or a database. The refusals
 * are one row each; the plan is the notification requests and one history event, no status change.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { DAY } from '../src/kernel/clock.js';
import { decideResend } from '../src/reservations/resend-reservation.js';
import type { NotificationRequest } from '../src/reservations/reservation.js';
import { answerOf, CREATED_AT, LINK_EXPIRES_AT, MERCHANT_ID, RESERVATION_UUID, reservedState, sentState } from './support/reservation-state.js';

const NOW = CREATED_AT + DAY;
const ACTOR = 'fpgo_live_ab12';
const toSms = { countryCode: '+47', msisdn: '98765432', email: null };
const toEmail = { countryCode: null, msisdn: null, email: 'ola@example.no' };
const toBoth = { countryCode: '+46', msisdn: '701234567', email: 'ola@example.no' };

describe('decideResend refuses a reservation that has ended', () => {
  it.each([
    ['COMPLETED', reservedState({ status: 'COMPLETED' }), 'orderStatusAlreadyCompleted'],
    ['CANCELLED', reservedState({ status: 'CANCELLED' }), 'orderStatusAlreadyCancelled'],
    ['CANCELLED before it was paid', sentState({ status: 'CANCELLED' }), 'orderStatusAlreadyCancelled'],
  ] as const)('%s → %s', (_name, state, expected) => {
    const decision = decideResend(state, toEmail, NOW, ACTOR);
    expect(answerOf(decision)).toBe(expected);
    expect(decision.plan).toBeUndefined();
  });
});

describe('decideResend sends the link again', () => {
  it.each([
    ['SENT', sentState(), NOW],
    ['SENT at the last instant of its link', sentState(), LINK_EXPIRES_AT],
    ['SENT past its link (effectively EXPIRED)', sentState(), LINK_EXPIRES_AT + 1],
    ['EXPIRED (stored)', sentState({ status: 'EXPIRED' }), NOW],
    ['RESERVED', reservedState(), NOW],
  ] as const)('for a reservation %s', (_name, state, now) => {
    expect(answerOf(decideResend(state, toEmail, now, ACTOR))).toBe('accepted');
  });

  const request = (channel: NotificationRequest['channel'], destination: string): NotificationRequest => ({
    merchantId: MERCHANT_ID,
    reservationUuid: RESERVATION_UUID,
    channel,
    destination,
    language: 'no',
    reason: 'resend',
    createdAt: NOW,
  });

  it.each([
    ['by SMS to the dialing code and number', toSms, [request('sms', '+4798765432')], '+4798765432'],
    ['by email', toEmail, [request('email', 'ola@example.no')], 'ola@example.no'],
    ['by SMS and email, in that order', toBoth, [request('sms', '+46701234567'), request('email', 'ola@example.no')], '+46701234567, ola@example.no'],
  ] as const)("%s, in the customer's language, with an order-resent event", (_name, body, notifications, sentTo) => {
    expect(decideResend(sentState(), body, NOW, ACTOR)).toEqual({
      result: { ok: true, value: null },
      plan: {
        notifications,
        events: [
          {
            merchantId: MERCHANT_ID,
            reservationUuid: RESERVATION_UUID,
            subjectUuid: RESERVATION_UUID,
            title: 'order-resent',
            occurredAt: NOW,
            sentTo,
            actionBy: ACTOR,
            note: null,
            paymentMethod: null,
            isRefundable: false,
            amount: null,
          },
        ],
      },
    });
  });

  it('sends no SMS for a number without its dialing code', () => {
    const decision = decideResend(sentState(), { countryCode: null, msisdn: '98765432', email: 'ola@example.no' }, NOW, ACTOR);
    expect(decision.plan?.notifications?.map((n) => n.channel)).toEqual(['email']);
  });
});
