/**
 * The payment link reaches the customer: submit/create/resend write messages with the reservation,
 * the worker sends them after commit — email to a real SMTP server (smtp-server, parsed with
 * mailparser), SMS as a signed POST to a real HTTP gateway — and each one sent is a
 * payment-link-sent-to-customer history event and a line of GET notifications/{uuid}. On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import { notificationListSchema, successEnvelope } from '../src/http/openapi-schemas.js';
import { smsSignature } from '../src/notifications/sms-webhook.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { addUser, signIn } from './support/dashboard-client.js';
import { call } from './support/http.js';
import { startSmsGateway, type SmsGateway } from './support/sms-gateway.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';
const SECRET = 'whsec_' + Buffer.from('sms-webhook-secret-for-tests').toString('base64');
let tag = 0;
const fresh = (name: string) => `${name}.${Date.now().toString(36)}${++tag}@kunde.example`;

function submitBody(email: string, sendOrderBy: { sms: boolean; email: boolean }, change: (body: Record<string, any>) => void = () => {}) {
  return exampleWith((body) => {
    body.customerDetails.email = email;
    body.customerDetails.preferredLanguage = 'no';
    body.customerDetails.name = 'Kari Nordmann';
    body.sendOrderBy = sendOrderBy;
    body.callback = { callbackUrl: null, success: null, failure: null };
    change(body);
  });
}

async function notificationsOf(m: TestMerchant, uuid: string) {
  return (await m.api.get(`${API}/notifications/${uuid}`)).json.data.notifications as any[];
}

describe(`payment links by email and SMS (${TEST_BACKEND})`, () => {
  let smtp: SmtpSink;
  let sms: SmsGateway;
  let app: TestApp;
  let m: TestMerchant;
  /** The n-th request to the gateway fails with 503 when n is in this set. */
  const failing = new Set<number>();

  beforeAll(async () => {
    smtp = await startSmtpSink();
    sms = await startSmsGateway((n) => (failing.has(n) ? 503 : 200));
    app = await startApp({
      liveGateway: new TestGateway(),
      notifications: { smtp: { url: smtp.url, from: 'Butikken <noreply@butikk.example>' }, smsWebhook: { url: sms.url, secret: SECRET }, retrySchedule: [100, 100, 100] },
    });
    m = await app.merchant('Hotell Fjordutsikt');
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await sms.close();
  });

  it('submit with sendOrderBy.email sends one Norwegian email with a text and an HTML part holding the link', async () => {
    const to = fresh('kari');
    const submitted = await m.api.post(`${API}/submit`, submitBody(to, { sms: false, email: true }));
    expect(submitted.status).toBe(201);
    const { paymentUrl, reservationUuid } = submitted.json.data;
    const [email] = await smtp.waitFor(to);
    expect(email!.subject).toBe('Betalingslenke for reservasjonen din hos Hotell Fjordutsikt');
    expect(email!.from).toBe('noreply@butikk.example');
    expect(email!.text).toContain(paymentUrl);
    expect(email!.text).toContain('Hei Kari Nordmann,');
    expect(email!.text).toMatch(/Forfallsdato: \d\d\.\d\d\.\d{4}/);
    expect(email!.html).toContain(`href="${paymentUrl}"`);
    expect(email!.html).toContain('Betal nå');
    await expect.poll(async () => (await notificationsOf(m, reservationUuid))[0]?.status).toBe('sent');
    const answer = await m.api.get(`${API}/notifications/${reservationUuid}`);
    expect(successEnvelope(200, 'notificationsRetrievedSuccessfully', notificationListSchema).strict().parse(answer.json)).toEqual(answer.json);
    const [listed] = answer.json.data.notifications;
    expect(listed).toMatchObject({ channel: 'email', sentTo: to, reason: 'submit', status: 'sent', failureReason: null, attemptsTotal: 1, devOutbox: null });
    expect(email!.messageId).toBe(`<${listed.messageId}@fpgo>`);
    const history = (await app.store.search.events(m.id, reservationUuid)).filter((e) => e.title === 'payment-link-sent-to-customer');
    expect(history).toEqual([expect.objectContaining({ sentTo: to, channel: 'email', subjectUuid: reservationUuid })]);
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('escapes merchant- and customer-supplied text in the HTML part', async () => {
    const to = fresh('escape');
    await m.api.post(`${API}/submit`, submitBody(to, { sms: false, email: true }, (body) => {
      body.customerDetails.name = '<img src=x onerror=alert(1)>';
      body.products = [{ name: 'Rom <b>"deluxe"</b> & frokost', productId: null, rate: 1000, tax: '0', amount: 1000 }];
    }));
    const [email] = await smtp.waitFor(to);
    expect(email!.html).not.toContain('<img src=x');
    expect(email!.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email!.html).toContain('Rom &lt;b&gt;&quot;deluxe&quot;&lt;/b&gt; &amp; frokost');
    expect(email!.text).toContain('Rom <b>"deluxe"</b> & frokost');
  });

  it('writes in the language the customer prefers, Norwegian when none is given', async () => {
    const english = fresh('english');
    await m.api.post(`${API}/create`, submitBody(english, { sms: false, email: true }, (body) => (body.customerDetails.preferredLanguage = 'en')));
    expect((await smtp.waitFor(english))[0]!.subject).toBe('Payment link for your reservation at Hotell Fjordutsikt');
    const unspecified = fresh('unspecified');
    await m.api.post(`${API}/create`, submitBody(unspecified, { sms: false, email: true }, (body) => delete body.customerDetails.preferredLanguage));
    expect((await smtp.waitFor(unspecified))[0]!.subject).toMatch(/^Betalingslenke/);
  });

  it('create and submit with sendOrderBy false send nothing', async () => {
    const to = fresh('quiet');
    const { reservationUuid } = (await m.api.post(`${API}/submit`, submitBody(to, { sms: false, email: false }))).json.data;
    expect(await notificationsOf(m, reservationUuid)).toEqual([]);
  });

  it('sends the SMS as a signed JSON POST to the E.164 number, and records the gateway delivery report', async () => {
    const before = sms.requests.length;
    const submitted = await m.api.post(`${API}/submit`, submitBody(fresh('sms'), { sms: true, email: false }));
    const { paymentUrl, reservationUuid } = submitted.json.data;
    const request = (await sms.waitFor(before + 1))[before]!;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.json.to).toBe('+4746567468');
    expect(request.json.text).toContain(paymentUrl);
    expect(request.json.text).toMatch(/^Hotell Fjordutsikt: betal reservasjonen din på 1[\s.]?000,00 kr innen \d\d\.\d\d\.\d{4}: http/);
    // The official Standard Webhooks library verifies it.
    expect(new Webhook(SECRET).verify(request.body, request.headers as Record<string, string>)).toEqual(request.json);
    expect(request.headers['webhook-id']).toBe(request.json.reference);

    await expect.poll(async () => (await notificationsOf(m, reservationUuid))[0]?.status).toBe('sent');
    const report = JSON.stringify({ reference: request.json.reference, status: 'delivered', reason: null });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = (signature: string) => ({ 'content-type': 'application/json', 'webhook-id': 'dlr-1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature });
    const forged = await call(app.baseUrl, 'POST', '/webhooks/sms/delivery-reports', { rawBody: report, headers: headers(smsSignature('whsec_b3RoZXI=', 'dlr-1', timestamp, report)) });
    expect(forged.status).toBe(401);
    expect((await notificationsOf(m, reservationUuid))[0].status).toBe('sent');
    const genuine = await call(app.baseUrl, 'POST', '/webhooks/sms/delivery-reports', { rawBody: report, headers: headers(smsSignature(SECRET, 'dlr-1', timestamp, report)) });
    expect(genuine.status).toBe(202);
    const [listed] = await notificationsOf(m, reservationUuid);
    expect(listed).toMatchObject({ channel: 'sms', sentTo: '+4746567468', status: 'delivered' });
    expect(listed.deliveredAt).toEqual(expect.any(Number));
    const unknown = JSON.stringify({ reference: 'msg_nobody', status: 'failed', reason: 'absent' });
    expect((await call(app.baseUrl, 'POST', '/webhooks/sms/delivery-reports', { rawBody: unknown, headers: headers(smsSignature(SECRET, 'dlr-1', timestamp, unknown)) })).status).toBe(404);
  });

  it('records a failed delivery report with its reason', async () => {
    const before = sms.requests.length;
    const { reservationUuid } = (await m.api.post(`${API}/submit`, submitBody(fresh('dlr'), { sms: true, email: false }))).json.data;
    const request = (await sms.waitFor(before + 1))[before]!;
    await expect.poll(async () => (await notificationsOf(m, reservationUuid))[0]?.status).toBe('sent');
    const report = JSON.stringify({ reference: request.json.reference, status: 'failed', reason: 'handset unreachable' });
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = await call(app.baseUrl, 'POST', '/webhooks/sms/delivery-reports', {
      rawBody: report,
      headers: { 'content-type': 'application/json', 'webhook-id': 'dlr-2', 'webhook-timestamp': String(timestamp), 'webhook-signature': smsSignature(SECRET, 'dlr-2', timestamp, report) },
    });
    expect(answer.status).toBe(202);
    expect((await notificationsOf(m, reservationUuid))[0]).toMatchObject({ status: 'failed', failureReason: 'delivery report: handset unreachable' });
  });

  it('tries again when the gateway fails twice, then sends exactly one SMS', async () => {
    const before = sms.requests.length;
    failing.add(before + 1).add(before + 2);
    const { reservationUuid } = (await m.api.post(`${API}/submit`, submitBody(fresh('retry'), { sms: true, email: false }))).json.data;
    await sms.waitFor(before + 3);
    await expect.poll(async () => (await notificationsOf(m, reservationUuid))[0]?.status).toBe('sent');
    const [listed] = await notificationsOf(m, reservationUuid);
    expect(listed.attempts.map((a: any) => [a.outcome, a.error])).toEqual([
      ['retry', 'SMS gateway answered HTTP 503'],
      ['retry', 'SMS gateway answered HTTP 503'],
      ['sent', null],
    ]);
    const requests = sms.requests.slice(before);
    expect(new Set(requests.map((r) => r.json.reference)).size).toBe(1);
    expect(sms.accepted().filter((r) => r.json.reference === listed.messageId)).toHaveLength(1);
    const events = (await app.store.search.events(m.id, reservationUuid)).filter((e) => e.title === 'payment-link-sent-to-customer');
    expect(events).toHaveLength(1);
  });

  it('gives up after the schedule and says why', async () => {
    const before = sms.requests.length;
    for (let n = 1; n <= 4; n++) failing.add(before + n);
    const { reservationUuid } = (await m.api.post(`${API}/submit`, submitBody(fresh('giveup'), { sms: true, email: false }))).json.data;
    await expect.poll(async () => (await notificationsOf(m, reservationUuid))[0]?.status, { timeout: 10_000 }).toBe('failed');
    const [listed] = await notificationsOf(m, reservationUuid);
    expect(listed).toMatchObject({ attemptsTotal: 4, failureReason: 'SMS gateway answered HTTP 503', nextAttemptAt: null });
    expect((await app.store.search.events(m.id, reservationUuid)).some((e) => e.title === 'payment-link-sent-to-customer')).toBe(false);
  });

  it('resend goes to the contacts in its body, or to the stored ones when it names none', async () => {
    const stored = fresh('stored');
    const { reservationUuid, paymentUrl } = (await m.api.post(`${API}/submit`, submitBody(stored, { sms: false, email: true }))).json.data;
    await smtp.waitFor(stored);
    const other = fresh('other');
    const resent = await m.api.post(`${API}/resend/${reservationUuid}`, { countryCode: null, msisdn: null, email: other });
    expect(resent.status).toBe(202);
    expect((await smtp.waitFor(other))[0]!.text).toContain(paymentUrl);
    expect((await m.api.post(`${API}/resend/${reservationUuid}`, {})).status).toBe(202);
    expect(await smtp.waitFor(stored, 2)).toHaveLength(2);
    await expect.poll(async () => (await notificationsOf(m, reservationUuid)).map((n) => [n.reason, n.sentTo, n.status])).toEqual([
      ['submit', stored, 'sent'],
      ['resend', other, 'sent'],
      ['resend', stored, 'sent'],
    ]);
  });

  it('refuses a number that cannot be a mobile number at submit, create and resend (417)', async () => {
    const landline = (body: Record<string, any>) => (body.customerDetails.msisdn = '22334455');
    for (const path of ['submit', 'create']) {
      const answer = await m.api.post(`${API}/${path}`, submitBody(fresh('landline'), { sms: true, email: false }, landline));
      expect(answer.status).toBe(417);
      expect(answer.json.errors).toEqual(['The customer details.msisdn field must be a mobile number that can receive SMS (+47 22334455 cannot).']);
    }
    const withoutSms = await m.api.post(`${API}/submit`, submitBody(fresh('landline'), { sms: false, email: false }, landline));
    expect(withoutSms.status).toBe(201);
    const resent = await m.api.post(`${API}/resend/${withoutSms.json.data.reservationUuid}`, { countryCode: '+47', msisdn: '22334455', email: null });
    expect(resent.status).toBe(417);
    expect(resent.json.errors).toEqual(['The msisdn field must be a mobile number that can receive SMS (+47 22334455 cannot).']);
  });

  it('counts the attempts by outcome and shows the backlog in /metrics', async () => {
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    const value = (series: string) => Number(text.match(new RegExp(`^${series.replace(/[{}"=,]/g, '\\$&')} (\\S+)$`, 'm'))?.[1]);
    expect(value('fpgo_outbox_deliveries_total{kind="notifications",outcome="sent"}')).toBeGreaterThanOrEqual(10);
    expect(value('fpgo_outbox_deliveries_total{kind="notifications",outcome="retry"}')).toBeGreaterThanOrEqual(5);
    expect(value('fpgo_outbox_deliveries_total{kind="notifications",outcome="failed"}')).toBe(1);
    expect(value('fpgo_outbox_pending{kind="notifications"}')).toBe(0);
    expect(value('fpgo_outbox_oldest_due_seconds{kind="notifications"}')).toBe(0);
  });

  it("keeps another merchant's notifications hidden (404)", async () => {
    const { reservationUuid } = (await m.api.post(`${API}/submit`, submitBody(fresh('mine'), { sms: false, email: false }))).json.data;
    const other = await app.merchant('Other');
    const answer = await other.api.get(`${API}/notifications/${reservationUuid}`);
    expect(answer.status).toBe(404);
    expect(answer.json.message).toBe('reservationNotFound');
  });
});

describe(`without SMTP_URL or SMS_WEBHOOK_URL (${TEST_BACKEND})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ liveGateway: new TestGateway(), notifications: {} });
  });
  afterAll(() => app.close());

  it("keeps test merchants' messages in the development outbox, at /dev/outbox and in the API", async () => {
    const m = await app.merchant('Demo & Co');
    const to = fresh('dev');
    const { reservationUuid, paymentUrl } = (await m.api.post(`${API}/submit`, submitBody(to, { sms: true, email: true }))).json.data;
    await expect.poll(async () => (await notificationsOf(m, reservationUuid)).map((n) => n.status)).toEqual(['sent', 'sent']);
    const [sms, email] = await notificationsOf(m, reservationUuid);
    expect(sms.devOutbox.text).toContain(paymentUrl);
    expect(email.devOutbox.subject).toBe('Betalingslenke for reservasjonen din hos Demo & Co');
    const list = await call(app.baseUrl, 'GET', '/dev/outbox');
    expect(list.status).toBe(200);
    expect(list.text).toContain(to);
    expect(list.text).toContain('Demo &amp; Co');
    const page = await call(app.baseUrl, 'GET', `/dev/outbox/${email.messageId}`);
    expect(page.text).toContain('Forfallsdato');
    expect(page.text).toContain(paymentUrl);
    // The link in it opens the checkout.
    expect((await call(paymentUrl, 'GET', paymentUrl)).status).toBe(200);
    // The dashboard's reservation page lists both messages with their status and attempt.
    const user = await addUser(app, m.id, `admin.${tag}@example.com`);
    const session = await signIn(app.baseUrl, user.email, user.password);
    const dashboard = (await session.get(`/dashboard/reservations/${reservationUuid}`)).text;
    const section = dashboard.slice(dashboard.indexOf('id="notifications-title"'), dashboard.indexOf('id="callbacks-title"'));
    expect(section).toContain(`Email · ${to}`);
    expect(section).toContain('SMS · +4746567468');
    expect(section.match(/class="status status-sent"/g)).toHaveLength(2);
    expect(dashboard).toContain('Payment link sent to the customer');
  });

  it('refuses live merchants sendOrderBy with a 417 naming the missing setting', async () => {
    const live = await app.merchant('Live Shop', 'live');
    const answer = await live.api.post(`${API}/submit`, submitBody(fresh('live'), { sms: true, email: true }));
    expect(answer.status).toBe(417);
    expect(answer.json.errors).toEqual([
      'The send order by.sms field cannot be used: this server has no SMS transport configured (SMS_WEBHOOK_URL).',
      'The send order by.email field cannot be used: this server has no email transport configured (SMTP_URL).',
    ]);
    const quiet = await live.api.post(`${API}/submit`, submitBody(fresh('live'), { sms: false, email: false }));
    expect(quiet.status).toBe(201);
    const resent = await live.api.post(`${API}/resend/${quiet.json.data.reservationUuid}`, { email: 'x@y.no' });
    expect(resent.status).toBe(417);
    expect(resent.json.errors).toEqual(['The email field cannot be used: this server has no email transport configured (SMTP_URL).']);
  });
});
