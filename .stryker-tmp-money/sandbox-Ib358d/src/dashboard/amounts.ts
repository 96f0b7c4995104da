/** Amounts as people type them into the dashboard ("1 000,50", "1000.5") and as forms prefill them. */
// @ts-nocheck

import { formatMajorAmount, parseMajorAmount, type MinorUnits } from '../kernel/money.js';

/** Minor units, or null when the text is not an amount with at most 2 decimals. Blank is 0. */
export function readAmount(text: string | undefined): MinorUnits | null {
  const cleaned = (text ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (cleaned === '') return 0;
  const parsed = parseMajorAmount(cleaned);
  return parsed.ok && parsed.minor >= 0 ? parsed.minor : null;
}

/** "1000.50": what an amount field is prefilled with. */
export const amountField = (minor: MinorUnits) => formatMajorAmount(minor);
