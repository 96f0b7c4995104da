/** Builds reservations through the real API, the way a merchant would. */
// @ts-nocheck

import { expect } from 'vitest';
import { exampleWith } from './fixtures.js';
import type { TestMerchant } from './test-app.js';

export const API = '/api/v1/connect/reservations';

export interface Reserved {
  uuid: string;
  lineIds: number[];
}

/** A reservation paid with `card` (approved by default); `change` edits the primary page's example first. */
export async function reserved(m: TestMerchant, options: { card?: string; now?: number; change?: (body: Record<string, any>) => void } = {}): Promise<Reserved> {
  const created = await m.api.post(`${API}/create`, exampleWith(options.change ?? (() => {}), { now: options.now }));
  expect(created.status, created.text).toBe(201);
  const uuid = created.json.data.reservationUuid as string;
  const paid = await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: options.card ?? '4111111111111111' });
  expect(paid.status, paid.text).toBe(200);
  const details = await m.api.get(`${API}/details/${uuid}`);
  return { uuid, lineIds: details.json.data.productList.map((p: { id: number }) => p.id) };
}

/** Two lines: Room 800 (25 % VAT → 1000 reserved) and Breakfast 200 (tax 0). */
export function twoLines(body: Record<string, any>): void {
  body.products = [
    { name: 'Room', rate: 800, tax: 25, amount: 800 },
    { name: 'Breakfast', rate: 200, tax: 0, amount: 200 },
  ];
  body.orderSummary = { subTotal: 1000, totalTax: 200, grandTotal: 1200 };
}

export const captureBody = (lines: [number, number][], grandTotal = lines.reduce((sum, [, amount]) => sum + amount, 0)) => ({
  products: Object.fromEntries(lines.map(([id, amount], index) => [String(index), { id, amount }])),
  grandTotal,
  additionalText: 'My additional Text for capture',
});

export const chargeBody = (amount = 150) => ({
  products: { '0': { name: 'Charge QA', productId: null, rate: amount, tax: '0', amount } },
  grandTotal: amount,
  additionalText: 'Minibar',
});
