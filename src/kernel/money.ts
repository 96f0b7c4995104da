/**
 * Money is carried as integer minor units (øre for NOK) everywhere inside fpgo.
 * Amounts arrive in major units as JSON numbers or numeric strings; they are parsed
 * from their decimal text, never through floating-point arithmetic.
 *
 *   parseMajorAmount("1000.5")  → { ok: true, minor: 100050 }
 *   parseMajorAmount(1000.005)  → { ok: false, reason: "decimals" }
 *   formatMajorAmount(100050)   → "1000.50"
 */
export type MinorUnits = number;

/** The largest amount accepted on any single field: 99 999 999.99 in major units. */
export const MAX_MINOR_UNITS: MinorUnits = 9_999_999_999;

export type AmountParse =
  | { ok: true; minor: MinorUnits }
  | { ok: false; reason: 'format' | 'decimals' | 'range' };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** The largest whole number of major units: every whole number up to it is exactly `n * 100` minor units. */
const MAX_WHOLE_MAJOR = Math.floor(MAX_MINOR_UNITS / 100);

export function parseMajorAmount(input: number | string): AmountParse {
  // Whole JSON numbers (1000, 1000.00) are most amounts: their text has no fraction, so the decimal
  // reading below would give exactly n * 100 (0 for -0) too, without building the text.
  if (typeof input === 'number' && Number.isInteger(input) && Math.abs(input) <= MAX_WHOLE_MAJOR) {
    return { ok: true, minor: input === 0 ? 0 : input * 100 };
  }
  const text = typeof input === 'number' ? numberText(input) : input.trim();
  const match = text === null ? null : DECIMAL.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const [, sign, whole, fraction = ''] = match;
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction.length > 2) return { ok: false, reason: 'decimals' };
  const digits = (whole + significantFraction.padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return { ok: false, reason: 'range' };
  const minor = Number(digits) * (sign === '-' ? -1 : 1);
  if (Math.abs(minor) > MAX_MINOR_UNITS) return { ok: false, reason: 'range' };
  return { ok: true, minor: minor === 0 ? 0 : minor };
}

/** JSON numbers are read through their shortest round-trip text, which is what the client wrote. */
function numberText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}

/** "1000.50" — exact decimal text of an amount in minor units. */
export function formatMajorAmount(minor: MinorUnits): string {
  assertMinor(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100);
  const cents = abs - whole * 100;
  return `${sign}${whole}.${String(cents).padStart(2, '0')}`;
}

/** The JSON number a client expects for an amount (1000, 1000.5): parsed from the exact decimal text. */
export function toMajorNumber(minor: MinorUnits): number {
  return Number(formatMajorAmount(minor));
}

export function sumMinor(amounts: readonly MinorUnits[]): MinorUnits {
  let total = 0;
  for (const amount of amounts) {
    assertMinor(amount);
    total += amount;
  }
  assertMinor(total);
  return total;
}

function assertMinor(value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of minor units: ${value}`);
}

/** An amount for people to read, in `locale` ("NOK 1,000.50", "1 000,50 kr"); Intl reads the exact decimal text, no float. */
export function formatCurrency(minor: MinorUnits, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(formatMajorAmount(minor) as unknown as number);
}
