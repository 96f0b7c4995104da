// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../src/reservations/allocation.js';

const MAX_AMOUNT = 9_999_999_999; // 99 999 999.99 kroner in øre, the largest amount accepted

describe('allocate', () => {
  it('gives a single line the whole total', () => {
    expect(allocate(125_000, [{ amount: 100_000, tax: 25 }])).toEqual([125_000]);
  });

  it('splits equal lines equally', () => {
    expect(allocate(1_000, [{ amount: 500, tax: 0 }, { amount: 500, tax: 0 }])).toEqual([500, 500]);
  });

  it('weights each line by its amount with its tax', () => {
    // 1 000 kr at 25 % and 1 000 kr at 0 % under a grand total of 2 250 kr.
    expect(allocate(225_000, [{ amount: 100_000, tax: 25 }, { amount: 100_000, tax: 0 }])).toEqual([125_000, 100_000]);
    // 700 kr at 12 % and 300.50 kr at 25 %: 784 kr and 375.63 kr (the details test's example).
    expect(allocate(115_963, [{ amount: 70_000, tax: 12 }, { amount: 30_050, tax: 25 }])).toEqual([78_400, 37_563]);
  });

  it('hands out the øre left over by rounding to the largest remainders, earlier lines first on ties', () => {
    expect(allocate(100, [{ amount: 1, tax: 0 }, { amount: 1, tax: 0 }, { amount: 1, tax: 0 }])).toEqual([34, 33, 33]);
    expect(allocate(200, [{ amount: 1, tax: 0 }, { amount: 1, tax: 0 }, { amount: 1, tax: 0 }])).toEqual([67, 67, 66]);
    // Exact shares 1.4, 3.6 and 5.0 (weights 14:36:50 of 10): the 0.6 remainder wins the one øre left.
    expect(allocate(10, [{ amount: 14, tax: 0 }, { amount: 36, tax: 0 }, { amount: 50, tax: 0 }])).toEqual([1, 4, 5]);
  });

  it('stays exact at the largest amounts', () => {
    const shares = allocate(MAX_AMOUNT, [{ amount: 3_333_333_333, tax: 25 }, { amount: 3_333_333_333, tax: 15 }, { amount: 1, tax: 0 }]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(MAX_AMOUNT);
    expect(shares.every(Number.isSafeInteger)).toBe(true);
  });

  it('always sums to the total, and each share is within one øre of its exact proportion', () => {
    const line = fc.record({ amount: fc.integer({ min: 1, max: MAX_AMOUNT }), tax: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT }), fc.array(line, { minLength: 1, maxLength: 20 }), (total, lines) => {
        const shares = allocate(total, lines);
        expect(shares).toHaveLength(lines.length);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        const weights = lines.map((l) => BigInt(l.amount) * BigInt(100 + l.tax));
        const weightSum = weights.reduce((a, b) => a + b, 0n);
        shares.forEach((share, i) => {
          expect(share).toBeGreaterThanOrEqual(0);
          // |share − total·w/W| < 1  ⇔  |share·W − total·w| < W
          const deviation = BigInt(share) * weightSum - BigInt(total) * weights[i]!;
          expect(deviation < weightSum && -deviation < weightSum).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
