/**
 * The notifications outbox survives a crash and is not doubled by several servers: a server
 * SIGKILLed after committing submits whose emails could not leave yet sends each exactly once after
 * a restart, and two server processes on one database send each email once. Real processes
 * (`fpgo start`), a real SMTP server, both databases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_BACKEND, type TestDatabase } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { client } from './support/http.js';
import { freePort, startServer, type ServerProcess } from './support/process.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const API = '/api/v1/connect/reservations';

const submitBody = (email: string) =>
  exampleWith((b) => {
    b.customerDetails.email = email;
    b.customerDetails.preferredLanguage = 'no';
    b.sendOrderBy = { sms: false, email: true };
    b.callback = { callbackUrl: null, success: null, failure: null };
  });

describe(`payment-link emails survive crashes and are not doubled by several servers (${TEST_BACKEND})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(database: TestDatabase, smtpPort: number): Promise<ServerProcess> {
    const started = await startServer(database.url, {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Shop <noreply@shop.example>',
      NOTIFICATION_RETRY_SCHEDULE: Array(60).fill('500ms').join(','),
    });
    cleanups.push(started.kill);
    return started;
  }

  async function sink(port?: number): Promise<SmtpSink> {
    const started = await startSmtpSink(port);
    cleanups.push(() => started.close());
    return started;
  }

  it('sends the emails of submits committed just before a SIGKILL exactly once after the restart', async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const smtpPort = await freePort(); // nobody listens yet: no email can leave before the crash
    const first = await server(database, smtpPort);
    const api = client(first.url, first.token);
    const addresses = ['one', 'two', 'three'].map((name) => `${name}.${Date.now().toString(36)}@kunde.example`);
    const urls: string[] = [];
    const uuids: string[] = [];
    for (const address of addresses) {
      const submitted = await api.post(`${API}/submit`, submitBody(address));
      expect(submitted.status).toBe(201);
      urls.push(submitted.json.data.paymentUrl);
      uuids.push(submitted.json.data.reservationUuid);
    }
    first.process.child.kill('SIGKILL');
    await first.process.exited;

    const smtp = await sink(smtpPort);
    const restarted = await server(database, smtpPort);
    // An attempt in flight at the crash is retaken when its claim runs out (35 s).
    for (const [index, address] of addresses.entries()) {
      const [email] = await smtp.waitFor(address, 1, 60_000);
      // The restarted server listens elsewhere (PUBLIC_BASE_URL): the link carries the same checkout token.
      expect(email!.text).toContain(`${restarted.url}/checkout/${new URL(urls[index]!).pathname.split('/').pop()}`);
    }
    const restartedApi = client(restarted.url, first.token);
    for (const uuid of uuids) {
      await expect.poll(async () => (await restartedApi.get(`${API}/notifications/${uuid}`)).json.data.notifications[0].status, { timeout: 10_000 }).toBe('sent');
    }
    for (const address of addresses) expect(smtp.to(address)).toHaveLength(1);
  }, 120_000);

  it('with two server processes on one database, sends every email exactly once', async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const smtp = await sink();
    const a = await server(database, smtp.port);
    const b = await server(database, smtp.port);
    const apis = [client(a.url, a.token), client(b.url, a.token)];
    const addresses = Array.from({ length: 12 }, (_, i) => `guest${i}.${Date.now().toString(36)}@kunde.example`);
    const uuids = await Promise.all(
      addresses.map(async (address, i) => {
        const submitted = await apis[i % 2]!.post(`${API}/submit`, submitBody(address));
        expect(submitted.status).toBe(201);
        return submitted.json.data.reservationUuid as string;
      }),
    );
    for (const address of addresses) await smtp.waitFor(address, 1, 30_000);
    // Once every message is recorded as sent, neither worker will take it again: one attempt each, one email each.
    for (const uuid of uuids) {
      await expect.poll(async () => (await apis[0]!.get(`${API}/notifications/${uuid}`)).json.data.notifications.map((n: any) => [n.status, n.attemptsTotal])).toEqual([['sent', 1]]);
    }
    for (const address of addresses) expect(smtp.to(address)).toHaveLength(1);
  }, 90_000);
});
