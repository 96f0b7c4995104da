import { describe, expect, it } from 'vitest';
import { cardBrand, checkCard, normalizeCardNumber, parseExpiry, passesLuhn, type CardForm } from '../src/reservations/cards.js';

/** Completes `partial` with the one digit that makes it pass Luhn (computed the long way, digit by digit). */
function withCheckDigit(partial: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = `${partial}${check}`;
    const digits = [...candidate].reverse().map(Number);
    const sum = digits.reduce((total, digit, i) => total + (i % 2 === 1 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][digit]! : digit), 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0); // 25 Nov 2026
const good: CardForm = { method: 'visa', cardNumber: '4111111111111111', expiry: '12/29', securityCode: '123', holderName: 'Kari Nordmann' };

describe('Luhn', () => {
  it('accepts the test cards and a textbook example', () => {
    for (const number of ['4111111111111111', '5555555555554444', '4000000000000002', '4000000000009995', '4000000000000119', '00079927398713']) {
      expect(passesLuhn(number), number).toBe(true);
    }
  });

  it('rejects any single mistyped digit of a valid number', () => {
    const valid = '4111111111111111';
    for (let position = 0; position < valid.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        const typo = valid.slice(0, position) + String(digit) + valid.slice(position + 1);
        if (typo !== valid) expect(passesLuhn(typo), typo).toBe(false);
      }
    }
  });

  it('rejects numbers shorter than 12 digits even when their checksum works', () => {
    expect(passesLuhn('79927398713')).toBe(false);
    expect(passesLuhn('0')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });
});

describe('brand', () => {
  it('knows Visa by its leading 4 and 13, 16 or 19 digits', () => {
    expect(cardBrand('4111111111111111')).toBe('visa');
    expect(cardBrand(withCheckDigit('422222222222'))).toBe('visa'); // 13 digits
    expect(cardBrand(withCheckDigit('411111111111111111'))).toBe('visa'); // 19 digits
    expect(cardBrand(withCheckDigit('4111111111111'))).toBeNull(); // 14 digits
    expect(cardBrand(withCheckDigit('41111111111111'))).toBeNull(); // 15 digits
  });

  it('knows Mastercard by 51–55 and by the 2-series 2221–2720, 16 digits', () => {
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    for (const prefix of ['51', '52', '53', '54', '55', '2221', '2229', '2230', '2299', '2300', '2699', '2700', '2719', '2720']) {
      const number = withCheckDigit(prefix.padEnd(15, '0'));
      expect(cardBrand(number), number).toBe('mastercard');
    }
    expect(cardBrand('2223003122003222')).toBe('mastercard');
  });

  it('does not take the neighbours of the Mastercard ranges, American Express or short numbers', () => {
    for (const prefix of ['50', '56', '2220', '2721', '2800', '3782']) {
      const number = withCheckDigit(prefix.padEnd(15, '0'));
      expect(cardBrand(number), number).toBeNull();
    }
    expect(cardBrand('378282246310005')).toBeNull();
    expect(cardBrand(withCheckDigit('55555555555544'))).toBeNull(); // 15 digits
  });
});

describe('expiry', () => {
  it('reads MM/YY and MM/YYYY with optional spaces and a one-digit month', () => {
    expect(parseExpiry('12/29')).toEqual({ month: 12, year: 2029 });
    expect(parseExpiry(' 3 / 2031 ')).toEqual({ month: 3, year: 2031 });
    expect(parseExpiry('07/30')).toEqual({ month: 7, year: 2030 });
  });

  it('refuses months outside 1–12 and other shapes', () => {
    for (const input of ['00/29', '13/29', '1229', '12-29', '12/029', 'ab/cd', '12/', '/29']) expect(parseExpiry(input), input).toBeNull();
  });

  it('treats a card as valid through the last moment of its month', () => {
    const lastMomentOfNovember = Date.UTC(2026, 11, 1) - 1;
    expect(checkCard({ ...good, expiry: '11/26' }, lastMomentOfNovember)).toMatchObject({ ok: true });
    expect(checkCard({ ...good, expiry: '11/26' }, Date.UTC(2026, 10, 1))).toMatchObject({ ok: true });
    expect(checkCard({ ...good, expiry: '11/26' }, Date.UTC(2026, 11, 1))).toEqual({ ok: false, problems: { expiry: 'expired' } });
    expect(checkCard({ ...good, expiry: '10/26' }, NOW)).toEqual({ ok: false, problems: { expiry: 'expired' } });
  });

  it('handles December rolling into the next year', () => {
    expect(checkCard({ ...good, expiry: '12/26' }, Date.UTC(2027, 0, 1) - 1)).toMatchObject({ ok: true });
    expect(checkCard({ ...good, expiry: '12/26' }, Date.UTC(2027, 0, 1))).toEqual({ ok: false, problems: { expiry: 'expired' } });
  });
});

describe('checkCard', () => {
  it('returns the card with digits only, the parsed expiry and the trimmed code and name', () => {
    const result = checkCard({ ...good, cardNumber: '4111 1111-1111 1111', securityCode: ' 123 ', holderName: '  Kari Nordmann ' }, NOW);
    expect(result).toEqual({
      ok: true,
      brand: 'visa',
      card: { number: '4111111111111111', expiryMonth: 12, expiryYear: 2029, securityCode: '123', holderName: 'Kari Nordmann' },
    });
  });

  it('accepts a 2-series Mastercard when Mastercard is chosen', () => {
    expect(checkCard({ ...good, method: 'mastercard', cardNumber: '2223 0031 2200 3222' }, NOW)).toMatchObject({ ok: true, brand: 'mastercard' });
  });

  it('names a Luhn failure, an unsupported brand and a brand that differs from the chosen method', () => {
    expect(checkCard({ ...good, cardNumber: '4111111111111112' }, NOW)).toEqual({ ok: false, problems: { cardNumber: 'invalid' } });
    expect(checkCard({ ...good, cardNumber: '4111x11111111111' }, NOW)).toEqual({ ok: false, problems: { cardNumber: 'invalid' } });
    expect(checkCard({ ...good, cardNumber: '378282246310005' }, NOW)).toEqual({ ok: false, problems: { cardNumber: 'unsupported' } });
    expect(checkCard({ ...good, method: 'mastercard' }, NOW)).toEqual({ ok: false, problems: { cardNumber: 'brandMismatch' } });
    expect(checkCard({ ...good, cardNumber: '5555555555554444' }, NOW)).toEqual({ ok: false, problems: { cardNumber: 'brandMismatch' } });
  });

  it('wants a 3-digit security code', () => {
    for (const code of ['12', '1234', 'abc', '12a']) {
      expect(checkCard({ ...good, securityCode: code }, NOW), code).toEqual({ ok: false, problems: { securityCode: 'invalid' } });
    }
    expect(checkCard({ ...good, securityCode: '   ' }, NOW)).toEqual({ ok: false, problems: { securityCode: 'required' } });
  });

  it('reports every missing field at once, and an unknown method as invalid', () => {
    expect(checkCard({}, NOW)).toEqual({
      ok: false,
      problems: { method: 'required', cardNumber: 'required', expiry: 'required', securityCode: 'required', holderName: 'required' },
    });
    expect(checkCard({ ...good, method: 'amex' }, NOW)).toEqual({ ok: false, problems: { method: 'invalid' } });
    expect(checkCard({ ...good, holderName: ' ' }, NOW)).toEqual({ ok: false, problems: { holderName: 'required' } });
    expect(checkCard({ ...good, expiry: 'soon' }, NOW)).toEqual({ ok: false, problems: { expiry: 'invalid' } });
  });

  it('strips spaces and dashes customers type', () => {
    expect(normalizeCardNumber(' 4111 1111-1111\t1111 ')).toBe('4111111111111111');
  });
  it('takes only digits as a card number, whatever passes the checksum around them', () => {
    // Each of these passes the Luhn sum (a letter counts as a large digit), so only the digits-only rule refuses them.
    for (const number of ['b4111111111111111', '4111111111111111e']) {
      expect(passesLuhn(number)).toBe(true);
      expect(checkCard({ ...good, cardNumber: number }, NOW)).toEqual({ ok: false, problems: { cardNumber: 'invalid' } });
    }
  });

  it('wants an expiry that is more than blanks', () => {
    expect(checkCard({ ...good, expiry: '   ' }, NOW)).toEqual({ ok: false, problems: { expiry: 'required' } });
  });
});

describe('the edges of the card rules', () => {
  it('lets a 12-digit number pass the checksum', () => {
    expect(passesLuhn('411111111117')).toBe(true);
  });

  it('knows a brand only from the whole number', () => {
    for (const number of ['x4111111111111111', '4111111111111111x', 'x5555555555554444', '5555555555554444x', '05555555555554444', '55555555555544440']) {
      expect(cardBrand(number)).toBeNull();
    }
  });

  it('reads an expiry only when it is the whole text', () => {
    expect(parseExpiry('x12/29')).toBeNull();
    expect(parseExpiry('12/29x')).toBeNull();
  });
});
