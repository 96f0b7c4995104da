// @ts-nocheck
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { call } from './support/http.js';
import { startServer, type ServerProcess } from './support/process.js';
import { startApp, type TestApp } from './support/test-app.js';

const CREATE = '/api/v1/connect/reservations/create';

describe(`rate limit per token (${TEST_BACKEND})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t.close());

  /** A token's first request is counted on the client address: its own budget starts once it is known. */
  const known = async (m: Awaited<ReturnType<TestApp['merchant']>>) => {
    expect((await m.api.get('/api/v1/test/clock')).status).toBe(200);
    return m;
  };

  it('counts down on every answer, then answers 429 with retry-after', async () => {
    const m = await known(await t.merchant());
    const first = await m.api.post(CREATE, primaryExample());
    expect(first.status).toBe(201);
    expect(first.headers['x-ratelimit-limit']).toBe('5');
    expect(first.headers['x-ratelimit-remaining']).toBe('4');
    const invalid = await m.api.post(CREATE, {});
    expect(invalid.status).toBe(417);
    expect(invalid.headers['x-ratelimit-remaining']).toBe('3');
    const notFound = await m.api.get('/api/v1/connect/reservations/details/RES0000000001');
    expect(notFound.headers['x-ratelimit-remaining']).toBe('2');
    await m.api.get('/api/v1/connect/reservations/nothing');
    await m.api.post(CREATE, primaryExample());

    const limited = await m.api.post(CREATE, primaryExample());
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ status_code: 429, status_message: 'Too Many Requests', message: 'tooManyRequests', is_error: true });
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await t.store.db.selectFrom('reservations').select('uuid').where('merchant_id', '=', m.id).execute();
    expect(stored).toHaveLength(2);
  });

  it('keeps a separate budget per token', async () => {
    const a = await known(await t.merchant('A'));
    const b = await known(await t.merchant('B'));
    for (let i = 0; i < 5; i++) await a.api.get('/api/v1/connect/reservations/details/RES0000000001');
    expect((await a.api.get('/api/v1/connect/reservations/details/RES0000000001')).status).toBe(429);
    expect((await b.api.get('/api/v1/connect/reservations/details/RES0000000001')).status).toBe(404);
  });

  it('puts the headers on 401 answers too', async () => {
    const r = await call(t.baseUrl, 'POST', CREATE, { body: primaryExample() });
    expect(r.status).toBe(401);
    expect(r.headers['x-ratelimit-limit']).toBe('5');
    expect(r.headers['x-ratelimit-remaining']).toBeDefined();
  });
});

describe(`rate limit before authentication (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let lookups = 0;

  beforeAll(async () => {
    t = await startApp({ rateLimitPerMinute: 5 });
    const find = t.store.merchants.findByTokenHash.bind(t.store.merchants);
    t.store.merchants.findByTokenHash = (hash) => {
      lookups++;
      return find(hash);
    };
  });
  afterAll(() => t.close());

  const details = (token?: string) => call(t.baseUrl, 'GET', '/api/v1/connect/reservations/details/RES0000000001', { token });

  it('counts missing and unknown tokens against the client address, and refuses the flood before any lookup', async () => {
    const merchant = await t.merchant();
    expect((await details(merchant.token)).status).toBe(404);
    const before = lookups;
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await details(i % 2 ? undefined : `fpgo_test_random${i}${'x'.repeat(20)}`));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
    // The first request (the merchant's) was counted on the address too; only the first 4 random tokens were looked up.
    expect(lookups - before).toBe(2);
    expect(answers[4]!.json).toMatchObject({ status_code: 429, message: 'tooManyRequests' });

    // A merchant known to the server keeps its own budget while its neighbour floods.
    const own = [];
    for (let i = 0; i < 5; i++) own.push((await details(merchant.token)).status);
    expect(own).toEqual([404, 404, 404, 404, 404]);
    expect((await details(merchant.token)).status).toBe(429);
  });
});

describe('rate limit shared through Redis', () => {
  it('gives two server processes one budget per token', async () => {
    const prefix = `fpgo-test-${randomBytes(6).toString('hex')}:`;
    const database = await freshDatabase();
    const redis = new Redis('redis://127.0.0.1:6379');
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '4' };
    const first = await startServer(database.url, env);
    const second = await startServer(database.url, env);
    try {
      const token = first.token!;
      const get = (server: ServerProcess) => call(server.url, 'GET', '/api/v1/connect/reservations/details/RES0000000001', { token });
      // Each process learns the token on its first request (counted on the client address).
      expect((await get(first)).status).toBe(404);
      expect((await get(second)).status).toBe(404);
      const statuses = [];
      for (const server of [first, second, first, second, first, second]) statuses.push((await get(server)).status);
      expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
      expect((await redis.keys(`${prefix}*`)).length).toBeGreaterThan(0);
    } finally {
      await first.kill();
      await second.kill();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await database.drop();
    }
  });
});
