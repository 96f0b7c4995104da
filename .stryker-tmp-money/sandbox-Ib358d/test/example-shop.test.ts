/**
 * The example shop (examples/shop/shop.mjs) run as `npm run shop` would run it, against a real fpgo,
 * driven in Chromium: product page → create reservation → pay on fpgo's page → success page once the
 * verified callback arrived → "Check out guest" captures. A callback with a bad checksum is refused.
 */
// @ts-nocheck

import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureExpiry, launchChromium } from './support/browser.js';
import { TEST_BACKEND } from './support/database.js';
import { call } from './support/http.js';
import { freePort, PROJECT_ROOT } from './support/process.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

describe(`the example shop (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let browser: Browser;
  let shop: ChildProcess;
  let shopUrl: string;
  let shopOutput = '';

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp({ callbackRetrySchedule: [200, 500] }), launchChromium()]);
    m = await t.merchant('Fjord Cabins');
    const port = await freePort();
    shopUrl = `http://127.0.0.1:${port}`;
    shop = spawn('npm', ['run', '-s', 'shop'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), SHOP_URL: shopUrl, FPGO_URL: t.baseUrl, FPGO_API_TOKEN: m.token, FPGO_CALLBACK_SECRET: m.callbackSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so npm and the node it starts stop together.
      detached: true,
    });
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        shopOutput += chunk.toString();
        if (shopOutput.includes('shop: listening on')) resolve();
      };
      shop.stdout!.on('data', onData);
      shop.stderr!.on('data', onData);
      shop.once('exit', (code) => reject(new Error(`the shop exited (${code}): ${shopOutput}`)));
    });
  });
  afterAll(async () => {
    if (shop?.pid && shop.exitCode === null) process.kill(-shop.pid, 'SIGTERM');
    await browser?.close();
    await t?.close();
  });

  it('create → pay → verified callback → capture', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(shopUrl);
      await page.getByLabel('Name').fill('Ingrid Hansen');
      await page.getByLabel('Email').fill('ingrid@example.com');
      await page.getByRole('button', { name: 'Reserve' }).click();
      await page.waitForURL(`${t.baseUrl}/checkout/**`);
      await page.getByLabel('Card number').fill('4111 1111 1111 1111');
      await page.getByLabel('Expiry date').fill(futureExpiry());
      await page.getByLabel('Security code').fill('123');
      await page.getByLabel('Name on card').fill('Ingrid Hansen');
      await page.getByRole('button', { name: /^Pay / }).click();
      await page.waitForURL(`${shopUrl}/orders/**`);
      // The page refreshes itself until the shop has verified fpgo's RESERVED callback.
      await page.getByRole('heading', { level: 1, name: 'Payment confirmed' }).waitFor();
      const reservationUuid = (await page.locator('main').innerText()).match(/RES\d{10}/)![0];
      await page.getByRole('button', { name: 'Check out guest' }).click();
      await page.getByRole('heading', { level: 1, name: 'Checked out' }).waitFor();
      expect(await page.getByRole('status').innerText()).toMatch(/^Captured NOK 2400\.00 \(CAP\d{10}\)\. Thank you!$/);
      const details = await m.api.get(`/api/v1/connect/reservations/details/${reservationUuid}`);
      expect(details.json.data).toMatchObject({ status: 'RESERVED', paymentDetails: { reservedAmount: 2400, capturedAmount: 2400 } });
      const log = await m.api.get(`/api/v1/connect/reservations/callbacks/${reservationUuid}`);
      expect(log.json.data.callbacks[0]).toMatchObject({ status: 'RESERVED', delivery: 'delivered', attempts: [expect.objectContaining({ httpStatus: 200 })] });
    } finally {
      await context.close();
    }
  });

  it('refuses a callback whose checksum does not match', async () => {
    const forged = await call(shopUrl, 'GET', '/fpgo/callback?order=x&orderUuid=RES1&status=RESERVED&paymentMethod=Visa&amount=1.00&createdAt=1&timestamp=1&checksum=00');
    expect(forged.status).toBe(403);
  });
});
