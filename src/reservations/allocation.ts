/**
 * When a reservation is authorized, its grand total is spread over its product lines so that each
 * line can be captured on its own: in proportion to the line's amount with its tax, rounded by the
 * largest-remainder method so the lines add up to the grand total exactly.
 *
 *   allocate(125_000, [{ amount: 100_000, tax: 25 }])                      → [125_000]
 *   allocate(1_000, [{ amount: 500, tax: 0 }, { amount: 500, tax: 0 }])   → [500, 500]
 */
import type { MinorUnits } from '../kernel/money.js';

export function allocate(total: MinorUnits, lines: readonly { amount: MinorUnits; tax: number }[]): MinorUnits[] {
  const weights = lines.map((line) => BigInt(line.amount) * BigInt(100 + line.tax));
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) return lines.map(() => 0);
  const exact = weights.map((weight) => BigInt(total) * weight);
  const shares = exact.map((value) => value / weightSum);
  let remaining = BigInt(total) - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value % weightSum })).sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  for (const { index } of byRemainder) {
    if (remaining === 0n) break;
    shares[index]! += 1n;
    remaining -= 1n;
  }
  return shares.map(Number);
}
