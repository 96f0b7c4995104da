/**
 * The fuzz suite: fast-check draws requests for every route (see requests.ts) and sends them as
 * bytes on a socket to the real server on this test's database. After each answer: no 5xx, the
 * envelope (or a page where pages are documented), no stack trace, a refused request (4xx) left
 * every table as it was, and the process stays under a memory ceiling; nothing is logged at error level.
 *
 * Short form in `npm test`; the long form, with its seed printed for replay:
 *   FUZZ_RUNS=10000 npm run fuzz                    (SQLite)
 *   FUZZ_RUNS=10000 TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run fuzz
 *   FUZZ_SEED=<seed> … replays a run.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from '../support/database.js';
import { primaryExample } from '../support/fixtures.js';
import { API, reserved } from '../support/reservations.js';
import { changedTables, tableDigest } from '../support/table-digest.js';
import { startApp, type TestApp } from '../support/test-app.js';
import { loggerInto } from '../support/log-lines.js';
import { problemsOf, type WireAnswer } from './invariants.js';
import { fuzzRequest, wireBytes, type FuzzFixtures, type FuzzRequest } from './requests.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const MAX_RSS_MB = Number(process.env.FUZZ_MAX_RSS_MB ?? 1_024);
const ANSWER_TIMEOUT_MS = 10_000;
/**
 * A refused request with an Idempotency-Key stores its refusal with the key (a retry must get the
 * same answer): that table is left out of the "nothing changed" comparison.
 */
const WRITTEN_ON_REFUSAL = ['idempotency_keys'];

/** Sends the bytes and reads everything until the server closes the connection (Connection: close). */
function send(baseUrl: string, bytes: Buffer): Promise<WireAnswer> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks))));
  });
}

function parseAnswer(bytes: Buffer): WireAnswer {
  const split = bytes.indexOf('\r\n\r\n');
  const head = (split === -1 ? bytes : bytes.subarray(0, split)).toString('latin1');
  let body = split === -1 ? Buffer.alloc(0) : bytes.subarray(split + 4);
  if (/^transfer-encoding: *chunked/im.test(head)) body = dechunk(body);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body: body.toString('utf8') };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

const shown = (request: FuzzRequest) => JSON.stringify({ ...request, body: request.body === undefined ? undefined : String(request.body).slice(0, 400) });

describe(`fuzz: every route, whatever arrives (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let fixtures: FuzzFixtures;
  const loggedErrors: string[] = [];

  beforeAll(async () => {
    t = await startApp({ logger: loggerInto(loggedErrors, 'error'), requestTimeoutMs: 2_000 });
    const m = await t.merchant('Fuzzed');
    const other = await t.merchant('Other');
    const paid = [await reserved(m), await reserved(m)];
    const sent = (await m.api.post(`${API}/create`, primaryExample())).json.data;
    const othersSent = (await other.api.post(`${API}/create`, primaryExample())).json.data;
    const tokenOf = (paymentUrl: string) => new URL(paymentUrl).pathname.split('/').pop()!;
    fixtures = {
      token: m.token,
      otherToken: other.token,
      uuids: [...paid.map((p) => p.uuid), sent.reservationUuid],
      otherUuid: (await reserved(other)).uuid,
      checkoutTokens: [tokenOf(sent.paymentUrl), tokenOf(othersSent.paymentUrl)],
      lineIds: paid.flatMap((p) => p.lineIds),
    };
  });
  afterAll(() => t.close());

  it(`keeps every answer in the envelope, without 5xx or stack traces, and refused requests change nothing (${RUNS} cases)`, { timeout: 60_000 + RUNS * 1_000 }, async () => {
    console.log(`fuzz: seed ${SEED}, ${RUNS} cases on ${TEST_BACKEND} (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`);
    const tally = { cases: 0, fiveXX: 0, offEnvelope: 0, stackTraces: 0, changedOnRefusal: 0, statuses: {} as Record<number, number>, maxRssMb: 0 };
    let digest = await tableDigest(t, WRITTEN_ON_REFUSAL);
    const started = Date.now();
    try {
      await fc.assert(
        fc.asyncProperty(fuzzRequest(fixtures), async (request) => {
          const answer = await send(t.baseUrl, wireBytes(request));
          const after = await tableDigest(t, WRITTEN_ON_REFUSAL);
          const problems = problemsOf(request, answer);
          const changed = answer.status >= 400 ? changedTables(digest, after) : [];
          digest = after;
          if (changed.length > 0) problems.push(`refused with ${answer.status}, yet changed ${changed.join(', ')}`);
          const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
          tally.maxRssMb = Math.max(tally.maxRssMb, rssMb);
          if (rssMb > MAX_RSS_MB) problems.push(`the process holds ${rssMb} MiB (ceiling ${MAX_RSS_MB} MiB)`);
          tally.cases++;
          tally.statuses[answer.status] = (tally.statuses[answer.status] ?? 0) + 1;
          if (answer.status >= 500) tally.fiveXX++;
          if (problems.includes('answer outside the envelope')) tally.offEnvelope++;
          if (problems.includes('stack trace in the answer')) tally.stackTraces++;
          if (changed.length > 0) tally.changedOnRefusal++;
          if (problems.length > 0) throw new Error(`${problems.join('; ')}\n  request: ${shown(request)}\n  answer: ${answer.head.split('\r\n')[0]} ${answer.body.slice(0, 600)}`);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    } finally {
      console.log(`fuzz: ${JSON.stringify({ seed: SEED, backend: TEST_BACKEND, ...tally, seconds: Math.round((Date.now() - started) / 1000) })}`);
    }
    expect(loggedErrors).toEqual([]);
  });
});
