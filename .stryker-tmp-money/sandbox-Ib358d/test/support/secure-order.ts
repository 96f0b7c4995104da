/** secureDetails orders for the BankID tests: each with its own recognisable details, to look for on pages. */
// @ts-nocheck

import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { exampleWith } from './fixtures.js';
import type { TestMerchant } from './test-app.js';

export const API = '/api/v1/connect/reservations';

/** What of the order must not show before a matching login. */
export interface OrderMarks {
  product: string;
  customer: string;
  email: string;
  msisdn: string;
  street: string;
  city: string;
}

export interface SecureOrder {
  reservationUuid: string;
  paymentUrl: string;
  marks: OrderMarks;
}

export interface SecureOrderOptions {
  personalNumber?: string | null;
  language?: string;
  secureDetails?: boolean;
  success?: string | null;
  now?: number;
}

export async function createSecureOrder(merchant: TestMerchant, options: SecureOrderOptions = {}): Promise<SecureOrder> {
  const tag = randomBytes(4).toString('hex');
  const marks: OrderMarks = {
    product: `Hidden product ${tag}`,
    customer: `Kari Hidden ${tag}`,
    email: `kari.${tag}@customer.example`,
    msisdn: String(40_000_000 + (parseInt(tag, 16) % 9_999_999)),
    street: `Secretstreet ${tag}`,
    city: `Hiddenville ${tag}`,
  };
  const body = exampleWith(
    (b) => {
      b.customerDetails = {
        ...b.customerDetails,
        name: marks.customer,
        email: marks.email,
        msisdn: marks.msisdn,
        personalNumber: options.personalNumber ?? null,
        preferredLanguage: options.language ?? 'en',
        address: { street: marks.street, zip: '0150', city: marks.city, country: 'NO' },
      };
      b.products = [{ name: marks.product, productId: null, rate: 4321.77, tax: '0', amount: 4321.77 }];
      b.orderSummary = { subTotal: 4321.77, totalTax: 0, grandTotal: 4321.77 };
      b.callback = { callbackUrl: null, success: options.success ?? null, failure: null };
      b.settings = { secureDetails: options.secureDetails ?? true, isChargePartiallyRefundable: true };
    },
    { now: options.now },
  );
  const answer = await merchant.api.post(`${API}/create`, body);
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${answer.text}`);
  return { ...answer.json.data, marks };
}

/** The order's amount, 4321.77, however a language writes it. */
const AMOUNT = /4[,.\s\u00a0\u202f]?321[,.]77/;

/** The details of the order that show in `html` (none, before a matching login). */
export function leakedMarks(html: string, marks: OrderMarks): string[] {
  const leaked = Object.entries(marks)
    .filter(([, value]) => html.includes(value))
    .map(([name]) => name);
  return AMOUNT.test(html) ? [...leaked, 'amount'] : leaked;
}

/** Fills in and pays with an approved test card. */
export async function payWithTestCard(page: Page, expiry: string): Promise<void> {
  await page.getByLabel('Card number').fill('4111111111111111');
  await page.getByLabel('Expiry date').fill(expiry);
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('Name on card').fill('Kari Nordmann');
  await page.getByRole('button', { name: /^Pay/ }).click();
}
