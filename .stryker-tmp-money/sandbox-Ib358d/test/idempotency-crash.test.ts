/**
 * Idempotency across server processes: a keyed capture whose server dies (SIGKILL) while the gateway
 * is capturing is resumed by the merchant's retry once the key's lock runs out, and the money is
 * captured once (the slow test card keeps every gateway call busy for 5 s, so the kill lands inside
 * it); and two servers on one database racing the same key make one reservation.
 */
// @ts-nocheck

import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import { freshDatabase, TEST_BACKEND, type TestDatabase } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { client, type Answer } from './support/http.js';
import { startServer, type ServerProcess } from './support/process.js';
import { API, captureBody } from './support/reservations.js';

const SLOW_CARD = '4000000000003006';

describe(`idempotency across server processes (${TEST_BACKEND})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(database: TestDatabase): Promise<ServerProcess> {
    const started = await startServer(database.url, { IDEMPOTENCY_LOCK_TIMEOUT: '1s' });
    cleanups.push(started.kill);
    return started;
  }

  it('captures once when the same key is retried after the server died inside the gateway call', async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const first = await server(database);
    const token = first.process.output().match(/Demo API token:\s+(\S+)/)![1]!;
    let api = client(first.url, token);

    const created = await api.post(`${API}/create`, primaryExample());
    expect(created.status, created.text).toBe(201);
    const uuid = created.json.data.reservationUuid as string;
    const paid = await api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: SLOW_CARD });
    expect(paid.status, paid.text).toBe(200);
    const lineId = (await api.get(`${API}/details/${uuid}`)).json.data.productList[0].id as number;

    const body = captureBody([[lineId, 100]]);
    const keyed = () => api.post(`${API}/capture/${uuid}`, body, { headers: { 'idempotency-key': `crash-${uuid}` } });
    const inFlight = keyed().then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );

    // Synchronisation only: the capture has written its pending transaction, so it is now waiting
    // on the gateway (5 s for this card). The store is opened read-only in spirit: nothing is written.
    const observer = await Store.open(database.url);
    cleanups.push(() => observer.close());
    const pendingCaptures = async () =>
      (await observer.db.selectFrom('transactions').select('uuid').where('reservation_uuid', '=', uuid).where('kind', '=', 'capture').where('state', '=', 'pending').execute()).length;
    await expect.poll(pendingCaptures, { timeout: 3_000, interval: 20 }).toBe(1);
    const [crashed] = await observer.db.selectFrom('transactions').select('uuid').where('reservation_uuid', '=', uuid).where('kind', '=', 'capture').execute();

    // What the merchant sees: the same key, while the first request runs, is refused as in progress.
    await expect
      .poll(async () => {
        const busy = await keyed();
        return { status: busy.status, message: busy.json?.message, retryAfter: busy.headers['retry-after'] };
      }, { timeout: 3_000, interval: 20 })
      .toEqual({ status: 409, message: 'idempotencyRequestInProgress', retryAfter: '1' });

    first.process.child.kill('SIGKILL');
    expect((await first.process.exited).signal).toBe('SIGKILL');
    expect(await inFlight, 'the interrupted capture must not have been answered').toHaveProperty('error');

    const restarted = await server(database);
    api = client(restarted.url, token);

    // 409 until the crashed request's lock (1 s) has run out; then the retry takes the key over.
    let retried: Answer | undefined;
    await expect
      .poll(async () => {
        retried = await keyed();
        return retried.status;
      }, { timeout: 20_000, interval: 100 })
      .not.toBe(409);
    expect(retried!.status, retried!.text).toBe(202);
    expect(retried!.json).toMatchObject({ status_code: 202, message: 'reservationCapturedSuccessfully' });

    const replay = await keyed();
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(retried!.text);

    const details = (await api.get(`${API}/details/${uuid}`)).json.data;
    expect(details.paymentDetails.capturedAmount).toBe(100);
    expect(details.paymentHistory.captured).toHaveLength(1);
    expect(details.paymentHistory.captured[0]).toMatchObject({ amount: 100, uuid: retried!.json.data.uuid });
    // The retry resumed the capture the crash interrupted (same CAP id, so the same reference at the
    // gateway) instead of starting a second one: nothing is left pending to hold the rest back.
    expect(retried!.json.data.uuid).toBe(crashed!.uuid);
    expect(await pendingCaptures()).toBe(0);
    const rest = await api.post(`${API}/capture/${uuid}`, captureBody([[lineId, 900]]));
    expect(rest.status, rest.text).toBe(202);
  }, 60_000);

  it('makes one reservation when two servers on one database race the same key', async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const a = await server(database);
    const b = await server(database);
    const token = a.process.output().match(/Demo API token:\s+(\S+)/)![1]!;
    const apis = [client(a.url, token), client(b.url, token)];
    const body = primaryExample();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => apis[i % 2]!.post(`${API}/create`, body, { headers: { 'idempotency-key': 'two-servers' } })),
    );
    expect(answers.every((r) => r.status === 201 || r.status === 409), answers.map((r) => r.status).join(',')).toBe(true);
    const created = answers.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.text)).size).toBe(1);
    const later = await apis[1]!.post(`${API}/create`, body, { headers: { 'idempotency-key': 'two-servers' } });
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.text).toBe(created[0]?.text ?? later.text);
    const observer = await Store.open(database.url);
    cleanups.push(() => observer.close());
    expect(await observer.db.selectFrom('reservations').select('uuid').execute()).toHaveLength(1);
  }, 60_000);
});
