/**
 * decideResend: sending the payment link again (§4.8), without HTTP or a database. The refusals
 * are one row each; the plan is the messages (numbers in E.164) and one history event, no status change.
 */
import { describe, expect, it } from 'vitest';
import { DAY } from '../src/kernel/clock.js';
import type { NotificationRequest } from '../src/reservations/notification.js';
import { decideResend, resendRequest, type ResendContext } from '../src/reservations/resend-reservation.js';
import { validate } from '../src/validation/validate.js';
import { answerOf, CREATED_AT, CUSTOMER_EMAIL, LINK_EXPIRES_AT, MERCHANT_ID, RESERVATION_UUID, reservedState, sentState } from './support/reservation-state.js';

const NOW = CREATED_AT + DAY;
const ACTOR = 'fpgo_live_ab12';
const toSms = { countryCode: '+47', msisdn: '98765432', email: null };
const toEmail = { countryCode: null, msisdn: null, email: 'ola@example.no' };
const toBoth = { countryCode: '+46', msisdn: '701234567', email: 'ola@example.no' };
const nobody = { countryCode: null, msisdn: null, email: null };

function context(overrides: Partial<ResendContext> = {}): ResendContext {
  let n = 0;
  return {
    now: NOW,
    actor: ACTOR,
    ids: { secret: () => `id${++n}` },
    merchant: { mode: 'test' },
    transports: { email: false, sms: false },
    ...overrides,
  };
}

describe('decideResend refuses a reservation that has ended', () => {
  it.each([
    ['COMPLETED', reservedState({ status: 'COMPLETED' }), 'orderStatusAlreadyCompleted'],
    ['CANCELLED', reservedState({ status: 'CANCELLED' }), 'orderStatusAlreadyCancelled'],
    ['CANCELLED before it was paid', sentState({ status: 'CANCELLED' }), 'orderStatusAlreadyCancelled'],
  ] as const)('%s → %s', (_name, state, expected) => {
    const decision = decideResend(state, toEmail, context());
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
    expect(answerOf(decideResend(state, toEmail, context({ now })))).toBe('accepted');
  });

  const request = (channel: NotificationRequest['channel'], destination: string, messageId: string): NotificationRequest => ({
    messageId,
    merchantId: MERCHANT_ID,
    reservationUuid: RESERVATION_UUID,
    channel,
    destination,
    language: 'no',
    reason: 'resend',
    createdAt: NOW,
  });

  it.each([
    ['by SMS to the number in E.164', toSms, [request('sms', '+4798765432', 'msg_id1')], '+4798765432'],
    ['by email', toEmail, [request('email', 'ola@example.no', 'msg_id1')], 'ola@example.no'],
    ['by SMS and email, in that order', toBoth, [request('sms', '+46701234567', 'msg_id1'), request('email', 'ola@example.no', 'msg_id2')], '+46701234567, ola@example.no'],
  ] as const)("%s, in the customer's language, with an order-resent event", (_name, body, notifications, sentTo) => {
    expect(decideResend(sentState(), body, context())).toEqual({
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
            channel: null,
          },
        ],
      },
    });
  });

  it('sends no SMS for a number without its dialing code', () => {
    const decision = decideResend(sentState(), { countryCode: null, msisdn: '98765432', email: 'ola@example.no' }, context());
    expect(decision.plan?.notifications?.map((n) => n.channel)).toEqual(['email']);
  });

  it("sends to the customer's stored contacts when the body names none (SMS too when the reservation went by SMS)", () => {
    const decision = decideResend(sentState(), nobody, context());
    expect(decision.plan?.notifications?.map((n) => [n.channel, n.destination])).toEqual([
      ['sms', '+4741234567'],
      ['email', CUSTOMER_EMAIL],
    ]);
  });

  it('gives every message its own id', () => {
    const ids = decideResend(sentState(), toBoth, context()).plan?.notifications?.map((n) => n.messageId);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('decideResend refuses what cannot be sent', () => {
  it('a live merchant without a transport: a 417 naming the setting', () => {
    const decision = decideResend(sentState(), toBoth, context({ merchant: { mode: 'live' }, transports: { email: true, sms: false } }));
    expect(decision.result).toEqual({ ok: false, key: 'payloadValidationErrors', errors: ['The msisdn field cannot be used: this server has no SMS transport configured (SMS_WEBHOOK_URL).'] });
    expect(decision.plan).toBeUndefined();
  });

  it('a test merchant without a transport is accepted (the development outbox takes it)', () => {
    expect(answerOf(decideResend(sentState(), toBoth, context({ merchant: { mode: 'test' } })))).toBe('accepted');
  });

  it.each([
    ['a Norwegian fixed line', '+47', '22334455'],
    ['a Norwegian toll-free number', '+47', '80012345'],
    ['a number too short to exist', '+45', '12345678'],
  ])('a number that cannot be a mobile number (%s): a 417 sentence', (_name, countryCode, msisdn) => {
    const parsed = validate(resendRequest, { countryCode, msisdn, email: null });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual([`The msisdn field must be a mobile number that can receive SMS (${countryCode} ${msisdn} cannot).`]);
  });
});

describe('the resend body', () => {
  const errorsOf = (body: unknown) => {
    const parsed = validate(resendRequest, body);
    return parsed.ok ? [] : parsed.errors;
  };

  it('wants the dialing code and the number together', () => {
    expect(errorsOf({ msisdn: '98765432' })).toEqual(['The country code field is required when msisdn is present.']);
    expect(errorsOf({ countryCode: '+47' })).toEqual(['The msisdn field is required when country code is present.']);
    expect(errorsOf({ countryCode: '+47', msisdn: '98765432' })).toEqual([]);
    expect(errorsOf({})).toEqual([]);
  });
});

describe("the customer's stored contacts, when the body names none", () => {
  it('leave out SMS when the reservation was not sent by SMS', () => {
    const decision = decideResend(sentState({ reservation: { sendBySms: false } }), nobody, context());
    expect(decision.plan?.notifications?.map((n) => n.channel)).toEqual(['email']);
  });

  it('leave out a stored number that cannot take an SMS', () => {
    const state = sentState();
    const decision = decideResend({ ...state, customer: { ...state.customer, msisdn: '22334455' } }, nobody, context());
    expect(decision.plan?.notifications?.map((n) => n.channel)).toEqual(['email']);
  });

  it('ask a live merchant for a transport only for the channels that will be used', () => {
    const decision = decideResend(sentState({ reservation: { sendBySms: false } }), nobody, context({ merchant: { mode: 'live' }, transports: { email: true, sms: false } }));
    expect(answerOf(decision)).toBe('accepted');
    expect(decision.plan?.notifications?.map((n) => n.channel)).toEqual(['email']);
  });
});

describe('a body that names only an email address', () => {
  it('sends no SMS, and asks a live merchant for no SMS transport', () => {
    const decision = decideResend(sentState(), toEmail, context({ merchant: { mode: 'live' }, transports: { email: true, sms: false } }));
    expect(decision.plan?.notifications?.map((n) => [n.channel, n.destination])).toEqual([['email', 'ola@example.no']]);
  });

  it("names the email field when a live merchant's server cannot send email", () => {
    const decision = decideResend(sentState(), toEmail, context({ merchant: { mode: 'live' }, transports: { email: false, sms: true } }));
    expect(decision.result).toEqual({ ok: false, key: 'payloadValidationErrors', errors: ['The email field cannot be used: this server has no email transport configured (SMTP_URL).'] });
  });
});
