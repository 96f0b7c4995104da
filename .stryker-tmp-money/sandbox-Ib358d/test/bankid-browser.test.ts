/**
 * The BankID pages as a customer meets them in Chromium, through the built-in test provider: the
 * step before the order, the provider's test page, the refusals — on a 360 px phone and a desktop,
 * with no serious axe-core violation, with the keyboard alone, and without JavaScript.
 */
// @ts-nocheck

import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, RESULTS_DIR, expectFitsWidth, futureExpiry, launchChromium, seriousAxeViolations } from './support/browser.js';
import { TEST_BACKEND } from './support/database.js';
import { createSecureOrder, leakedMarks, payWithTestCard } from './support/secure-order.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const PERSON = '01019012345';
const VIEWPORTS = { phone: PHONE, desktop: DESKTOP } as const;

describe(`the BankID pages in the browser (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp(), launchChromium()]);
    m = await t.merchant('Fjordhotellet Restaurant & Spa AS');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** axe needs to inject a script, which the pages' CSP forbids; such a context alone bypasses it. */
  async function open(viewport: { width: number; height: number }, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport, bypassCSP: true, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { page, close: () => context.close() };
  }

  async function expectAccessible(page: Page, width: number, what: string) {
    await page.screenshot({ path: `${RESULTS_DIR}bankid-${what}.png`, fullPage: true });
    await expectFitsWidth(page, width);
    expect(await seriousAxeViolations(page), what).toEqual([]);
  }

  /** From the BankID step to the test provider's page, typing `nationalId` there. */
  async function typeAtTestProvider(page: Page, nationalId: string, labels = { go: 'Continue with BankID', field: 'Test national identity number', logIn: 'Log in' }) {
    await page.getByRole('link', { name: labels.go }).click();
    await page.getByLabel(labels.field).fill(nationalId);
    await page.getByRole('button', { name: labels.logIn }).click();
  }

  for (const language of ['en', 'no'] as const) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      it(`the BankID step in ${language} on a ${size} (${viewport.width} px): nothing of the order, fits, passes axe`, async () => {
        const order = await createSecureOrder(m, { personalNumber: PERSON, language });
        const b = await open(viewport);
        try {
          expect((await b.page.goto(order.paymentUrl))?.status()).toBe(200);
          expect(leakedMarks(await b.page.content(), order.marks)).toEqual([]);
          const link = b.page.getByRole('link', { name: language === 'en' ? 'Continue with BankID' : 'Fortsett med BankID' });
          expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
          await expectAccessible(b.page, viewport.width, `step-${language}-${size}`);
        } finally {
          await b.close();
        }
      });
    }
  }

  it('the test provider’s page, and with its error shown (phone): fits, passes axe', async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON });
    const b = await open(PHONE);
    try {
      await b.page.goto(order.paymentUrl);
      await typeAtTestProvider(b.page, '123');
      await b.page.locator('#nationalId-error').waitFor({ state: 'visible' });
      expect(await b.page.getByLabel('Test national identity number').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(b.page, PHONE.width, 'test-provider-error-phone');
      expect(await b.page.getByRole('note').textContent()).toContain('not BankID');
    } finally {
      await b.close();
    }
  });

  it('the refusal for another person (no, phone): nothing of the order, fits, passes axe, and starts over', async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON, language: 'no' });
    const b = await open(PHONE);
    try {
      await b.page.goto(order.paymentUrl);
      await typeAtTestProvider(b.page, '09099012345', { go: 'Fortsett med BankID', field: 'Fødselsnummer for test', logIn: 'Logg inn' });
      await b.page.getByRole('heading', { name: 'Bestillingen gjelder en annen person' }).waitFor();
      expect(leakedMarks(await b.page.content(), order.marks)).toEqual([]);
      await expectAccessible(b.page, PHONE.width, 'refused-no-phone');
      await b.page.getByRole('link', { name: 'Prøv igjen med BankID' }).click();
      await b.page.getByLabel('Fødselsnummer for test').waitFor();
    } finally {
      await b.close();
    }
  });

  it('the page for a login that came back unknown, in five languages (phone): fits, passes axe', async () => {
    const b = await open(PHONE);
    try {
      expect((await b.page.goto(`${t.baseUrl}/checkout/bankid/callback?code=x&state=y`))?.status()).toBe(400);
      expect(await b.page.locator('p[lang]').count()).toBe(5);
      await expectAccessible(b.page, PHONE.width, 'login-lost-phone');
    } finally {
      await b.close();
    }
  });

  it('can be done with the keyboard alone: Tab to BankID, Enter, type the number, Enter, then pay', async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON });
    const b = await open(DESKTOP);
    const focused = () => b.page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || '');
    try {
      await b.page.goto(order.paymentUrl);
      await b.page.keyboard.press('Tab');
      expect(await focused()).toBe('Continue with BankID');
      await b.page.keyboard.press('Enter');
      await b.page.getByLabel('Test national identity number').waitFor();
      await b.page.keyboard.press('Tab');
      expect(await focused()).toBe('nationalId');
      await b.page.keyboard.type(PERSON);
      await b.page.keyboard.press('Enter');
      await b.page.getByText(order.marks.product).waitFor();
      for (const [id, value] of [['cardNumber', '4111111111111111'], ['expiry', futureExpiry()], ['securityCode', '123'], ['holderName', 'Kari Nordmann']] as const) {
        for (let i = 0; i < 12 && (await focused()) !== id; i++) await b.page.keyboard.press('Tab');
        expect(await focused()).toBe(id);
        await b.page.keyboard.type(value);
      }
      await b.page.keyboard.press('Enter');
      await b.page.locator('.notice-approved').waitFor();
    } finally {
      await b.close();
    }
  });

  it('works without JavaScript: the BankID step, the test provider and the payment', async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON });
    const b = await open(PHONE, { javaScriptEnabled: false });
    try {
      await b.page.goto(order.paymentUrl);
      await typeAtTestProvider(b.page, PERSON);
      await b.page.getByText(order.marks.product).waitFor();
      await payWithTestCard(b.page, futureExpiry());
      await b.page.locator('.notice-approved').waitFor();
      expect((await m.api.get(`/api/v1/connect/reservations/details/${order.reservationUuid}`)).json.data.status).toBe('RESERVED');
    } finally {
      await b.close();
    }
  });
});
