// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/kernel/clock.js';
import { createApiToken, revokeApiToken } from '../src/merchants/merchant-admin.js';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { call, client } from './support/http.js';
import { startApp, type TestApp } from './support/test-app.js';

const CREATE = '/api/v1/connect/reservations/create';
const UNAUTHENTICATED = {
  status_code: 401,
  status_message: 'Unauthorized',
  message: 'unauthenticated',
  is_error: true,
  errors: ['Missing or invalid Bearer token.'],
};

describe(`authentication (${TEST_BACKEND})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { authorization: `Bearer fpgo_test_${'x'.repeat(32)}` }],
    ['Basic credentials', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers %s with 401 in the envelope and stores nothing', async (_name, headers) => {
    const r = await call(t.baseUrl, 'POST', CREATE, { body: primaryExample(), headers });
    expect(r.status).toBe(401);
    expect(r.json).toEqual(UNAUTHENTICATED);
    const rows = await t.store.db.selectFrom('reservations').select('uuid').execute();
    expect(rows).toEqual([]);
  });

  it('checks the token before the body, so a bad body without a token is still 401', async () => {
    const r = await call(t.baseUrl, 'POST', CREATE, { rawBody: '{oops', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(401);
  });

  it('stores tokens only as hashes', async () => {
    const m = await t.merchant();
    const rows = await t.store.db.selectFrom('api_tokens').selectAll().where('merchant_id', '=', m.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(m.token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.token.startsWith(rows[0]!.prefix)).toBe(true);
  });

  it('accepts a second token, and refuses a token once it is revoked', async () => {
    const m = await t.merchant();
    const second = await createApiToken({ merchants: t.store.merchants, clock: systemClock }, m.id);
    const api2 = client(t.baseUrl, second!.apiToken);
    expect((await api2.post(CREATE, primaryExample())).status).toBe(201);

    const revoked = await revokeApiToken({ merchants: t.store.merchants, clock: systemClock }, second!.apiToken.slice(0, 20));
    expect(revoked).toMatchObject({ ok: true, merchantId: m.id });
    const r = await api2.post(CREATE, primaryExample());
    expect(r.status).toBe(401);
    expect(r.json).toEqual(UNAUTHENTICATED);
    expect((await m.api.post(CREATE, primaryExample())).status).toBe(201);
  });

  it('refuses to revoke by a prefix that is too short or matches nothing', async () => {
    const deps = { merchants: t.store.merchants, clock: systemClock };
    expect(await revokeApiToken(deps, 'fpgo')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await revokeApiToken(deps, 'fpgo_test_zzzzzz')).toMatchObject({ ok: false, reason: 'not-found' });
  });
});
