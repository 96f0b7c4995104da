/**
 * The dashboard as a new user meets it, in Chromium: `fpgo start` prints the demo user; a customer pays
 * through the checkout page; the demo user signs in, finds the reservation by the customer's email,
 * captures part of it, refunds part of that capture, resends a callback, and sees the ledger, the
 * history and the callback attempts change. Screenshots at 1280 and 360 px land in test-results/; axe
 * finds nothing serious on any page; a staff user cannot open Developers; forged form posts are refused.
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, RESULTS_DIR, futureExpiry, launchChromium, seriousAxeViolations } from './support/browser.js';
import { freshDatabase, TEST_BACKEND, type TestDatabase } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { client } from './support/http.js';
import { FPGO_BIN, PROJECT_ROOT, startServer, type ServerProcess } from './support/process.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const API = '/api/v1/connect/reservations';

describe(`the dashboard in Chromium (${TEST_BACKEND})`, () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let receiver: Receiver;
  let browser: Browser;
  let demo: { merchantId: string; email: string; password: string; api: ReturnType<typeof client> };
  const customerEmail = `guest.${Date.now()}@example.com`;

  beforeAll(async () => {
    database = await freshDatabase();
    [receiver, browser] = await Promise.all([startReceiver(), launchChromium()]);
    server = await startServer(database.url, { ALLOW_PRIVATE_CALLBACKS: 'true', CALLBACK_RETRY_SCHEDULE: '1s' });
    const output = server.process.output();
    demo = {
      merchantId: output.match(/\((MER\d+), test mode\)/)![1]!,
      email: output.match(/Demo user:\s+(\S+)/)![1]!,
      password: output.match(/Demo password:\s+(\S+)/)![1]!,
      api: client(server.url, server.token),
    };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    await receiver?.close();
    await database?.drop();
  });

  async function reserve(email: string, name: string): Promise<{ reservationUuid: string; paymentUrl: string }> {
    const body = exampleWith((b) => {
      b.customerDetails.email = email;
      b.customerDetails.name = name;
      b.products = [
        { name: 'Double room, 2 nights', productId: 'ROOM', rate: 1500, tax: 12, amount: 3000, quantity: 2 },
        { name: 'Breakfast', productId: null, rate: 500, tax: 15, amount: 500 },
      ];
      b.orderSummary = { subTotal: 3500, totalTax: 0, grandTotal: 3500 };
      b.callback = { callbackUrl: `${receiver.url}/callbacks?shop=1`, success: null, failure: null };
    });
    const answer = await demo.api.post(`${API}/create`, body);
    expect(answer.status).toBe(201);
    return answer.json.data;
  }

  async function newPage(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function expectAccessible(page: Page, what: string) {
    expect(await seriousAxeViolations(page), what).toEqual([]);
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reservations' }).waitFor();
  }

  /** Submits a form by its button, confirms on the next page, and waits for the reservation page again. */
  async function act(page: Page, form: string, button: string, confirm: string) {
    await page.locator(`form#${form}`).getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('button', { name: confirm }).click();
    await page.getByRole('status').waitFor();
  }

  /** Text as read, with the no-break spaces Intl puts in amounts as plain spaces. */
  const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/[\u00a0\u202f]/g, ' ');

  it('sign in as the demo user, find a paid reservation by email, capture, refund, resend a callback', { timeout: 180_000 }, async () => {
    const { reservationUuid, paymentUrl } = await reserve(customerEmail, 'Kari Nordmann');
    await reserve('someone.else@example.com', 'Ola Nordmann');
    const { context, page } = await newPage(DESKTOP);
    try {
      // The customer pays on the hosted checkout page.
      await page.goto(paymentUrl);
      await page.getByLabel('Card number').fill('4111 1111 1111 1111');
      await page.getByLabel('Expiry date').fill(futureExpiry());
      await page.getByLabel('Security code').fill('123');
      await page.getByLabel('Name on card').fill('Kari Nordmann');
      await page.getByRole('button', { name: /^Pay / }).click();
      await page.getByRole('heading', { level: 1, name: 'Payment approved' }).waitFor();
      await receiver.waitFor('/callbacks', 1);

      // Signing in: the dashboard sends an unknown visitor to the sign-in form.
      await page.goto(`${server.url}/dashboard/reservations`);
      expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
      await expectAccessible(page, 'sign-in');
      await page.screenshot({ path: `${RESULTS_DIR}dashboard-sign-in-desktop.png`, fullPage: true });
      await page.getByLabel('Password').fill('not the password');
      await page.getByLabel('Email').fill(demo.email);
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByRole('alert').innerText()).toContain('The email address or the password is wrong.');
      await signIn(page, demo.email, demo.password);
      expect(new URL(page.url()).pathname).toBe('/dashboard/reservations');

      // The list, searched by the customer's email.
      expect(await page.getByRole('link', { name: /^RES\d{10}$/ }).count()).toBe(2);
      await page.getByLabel('Search').fill(customerEmail);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/q=/);
      const links = page.getByRole('link', { name: /^RES\d{10}$/ });
      expect(await links.allInnerTexts()).toEqual([reservationUuid]);
      expect(await page.locator('svg.chart').getAttribute('role')).toBe('img');
      await expectAccessible(page, 'list');
      await page.screenshot({ path: `${RESULTS_DIR}dashboard-list-desktop.png`, fullPage: true });

      // The reservation: capture part of it.
      await links.first().click();
      await page.getByRole('heading', { level: 1, name: `Reservation ${reservationUuid}` }).waitFor();
      expect(await text(page, '#ledger-totals')).toMatch(/Reserved\s+NOK 3,500\.00/);
      await expectAccessible(page, 'reservation');
      const captureForm = page.locator('form#capture');
      const lineInputs = captureForm.getByRole('textbox', { name: /\(up to / });
      expect(await lineInputs.count()).toBe(2);
      // The reserved 3500.00 is shared over the lines by amount with VAT: 2988.56 and 511.44.
      expect(await lineInputs.nth(0).inputValue()).toBe('2988.56');
      await lineInputs.nth(0).fill('1200,50');
      await lineInputs.nth(1).fill('0');
      await captureForm.getByRole('button', { name: 'Capture', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Capture?' }).waitFor();
      expect(await text(page, '.question')).toContain('NOK 1,200.50');
      await expectAccessible(page, 'confirmation');
      await page.getByRole('button', { name: 'Confirm capture' }).click();
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').innerText()).toBe('Captured.');
      expect(await text(page, '#ledger-totals')).toMatch(/Captured\s+NOK 1,200\.50/);
      expect(await text(page, '#history')).toMatch(new RegExp(`Captured · NOK 1,200\\.50[^]*By: ${demo.email.replace('.', '\\.')}`));
      const captureId = (await text(page, '#transactions')).match(/CAP\d{10}/)![0];

      // More than is left: refused, with the API's message key beside the form.
      await page.locator('form#capture').getByRole('textbox', { name: /^Double room/ }).fill('5000');
      await page.locator('form#capture').getByRole('button', { name: 'Capture', exact: true }).click();
      await page.getByRole('button', { name: 'Confirm capture' }).click();
      const refusal = page.locator('#capture-refusal');
      await refusal.waitFor();
      expect(await refusal.getAttribute('role')).toBe('alert');
      expect(await refusal.innerText()).toContain('That is more than can still be captured on a product line. requestedCaptureAmountExceedAvailableCaptureRunway');
      expect(await text(page, '#ledger-totals')).toMatch(/Captured\s+NOK 1,200\.50/);

      // Refund part of that capture.
      const refundForm = page.locator(`form#refund-${captureId}`);
      await refundForm.getByRole('textbox', { name: /^Double room/ }).fill('200');
      await act(page, `refund-${captureId}`, 'Refund', 'Confirm refund');
      expect(await page.getByRole('status').innerText()).toBe('Refunded.');
      expect(await text(page, '#ledger-totals')).toMatch(/Refunded from captures\s+NOK 200\.00/);
      expect(await text(page, '#history')).toContain('Refunded from a capture · NOK 200.00');

      // The CAPTURED callback was delivered; resend it and see a second attempt.
      await receiver.waitFor('/callbacks', 2);
      await page.reload();
      const captured = page.getByRole('article', { name: `CAPTURED ${captureId}` });
      await captured.getByText('delivered').waitFor();
      expect(await captured.locator('tbody tr').count()).toBe(1);
      expect(await captured.locator('tbody tr').first().innerText()).toMatch(/HTTP 200[^]*\d+ ms[^]*\/callbacks\?shop=1&orderUuid=/);
      await act(page, 'resend-callback', 'Resend', 'Confirm resending the callback');
      expect(await page.getByRole('status').innerText()).toBe('The callback is being sent again.');
      await receiver.waitFor('/callbacks', 3);
      expect(new URL(receiver.hitsFor('/callbacks')[2]!.url, receiver.url).searchParams.get('status')).toBe('CAPTURED');
      await page.reload();
      await page.getByRole('article', { name: `CAPTURED ${captureId}` }).locator('tbody tr').nth(1).waitFor();
      expect(await text(page, '#history')).toMatch(new RegExp(`Callback resent[^]*By: ${demo.email.replace('.', '\\.')}`));
      await page.screenshot({ path: `${RESULTS_DIR}dashboard-reservation-desktop.png`, fullPage: true });

      // The API sees what the dashboard did, with the dashboard user as actionBy.
      const details = await demo.api.get(`${API}/details/${reservationUuid}`);
      expect(details.json.data.paymentDetails).toMatchObject({ capturedAmount: 1200.5, amountRefunded: { fromCaptured: 200 } });

      // Every other page passes axe too, in English and in Norwegian.
      for (const path of ['/dashboard/developers', '/dashboard/users']) {
        await page.goto(`${server.url}${path}`);
        await expectAccessible(page, path);
      }
      await page.getByRole('link', { name: 'Norsk' }).click();
      await page.getByRole('heading', { level: 1, name: 'Brukere' }).waitFor();
      await page.goto(`${server.url}/dashboard/reservations/${reservationUuid}`);
      await page.getByRole('heading', { level: 1, name: `Reservasjon ${reservationUuid}` }).waitFor();
      await expectAccessible(page, 'reservation in Norwegian');

      // On a 360 px phone: nothing wider than the screen, accessible, screenshots.
      const phone = await browser.newContext({ viewport: PHONE, bypassCSP: true, storageState: await context.storageState() });
      try {
        const small = await phone.newPage();
        await small.goto(`${server.url}/dashboard/language/en?back=/dashboard/reservations`);
        for (const [name, path] of [
          ['list', '/dashboard/reservations'],
          ['reservation', `/dashboard/reservations/${reservationUuid}`],
        ] as const) {
          await small.goto(`${server.url}${path}`);
          expect(await small.evaluate(() => document.documentElement.scrollWidth), name).toBe(PHONE.width);
          await expectAccessible(small, `${name} at 360 px`);
          await small.screenshot({ path: `${RESULTS_DIR}dashboard-${name}-phone.png`, fullPage: true });
        }
      } finally {
        await phone.close();
      }
    } finally {
      await context.close();
    }
  });

  it('a staff user acts on reservations but cannot reach the token page', { timeout: 60_000 }, async () => {
    const staff = { email: 'front.desk@example.com', password: 'a long staff password' };
    const created = spawnSync(process.execPath, [FPGO_BIN, 'user', 'create', '--merchant', demo.merchantId, '--email', staff.email, '--role', 'staff', '--password-stdin'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url },
      input: `${staff.password}\n`,
      encoding: 'utf8',
    });
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe(`user ${staff.email} (staff) of merchant ${demo.merchantId}\n`);
    const { context, page } = await newPage(DESKTOP);
    try {
      await signIn(page, staff.email, staff.password);
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toEqual(['Reservations']);
      const response = await page.goto(`${server.url}/dashboard/developers`);
      expect(response?.status()).toBe(403);
      expect(await page.locator('main').innerText()).toContain('Only admins can open this page.');
      expect(await page.locator('main').innerText()).not.toContain('fpgo_test_');
      await expectAccessible(page, 'forbidden');
      expect((await page.goto(`${server.url}/dashboard/users`))?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });

  it('refuses a forged form post from another site, and from another origin of the same site', { timeout: 60_000 }, async () => {
    const { reservationUuid } = await reserve('forged@example.com', 'Forged Post');
    expect((await demo.api.post(`/api/v1/test/reservations/${reservationUuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(200);
    const target = `${server.url}/dashboard/reservations/${reservationUuid}/capture`;
    const evil: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><title>Win a prize</title><form method="post" action="${target}">
<input type="hidden" name="line-1" value="3000"><input type="hidden" name="confirmed" value="yes"><input type="hidden" name="idempotencyKey" value="forged-1">
<button>Claim your prize</button></form>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const port = (evil.address() as AddressInfo).port;
    const { context, page } = await newPage(DESKTOP);
    try {
      await signIn(page, demo.email, demo.password);
      for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
        await page.goto(`${origin}/`);
        const answer = page.waitForResponse((r) => r.url() === target);
        await page.getByRole('button', { name: 'Claim your prize' }).click();
        const status = (await answer).status();
        // Cross-site, the SameSite=Strict cookie stays home (sign-in page); same-site, the form is refused.
        expect([303, 403], origin).toContain(status);
        await page.waitForLoadState();
        expect(await page.locator('h1').innerText(), origin).toMatch(/^(Sign in to the fpgo dashboard|Form refused)$/);
      }
      const details = await demo.api.get(`${API}/details/${reservationUuid}`);
      expect(details.json.data.paymentDetails.capturedAmount).toBe(0);
    } finally {
      await context.close();
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    }
  });
});
