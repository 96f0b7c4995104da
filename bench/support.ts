/** Shared pieces of the benchmarks: child servers on free ports, autocannon runs and paced loads. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { Pool } from 'undici';
import { npmStartNodeFlags } from '../test/support/process.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Child {
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** What a child's output keeps once it is ready: enough for an error's context. */
const OUTPUT_TAIL = 64 * 1024;

/**
 * Starts a process and resolves once its output matches `ready`. Its output is read all along (a full pipe would
 * block the server's log writes), but past `ready` only the last OUTPUT_TAIL characters are kept: a server under
 * load writes megabytes of access log, and holding and searching all of it cost this process — the load
 * generator's — CPU that grew with every line.
 */
export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Child> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let isReady = false;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (isReady) {
        if (output.length > 2 * OUTPUT_TAIL) output = output.slice(-OUTPUT_TAIL);
        return;
      }
      if (ready.test(output)) {
        isReady = true;
        resolve({
          process: child,
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)));
  });
}

/** A bare Fastify server (hello GET, echo POST) in its own process: the baseline of every run. */
export async function startBareFastify(): Promise<{ url: string; child: Child }> {
  const dir = mkdtempSync(join(tmpdir(), 'fpgo-bench-'));
  const file = join(dir, 'bare-fastify.cjs');
  writeFileSync(
    file,
    `const app = require(${JSON.stringify(join(ROOT, 'node_modules/fastify'))})({ logger: false, bodyLimit: 1048576 });
app.get('/', async () => ({ hello: 'world' }));
app.post('/echo', async (req) => req.body);
app.listen({ port: 0, host: '127.0.0.1' }).then(() => console.log('PORT ' + app.server.address().port));`,
  );
  const child = await startChild(process.execPath, [file], process.env, /PORT \d+/);
  const port = /PORT (\d+)/.exec(child.output())![1];
  return { url: `http://127.0.0.1:${port}`, child };
}

export interface LoadResult {
  /** Answers with the expected status per second. */
  rate: number;
  p50: number;
  p99: number;
  unexpected: Record<string, number>;
}

type LoadOptions = {
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  expect: number;
  connections: number;
  seconds: number;
  /** Requests per second in all, sent at a steady pace (see `paced`), to measure latency below the peak. */
  rate?: number;
};

/** As many requests as `connections` clients can send one after another (autocannon), or a steady `rate`. */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  if (options.rate) return paced(url, { ...options, rate: options.rate });
  const counts: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: options.method ?? 'GET', body: options.body, headers: options.headers, connections: options.connections, duration: options.seconds },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on('response', (_client, status) => {
      counts[status] = (counts[status] ?? 0) + 1;
    });
  });
  const ok = counts[options.expect] ?? 0;
  const unexpected = Object.fromEntries(Object.entries(counts).filter(([status]) => Number(status) !== options.expect));
  if (result.errors) unexpected.errors = result.errors;
  return { rate: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, unexpected };
}

/**
 * Requests at a steady `rate`, as independent users arrive (an open loop, like wrk2), over up to `connections`
 * kept-alive connections: a slow answer does not hold back the requests due after it, and time a request spends
 * queued for a free connection counts in its latency. The first second warms up (connections, JIT) and is not
 * counted. (autocannon's `overallRate` instead sends each second's quota as fast as it can and then pauses until
 * the next second — bursts at the peak rate — and its coordinated-omission correction then multiplies each slow
 * answer by its latency in milliseconds.)
 */
export async function paced(url: string, options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1 });
  const request = { path: target.pathname + target.search, method: options.method ?? 'GET', headers: options.headers, body: options.body };
  const counts: Record<string, number> = {};
  const latencies: number[] = [];
  const send = async (counted: boolean) => {
    const sentAt = performance.now();
    try {
      const answer = await pool.request(request);
      await answer.body.dump();
      if (!counted) return;
      counts[answer.statusCode] = (counts[answer.statusCode] ?? 0) + 1;
      if (answer.statusCode === options.expect) latencies.push(performance.now() - sentAt);
    } catch {
      if (counted) counts.errors = (counts.errors ?? 0) + 1;
    }
  };
  await Promise.all(await sendAtPace(options.rate, 1, () => send(false)));
  const started = performance.now();
  await Promise.all(await sendAtPace(options.rate, options.seconds, () => send(true)));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round(10 * (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0)) / 10;
  const unexpected = Object.fromEntries(Object.entries(counts).filter(([status]) => Number(status) !== options.expect));
  return { rate: latencies.length / seconds, p50: percentile(0.5), p99: percentile(0.99), unexpected };
}

/** Calls `send` `rate` times a second for `seconds`, evenly (to the timer's millisecond); resolves with the calls' promises once all are made. */
function sendAtPace(rate: number, seconds: number, send: () => Promise<void>): Promise<Promise<void>[]> {
  const total = Math.round(rate * seconds);
  const sending: Promise<void>[] = [];
  const start = performance.now();
  return new Promise((resolve) => {
    const sendDue = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
      while (sending.length < due) sending.push(send());
      if (sending.length < total) setTimeout(sendDue, 1);
      else resolve(sending);
    };
    sendDue();
  });
}

/** `fpgo start` as `npm start` runs it, on a free port with `databaseUrl`; the demo merchant's token comes with it. */
export async function startFpgo(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<{ url: string; token: string; child: Child }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startChild(
    process.execPath,
    [...npmStartNodeFlags(), 'bin/fpgo.mjs', 'start'],
    { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '0', PUBLIC_BASE_URL: url, ...env },
    /fpgo is serving/,
  );
  const token = /Demo API token:\s+(\S+)/.exec(child.output())?.[1];
  return { url, token: token ?? '', child };
}

/** The resident memory of a process, in MiB (Linux). */
export function residentMiB(pid: number): number {
  const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
  return (pages * 4096) / 1024 / 1024;
}

/** Front Payment's example create body with a due date a week ahead. */
export function exampleBody(): string {
  return JSON.stringify({
    customerDetails: {
      type: 'private', countryCode: '+47', msisdn: '46567468', email: 'nafees@yopmail.com', name: 'Nafees',
      preferredLanguage: 'en', personalNumber: null, organizationId: null,
      address: { street: 'Dhaka', zip: '3500', city: 'Cumilla', country: 'NO' },
    },
    orderDate: '1724294524', dueDateForPaymentLink: String(Math.floor(Date.now() / 1000) + 7 * 86400),
    referenceNo: null, customerReference: null, sendOrderBy: { sms: false, email: false },
    products: { 0: { name: 'Test', productId: null, rate: 1000, tax: '0', amount: 1000 } },
    orderSummary: { subTotal: 1000.0, totalTax: 0, grandTotal: 1000.0 },
    chargeValidity: '55', customerNotes: null, tnc: null, submitPayment: { via: 'visa' },
    callback: {
      callbackUrl: 'https://wp.frontpayment.no/?order_identifier=rRbl1FWZG59o&order_status=success',
      success: 'https://wp.frontpayment.no/?order_identifier=rRbl1FWZG59o&order_status=success',
      failure: 'https://frontpayment.no/?order_identifier=rRbl1FWZG59o&order_status=failed',
    },
    settings: { secureDetails: false, isChargePartiallyRefundable: true },
  });
}

/** A fresh PostgreSQL database on the server of `adminUrl`, or null when none is reachable. */
export async function postgresDatabase(adminUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } catch {
    return null;
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/**
 * Runs `measure` on a fresh SQLite database and, when `postgresAdminUrl` is reachable, on a fresh
 * PostgreSQL database; each is removed afterwards. Returns [backend, result] pairs.
 */
export async function onEachBackend<T>(postgresAdminUrl: string, name: string, measure: (databaseUrl: string) => Promise<T>): Promise<[string, T][]> {
  const results: [string, T][] = [];
  const sqliteDir = mkdtempSync(join(tmpdir(), `${name}-`));
  try {
    results.push(['SQLite', await measure(`sqlite:${join(sqliteDir, 'fpgo.sqlite')}`)]);
  } finally {
    rmSync(sqliteDir, { recursive: true, force: true });
  }
  const pgDb = await postgresDatabase(postgresAdminUrl, `${name.replace(/-/g, '_')}_${process.pid}`);
  if (!pgDb) {
    console.log(`(PostgreSQL at ${postgresAdminUrl} not reachable: skipped)`);
    return results;
  }
  try {
    results.push(['PostgreSQL', await measure(pgDb.url)]);
  } finally {
    await pgDb.drop();
  }
  return results;
}
