import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { call } from './support/http.js';
import { startApp, type TestApp } from './support/test-app.js';

const CREATE = '/api/v1/connect/reservations/create';

describe(`rate limit per token (${TEST_BACKEND})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t.close());

  it('counts down on every answer, then answers 429 with retry-after', async () => {
    const m = await t.merchant();
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
    const a = await t.merchant('A');
    const b = await t.merchant('B');
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
