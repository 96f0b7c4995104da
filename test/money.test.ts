import { describe, expect, it } from 'vitest';
import { formatMajorAmount, parseMajorAmount, sumMinor, toMajorNumber } from '../src/kernel/money.js';

describe('money in minor units', () => {
  it.each([
    [1000, 100000],
    ['1000', 100000],
    ['1000.00', 100000],
    [1000.5, 100050],
    ['0.1', 10],
    [0.29, 29],
    ['1000.500', 100050],
    [99999999.99, 9999999999],
    ['007.10', 710],
    [0, 0],
    [-12.3, -1230],
  ])('parses %j exactly as %d minor units', (input, minor) => {
    expect(parseMajorAmount(input)).toEqual({ ok: true, minor });
  });

  it.each([
    [1000.005, 'decimals'],
    ['0.001', 'decimals'],
    ['1,000', 'format'],
    ['1e3', 'format'],
    [1e21, 'format'],
    [Number.NaN, 'format'],
    ['', 'format'],
    ['100000000', 'range'],
    ['12345678901234567890', 'range'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseMajorAmount(input)).toEqual({ ok: false, reason });
  });

  it('reads whole numbers (the shortcut) exactly as their decimal text, up to and past the limit', () => {
    for (const n of [0, -0, 1, -1, 1000, 99_999_999, -99_999_999, 100_000_000, -100_000_000, 2 ** 53, 1e20, 1e21, -1e21]) {
      expect(parseMajorAmount(n), String(n)).toEqual(parseMajorAmount(String(n)));
    }
    const zero = parseMajorAmount(-0);
    expect(zero.ok && Object.is(zero.minor, 0)).toBe(true);
  });

  it('formats minor units as exact decimal text and JSON numbers', () => {
    expect(formatMajorAmount(100050)).toBe('1000.50');
    expect(formatMajorAmount(5)).toBe('0.05');
    expect(formatMajorAmount(-1230)).toBe('-12.30');
    expect(toMajorNumber(100050)).toBe(1000.5);
    expect(toMajorNumber(29)).toBe(0.29);
  });

  it('adds without floating-point drift and refuses fractions of a minor unit', () => {
    expect(sumMinor([10, 20])).toBe(30);
    expect(() => sumMinor([0.1, 0.2])).toThrow(RangeError);
  });
});
