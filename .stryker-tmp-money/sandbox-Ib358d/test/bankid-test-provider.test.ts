/**
 * secureDetails for test merchants without BANKID_OIDC_ISSUER: fpgo's built-in test identity
 * provider, over plain HTTP the way a browser without JavaScript uses it. The same gate and the same
 * completion as a real provider; and the rules around it: the browser's new key after a login, the
 * 30 minutes a login lasts, forged codes, odd callbacks, five languages, and live merchants' 417.
 */
// @ts-nocheck

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureExpiry } from './support/browser.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { call, type Answer } from './support/http.js';
import { SandboxPsp } from './support/sandbox-psp.js';
import { API, createSecureOrder, leakedMarks, type SecureOrder } from './support/secure-order.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const TEST_PAGE = '/checkout/bankid/test-provider';
const PERSON = '01019012345';
const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const cookieOf = (answer: Answer) => (answer.headers['set-cookie'] ? String(answer.headers['set-cookie']).split(';')[0] : undefined);

describe(`BankID through the built-in test provider (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const clock = new ManualClock();

  beforeAll(async () => {
    t = await startApp({ clock });
    m = await t.merchant('Fjordhotellet');
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, cookie?: string) => call(t.baseUrl, 'GET', path, { headers: cookie ? { cookie } : {} });
  const post = (path: string, fields: Record<string, string>, cookie?: string) =>
    call(t.baseUrl, 'POST', path, { ...form(fields), headers: { ...form(fields).headers, ...(cookie ? { cookie } : {}) } });
  const pathOf = (order: SecureOrder) => new URL(order.paymentUrl).pathname;

  /** Starts a login from the payment link: the browser's cookie and the test provider's state. */
  async function start(order: SecureOrder, cookie?: string) {
    const answer = await get(`${pathOf(order)}/bankid`, cookie);
    expect(answer.status).toBe(303);
    const location = new URL(String(answer.headers.location), t.baseUrl);
    expect(location.pathname).toBe(TEST_PAGE);
    return { cookie: cookieOf(answer) ?? cookie!, state: location.searchParams.get('state')! };
  }

  /** The whole login as `nationalId`: the callback's answer and the cookie the browser holds after it. */
  async function logIn(order: SecureOrder, nationalId: string, cookie?: string) {
    const started = await start(order, cookie);
    const typed = await post(TEST_PAGE, { state: started.state, nationalId, action: 'login' });
    expect(typed.status).toBe(303);
    const back = await get(String(typed.headers.location), started.cookie);
    return { back, before: started.cookie, after: cookieOf(back) ?? started.cookie };
  }

  const history = (uuid: string) => t.store.db.selectFrom('reservation_events').select(['title', 'note']).where('reservation_uuid', '=', uuid).orderBy('id').execute();

  it("opens the order for the reservation's person, under a new browser key; then the order can be paid", async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON });
    expect((await get(pathOf(order))).text).toContain('Continue with BankID');
    const { back, before, after } = await logIn(order, PERSON);
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe(pathOf(order));
    expect(String(back.headers['set-cookie'])).toMatch(/^fpgo_checkout=[\w-]{43}; Max-Age=1800; Path=\/checkout; HttpOnly; SameSite=Lax$/);
    expect(after).not.toBe(before);

    const shown = await get(pathOf(order), after);
    expect(shown.text).toContain(order.marks.product);
    expect(shown.text).toContain('autocomplete="cc-number"');
    const oldKey = await get(pathOf(order), before);
    expect(leakedMarks(oldKey.text, order.marks), 'the key from before the login opens nothing').toEqual([]);

    const paid = await post(pathOf(order), { method: 'visa', cardNumber: '4111111111111111', expiry: futureExpiry(clock.now()), securityCode: '123', holderName: 'Kari' }, after);
    expect(paid.status).toBe(200);
    expect((await m.api.get(`${API}/details/${order.reservationUuid}`)).json.data.status).toBe('RESERVED');
    expect((await history(order.reservationUuid)).map((e) => e.title)).toEqual(['order-created', 'payment-link-opened', 'bankid-verified', 'amount-reserved']);
  });

  it('keeps the orders a browser opened before when it logs in for another, and moves its logins under way', async () => {
    const first = await createSecureOrder(m, { personalNumber: PERSON });
    const second = await createSecureOrder(m, { personalNumber: null });
    const third = await createSecureOrder(m, { personalNumber: null });
    const one = await logIn(first, PERSON);
    const underWay = await start(third, one.after);
    const two = await logIn(second, '05059012345', one.after);
    expect((await get(pathOf(first), two.after)).text).toContain(first.marks.product);
    expect((await get(pathOf(second), two.after)).text).toContain(second.marks.product);
    const typed = await post(TEST_PAGE, { state: underWay.state, nationalId: '06069012345', action: 'login' });
    const back = await get(String(typed.headers.location), two.after);
    expect(back.status).toBe(303);
    expect((await get(pathOf(third), cookieOf(back))).text).toContain(third.marks.product);
  });

  it('refuses another number: 403, nothing of the order, nothing changed, and the payment still refused', async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON, language: 'da' });
    const { back, after } = await logIn(order, '09099012345');
    expect(back.status).toBe(403);
    expect(back.text).toContain('Bestillingen gælder en anden person');
    expect(back.text).toContain('Prøv igen med BankID');
    expect(leakedMarks(back.text, order.marks)).toEqual([]);
    expect(back.headers['set-cookie']).toBeUndefined();
    const paid = await post(pathOf(order), { method: 'visa', cardNumber: '4111111111111111', expiry: futureExpiry(clock.now()), securityCode: '123', holderName: 'K' }, after);
    expect(paid.status).toBe(403);
    expect(leakedMarks(paid.text, order.marks)).toEqual([]);
    expect((await m.api.get(`${API}/details/${order.reservationUuid}`)).json.data.status).toBe('SENT');
  });

  it('shows the order for 30 minutes after a login, then asks again', async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON });
    const { after } = await logIn(order, PERSON);
    clock.advance(30 * 60_000 - 1);
    expect((await get(pathOf(order), after)).text).toContain(order.marks.product);
    clock.advance(1);
    const later = await get(pathOf(order), after);
    expect(leakedMarks(later.text, order.marks)).toEqual([]);
    expect(later.text).toContain('Continue with BankID');
  });

  it('labels its page as a test, wants 11 digits, and a cancel comes back as access_denied', async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON, language: 'sv' });
    const { cookie, state } = await start(order);
    const page = await get(`${TEST_PAGE}?state=${state}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Testinloggning (inte BankID)');
    expect(page.text).toContain('inte BankID. Den erbjuds bara testhandlare');
    expect(leakedMarks(page.text, order.marks)).toEqual([]);

    const typo = await post(TEST_PAGE, { state, nationalId: '0101 9012', action: 'login' });
    expect(typo.status).toBe(422);
    expect(typo.text).toContain('Skriv 11 siffror.');
    expect(typo.text).toMatch(/id="nationalId"[^>]*aria-invalid="true"/);

    const cancelled = await post(TEST_PAGE, { state, action: 'cancel' });
    expect(cancelled.status).toBe(303);
    expect(new URL(String(cancelled.headers.location), t.baseUrl).searchParams.get('error')).toBe('access_denied');
    const back = await get(String(cancelled.headers.location), cookie);
    expect(back.status).toBe(200);
    expect(back.text).toContain('BankID-inloggningen avbröts');
    expect(back.text).toContain(`href="${pathOf(order)}/bankid"`);
  });

  it('refuses a code issued for another login, an unknown state, a missing cookie and odd callbacks — never a 500', async () => {
    const order = await createSecureOrder(m, { personalNumber: PERSON });
    const one = await start(order);
    const two = await start(order, one.cookie);
    const forOne = new URL(String((await post(TEST_PAGE, { state: one.state, nationalId: PERSON, action: 'login' })).headers.location), t.baseUrl);
    const swapped = await get(`/checkout/bankid/callback?code=${forOne.searchParams.get('code')}&state=${two.state}`, two.cookie);
    expect(swapped.status).toBe(400);
    expect(swapped.text).toContain('BankID login failed');

    for (const query of ['', '?state=', `?state=${one.state}&state=${two.state}`, '?code[a][b][c]=1&state[x]=2', '?state=%F0%9F%92%A5%00', `?error=access_denied`]) {
      const answer = await get(`/checkout/bankid/callback${query}`, one.cookie);
      expect(answer.status, query).toBe(400);
      expect(answer.text, query).toMatch(/The login has expired|expired or was already used|BankID login failed/);
    }
    const noCookie = await get(forOne.pathname + forOne.search);
    expect(noCookie.status).toBe(400);
    expect(noCookie.text).toContain('Denne BankID-innloggingen er utløpt');
    expect((await get(`${TEST_PAGE}?state=unknown`)).status).toBe(400);
    expect((await get(`${TEST_PAGE}?state=${one.state}%00`)).status).toBe(400);
    expect((await post(TEST_PAGE, { state: 'unknown', nationalId: PERSON })).status).toBe(400);
    expect((await history(order.reservationUuid)).map((e) => e.title)).not.toContain('bankid-verified');
  });

  it('starts no login for an unknown link or an order without secureDetails', async () => {
    expect((await get('/checkout/unknown-token-0000000000000000000/bankid')).status).toBe(404);
    // A NUL byte or other odd text in the token is an unknown link on both databases, not a 500.
    for (const token of ['%00abc', 'abc%00', '%F0%9F%92%A5', 'a.b']) {
      expect((await get(`/checkout/${token}`)).status, token).toBe(404);
      expect((await get(`/checkout/${token}/bankid`)).status, token).toBe(404);
      expect((await post(`/checkout/${token}`, { method: 'visa' })).status, token).toBe(404);
    }
    const open = await createSecureOrder(m, { secureDetails: false });
    const answer = await get(`${pathOf(open)}/bankid`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(pathOf(open));
    expect((await get(pathOf(open))).text).toContain(open.marks.product);
  });

  it('speaks the customer’s language on the BankID step, in all five', async () => {
    const expected = {
      en: ['Confirm who you are', 'Continue with BankID', 'lang="en"'],
      no: ['Bekreft hvem du er', 'Fortsett med BankID', 'lang="nb"'],
      sv: ['Bekräfta vem du är', 'Fortsätt med BankID', 'lang="sv"'],
      da: ['Bekræft, hvem du er', 'Fortsæt med BankID', 'lang="da"'],
      de: ['Bestätigen Sie, wer Sie sind', 'Weiter mit BankID', 'lang="de"'],
    };
    for (const [language, texts] of Object.entries(expected)) {
      const order = await createSecureOrder(m, { personalNumber: PERSON, language });
      const page = await get(pathOf(order));
      expect(page.status).toBe(200);
      for (const text of texts) expect(page.text, language).toContain(text);
      expect(leakedMarks(page.text, order.marks), language).toEqual([]);
    }
  });
});

describe(`live merchants and secureDetails (${TEST_BACKEND})`, () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('refuses secureDetails with a 417 naming the field when no identity provider is configured, and changes nothing', async () => {
    t = await startApp({ liveGateway: new SandboxPsp() });
    const live = await t.merchant('Live Shop AS', 'live');
    for (const via of ['create', 'submit']) {
      const body = exampleWith((b) => (b.settings.secureDetails = true));
      const answer = await live.api.post(`${API}/${via}`, body);
      expect(answer.status, via).toBe(417);
      expect(answer.json).toMatchObject({
        message: 'payloadValidationErrors',
        errors: ['The settings.secure details field cannot be true: BankID verification is not configured on this server.'],
      });
    }
    expect(await t.store.db.selectFrom('reservations').select('uuid').execute()).toEqual([]);
    expect((await live.api.post(`${API}/create`, exampleWith((b) => (b.settings.secureDetails = false)))).status).toBe(201);
    const test = await t.merchant('Test Shop AS', 'test');
    expect((await test.api.post(`${API}/create`, exampleWith((b) => (b.settings.secureDetails = true)))).status).toBe(201);
  });

  it('accepts it once an issuer is configured', async () => {
    const configured = await startApp({
      bankId: { issuer: 'https://bankid.example', clientId: 'fpgo', clientSecret: 's', scope: 'openid', acrValues: null, nationalIdClaim: 'nnin' },
      liveGateway: new SandboxPsp(),
    });
    try {
      const live = await configured.merchant('Live Shop AS', 'live');
      expect((await live.api.post(`${API}/create`, exampleWith((b) => (b.settings.secureDetails = true)))).status).toBe(201);
    } finally {
      await configured.close();
    }
  });
});
