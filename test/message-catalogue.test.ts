/**
 * The one message catalogue: every language has every key the English one has (and no other), no
 * text is empty, and the payment-link SMS stays within two GSM-7 segments in every language —
 * measured, with a long merchant name, one with characters GSM-7 lacks, and a long link.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, messagesFor } from '../src/messages/catalogue.js';
import { linkEmail, linkSms, MAX_SMS_SEGMENTS, type LinkMessageContent } from '../src/messages/link-message.js';
import { isGsm7, smsSize, toGsm7 } from '../src/messages/sms-segments.js';
import { LANGUAGES } from '../src/reservations/reservation.js';

/** Every key path of a value; functions are called with sample arguments and count as leaves. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (typeof value === 'function') return [[path, (value as (...args: string[]) => unknown)('A', 'B', 'C', 'D')]];
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
  return [[path, value]];
}

describe('the message catalogue', () => {
  const english = leaves(CATALOGUE.en).map(([path]) => path);

  it('covers the checkout page, BankID, the email and the SMS', () => {
    expect(Object.keys(CATALOGUE.en).sort()).toEqual(['bankid', 'checkout', 'email', 'error', 'loginLost', 'notFound', 'sms']);
    expect(english.length).toBeGreaterThan(80);
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('has every key in %s, and no other', (language) => {
    const keys = leaves(CATALOGUE[language]).map(([path]) => path);
    expect(english.filter((key) => !keys.includes(key))).toEqual([]);
    expect(keys.filter((key) => !english.includes(key))).toEqual([]);
  });

  it.each(LANGUAGES)('has no empty text in %s', (language) => {
    const empty = leaves(CATALOGUE[language]).filter(([, text]) => typeof text === 'string' && text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('falls back to Norwegian for a missing or unknown language', () => {
    expect(messagesFor(undefined)).toBe(CATALOGUE.no);
    expect(messagesFor('xx')).toBe(CATALOGUE.no);
    expect(messagesFor('__proto__')).toBe(CATALOGUE.no);
    expect(messagesFor('sv')).toBe(CATALOGUE.sv);
  });
});

describe('SMS segments', () => {
  it('counts GSM-7 septets, extension characters twice, and UCS-2 otherwise', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsSize('a'.repeat(306))).toEqual({ encoding: 'GSM-7', units: 306, segments: 2 });
    expect(smsSize('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSize('æøå ÆØÅ äöü ß')).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(smsSize('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSize('ł'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('turns text into GSM-7: accents dropped where the alphabet lacks them, Intl spaces plain, emoji gone', () => {
    expect(toGsm7('Łódź Café ✨ Ærlig')).toBe('Lodz Café  Ærlig');
    expect(toGsm7('1\u202f000,00\u00a0kr')).toBe('1 000,00 kr');
    expect(isGsm7(toGsm7('Ĳssel Ŝtraße 🚀'))).toBe(true);
  });

  const content = (language: (typeof LANGUAGES)[number], merchant: string, paymentUrl: string): LinkMessageContent => ({
    language,
    merchant: { name: merchant, timeZone: 'Europe/Oslo' },
    customerName: 'Kari',
    currency: 'NOK',
    lines: [{ name: 'Rom', quantity: 1, amount: 9_999_999_999 }],
    grandTotal: 9_999_999_999,
    dueDate: Date.UTC(2026, 11, 24),
    paymentUrl,
  });
  const LONG_URL = `https://betaling.et-svaert-langt-domene-for-en-butikk.example/checkout/${'x'.repeat(32)}`;
  const SHORT_URL = `https://pay.example/checkout/${'x'.repeat(32)}`;

  it.each(LANGUAGES)('keeps the %s SMS in GSM-7 within two segments, whatever the merchant is called', (language) => {
    for (const merchant of ['Hotell Fjordutsikt', 'Ålesund Sjøhus & Spa — Ærlig Mat 🍽️', 'Ł'.repeat(200), 'M'.repeat(300)]) {
      for (const url of [SHORT_URL, LONG_URL]) {
        const text = linkSms(content(language, merchant, url));
        const size = smsSize(text);
        expect(size.encoding).toBe('GSM-7');
        expect(size.segments).toBeLessThanOrEqual(MAX_SMS_SEGMENTS);
        expect(text).toContain(url);
      }
    }
    // An ordinary merchant name with a short link fits one segment.
    expect(smsSize(linkSms(content(language, 'Hotell Fjordutsikt', SHORT_URL))).segments).toBe(1);
  });

  it('cuts a merchant name too long for two segments, never the link', () => {
    const text = linkSms(content('de', 'M'.repeat(300), LONG_URL));
    expect(text.startsWith('M'.repeat(50))).toBe(true);
    expect(text.endsWith(LONG_URL)).toBe(true);
  });
});

describe('the email', () => {
  it('has the link, the total, the lines and the due date in both parts', () => {
    const email = linkEmail({
      language: 'no',
      merchant: { name: 'Hotell <Fjord>', timeZone: 'Europe/Oslo' },
      customerName: 'Kari',
      currency: 'NOK',
      lines: [{ name: 'Rom & frokost', quantity: 2, amount: 150_000 }],
      grandTotal: 150_000,
      dueDate: Date.UTC(2026, 11, 24, 12),
      paymentUrl: 'https://pay.example/checkout/abc',
    });
    expect(email.subject).toBe('Betalingslenke for reservasjonen din hos Hotell <Fjord>');
    expect(email.text).toContain('2 × Rom & frokost');
    expect(email.text).toContain('Forfallsdato: 24.12.2026');
    expect(email.text).toContain('https://pay.example/checkout/abc');
    expect(email.html).toContain('Hotell &lt;Fjord&gt;');
    expect(email.html).toContain('Rom &amp; frokost');
    expect(email.html).toMatch(/1\s?500,00\s?kr/);
  });
});
