/**
 * The dashboard over plain HTTP, as a browser without JavaScript uses it: sessions and their cookie,
 * sign-in limits, CSRF, roles, tenant isolation, keyed actions (a double submit captures once), the
 * API's refusal beside the form, the list's search, filters, pages, CSV and chart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableUser, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, sweepSignIns } from '../src/merchants/dashboard-users.js';
import { TEST_BACKEND } from './support/database.js';
import { addUser, attemptSignIn, cookieOf, hiddenField, signIn, type DashboardSession } from './support/dashboard-client.js';
import { exampleWith } from './support/fixtures.js';
import { call } from './support/http.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/[\s\u00a0\u202f]+/g, ' ');

describe(`the dashboard over HTTP (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let admin: DashboardSession;

  beforeAll(async () => {
    t = await startApp();
    m = await t.merchant('Hotel Dashboard');
    const user = await addUser(t, m.id, 'Admin@Example.com');
    admin = await signIn(t.baseUrl, 'admin@example.com', user.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function reservation(change: (b: Record<string, any>) => void = () => {}, pay = true): Promise<{ uuid: string; lineId: number }> {
    const created = await m.api.post(`${API}/create`, exampleWith(change));
    expect(created.status).toBe(201);
    const uuid = created.json.data.reservationUuid as string;
    if (pay) expect((await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(200);
    const details = await m.api.get(`${API}/details/${uuid}`);
    return { uuid, lineId: details.json.data.productList[0].id };
  }

  describe('signing in', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie for /dashboard only, and signs out', async () => {
      const user = await addUser(t, m.id, 'cookie@example.com', 'staff');
      const answer = await attemptSignIn(t.baseUrl, user.email, user.password);
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/dashboard/reservations');
      const header = [answer.headers['set-cookie']].flat().find((c) => c?.startsWith('fpgo_session='))!;
      expect(header).toMatch(/^fpgo_session=[\w-]{43}; Path=\/dashboard; Max-Age=43200; SameSite=Strict; HttpOnly$/);
      const session = await signIn(t.baseUrl, user.email, user.password);
      expect((await session.get('/dashboard/reservations')).status).toBe(200);
      const out = await session.post('/dashboard/sign-out', {});
      expect(out.headers.location).toBe('/dashboard/sign-in');
      expect((await session.get('/dashboard/reservations')).status).toBe(303);
    });

    it('sends visitors without a session to the sign-in form, keeping where they were going', async () => {
      const answer = await call(t.baseUrl, 'GET', '/dashboard/reservations?status=SENT');
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/dashboard/sign-in?next=%2Fdashboard%2Freservations%3Fstatus%3DSENT');
      const form = await call(t.baseUrl, 'GET', '/dashboard/sign-in?next=https://evil.example/');
      expect(hiddenField(form.text, 'next')).toBe('/dashboard/reservations');
    });

    it('refuses a wrong password, then the account for 15 minutes after 5 failures, even with the right password', async () => {
      const user = await addUser(t, m.id, 'limited@example.com', 'staff');
      for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
        const wrong = await attemptSignIn(t.baseUrl, user.email, 'wrong password!', { 'x-case': String(i) });
        expect(wrong.status).toBe(401);
        expect(plain(wrong.text)).toContain('The email address or the password is wrong.');
      }
      const blocked = await attemptSignIn(t.baseUrl, user.email, user.password);
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBe('900');
      expect(plain(blocked.text)).toContain('Too many failed sign-ins. Try again in 15 minutes.');
    });

    it('refuses an address after 20 failures across accounts, and unknown accounts fail like wrong passwords', async () => {
      const limited = await startApp();
      try {
        const merchant = await limited.merchant();
        const user = await addUser(limited, merchant.id, 'someone@example.com');
        for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
          expect((await attemptSignIn(limited.baseUrl, `nobody${i}@example.com`, 'whatever password')).status).toBe(401);
        }
        expect((await attemptSignIn(limited.baseUrl, user.email, user.password)).status).toBe(429);
      } finally {
        await limited.close();
      }
    });

    it('ends the sessions of a disabled user and refuses their sign-in', async () => {
      const user = await addUser(t, m.id, 'leaver@example.com', 'staff');
      const session = await signIn(t.baseUrl, user.email, user.password);
      expect(await disableUser({ users: t.store.users, clock: { now: () => Date.now() } }, user.email)).toBe(true);
      expect((await session.get('/dashboard/reservations')).status).toBe(303);
      expect((await attemptSignIn(t.baseUrl, user.email, user.password)).status).toBe(401);
    });

    it('ends a session after 2 idle hours', async () => {
      const clock = new ManualClock();
      const timed = await startApp({ clock });
      try {
        const merchant = await timed.merchant();
        const user = await addUser(timed, merchant.id, 'idle@example.com');
        const session = await signIn(timed.baseUrl, user.email, user.password);
        clock.advance(119 * 60_000);
        expect((await session.get('/dashboard/reservations')).status).toBe(200);
        await attemptSignIn(timed.baseUrl, user.email, 'a wrong password');
        clock.advance(2 * 3_600_000);
        expect((await session.get('/dashboard/reservations')).status).toBe(303);
        // The sweeper forgets ended sessions and failures older than the 15-minute window.
        const live = await signIn(timed.baseUrl, user.email, user.password);
        expect(await sweepSignIns({ users: timed.store.users, clock })).toBe(1);
        expect(await timed.store.db.selectFrom('dashboard_sessions').select('user_id').execute()).toHaveLength(1);
        expect((await live.get('/dashboard/reservations')).status).toBe(200);
      } finally {
        await timed.close();
      }
    });
  });

  describe('forms', () => {
    it('refuses a post without the CSRF token, or from another origin, and changes nothing', async () => {
      const { uuid, lineId } = await reservation();
      const form = { idempotencyKey: 'k-csrf-1', [`line-${lineId}`]: '100', confirmed: 'yes' };
      const missing = await admin.post(`/dashboard/reservations/${uuid}/capture`, form, { csrf: false });
      expect(missing.status).toBe(403);
      expect(plain(missing.text)).toContain('This form has expired or was sent from another site.');
      expect((await admin.post(`/dashboard/reservations/${uuid}/capture`, { ...form, _csrf: 'x'.repeat(32) }, { csrf: false })).status).toBe(403);
      expect((await admin.post(`/dashboard/reservations/${uuid}/capture`, form, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
      expect((await admin.post(`/dashboard/reservations/${uuid}/capture`, form, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
      expect((await m.api.get(`${API}/details/${uuid}`)).json.data.paymentDetails.capturedAmount).toBe(0);
    });

    it('asks for confirmation first, then captures once however often the form is sent', async () => {
      const { uuid, lineId } = await reservation();
      const page = await admin.get(`/dashboard/reservations/${uuid}`);
      const key = hiddenField(page.text, 'idempotencyKey')!;
      const form = { idempotencyKey: key, formId: 'capture', [`line-${lineId}`]: '250,50' };
      const confirm = await admin.post(`/dashboard/reservations/${uuid}/capture`, form);
      expect(confirm.status).toBe(200);
      expect(plain(confirm.text)).toContain(`Capture NOK 250.50 of reservation ${uuid}.`);
      expect((await m.api.get(`${API}/details/${uuid}`)).json.data.paymentDetails.capturedAmount).toBe(0);
      const answers = await Promise.all([1, 2, 3].map(() => admin.post(`/dashboard/reservations/${uuid}/capture`, { ...form, confirmed: 'yes' })));
      expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([303]));
      for (const answer of answers) expect([303, 409]).toContain(answer.status);
      const again = await admin.post(`/dashboard/reservations/${uuid}/capture`, { ...form, confirmed: 'yes' });
      expect(again.headers.location).toBe(`/dashboard/reservations/${uuid}?done=capture`);
      const details = (await m.api.get(`${API}/details/${uuid}`)).json.data;
      expect(details.paymentHistory.captured).toHaveLength(1);
      expect(details.paymentDetails.capturedAmount).toBe(250.5);
      const history = await m.api.get(`${API}/history`);
      expect(history.json.data.filter((e: any) => e.title === 'amount-captured-from-reservation' && e.note === details.paymentHistory.captured[0].uuid)[0].actionBy).toBe('admin@example.com');
      const reused = await admin.post(`/dashboard/reservations/${uuid}/capture`, { ...form, [`line-${lineId}`]: '1', confirmed: 'yes' });
      expect(reused.status).toBe(422);
    });

    it("shows the API's refusal, its sentences and key beside the form, with a new key", async () => {
      const { uuid } = await reservation();
      const refused = await admin.post(`/dashboard/reservations/${uuid}/cancel`, { idempotencyKey: 'k-cancel-1', formId: 'cancel', note: '', confirmed: 'yes' });
      expect(refused.status).toBe(400);
      expect(plain(refused.text)).toContain('Refused: Some fields are not valid. payloadValidationErrors The note field is required.');
      expect(refused.text).toMatch(/<form[^>]*id="cancel"[^]*id="cancel-refusal" role="alert"|id="cancel-refusal"/);
      expect(hiddenField(refused.text.slice(refused.text.indexOf('id="cancel"')), 'idempotencyKey')).not.toBe('k-cancel-1');
      const cancelled = await admin.post(`/dashboard/reservations/${uuid}/cancel`, { idempotencyKey: 'k-cancel-2', formId: 'cancel', note: 'Guest called', confirmed: 'yes' });
      expect(cancelled.status).toBe(303);
      expect((await m.api.get(`${API}/details/${uuid}`)).json.data.status).toBe('CANCELLED');
    });

    it("keeps merchants apart: another merchant's reservation is not found, and cannot be acted on", async () => {
      const other = await t.merchant('Other Hotel');
      const created = await other.api.post(`${API}/create`, exampleWith(() => {}));
      const uuid = created.json.data.reservationUuid;
      expect((await admin.get(`/dashboard/reservations/${uuid}`)).status).toBe(404);
      const post = await admin.post(`/dashboard/reservations/${uuid}/cancel`, { idempotencyKey: 'k-other', note: 'x', confirmed: 'yes' });
      expect(post.status).toBe(404);
      expect(plain(post.text)).toContain('There is nothing here.');
      expect((await other.api.get(`${API}/details/${uuid}`)).json.data.status).toBe('SENT');
    });
  });

  describe('the reservation list', () => {
    let list: TestApp;
    let merchant: TestMerchant;
    let session: DashboardSession;
    const uuids: string[] = [];

    beforeAll(async () => {
      list = await startApp();
      merchant = await list.merchant('List Hotel');
      session = await signIn(list.baseUrl, (await addUser(list, merchant.id, 'lists@example.com')).email, 'correct horse battery');
      for (let i = 0; i < 30; i++) {
        const created = await merchant.api.post(
          `${API}/create`,
          exampleWith((b) => {
            b.customerDetails.name = i === 0 ? '=HYPERLINK("http://evil.example")' : `Guest ${String(i).padStart(2, '0')}`;
            b.customerDetails.email = `guest${i}@example.com`;
            b.customerDetails.msisdn = `4000${String(i).padStart(4, '0')}`;
          }),
        );
        uuids.push(created.json.data.reservationUuid);
      }
      await merchant.api.post(`/api/v1/test/reservations/${uuids[29]}/pay`, { cardNumber: '4111111111111111' });
    });
    afterAll(async () => {
      await list?.close();
    });

    const rowIds = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/dashboard\/reservations\/(RES\d+)">/g)].map((match) => match[1]);

    it('lists newest first, 25 a page', async () => {
      const first = await session.get('/dashboard/reservations');
      expect(rowIds(first.text)).toEqual(uuids.slice().reverse().slice(0, 25));
      expect(plain(first.text)).toContain('Page 1 of 2 (30 reservations)');
      const second = await session.get('/dashboard/reservations?page=2');
      expect(rowIds(second.text)).toEqual(uuids.slice().reverse().slice(25));
    });

    it('searches by id, name, email and phone, and filters by status and dates', async () => {
      const ids = async (query: string) => rowIds((await session.get(`/dashboard/reservations?${query}`)).text);
      expect(await ids(`q=${uuids[7]!.toLowerCase()}`)).toEqual([uuids[7]]);
      expect(await ids('q=guest%2012')).toEqual([uuids[12]]);
      expect(await ids('q=GUEST13%40example')).toEqual([uuids[13]]);
      expect(await ids('q=%2B47%204000%200014')).toEqual([uuids[14]]);
      expect(await ids('q=100%25')).toEqual([]);
      expect(await ids('status=RESERVED')).toEqual([uuids[29]]);
      expect((await ids('status=SENT')).length).toBe(25);
      // The dashboard's dates are Oslo's: near midnight UTC, Oslo is already a day ahead.
      const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
      expect((await ids(`from=${today}&to=${today}&status=RESERVED`)).length).toBe(1);
      expect(await ids('to=2000-01-01')).toEqual([]);
    });

    it('exports the filtered list as CSV, with formulas defused', async () => {
      const csv = await session.get('/dashboard/reservations.csv?q=example.com');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="reservations-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe('reservationUuid,status,customerName,customerEmail,customerPhone,currency,grandTotal,reserved,captured,charged,refunded,createdAt,reservedAt');
      expect(lines).toHaveLength(31);
      expect(lines[1]).toMatch(new RegExp(`^${uuids[29]},RESERVED,Guest 29,guest29@example.com,\\+47 40000029,NOK,1000\\.00,1000\\.00,0\\.00,0\\.00,0\\.00,`));
      expect(lines[30]).toContain(`${uuids[0]},SENT,"'=HYPERLINK(""http://evil.example"")",`);
      expect((await session.get('/dashboard/reservations.csv?status=RESERVED')).text.trim().split('\r\n')).toHaveLength(2);
    });

    it('draws the last 30 days of reserved and captured amounts', async () => {
      const page = await session.get('/dashboard/reservations');
      expect(page.text).toMatch(/<svg class="chart"[^>]*role="img"/);
      expect(plain(page.text)).toContain('In the last 30 days NOK 1,000.00 was reserved and NOK 0.00 captured.');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    });
  });

  describe('roles', () => {
    it('keeps staff off Developers and Users, and their forms', async () => {
      const staff = await signIn(t.baseUrl, (await addUser(t, m.id, 'staff@example.com', 'staff')).email, 'correct horse battery');
      for (const path of ['/dashboard/developers', '/dashboard/users']) expect((await staff.get(path)).status).toBe(403);
      expect((await staff.post('/dashboard/developers/tokens', {})).status).toBe(403);
      expect((await staff.post('/dashboard/developers/callback-secret', { graceSeconds: '0' })).status).toBe(403);
      expect((await staff.post('/dashboard/users', { email: 'new@example.com', role: 'admin' })).status).toBe(403);
      expect((await staff.get('/dashboard/reservations')).status).toBe(200);
    });
  });

  describe('Developers and Users (admins)', () => {
    it('creates an API token shown once, and revokes it', async () => {
      const created = await admin.post('/dashboard/developers/tokens', {});
      const token = /<code class="secret" id="shown-secret">(fpgo_test_[\w-]+)<\/code>/.exec(created.text)![1]!;
      expect((await call(t.baseUrl, 'GET', '/api/v1/test/clock', { token })).status).toBe(200);
      expect((await admin.get('/dashboard/developers')).text).not.toContain(token);
      const id = new RegExp(`/dashboard/developers/tokens/(\\d+)/revoke"[^]*?${token.slice(0, 16)}`).exec(created.text)?.[1];
      const revokeId = id ?? /\/dashboard\/developers\/tokens\/(\d+)\/revoke/.exec(created.text)![1]!;
      const revoked = await admin.post(`/dashboard/developers/tokens/${revokeId}/revoke`, {});
      expect(plain(revoked.text)).toContain(`The token ${token.slice(0, 16)}… is revoked.`);
      expect((await call(t.baseUrl, 'GET', '/api/v1/test/clock', { token })).status).toBe(401);
    });

    it('moves the test clock and pays with a test card', async () => {
      const { uuid } = await reservation(() => {}, false);
      const moved = await admin.post('/dashboard/developers/test-clock', { amount: '2', unit: 'hours' });
      expect(moved.status).toBe(200);
      expect((await m.api.get('/api/v1/test/clock')).json.data.offsetSeconds).toBe(7200);
      const refused = await admin.post('/dashboard/developers/test-clock', { amount: '0', unit: 'hours' });
      expect(refused.status).toBe(400);
      expect(plain(refused.text)).toContain('The advance seconds field must be at least 1');
      const paid = await admin.post('/dashboard/developers/test-payment', { reservationUuid: uuid, cardNumber: '4111111111111111' });
      expect(plain(paid.text)).toContain(`Reservation ${uuid} is paid with a test card.`);
      expect((await m.api.get(`${API}/details/${uuid}`)).json.data.status).toBe('RESERVED');
    });

    it('adds a user with a password shown once, who can sign in, and disables them', async () => {
      const added = await admin.post('/dashboard/users', { email: 'New.Person@example.com', role: 'staff' });
      const password = /<code class="secret">([\w-]+)<\/code>/.exec(added.text)![1]!;
      const session = await signIn(t.baseUrl, 'new.person@example.com', password);
      expect((await session.get('/dashboard/users')).status).toBe(403);
      expect((await admin.post('/dashboard/users', { email: 'new.person@example.com', role: 'staff' })).status).toBe(400);
      expect((await admin.post('/dashboard/users/disable', { email: 'admin@example.com' })).status).toBe(404);
      expect((await admin.post('/dashboard/users/disable', { email: 'new.person@example.com' })).status).toBe(200);
      expect((await session.get('/dashboard/reservations')).status).toBe(303);
    });

    it('switches the language to Norwegian and back', async () => {
      const switched = await admin.get('/dashboard/language/no?back=/dashboard/users');
      expect(switched.headers.location).toBe('/dashboard/users');
      const cookie = cookieOf(switched, 'fpgo_language')!;
      const page = await call(t.baseUrl, 'GET', '/dashboard/reservations', { headers: { cookie: `${admin.cookie}; ${cookie}` } });
      expect(page.text).toContain('<html lang="nb">');
      expect(page.text).toContain('<h1>Reservasjoner</h1>');
      expect((await admin.get('/dashboard/language/no?back=https://evil.example')).headers.location).toBe('/dashboard/reservations');
    });
  });
});
