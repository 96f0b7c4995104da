/**
 * Two server processes on one database: captures racing through both never take more than was
 * reserved; a process killed (SIGKILL) while its captures wait at the gateway loses none of them —
 * the keyed retries on the other process resume them, never capturing twice — and every callback
 * arrives exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import { freshDatabase, TEST_BACKEND, type TestDatabase } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { client, type Answer } from './support/http.js';
import { startServer, type ServerProcess } from './support/process.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { API, captureBody } from './support/reservations.js';

/** Approved, but every gateway call for it takes 5 seconds (src/gateway/test-gateway/test-cards.ts). */
const SLOW_CARD = '4000000000003006';

describe(`two server processes on one database (${TEST_BACKEND})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(): Promise<{ database: TestDatabase; a: ServerProcess; b: ServerProcess; receiver: Receiver; store: Store }> {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const env = { ALLOW_PRIVATE_CALLBACKS: 'true', CALLBACK_RETRY_SCHEDULE: Array(40).fill('500ms').join(','), IDEMPOTENCY_LOCK_TIMEOUT: '8s' };
    const a = await startServer(database.url, env);
    cleanups.push(a.kill);
    const b = await startServer(database.url, env);
    cleanups.push(b.kill);
    const store = await Store.open(database.url);
    cleanups.push(() => store.close());
    return { database, a, b, receiver, store };
  }

  /** A reservation of 1000 (one line), paid with `card`, whose callbacks go to the receiver. */
  async function paidReservation(api: ReturnType<typeof client>, receiver: Receiver, card: string) {
    const created = await api.post(`${API}/create`, exampleWith((b) => (b.callback = { callbackUrl: `${receiver.url}/cb`, success: null, failure: null })));
    const uuid = created.json.data.reservationUuid as string;
    expect((await api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: card })).status).toBe(200);
    const line = (await api.get(`${API}/details/${uuid}`)).json.data.productList[0].id as number;
    return { uuid, line };
  }

  it('lets exactly 10 of 40 concurrent captures of 100, sent through both processes, take a reservation of 1000', { timeout: 60_000 }, async () => {
    const { a, b, receiver } = await setUp();
    const apis = [client(a.url, a.token), client(b.url, a.token)];
    const { uuid, line } = await paidReservation(apis[0]!, receiver, '4111111111111111');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => apis[i % 2]!.post(`${API}/capture/${uuid}`, captureBody([[line, 100]]))));
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(10);
    expect(new Set(answers.filter((answer) => answer.status !== 202).map((answer) => answer.json.message))).toEqual(new Set(['requestedCaptureAmountExceedAvailableCaptureRunway']));
    expect((await apis[1]!.get(`${API}/details/${uuid}`)).json.data.paymentDetails.capturedAmount).toBe(1000);
  });

  it('after a SIGKILL during captures, the keyed retries on the other process neither lose nor repeat one, and every callback arrives once', { timeout: 90_000 }, async () => {
    const { a, b, receiver, store } = await setUp();
    const apis = [client(a.url, a.token), client(b.url, a.token)];
    const { uuid, line } = await paidReservation(apis[1]!, receiver, SLOW_CARD);
    const captures = () => store.db.selectFrom('transactions').select(['uuid', 'state']).where('reservation_uuid', '=', uuid).where('kind', '=', 'capture').execute();
    const send = (i: number, via: number) => apis[via]!.post(`${API}/capture/${uuid}`, captureBody([[line, 100]]), { headers: { 'idempotency-key': `kill-${i}` } });

    // 16 captures of 100 on 1000: 10 fit. Each waits 5 s at the gateway; process a is killed meanwhile.
    const first = Array.from({ length: 16 }, (_, i) => send(i, i % 2).catch((error: Error) => error));
    await expect.poll(async () => (await captures()).length, { timeout: 10_000 }).toBe(10);
    a.process.child.kill('SIGKILL');
    await a.process.exited;
    const answered = await Promise.all(first);

    // Every request that got no answer (a's) is retried with its key on b, as a client would: while
    // the dead request's key is still locked (IDEMPOTENCY_LOCK_TIMEOUT) the answer is 409, retry later.
    const retried: Answer[] = [];
    for (const [i, answer] of answered.entries()) {
      if (!(answer instanceof Error)) {
        retried.push(answer);
        continue;
      }
      let last!: Answer;
      await expect.poll(async () => (last = await send(i, 1)).status, { timeout: 30_000, interval: 500 }).not.toBe(409);
      retried.push(last);
    }
    expect(retried.filter((answer) => answer.status === 202)).toHaveLength(10);
    expect(new Set(retried.filter((answer) => answer.status !== 202).map((answer) => answer.json.message))).toEqual(new Set(['requestedCaptureAmountExceedAvailableCaptureRunway']));
    const settled = await captures();
    expect(settled).toHaveLength(10);
    expect(settled.every((capture) => capture.state === 'succeeded')).toBe(true);
    expect(new Set(retried.filter((answer) => answer.status === 202).map((answer) => answer.json.data.uuid))).toEqual(new Set(settled.map((capture) => capture.uuid)));
    expect((await apis[1]!.get(`${API}/details/${uuid}`)).json.data.paymentDetails.capturedAmount).toBe(1000);

    // One callback per capture (and the RESERVED one), each delivered once — a's claims are retaken by b.
    const callbacks = await store.db.selectFrom('callbacks').select(['webhook_id', 'status', 'subject_uuid']).where('reservation_uuid', '=', uuid).execute();
    expect(new Set(callbacks.filter((c) => c.status === 'CAPTURED').map((c) => c.subject_uuid))).toEqual(new Set(settled.map((capture) => capture.uuid)));
    expect(callbacks).toHaveLength(11);
    const hits = await receiver.waitFor('/cb', callbacks.length, 45_000);
    expect(new Set(hits.map((hit) => hit.headers['webhook-id']))).toEqual(new Set(callbacks.map((c) => c.webhook_id)));
    expect(receiver.hitsFor('/cb')).toHaveLength(callbacks.length);
  });
});
