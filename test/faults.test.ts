/**
 * Faults fpgo must survive: a PostgreSQL that is not reachable when the server starts (retried with
 * growing pauses, then one line naming DATABASE_URL — no pg-pool stack trace), one that comes up
 * while the start waits, PostgreSQL connections killed mid-traffic (503 in the envelope, recovery
 * without a restart, no committed write and no callback lost), and an SQLite file that can no
 * longer be written (503, not a crash). A receiver that hangs is in callbacks-hardening.test.ts;
 * SIGKILL during captures with two processes in two-processes.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith, primaryExample } from './support/fixtures.js';
import { freePort, startFpgo } from './support/process.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { API } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const ENVELOPE_KEYS = ['errors', 'is_error', 'message', 'status_code', 'status_message'];
const STACK_LINE = /\n\s+at \S/;

describe(`PostgreSQL not reachable when the server starts (${TEST_BACKEND})`, () => {
  it('is retried with growing pauses for DATABASE_CONNECT_TIMEOUT, then the start ends with one line naming DATABASE_URL and the reason', { timeout: 30_000 }, async () => {
    const port = await freePort(); // nothing listens there
    const run = startFpgo(['serve'], { DATABASE_URL: `postgres://postgres:hunter2@127.0.0.1:${port}/test`, DATABASE_CONNECT_TIMEOUT: '2s', PORT: String(await freePort()) });
    const { code } = await run.exited;
    const output = run.output();
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    const pauses = lines.filter((line) => line.includes('the database cannot be reached yet; retrying')).map((line) => JSON.parse(line).retryInMs);
    expect(pauses).toEqual([250, 500, 1_000]);
    // Besides the log lines (JSON), one line, naming DATABASE_URL without its password, and the reason.
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([
      `fpgo: DATABASE_URL postgres://127.0.0.1:${port}/test could not be reached within 2 s: connect ECONNREFUSED 127.0.0.1:${port}`,
    ]);
    expect(output).not.toMatch(STACK_LINE);
    expect(output).not.toContain('hunter2');
  });
});

if (TEST_BACKEND === 'postgres') {
  const pgUrl = new URL(process.env.TEST_DATABASE_URL!);

  describe('PostgreSQL that comes up while the server starts', () => {
    let proxy: Server | null = null;
    afterAll(() => new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve())));

    it('is waited for: the server serves once it answers', { timeout: 30_000 }, async () => {
      const port = await freePort();
      const url = new URL(pgUrl);
      url.port = String(port);
      url.searchParams.set('schema', `fpgo_test_${randomBytes(6).toString('hex')}`);
      const run = startFpgo(['start'], { DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT: '20s', PORT: String(await freePort()) });
      try {
        // PostgreSQL "comes up": a TCP relay to the real one on the port fpgo was told, which drops
        // the first connections (still starting) and then relays.
        const sockets: Socket[] = [];
        let dropped = 0;
        proxy = createServer((client) => {
          if (dropped < 3) {
            dropped++;
            return client.destroy();
          }
          const upstream = connect(Number(pgUrl.port || 5432), pgUrl.hostname);
          sockets.push(client, upstream);
          client.pipe(upstream).pipe(client);
          client.on('error', () => upstream.destroy());
          upstream.on('error', () => client.destroy());
        });
        proxy.on('close', () => sockets.forEach((socket) => socket.destroy()));
        await new Promise<void>((resolve) => proxy!.listen(port, '127.0.0.1', resolve));
        await run.waitFor(/fpgo is serving/);
        expect(dropped).toBe(3);
        expect(run.output()).toContain('the database cannot be reached yet; retrying');
      } finally {
        run.child.kill('SIGKILL');
        await run.exited;
        const admin = new pg.Client({ connectionString: pgUrl.toString() });
        await admin.connect();
        await admin.query(`drop schema if exists "${url.searchParams.get('schema')}" cascade`);
        await admin.end();
      }
    });
  });

  describe('PostgreSQL connections killed mid-traffic (pg_terminate_backend)', () => {
    let t: TestApp;
    let m: TestMerchant;
    let receiver: Receiver;
    const application = `fpgo_fault_${randomBytes(4).toString('hex')}`;

    beforeAll(async () => {
      receiver = await startReceiver();
      // Only this test's connections carry this application_name: other test runs on the server are left alone.
      t = await startApp({ callbackRetrySchedule: Array(20).fill(200), applicationName: application });
      m = await t.merchant();
    });
    afterAll(async () => {
      await t.close();
      await receiver.close();
    });

    async function killConnections(): Promise<number> {
      const admin = new pg.Client({ connectionString: pgUrl.toString() });
      await admin.connect();
      try {
        const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [application]);
        return killed.rowCount ?? 0;
      } finally {
        await admin.end();
      }
    }

    it('answers 503 in the envelope while they are gone, recovers without a restart, and loses no committed write or callback', { timeout: 60_000 }, async () => {
      const answers: { status: number; json: any; uuid?: string; paid?: boolean }[] = [];
      let killing = true;
      const killer = (async () => {
        let killed = 0;
        while (killing) {
          killed += await killConnections();
          await new Promise((resolve) => setImmediate(resolve));
        }
        return killed;
      })();
      for (let i = 0; i < 60; i++) {
        // The first half runs while connections are being killed, the second after: a server that recovers serves it.
        if (i === 30) killing = false;
        const created = await m.api.post(`${API}/create`, exampleWith((b) => (b.callback = { callbackUrl: `${receiver.url}/cb?n=${i}`, success: null, failure: null })));
        const answer: (typeof answers)[number] = { status: created.status, json: created.json };
        if (created.status === 201) {
          answer.uuid = created.json.data.reservationUuid;
          const paid = await m.api.post(`/api/v1/test/reservations/${answer.uuid}/pay`, { cardNumber: '4111111111111111' });
          answers.push({ status: paid.status, json: paid.json });
          answer.paid = paid.status === 200;
        }
        answers.push(answer);
      }
      expect(await killer).toBeGreaterThan(0);

      const statuses = new Set(answers.map((a) => a.status));
      expect([...statuses].filter((status) => ![200, 201, 503].includes(status))).toEqual([]);
      expect(statuses.has(503)).toBe(true);
      for (const refused of answers.filter((a) => a.status === 503)) {
        expect(Object.keys(refused.json).sort()).toEqual(ENVELOPE_KEYS);
        expect(refused.json).toMatchObject({ status_code: 503, message: 'serviceUnavailable' });
      }

      // Recovered without a restart: a pooled connection killed while idle may still fail the first request (503).
      await expect.poll(async () => (await m.api.post(`${API}/create`, primaryExample())).status, { timeout: 5_000 }).toBe(201);
      // Every answered write is there; every answered payment's callback arrives, once.
      const created = answers.filter((a) => a.uuid);
      for (const a of created) expect((await m.api.get(`${API}/details/${a.uuid}`)).status).toBe(200);
      const paid = created.filter((a) => a.paid).map((a) => a.uuid);
      expect(paid.length).toBeGreaterThan(0);
      const hits = await receiver.waitFor('/cb', paid.length, 30_000);
      expect(new Set(hits.map((hit) => new URLSearchParams(hit.url.split('?')[1]).get('orderUuid')))).toEqual(new Set(paid));
    });
  });
}

if (TEST_BACKEND === 'sqlite') {
  describe('an SQLite database file that can no longer be written', () => {
    let t: TestApp;
    let m: TestMerchant;
    let files: string[] = [];
    beforeAll(async () => {
      t = await startApp({ logger: pino({ level: 'warn' }) });
      m = await t.merchant();
      const path = t.database.url.slice('sqlite:'.length);
      files = [path, `${path}-wal`].filter((file) => existsSync(file));
    });
    afterAll(async () => {
      writable(true);
      await t.close();
    });

    /** Root ignores permission bits: the files are made immutable (chattr) instead; otherwise read-only. */
    function writable(yes: boolean): void {
      if (process.getuid?.() === 0) execFileSync('chattr', [yes ? '-i' : '+i', ...files]);
      else for (const file of files) chmodSync(file, yes ? 0o644 : 0o444);
    }

    it('answers writes 503 in the envelope and keeps serving reads, then writes again once it can', async () => {
      const before = await m.api.post(`${API}/create`, primaryExample());
      expect(before.status).toBe(201);
      writable(false);
      try {
        const refused = await m.api.post(`${API}/create`, primaryExample());
        expect(refused.status, refused.text).toBe(503);
        expect(Object.keys(refused.json).sort()).toEqual(ENVELOPE_KEYS);
        expect(refused.json.message).toBe('serviceUnavailable');
        expect((await m.api.get(`${API}/details/${before.json.data.reservationUuid}`)).status).toBe(200);
      } finally {
        writable(true);
      }
      expect((await m.api.post(`${API}/create`, primaryExample())).status).toBe(201);
    });
  });
}
