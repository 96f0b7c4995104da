// @ts-nocheck
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_BACKEND, type TestDatabase } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { client } from './support/http.js';
import { freePort, startServer, type ServerProcess } from './support/process.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const API = '/api/v1/connect/reservations';

describe(`callbacks survive crashes and are not doubled by several servers (${TEST_BACKEND})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(database: TestDatabase, schedule: string): Promise<ServerProcess> {
    const started = await startServer(database.url, { ALLOW_PRIVATE_CALLBACKS: 'true', CALLBACK_RETRY_SCHEDULE: schedule });
    cleanups.push(started.kill);
    return started;
  }

  async function withReceiver(port?: number): Promise<Receiver> {
    const receiver = await startReceiver(undefined, port);
    cleanups.push(() => receiver.close());
    return receiver;
  }

  it('delivers the callbacks of reservations paid just before a SIGKILL, once, after the restart', async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const port = await freePort(); // nobody listens yet: no delivery can succeed before the crash
    const first = await server(database, Array(40).fill('500ms').join(','));
    const api = client(first.url, first.token);
    const uuids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await api.post(`${API}/create`, exampleWith((b) => { b.callback.callbackUrl = `http://127.0.0.1:${port}/cb?order_identifier=durable${i}`; }));
      uuids.push(created.json.data.reservationUuid);
      expect((await api.post(`/api/v1/test/reservations/${created.json.data.reservationUuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(200);
    }
    first.process.child.kill('SIGKILL');
    await first.process.exited;

    const receiver = await withReceiver(port);
    const restarted = await server(database, Array(40).fill('500ms').join(','));
    // A delivery in flight at the crash is retaken when its claim runs out (15 s).
    const hits = await receiver.waitFor('/cb', 3, 30_000);
    expect(hits.map((hit) => new URLSearchParams(hit.url.split('?')[1]).get('orderUuid')).sort()).toEqual([...uuids].sort());
    expect(hits.map((hit) => new URLSearchParams(hit.url.split('?')[1]).get('order_identifier')).sort()).toEqual(['durable0', 'durable1', 'durable2']);
    const restartedApi = client(restarted.url, first.token);
    for (const uuid of uuids) {
      await expect.poll(async () => (await restartedApi.get(`${API}/callbacks/${uuid}`)).json.data.callbacks[0].delivery, { timeout: 10_000 }).toBe('delivered');
    }
    expect(receiver.hitsFor('/cb')).toHaveLength(3);
  }, 60_000);

  it('with two server processes on one database, delivers every callback exactly once', async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const receiver = await withReceiver();
    const a = await server(database, '1s,1s,1s');
    const b = await server(database, '1s,1s,1s');
    const apis = [client(a.url, a.token), client(b.url, a.token)];
    const count = 100;
    const uuids = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const created = await apis[i % 2]!.post(`${API}/create`, exampleWith((body) => { body.callback.callbackUrl = `${receiver.url}/cb?n=${i}`; }));
        const uuid = created.json.data.reservationUuid as string;
        expect((await apis[(i + 1) % 2]!.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(200);
        return uuid;
      }),
    );
    const hits = await receiver.waitFor('/cb', count, 30_000);
    const delivered = hits.map((hit) => new URLSearchParams(hit.url.split('?')[1]).get('orderUuid'));
    expect(new Set(delivered)).toEqual(new Set(uuids));
    for (const uuid of uuids.slice(0, 10)) {
      await expect.poll(async () => (await apis[0]!.get(`${API}/callbacks/${uuid}`)).json.data.callbacks[0].delivery, { timeout: 10_000 }).toBe('delivered');
    }
    expect(receiver.hitsFor('/cb')).toHaveLength(count);
    expect(new Set(receiver.hitsFor('/cb').map((hit) => hit.headers['webhook-id'])).size).toBe(count);
  });
});
