/**
 * Several server processes claim from one callback outbox: each due callback goes to exactly one
 * claimer, even when claims race (on PostgreSQL a claim's snapshot can predate another's commit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import { exampleWith } from './support/fixtures.js';
import { startApp, type TestApp } from './support/test-app.js';
import { TEST_BACKEND } from './support/database.js';

const API = '/api/v1/connect/reservations';

describe(`claiming due callbacks from several stores (${TEST_BACKEND})`, () => {
  let app: TestApp;
  let others: Store[];

  beforeAll(async () => {
    app = await startApp(); // no delivery worker: the callbacks stay due for the claimers below
    others = await Promise.all([Store.open(app.database.url), Store.open(app.database.url)]);
  });
  afterAll(async () => {
    for (const store of others) await store.close();
    await app.close();
  });

  it('hands every due callback to one claimer only, however the claims interleave', async () => {
    const merchant = await app.merchant();
    const count = 60;
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const created = await merchant.api.post(`${API}/create`, exampleWith((body) => { body.callback.callbackUrl = `http://127.0.0.1:9/cb?n=${i}`; }));
        const paid = await merchant.api.post(`/api/v1/test/reservations/${created.json.data.reservationUuid}/pay`, { cardNumber: '4111111111111111' });
        expect(paid.status).toBe(200);
      }),
    );
    const now = Date.now() + 60_000;
    const claimers = [app.store, ...others];
    // Many one-row claims at once from three stores, so that claims overlap as they would across processes.
    const claims = await Promise.all(Array.from({ length: 60 }, (_, i) => claimers[i % claimers.length]!.callbacks.claimDue(now, now + 60_000, 1)));
    const claimedIds = claims.flat().map((callback) => callback.id);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    const rest = await app.store.callbacks.claimDue(now, now + 60_000, count);
    expect(claimedIds.length + rest.length).toBe(count);
  });
});
