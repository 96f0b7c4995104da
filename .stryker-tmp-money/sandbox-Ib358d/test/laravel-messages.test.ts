// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attributeName } from '../src/validation/laravel-messages.js';
import { amount, booleanLike, itemMap, requiredString } from '../src/validation/rules.js';
import { validate } from '../src/validation/validate.js';

describe('Laravel-style validation sentences', () => {
  it('names fields the way Laravel does', () => {
    expect(attributeName(['customerDetails', 'personalNumber'])).toBe('customer details.personal number');
    expect(attributeName(['sendOrderBy', 'sms'])).toBe('send order by.sms');
    expect(attributeName(['products', 0, 'tax'])).toBe('products.0.tax');
    expect(attributeName(['callback', 'callbackUrl'])).toBe('callback.callback url');
    expect(attributeName(['is_credit_check_available'])).toBe('is credit check available');
  });

  const schema = z.object({
    name: requiredString(10),
    flag: booleanLike(),
    lines: itemMap(z.object({ amount: amount() })),
  });

  it('says "required" for absent and null fields, and names the wrong type otherwise', () => {
    expect(validate(schema, { name: null, lines: [{ amount: 1 }] })).toEqual({
      ok: false,
      errors: ['The name field is required.', 'The flag field is required.'],
    });
    expect(validate(schema, { name: 5, flag: 'yes', lines: 'x' })).toEqual({
      ok: false,
      errors: ['The name field must be a string.', 'The flag field must be true or false.', 'The lines field must be an array.'],
    });
  });

  it("keeps the client's keys of an object map in the field name", () => {
    expect(validate(schema, { name: 'a', flag: 1, lines: { first: { amount: 'x' } } })).toEqual({
      ok: false,
      errors: ['The lines.first.amount field must be a number.'],
    });
  });

  it('accepts what Laravel accepts and yields typed values', () => {
    expect(validate(schema, { name: ' Ann ', flag: '0', lines: { 0: { amount: '12.5' } } })).toEqual({
      ok: true,
      value: { name: 'Ann', flag: false, lines: [{ amount: 1250 }] },
    });
  });
});
