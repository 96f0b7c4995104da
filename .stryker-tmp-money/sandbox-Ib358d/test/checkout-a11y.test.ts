/**
 * The checkout's pages as a customer sees them on a 360 px phone and a desktop, in English and
 * Norwegian: screenshots in test-results/, nothing wider than the screen, and no serious or
 * critical axe-core violations on the form, the form with errors, and the notice pages.
 */
// @ts-nocheck

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, RESULTS_DIR, expectFitsWidth, futureExpiry, launchChromium, seriousAxeViolations } from './support/browser.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';
const VIEWPORTS = { phone: PHONE, desktop: DESKTOP } as const;

describe(`checkout pages: layout and accessibility (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let browser: Browser;
  const clock = new ManualClock();

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp({ clock }), launchChromium()]);
    m = await t.merchant('Fjordhotellet Restaurant & Spa AS');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A realistic order: several lines with tax, notes and terms, and no return URLs (so results show on our pages). */
  async function reserve(language: string, change: (body: Record<string, any>) => void = () => {}) {
    const body = exampleWith(
      (b) => {
        b.customerDetails.preferredLanguage = language;
        b.products = [
          { name: 'Superior double room with fjord view, 2 nights', productId: 'ROOM-2N', rate: 1890, tax: 12, amount: 3780, quantity: 2 },
          { name: 'Three-course dinner', productId: null, rate: 695, tax: 25, amount: 1390, quantity: 2 },
          { name: 'Parking', productId: null, rate: 150, tax: 25, amount: 150 },
        ];
        b.orderSummary = { subTotal: 5320, totalTax: 838.6, grandTotal: 6158.6 };
        b.customerNotes = 'Late arrival, around 23:00.';
        b.tnc = 'Free cancellation until 24 hours before arrival.\nAfter that, the first night is charged.';
        b.callback = { callbackUrl: null, success: null, failure: null };
        change(b);
      },
      { now: clock.now() },
    );
    const r = await m.api.post(`${API}/create`, body);
    expect(r.status).toBe(201);
    return r.json.data as { reservationUuid: string; paymentUrl: string };
  }

  /** axe needs to inject a script, which the page's CSP forbids; that context alone bypasses it. */
  async function open(viewport: { width: number; height: number }, url: string) {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const response = await page.goto(url);
    return { page, status: response?.status(), close: () => context.close() };
  }

  async function expectNoSeriousViolations(page: Page, what: string) {
    expect(await seriousAxeViolations(page), what).toEqual([]);
  }

  for (const language of ['en', 'no'] as const) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      it(`the form in ${language} on a ${size} (${viewport.width} px): fits, passes axe, screenshot`, async () => {
        const { paymentUrl } = await reserve(language);
        const b = await open(viewport, paymentUrl);
        try {
          expect(b.status).toBe(200);
          await b.page.locator('details.terms summary').click();
          await b.page.screenshot({ path: `${RESULTS_DIR}checkout-${language}-${size}.png`, fullPage: true });
          await expectFitsWidth(b.page, viewport.width);
          // The amount to pay is on the button, readable, and the button is big enough to tap.
          const button = b.page.getByRole('button', { name: language === 'en' ? /^Pay NOK\s6,158\.60$/ : /^Betal 6\s158,60\skr$/ });
          const box = await button.boundingBox();
          expect(box!.height).toBeGreaterThanOrEqual(44);
          await expectNoSeriousViolations(b.page, `form ${language} ${size}`);
        } finally {
          await b.close();
        }
      });
    }
  }

  for (const language of ['en', 'no'] as const) {
    it(`the form with errors shown (${language}, phone): passes axe, screenshot`, async () => {
      const { paymentUrl } = await reserve(language);
      const b = await open(PHONE, paymentUrl);
      try {
        await b.page.locator('#cardNumber').fill('4111 1111 1111 1112');
        await b.page.locator('#expiry').fill('01/20');
        await b.page.locator('#securityCode').fill('1');
        const answer = b.page.waitForResponse((r) => r.request().method() === 'POST');
        await b.page.locator('button[type="submit"]').click();
        expect((await answer).status()).toBe(422);
        await b.page.locator('#holderName-error').waitFor({ state: 'visible' });
        await b.page.screenshot({ path: `${RESULTS_DIR}checkout-${language}-errors-phone.png`, fullPage: true });
        await expectFitsWidth(b.page, PHONE.width);
        await expectNoSeriousViolations(b.page, `errors ${language}`);
      } finally {
        await b.close();
      }
    });
  }

  it('the inline check of the card number (script) passes axe', async () => {
    const { paymentUrl } = await reserve('en');
    const b = await open(PHONE, paymentUrl);
    try {
      await b.page.locator('#cardNumber').fill('1234 5678 9012 3456');
      await b.page.keyboard.press('Tab');
      await b.page.locator('#cardNumber-error').waitFor({ state: 'visible' });
      await expectNoSeriousViolations(b.page, 'inline error');
    } finally {
      await b.close();
    }
  });

  it('a declined card shown on the page (phone) passes axe', async () => {
    const { paymentUrl } = await reserve('en');
    const b = await open(PHONE, paymentUrl);
    try {
      await b.page.getByLabel('Card number').fill('4000000000000002');
      await b.page.getByLabel('Expiry date').fill(futureExpiry(clock.now()));
      await b.page.getByLabel('Security code').fill('123');
      await b.page.getByLabel('Name on card').fill('Kari Nordmann');
      await b.page.getByRole('button', { name: /^Pay/ }).click();
      await b.page.getByRole('alert').waitFor();
      await b.page.screenshot({ path: `${RESULTS_DIR}checkout-en-declined-phone.png`, fullPage: true });
      await expectNoSeriousViolations(b.page, 'declined');
    } finally {
      await b.close();
    }
  });

  for (const language of ['en', 'no'] as const) {
    it(`the paid and approved notices (${language}, phone) pass axe`, async () => {
      const { paymentUrl } = await reserve(language);
      const b = await open(PHONE, paymentUrl);
      try {
        await b.page.locator('#cardNumber').fill('4111111111111111');
        await b.page.locator('#expiry').fill(futureExpiry(clock.now()));
        await b.page.locator('#securityCode').fill('123');
        await b.page.locator('#holderName').fill('Kari Nordmann');
        await b.page.locator('button[type="submit"]').click();
        await b.page.locator('.notice-approved').waitFor();
        await b.page.screenshot({ path: `${RESULTS_DIR}checkout-${language}-approved-phone.png`, fullPage: true });
        await expectNoSeriousViolations(b.page, `approved ${language}`);
        await b.page.goto(paymentUrl);
        await b.page.locator('.notice-paid').waitFor();
        await b.page.screenshot({ path: `${RESULTS_DIR}checkout-${language}-paid-phone.png`, fullPage: true });
        await expectFitsWidth(b.page, PHONE.width);
        await expectNoSeriousViolations(b.page, `paid ${language}`);
      } finally {
        await b.close();
      }
    });
  }

  it('the expired notice (no, desktop) passes axe', async () => {
    const { paymentUrl } = await reserve('no', (b) => (b.dueDateForPaymentLink = String(Math.floor(clock.now() / 1000))));
    clock.advance(2 * 86_400_000);
    try {
      const b = await open(DESKTOP, paymentUrl);
      try {
        expect(b.status).toBe(410);
        expect(await b.page.getByRole('heading', { level: 1 }).textContent()).toBe('Betalingslenken er utløpt');
        await b.page.screenshot({ path: `${RESULTS_DIR}checkout-no-expired-desktop.png`, fullPage: true });
        await expectNoSeriousViolations(b.page, 'expired');
      } finally {
        await b.close();
      }
    } finally {
      clock.advance(-2 * 86_400_000);
    }
  });

  it('the unknown-link page (phone) fits and passes axe', async () => {
    const b = await open(PHONE, `${t.baseUrl}/checkout/unknown-token-0000000000000000000`);
    try {
      expect(b.status).toBe(404);
      await b.page.screenshot({ path: `${RESULTS_DIR}checkout-not-found-phone.png`, fullPage: true });
      await expectFitsWidth(b.page, PHONE.width);
      await expectNoSeriousViolations(b.page, 'not found');
    } finally {
      await b.close();
    }
  });
});
