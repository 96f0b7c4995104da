/**
 * The notification rules of src/reservations/notification.ts, without a transport: which numbers can
 * take an SMS, the sentence when a live merchant asks for a channel this server cannot send on, and
 * the history event of a link that left. test/notifications.test.ts sends real messages.
 */
import { describe, expect, it } from 'vitest';
import { linkSentEvent, mobileNumber, transportProblems } from '../src/reservations/notification.js';

describe('a number that can take an SMS', () => {
  it('is a mobile number, read in E.164 however it was typed', () => {
    expect(mobileNumber('+47', '41234567')).toBe('+4741234567');
    expect(mobileNumber('+47', '412 34-567')).toBe('+4741234567');
  });

  it('may be one whose plan does not tell fixed lines from mobiles', () => {
    expect(mobileNumber('+1', '2015550123')).toBe('+12015550123');
  });

  it('is never a fixed line, a toll-free or VoIP number, or no number at all', () => {
    expect(mobileNumber('+47', '22123456')).toBeNull();
    expect(mobileNumber('+47', '80012345')).toBeNull();
    expect(mobileNumber('+47', '85012345')).toBeNull();
    expect(mobileNumber('+47', '12')).toBeNull();
    expect(mobileNumber('+47', 'Stryker')).toBeNull();
  });
});

describe('channels a merchant asks for that this server cannot send on', () => {
  const field = (channel: string) => `send order by.${channel}`;

  it('are named, with the setting that would configure each, for a live merchant', () => {
    expect(transportProblems({ mode: 'live' }, ['sms', 'email'], { sms: false, email: false }, field)).toEqual([
      'The send order by.sms field cannot be used: this server has no SMS transport configured (SMS_WEBHOOK_URL).',
      'The send order by.email field cannot be used: this server has no email transport configured (SMTP_URL).',
    ]);
    expect(transportProblems({ mode: 'live' }, ['sms', 'email'], { sms: true, email: false }, field)).toEqual([
      'The send order by.email field cannot be used: this server has no email transport configured (SMTP_URL).',
    ]);
  });

  it('are no problem for a test merchant, whose messages go to the development outbox', () => {
    expect(transportProblems({ mode: 'test' }, ['sms', 'email'], { sms: false, email: false }, field)).toEqual([]);
  });
});

describe('the history event of a link that left', () => {
  it("is FPGO's payment-link-sent-to-customer, with where it went and how", () => {
    const event = linkSentEvent({ merchantId: 'MER1', reservationUuid: 'RES1', destination: '+4741234567', channel: 'sms' }, 1_700_000_000_000);
    expect(event).toMatchObject({
      merchantId: 'MER1',
      reservationUuid: 'RES1',
      subjectUuid: 'RES1',
      title: 'payment-link-sent-to-customer',
      occurredAt: 1_700_000_000_000,
      sentTo: '+4741234567',
      channel: 'sms',
    });
  });
});
