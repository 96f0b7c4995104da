/**
 * secureDetails with a real OpenID Connect provider on loopback (npm oidc-provider, its development
 * login) standing in for BankID, driven in Chromium: the right person sees the order and pays, the
 * wrong person and other browsers see nothing, and every way a login can go wrong (cancelled,
 * tampered, replayed, provider down, a forged ID token signature) ends on a page, never a 500.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureExpiry, launchChromium } from './support/browser.js';
import { databaseDump } from './support/database-dump.js';
import { TEST_BACKEND } from './support/database.js';
import { call } from './support/http.js';
import { startIdentityProvider, type LoopbackIdentityProvider } from './support/identity-provider.js';
import { SandboxPsp } from './support/sandbox-psp.js';
import { API, createSecureOrder, leakedMarks, payWithTestCard, type SecureOrder } from './support/secure-order.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';
import { loggerInto } from './support/log-lines.js';

const CALLBACK = '/checkout/bankid/callback';
const PERSON = '01019012345';
const SOMEONE_ELSE = '02029054321';
const ANYONE = '03039011111';

interface Setup {
  idp: LoopbackIdentityProvider;
  t: TestApp;
  m: TestMerchant;
}

/** An app and its own identity provider (claims in the ID token as BankID sends them, unless told otherwise). */
async function setUp(options: { claimsInIdToken?: boolean; logLines?: string[] } = {}): Promise<Setup> {
  const idp = await startIdentityProvider({ claimsInIdToken: options.claimsInIdToken ?? true });
  const logger = options.logLines ? loggerInto(options.logLines) : undefined;
  const t = await startApp({
    logger,
    bankId: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      scope: 'openid',
      acrValues: 'urn:grn:authn:no:bankid',
      nationalIdClaim: 'pid',
    },
  });
  idp.register(`${t.baseUrl}${CALLBACK}`);
  return { idp, t, m: await t.merchant('Fjordhotellet') };
}

const historyOf = (t: TestApp, uuid: string) =>
  t.store.db.selectFrom('reservation_events').select(['title', 'note']).where('reservation_uuid', '=', uuid).orderBy('id').execute();
const statusOf = async (m: TestMerchant, uuid: string) => (await m.api.get(`${API}/details/${uuid}`)).json.data.status as string;

describe(`BankID over OpenID Connect (${TEST_BACKEND})`, { timeout: 60_000 }, () => {
  const logLines: string[] = [];
  let s: Setup;
  let browser: Browser;

  beforeAll(async () => {
    [s, browser] = await Promise.all([setUp({ logLines }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.t.close();
    await s?.idp.close();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  /** From the payment link through the provider's login (and consent) as `person`; the status of the page fpgo ends on. */
  async function logIn(page: Page, order: SecureOrder, person: string, setup: Setup = s): Promise<number | undefined> {
    await page.goto(order.paymentUrl);
    await page.getByRole('link', { name: /BankID/ }).click();
    await page.waitForURL((url) => url.toString().startsWith(setup.idp.issuer));
    await page.locator('input[name=login]').fill(person);
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    const callback = page.waitForResponse((response) => response.url().startsWith(`${setup.t.baseUrl}${CALLBACK}`));
    await page.getByRole('button', { name: 'Continue' }).click();
    const status = (await callback).status();
    await page.waitForURL((url) => url.toString().startsWith(setup.t.baseUrl));
    return status;
  }

  it('before a login the page holds nothing of the order, offers BankID, and refuses a payment', async () => {
    const order = await createSecureOrder(s.m, { personalNumber: PERSON });
    const page = await call(order.paymentUrl, 'GET', order.paymentUrl);
    expect(page.status).toBe(200);
    expect(leakedMarks(page.text, order.marks)).toEqual([]);
    expect(page.text).toContain('Continue with BankID');
    expect(page.text).toContain('Fjordhotellet');
    expect(page.text).not.toMatch(/name="cardNumber"|autocomplete="cc-number"/);

    const paid = await call(order.paymentUrl, 'POST', order.paymentUrl, {
      rawBody: new URLSearchParams({ method: 'visa', cardNumber: '4111111111111111', expiry: futureExpiry(), securityCode: '123', holderName: 'K' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(paid.status).toBe(403);
    expect(leakedMarks(paid.text, order.marks)).toEqual([]);
    expect(paid.text).toContain('Continue with BankID');
    expect(await statusOf(s.m, order.reservationUuid)).toBe('SENT');
    expect((await historyOf(s.t, order.reservationUuid)).map((e) => e.title)).toEqual(['order-created', 'payment-link-opened']);
  });

  it('the right person sees the order after logging in and pays; another browser still sees nothing', async () => {
    const order = await createSecureOrder(s.m, { personalNumber: PERSON });
    const page = await newPage();
    const authorizationsBefore = s.idp.authorizations.length;
    expect(await logIn(page, order, PERSON)).toBe(303);
    expect(page.url()).toBe(order.paymentUrl);
    await page.getByText(order.marks.product).waitFor();

    // Authorization code flow with PKCE S256, state and nonce, to exactly PUBLIC_BASE_URL + the callback path.
    const request = s.idp.authorizations[authorizationsBefore]!;
    expect(Object.fromEntries([...request].filter(([name]) => !['state', 'nonce', 'code_challenge'].includes(name)))).toEqual({
      client_id: s.idp.clientId,
      redirect_uri: `${s.t.baseUrl}${CALLBACK}`,
      scope: 'openid',
      response_type: 'code',
      code_challenge_method: 'S256',
      acr_values: 'urn:grn:authn:no:bankid',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(request.get(name)).toMatch(/^[\w-]{43,}$/);
    // The code was exchanged with client_secret_basic.
    const token = s.idp.tokenRequests.at(-1)!;
    expect(token.status).toBe(200);
    const basic = Buffer.from(token.authorization!.replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent);
    expect(basic).toEqual([s.idp.clientId, s.idp.clientSecret]);

    const cookie = (await page.context().cookies()).find((c) => c.name === 'fpgo_checkout');
    expect(cookie).toMatchObject({ name: 'fpgo_checkout', path: '/checkout', httpOnly: true, sameSite: 'Lax', secure: false });
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(cookie!.expires * 1000 - Date.now()).toBeLessThanOrEqual(30 * 60_000);

    await payWithTestCard(page, futureExpiry());
    await page.locator('.notice-approved').waitFor();
    expect(await statusOf(s.m, order.reservationUuid)).toBe('RESERVED');
    expect(await historyOf(s.t, order.reservationUuid)).toContainEqual({ title: 'bankid-verified', note: 'personalNumber matched' });

    const other = await newPage();
    const second = await createSecureOrder(s.m, { personalNumber: PERSON });
    await page.goto(second.paymentUrl);
    expect(leakedMarks(await page.content(), second.marks), 'the login opened one order, not the next').toEqual([]);
    await other.goto(second.paymentUrl);
    expect(leakedMarks(await other.content(), second.marks)).toEqual([]);
    await other.getByRole('link', { name: 'Continue with BankID' }).waitFor();
  });

  it('another person is refused: no order, no card form, nothing changed', async () => {
    const order = await createSecureOrder(s.m, { personalNumber: PERSON });
    const page = await newPage();
    expect(await logIn(page, order, SOMEONE_ELSE)).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This order is for someone else');
    expect(leakedMarks(await page.content(), order.marks)).toEqual([]);
    expect(await page.getByLabel('Card number').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Try again with BankID' }).getAttribute('href')).toBe(`${new URL(order.paymentUrl).pathname}/bankid`);
    await page.goto(order.paymentUrl);
    expect(leakedMarks(await page.content(), order.marks)).toEqual([]);
    expect(await statusOf(s.m, order.reservationUuid)).toBe('SENT');
    expect(await historyOf(s.t, order.reservationUuid)).toContainEqual({ title: 'bankid-verified', note: 'personalNumber did not match' });
  });

  it('without a personalNumber any verified person sees the order', async () => {
    const order = await createSecureOrder(s.m, { personalNumber: null });
    const page = await newPage();
    expect(await logIn(page, order, ANYONE)).toBe(303);
    await page.getByText(order.marks.product).waitFor();
    expect(await historyOf(s.t, order.reservationUuid)).toContainEqual({ title: 'bankid-verified', note: 'no personalNumber to match' });
  });

  it("a login cancelled at the provider ends on a page in the customer's language that starts it again", async () => {
    const order = await createSecureOrder(s.m, { personalNumber: PERSON, language: 'no' });
    const page = await newPage();
    await page.goto(order.paymentUrl);
    await page.getByRole('link', { name: 'Fortsett med BankID' }).click();
    await page.waitForURL((url) => url.toString().startsWith(s.idp.issuer));
    const callback = page.waitForResponse((response) => response.url().startsWith(`${s.t.baseUrl}${CALLBACK}`));
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    expect((await callback).status()).toBe(200);
    expect(new URL((await callback).url()).searchParams.get('error')).toBe('access_denied');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('BankID-innloggingen ble avbrutt');
    expect(leakedMarks(await page.content(), order.marks)).toEqual([]);
    await page.getByRole('link', { name: 'Prøv igjen med BankID' }).click();
    await page.waitForURL((url) => url.toString().startsWith(s.idp.issuer));
    await page.locator('input[name=login]').waitFor();
  });

  it('a tampered state is refused with a page that starts the login again; nothing is recorded', async () => {
    const order = await createSecureOrder(s.m, { personalNumber: PERSON });
    const page = await newPage();
    s.idp.tamperWithAnswer = (answer) => answer.searchParams.set('state', `${answer.searchParams.get('state')}x`);
    try {
      expect(await logIn(page, order, PERSON)).toBe(400);
    } finally {
      s.idp.tamperWithAnswer = undefined;
    }
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The login has expired');
    expect(leakedMarks(await page.content(), order.marks)).toEqual([]);
    await page.getByRole('link', { name: 'Try again with BankID' }).waitFor();
    expect((await historyOf(s.t, order.reservationUuid)).map((e) => e.title)).not.toContain('bankid-verified');
  });

  it('a callback replayed (the same code and state again) is refused, in the same browser and in another', async () => {
    const order = await createSecureOrder(s.m, { personalNumber: PERSON });
    const page = await newPage();
    const callbacks: string[] = [];
    page.on('request', (request) => request.url().startsWith(`${s.t.baseUrl}${CALLBACK}`) && callbacks.push(request.url()));
    expect(await logIn(page, order, PERSON)).toBe(303);
    const replay = await page.goto(callbacks[0]!);
    expect(replay?.status()).toBe(400);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The login has expired');
    await page.goto(order.paymentUrl);
    await page.getByText(order.marks.product).waitFor();

    const elsewhere = await call(s.t.baseUrl, 'GET', callbacks[0]!);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.text).toContain('Open the payment link you were sent again');
    expect(leakedMarks(elsewhere.text, order.marks)).toEqual([]);
    expect((await historyOf(s.t, order.reservationUuid)).filter((e) => e.title === 'bankid-verified')).toHaveLength(1);
  });

  it('keeps no national identity number in the database or the log beyond the personalNumber the merchant sent', async () => {
    const dump = await databaseDump(s.t);
    expect(dump.text).toContain('bankid-verified');
    expect(dump.text.includes(SOMEONE_ELSE), 'the refused person').toBe(false);
    expect(dump.text.includes(ANYONE), 'a person verified for an order without personalNumber').toBe(false);
    const log = logLines.join('');
    expect(log).toContain(CALLBACK);
    for (const id of [PERSON, SOMEONE_ELSE, ANYONE]) expect(log.includes(id), id).toBe(false);
  });
});

describe(`BankID providers that answer differently or not at all (${TEST_BACKEND})`, { timeout: 60_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function loginIn(setup: Setup, order: SecureOrder, person: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(order.paymentUrl);
    await page.getByRole('link', { name: /BankID/ }).click();
    await page.locator('input[name=login]').fill(person);
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.toString().startsWith(setup.t.baseUrl));
    return page;
  }

  it('reads the national identity number from userinfo when the ID token does not carry it; then the provider goes down', async () => {
    const setup = await setUp({ claimsInIdToken: false });
    try {
      const order = await createSecureOrder(setup.m, { personalNumber: PERSON });
      const page = await loginIn(setup, order, PERSON);
      await page.getByText(order.marks.product).waitFor();
      await page.context().close();

      // A login started while the provider was up comes back after it went down.
      const next = await createSecureOrder(setup.m, { personalNumber: PERSON, language: 'sv' });
      const start = await call(setup.t.baseUrl, 'GET', `${new URL(next.paymentUrl).pathname}/bankid`);
      expect(start.status).toBe(303);
      const cookie = String(start.headers['set-cookie']).split(';')[0]!;
      const state = new URL(String(start.headers.location)).searchParams.get('state')!;
      await setup.idp.close();
      const query = new URLSearchParams({ code: 'abc', state, iss: setup.idp.issuer });
      const back = await call(setup.t.baseUrl, 'GET', `${CALLBACK}?${query}`, { headers: { cookie } });
      expect(back.status).toBe(503);
      expect(back.text).toContain('BankID är inte tillgängligt just nu');
      expect(back.text).toContain('Försök igen med BankID');
      expect(await statusOf(setup.m, next.reservationUuid)).toBe('SENT');
    } finally {
      await setup.t.close();
    }
  });

  it('refuses an ID token whose signature does not verify with the provider’s keys', async () => {
    const logLines: string[] = [];
    const setup = await setUp({ logLines });
    setup.idp.serveForeignKeys = true;
    try {
      const order = await createSecureOrder(setup.m, { personalNumber: PERSON });
      const page = await loginIn(setup, order, PERSON);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('BankID login failed');
      expect(leakedMarks(await page.content(), order.marks)).toEqual([]);
      expect(setup.idp.tokenRequests.at(-1)?.status).toBe(200);
      expect(logLines.join('')).toContain('JWT signature verification failed');
      expect((await historyOf(setup.t, order.reservationUuid)).map((e) => e.title)).not.toContain('bankid-verified');
      await page.context().close();
    } finally {
      await setup.t.close();
      await setup.idp.close();
    }
  });

  it('answers 503 with a way to try again when the provider cannot be reached at all', async () => {
    const idp = await startIdentityProvider();
    await idp.close(); // its port is now closed
    const t = await startApp({
      bankId: { issuer: idp.issuer, clientId: 'x', clientSecret: 'y', scope: 'openid', acrValues: null, nationalIdClaim: 'nnin' },
      liveGateway: new SandboxPsp(),
    });
    try {
      const order = await createSecureOrder(await t.merchant('Down Ltd', 'live'), { personalNumber: PERSON, language: 'de' });
      const path = new URL(order.paymentUrl).pathname;
      const answer = await call(t.baseUrl, 'GET', `${path}/bankid`);
      expect(answer.status).toBe(503);
      expect(answer.text).toContain('BankID ist gerade nicht erreichbar');
      expect(answer.text).toContain(`href="${path}/bankid"`);
      expect(leakedMarks(answer.text, order.marks)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
