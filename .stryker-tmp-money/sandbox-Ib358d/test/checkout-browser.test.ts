/**
 * A customer pays at a real paymentUrl in Chromium: choosing the method, every test card, the
 * redirect to a real merchant site, the keyboard alone, no JavaScript at all, and afterwards no
 * full card number anywhere in the database.
 */
// @ts-nocheck

import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureExpiry, launchChromium, merchantSite, type MerchantSite } from './support/browser.js';
import { databaseDump } from './support/database-dump.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';
const EXPIRY = futureExpiry();

describe(`paying in the browser (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let site: MerchantSite;
  let browser: Browser;

  beforeAll(async () => {
    [t, site, browser] = await Promise.all([startApp(), merchantSite(), launchChromium()]);
    m = await t.merchant('Hotel Fjord');
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await t?.close();
  });

  interface Options {
    via?: 'visa' | 'mastercard';
    success?: string | null;
    failure?: string | null;
    tnc?: string | null;
    language?: string;
  }
  async function reserve(options: Options = {}) {
    const body = exampleWith((b) => {
      b.submitPayment = { via: options.via ?? 'visa' };
      b.callback = {
        callbackUrl: null,
        success: options.success === undefined ? `${site.url}/success?order_identifier=abc` : options.success,
        failure: options.failure === undefined ? `${site.url}/failure?order_identifier=abc` : options.failure,
      };
      b.tnc = options.tnc ?? null;
      b.customerDetails.preferredLanguage = options.language ?? 'en';
    });
    const r = await m.api.post(`${API}/create`, body);
    expect(r.status).toBe(201);
    return r.json.data as { reservationUuid: string; paymentUrl: string };
  }
  const details = async (uuid: string) => (await m.api.get(`${API}/details/${uuid}`)).json.data;

  /** A fresh page that records the server's redirects and every host the page talks to. */
  async function open(contextOptions: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const redirects: { status: number; location: string }[] = [];
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    page.on('response', (response) => {
      const location = response.headers().location;
      if (location) redirects.push({ status: response.status(), location: new URL(location, response.url()).toString() });
    });
    return { page, redirects, origins, close: () => context.close() };
  }

  async function fillCard(page: Page, number: string) {
    await page.getByLabel('Card number').fill(number);
    await page.getByLabel('Expiry date').fill(EXPIRY);
    await page.getByLabel('Security code').fill('123');
    await page.getByLabel('Name on card').fill('Kari Nordmann');
  }

  const payButton = (page: Page) => page.getByRole('button', { name: /^Pay/ });
  const landedOn = (page: Page, path: string) => page.waitForURL((url) => url.toString().startsWith(`${site.url}${path}`));

  it("pays with Visa and lands on callback.success with the merchant's query first", async () => {
    const { reservationUuid, paymentUrl } = await reserve();
    const b = await open();
    try {
      const response = await b.page.goto(paymentUrl);
      expect(response?.status()).toBe(200);
      expect(await b.page.getByRole('radio', { name: 'Visa' }).isChecked()).toBe(true);
      expect(await b.page.getByRole('group', { name: 'Payment method' }).getByRole('radio').count()).toBe(2);
      await fillCard(b.page, '4111 1111 1111 1111');
      expect(await b.page.getByLabel('Card number').inputValue()).toBe('4111 1111 1111 1111');
      await payButton(b.page).click();
      await landedOn(b.page, '/success');
      const url = new URL(b.page.url());
      expect(url.search).toBe(`?order_identifier=abc&reservationUuid=${reservationUuid}&status=RESERVED`);
      expect(b.redirects).toEqual([{ status: 303, location: b.page.url() }]);
      expect(site.hits).toContain(`/success?order_identifier=abc&reservationUuid=${reservationUuid}&status=RESERVED`);
      expect(await b.page.locator('h1').textContent()).toBe('Merchant /success');
      // Only our own server and the merchant's were contacted: no fonts, scripts or CDNs elsewhere.
      expect([...b.origins].sort()).toEqual([t.baseUrl, site.url].sort());
      expect(await details(reservationUuid)).toMatchObject({ status: 'RESERVED', isPaid: true, paymentDetails: { reservedAmount: 1000, paymentMethod: 'Visa' } });
    } finally {
      await b.close();
    }
  });

  it('switches from the preselected Visa to Mastercard and pays with 5555 5555 5555 4444', async () => {
    const { reservationUuid, paymentUrl } = await reserve({ via: 'visa' });
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      await b.page.getByText('Mastercard', { exact: true }).click();
      expect(await b.page.getByRole('radio', { name: 'Mastercard' }).isChecked()).toBe(true);
      expect(await b.page.getByRole('radio', { name: 'Visa' }).isChecked()).toBe(false);
      await fillCard(b.page, '5555555555554444');
      await payButton(b.page).click();
      await landedOn(b.page, '/success');
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe('Mastercard');
    } finally {
      await b.close();
    }
  });

  it('preselects Mastercard when the merchant asked for it, and follows a 2-series number typed into it', async () => {
    const { reservationUuid, paymentUrl } = await reserve({ via: 'mastercard' });
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      expect(await b.page.getByRole('radio', { name: 'Mastercard' }).isChecked()).toBe(true);
      await b.page.getByRole('radio', { name: 'Visa' }).check();
      // The script picks the method from the number as it is typed.
      await b.page.getByLabel('Card number').pressSequentially('2223003122003222');
      expect(await b.page.getByRole('radio', { name: 'Mastercard' }).isChecked()).toBe(true);
      expect(await b.page.getByLabel('Card number').inputValue()).toBe('2223 0031 2200 3222');
      await b.page.getByLabel('Expiry date').pressSequentially(EXPIRY.replace('/', ''));
      expect(await b.page.getByLabel('Expiry date').inputValue()).toBe(EXPIRY);
      await b.page.getByLabel('Security code').fill('123');
      await b.page.getByLabel('Name on card').fill('Kari Nordmann');
      await payButton(b.page).click();
      await landedOn(b.page, '/success');
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe('Mastercard');
    } finally {
      await b.close();
    }
  });

  it('keeps an expiry typed as M/YY or MM/YYYY', async () => {
    const { reservationUuid, paymentUrl } = await reserve();
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      const year = EXPIRY.slice(3);
      await b.page.getByLabel('Expiry date').pressSequentially(`3/${year}`);
      expect(await b.page.getByLabel('Expiry date').inputValue()).toBe(`03/${year}`);
      await b.page.getByLabel('Expiry date').clear();
      const longExpiry = EXPIRY.replace('/', '/20');
      await b.page.getByLabel('Expiry date').pressSequentially(longExpiry);
      expect(await b.page.getByLabel('Expiry date').inputValue()).toBe(longExpiry);
      await b.page.getByLabel('Card number').fill('4111111111111111');
      await b.page.getByLabel('Security code').fill('123');
      await b.page.getByLabel('Name on card').fill('Kari Nordmann');
      await payButton(b.page).click();
      await landedOn(b.page, '/success');
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    } finally {
      await b.close();
    }
  });

  it('sends a declined card (4000 0000 0000 0002) to callback.failure and leaves the reservation SENT', async () => {
    const { reservationUuid, paymentUrl } = await reserve();
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      await fillCard(b.page, '4000000000000002');
      await payButton(b.page).click();
      await landedOn(b.page, '/failure');
      const url = new URL(b.page.url());
      expect([...url.searchParams.keys()].slice(0, 3)).toEqual(['order_identifier', 'reservationUuid', 'status']);
      expect(url.searchParams.get('order_identifier')).toBe('abc');
      expect(url.searchParams.get('reservationUuid')).toBe(reservationUuid);
      expect(url.searchParams.get('status')).toBe('SENT');
      expect(b.redirects[0]?.status).toBe(303);
      expect((await details(reservationUuid)).status).toBe('SENT');
    } finally {
      await b.close();
    }
  });

  it('without callback.failure, shows insufficient funds (4000 0000 0000 9995) and lets the customer pay with another card', async () => {
    const { reservationUuid, paymentUrl } = await reserve({ failure: null });
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      await fillCard(b.page, '4000000000009995');
      await payButton(b.page).click();
      const alert = b.page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toBe('Your card has insufficient funds. You can try again with another card.');
      expect(b.page.url()).toBe(paymentUrl);
      // The name and expiry survive; the card number and security code are typed again.
      expect(await b.page.getByLabel('Name on card').inputValue()).toBe('Kari Nordmann');
      expect(await b.page.getByLabel('Card number').inputValue()).toBe('');
      expect((await details(reservationUuid)).status).toBe('SENT');
      await fillCard(b.page, '4111111111111111');
      await payButton(b.page).click();
      await landedOn(b.page, '/success');
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    } finally {
      await b.close();
    }
  });

  it('authorizes card 4000 0000 0000 0119 (its gateway fails only later money movements)', async () => {
    const { reservationUuid, paymentUrl } = await reserve();
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      await fillCard(b.page, '4000 0000 0000 0119');
      await payButton(b.page).click();
      await landedOn(b.page, '/success');
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    } finally {
      await b.close();
    }
  });

  it('shows problems next to their fields, on leaving the field and after submitting, and sends nothing', async () => {
    const { reservationUuid, paymentUrl } = await reserve();
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      const number = b.page.getByLabel('Card number');
      await number.fill('4111 1111 1111 1112');
      await b.page.keyboard.press('Tab');
      const numberError = b.page.locator('#cardNumber-error');
      await numberError.waitFor({ state: 'visible' });
      expect(await numberError.textContent()).toBe('This card number is not valid. Check the digits.');
      expect(await number.getAttribute('aria-invalid')).toBe('true');
      await number.fill('4111111111111111');
      await b.page.keyboard.press('Tab');
      await numberError.waitFor({ state: 'hidden' });

      // Visa number, Mastercard chosen afterwards, an expired card and a 2-digit code: the server says why.
      await b.page.getByRole('radio', { name: 'Mastercard' }).check();
      await b.page.getByLabel('Expiry date').fill('01/20');
      await b.page.getByLabel('Security code').fill('12');
      await b.page.getByLabel('Name on card').fill('Kari Nordmann');
      const answer = b.page.waitForResponse((r) => r.request().method() === 'POST');
      await payButton(b.page).click();
      expect((await answer).status()).toBe(422);
      await b.page.getByRole('alert').waitFor();
      for (const [id, message] of [
        ['cardNumber', 'This card does not match the chosen payment method.'],
        ['expiry', 'This card has expired.'],
        ['securityCode', 'The security code is 3 digits.'],
      ] as const) {
        const input = b.page.locator(`#${id}`);
        const error = b.page.locator(`#${id}-error`);
        expect(await error.textContent(), id).toBe(message);
        expect(await error.isVisible(), id).toBe(true);
        expect(await input.getAttribute('aria-describedby'), id).toContain(`${id}-error`);
        // Next to the field: right below its input, in the same column.
        const [box, errorBox] = [await input.boundingBox(), await error.boundingBox()];
        expect(errorBox!.y - (box!.y + box!.height), id).toBeGreaterThanOrEqual(0);
        expect(errorBox!.y - (box!.y + box!.height), id).toBeLessThan(24);
        expect(Math.abs(errorBox!.x - box!.x), id).toBeLessThan(4);
      }
      expect(await b.page.locator('#holderName-error').isVisible()).toBe(false);
      expect((await details(reservationUuid)).status).toBe('SENT');
    } finally {
      await b.close();
    }
  });

  it('can be paid with the keyboard alone: Tab through the form, arrows for the method, Enter to pay', async () => {
    const { reservationUuid, paymentUrl } = await reserve({ tnc: 'Free cancellation until 24 hours before arrival.' });
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      const focused = () =>
        b.page.evaluate(() => {
          const element = document.activeElement as HTMLElement;
          const style = getComputedStyle(element);
          return { tag: element.tagName.toLowerCase(), id: element.id, value: (element as HTMLInputElement).value, outline: style.outlineStyle, outlineWidth: style.outlineWidth };
        });
      const tab = async () => {
        await b.page.keyboard.press('Tab');
        const now = await focused();
        // Every stop shows where the focus is.
        expect(now.outline, JSON.stringify(now)).not.toBe('none');
        expect(now.outlineWidth, JSON.stringify(now)).not.toBe('0px');
        return now;
      };

      expect(await tab()).toMatchObject({ tag: 'summary' });
      await b.page.keyboard.press('Enter');
      expect(await b.page.getByText('Free cancellation until 24 hours before arrival.').isVisible()).toBe(true);
      expect(await tab()).toMatchObject({ tag: 'input', value: 'visa' });
      await b.page.keyboard.press('ArrowRight');
      expect(await focused()).toMatchObject({ value: 'mastercard' });
      expect(await b.page.getByRole('radio', { name: 'Mastercard' }).isChecked()).toBe(true);
      expect(await tab()).toMatchObject({ id: 'cardNumber' });
      await b.page.keyboard.type('5555555555554444');
      expect(await tab()).toMatchObject({ id: 'expiry' });
      await b.page.keyboard.type(EXPIRY);
      expect(await tab()).toMatchObject({ id: 'securityCode' });
      await b.page.keyboard.type('123');
      expect(await tab()).toMatchObject({ id: 'holderName' });
      await b.page.keyboard.type('Kari Nordmann');
      await b.page.keyboard.press('Enter');
      await landedOn(b.page, '/success');
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe('Mastercard');
    } finally {
      await b.close();
    }
  });

  it('reaches the Pay button by Tab and pays with Enter on it', async () => {
    const { reservationUuid, paymentUrl } = await reserve();
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      await fillCard(b.page, '4111111111111111');
      await b.page.getByLabel('Name on card').focus();
      await b.page.keyboard.press('Tab');
      expect(await b.page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Pay NOK/);
      await b.page.keyboard.press('Enter');
      await landedOn(b.page, '/success');
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    } finally {
      await b.close();
    }
  });

  it('works without JavaScript: the form posts, the server checks, the redirect lands', async () => {
    const { reservationUuid, paymentUrl } = await reserve({ via: 'visa' });
    const b = await open({ javaScriptEnabled: false });
    try {
      await b.page.goto(paymentUrl);
      // Without the script nothing picks the method from the number: a mismatch is the server's to catch.
      await fillCard(b.page, '5555555555554444');
      await payButton(b.page).click();
      const error = b.page.locator('#cardNumber-error');
      await error.waitFor({ state: 'visible' });
      expect(await error.textContent()).toBe('This card does not match the chosen payment method.');
      await b.page.getByRole('radio', { name: 'Mastercard' }).check();
      await b.page.getByLabel('Card number').fill('5555555555554444');
      await b.page.getByLabel('Security code').fill('123');
      await payButton(b.page).click();
      await landedOn(b.page, '/success');
      expect(new URL(b.page.url()).searchParams.get('reservationUuid')).toBe(reservationUuid);
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe('Mastercard');
    } finally {
      await b.close();
    }
  });

  it('pays once when Pay is clicked twice', async () => {
    const { reservationUuid, paymentUrl } = await reserve();
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      await fillCard(b.page, '4111111111111111');
      const posts: string[] = [];
      b.page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      await payButton(b.page).dblclick();
      await landedOn(b.page, '/success');
      expect(posts).toHaveLength(1);
      const history = await t.store.db.selectFrom('reservation_events').select('title').where('reservation_uuid', '=', reservationUuid).execute();
      expect(history.filter((e) => e.title === 'amount-reserved')).toHaveLength(1);
    } finally {
      await b.close();
    }
  });

  it('shows an already paid reservation as paid when its link is opened again', async () => {
    const { paymentUrl } = await reserve();
    const b = await open();
    try {
      await b.page.goto(paymentUrl);
      await fillCard(b.page, '4111111111111111');
      await payButton(b.page).click();
      await landedOn(b.page, '/success');
      await b.page.goto(paymentUrl);
      expect(await b.page.getByRole('heading', { level: 1 }).textContent()).toBe('Already paid');
      expect(await b.page.getByLabel('Card number').count()).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('keeps no full card number anywhere in the database', async () => {
    const cards = ['4111111111111111', '5555555555554444', '4000000000000002', '4000000000009995', '4000000000000119'];
    // Pay (and fail) once more with each card through the page, so this test holds on its own.
    for (const number of cards) {
      const { paymentUrl } = await reserve({ failure: null, via: number.startsWith('5') ? 'mastercard' : 'visa' });
      const b = await open();
      try {
        await b.page.goto(paymentUrl);
        await fillCard(b.page, number.replace(/(\d{4})(?=\d)/g, '$1 '));
        const answer = b.page.waitForResponse((r) => r.request().method() === 'POST');
        await payButton(b.page).click();
        expect([303, 402]).toContain((await answer).status());
      } finally {
        await b.close();
      }
    }
    const { reservationUuid } = await reserve();
    expect((await m.api.post(`/api/v1/test/reservations/${reservationUuid}/pay`, { cardNumber: '5555 5555 5555 4444', securityCode: '987' })).status).toBe(200);

    const forms = cards.flatMap((number) => [number, number.replace(/(\d{4})(?=\d)/g, '$1 '), number.replace(/(\d{4})(?=\d)/g, '$1-')]);
    const dump = await databaseDump(t);
    if (t.database.backend === 'sqlite') expect(dump.files).toContain('fpgo.sqlite-wal');
    expect(dump.text, 'the dump holds the recent payments').toContain('amount-reserved');
    for (const form of forms) expect(dump.text.includes(form), form).toBe(false);
  });
});
