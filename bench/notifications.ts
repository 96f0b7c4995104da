/**
 * Payment-link email throughput, in one run: submit req/s with sendOrderBy.email false and true
 * (autocannon on loopback), and the messages/s fpgo's notifications worker hands to a local SMTP
 * server (smtp-server in this process, counting each email and its Message-ID, so duplicates show).
 *
 *   npm run bench:notifications                  # SQLite, 8 s per measurement, 32 connections
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npm run bench:notifications
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { exampleBody, load, startFpgo, type LoadResult } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Sink {
  url: string;
  /** When each email was accepted (ms), in order. */
  accepted: number[];
  messageIds: Set<string>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const accepted: number[] = [];
  const messageIds = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
        if (id) messageIds.add(id);
        accepted.push(performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, accepted, messageIds, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function submitBody(email: boolean): string {
  const body = JSON.parse(exampleBody());
  body.sendOrderBy = { sms: false, email };
  body.customerDetails.preferredLanguage = 'no';
  body.callback = { callbackUrl: null, success: null, failure: null };
  delete body.submitPayment;
  return JSON.stringify(body);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Waits until no email has arrived for 2 s (the worker has drained its outbox); false after 5 minutes. */
function quiet(sink: Sink): Promise<boolean> {
  return until(() => sink.accepted.length > 0 && performance.now() - sink.accepted.at(-1)! > 2_000, 300_000);
}

const format = (r: LoadResult) => `${r.rate.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms${Object.keys(r.unexpected).length ? `   unexpected ${JSON.stringify(r.unexpected)}` : ''}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fpgo-bench-notifications-'));
  const sink = await startSink();
  const server = await startFpgo(process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'fpgo.sqlite')}`, {
    SMTP_URL: sink.url,
    MAIL_FROM: 'Bench <noreply@bench.example>',
  });
  try {
    const url = `${server.url}/api/v1/connect/reservations/submit`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
    const run = (email: boolean, seconds: number) => load(url, { method: 'POST', body: submitBody(email), headers, expect: 201, connections: CONNECTIONS, seconds });

    const probe = await fetch(url, { method: 'POST', body: submitBody(false), headers });
    if (probe.status !== 201) throw new Error(`submit answered ${probe.status}: ${await probe.text()}`);
    await run(false, 2);
    const withoutEmail = await run(false, SECONDS);
    await run(true, 2);
    // The warm-up's emails first, so the run's are counted alone.
    await quiet(sink);
    const started = performance.now();
    const withEmail = await run(true, SECONDS);
    // Every submit of the run asked for one email: wait for the worker to hand them all over.
    const drained = await quiet(sink);
    const sent = sink.accepted.filter((at) => at >= started);
    const span = (sent.at(-1)! - sent[0]!) / 1000;
    console.log(`\nsubmit: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, loopback, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}\n`);
    console.log(`  sendOrderBy.email false  ${format(withoutEmail)}`);
    console.log(`  sendOrderBy.email true   ${format(withEmail)}   (${((100 * withEmail.rate) / withoutEmail.rate).toFixed(1)}% of false)`);
    console.log(`\nemails to the local SMTP server: ${sent.length} in ${span.toFixed(1)} s = ${(sent.length / span).toFixed(0)} messages/s` +
      `${drained ? '' : ' (not all arrived within 5 minutes)'}; ${sink.accepted.length} accepted in all, ${sink.messageIds.size} distinct Message-IDs`);
  } finally {
    await server.child.stop();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
