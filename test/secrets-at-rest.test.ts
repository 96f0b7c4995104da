/**
 * SECRETS_KEY: merchants' callback secrets are stored encrypted (AES-256-GCM), nowhere in the
 * database in plain text, and still sign callbacks; secrets stored before the key was set are
 * encrypted by `fpgo secrets encrypt` or by the start of the server; a database holding encrypted
 * secrets is refused without the key, and the key itself is never echoed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCallback } from '../src/callbacks/verify-callback.js';
import { rotateCallbackSecret } from '../src/merchants/callback-secret.js';
import { parseSecretsKey } from '../src/store/secret-box.js';
import { Store } from '../src/store/store.js';
import { TEST_BACKEND } from './support/database.js';
import { databaseDump } from './support/database-dump.js';
import { exampleWith } from './support/fixtures.js';
import { freePort, runFpgo, startFpgo } from './support/process.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startApp, type TestApp } from './support/test-app.js';

const KEY = randomBytes(32);
const storedSecrets = (t: Pick<TestApp, 'store'>, id: string) =>
  t.store.db.selectFrom('merchants').select(['callback_secret', 'previous_callback_secret']).where('id', '=', id).executeTakeFirstOrThrow();

describe(`callback secrets encrypted at rest (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    [t, receiver] = await Promise.all([startApp({ callbackRetrySchedule: [100], secretsKey: KEY }), startReceiver()]);
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('stores the secret and the rotated-out one encrypted, never in plain text, and signs callbacks with them', async () => {
    const m = await t.merchant('Sealed');
    const rotated = (await rotateCallbackSecret({ merchants: t.store.merchants, clock: { now: () => Date.now() } }, m.id, 3_600_000))!;
    const stored = await storedSecrets(t, m.id);
    expect(stored.callback_secret).toMatch(/^enc:v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(stored.previous_callback_secret).toMatch(/^enc:v1:/);
    const dump = (await databaseDump(t)).text;
    for (const secret of [m.callbackSecret, rotated.secret]) expect(dump).not.toContain(secret.slice('whsec_'.length));

    const created = await m.api.post('/api/v1/connect/reservations/create', exampleWith((b) => (b.callback = { callbackUrl: `${receiver.url}/cb`, success: null, failure: null })));
    await m.api.post(`/api/v1/test/reservations/${created.json.data.reservationUuid}/pay`, { cardNumber: '4111111111111111' });
    const [hit] = await receiver.waitFor('/cb', 1);
    // During the grace period the checksum is made with the previous secret, opened from its sealed form.
    expect(verifyCallback(hit!.url, m.callbackSecret).ok).toBe(true);
    expect((await t.store.merchants.findById(m.id))!.callbackSecret).toBe(rotated.secret);
  });

  it('does not open a sealed secret copied onto another merchant', async () => {
    const [a, b] = [await t.merchant('A'), await t.merchant('B')];
    const sealedA = (await storedSecrets(t, a.id)).callback_secret;
    await t.store.db.updateTable('merchants').set({ callback_secret: sealedA }).where('id', '=', b.id).execute();
    await expect(t.store.merchants.findById(b.id)).rejects.toThrow(`the callback secret of merchant ${b.id} does not open with SECRETS_KEY`);
  });
});

describe(`encrypting the secrets stored before SECRETS_KEY was set (${TEST_BACKEND})`, () => {
  it('fpgo secrets encrypt seals them; without the key the server refuses to start, saying why without a stack trace', { timeout: 60_000 }, async () => {
    const t = await startApp();
    try {
      const m = await t.merchant('Plain');
      expect((await storedSecrets(t, m.id)).callback_secret).toBe(m.callbackSecret);
      const env = { DATABASE_URL: t.database.url };

      const noKey = await runFpgo(['secrets', 'encrypt'], env);
      expect(noKey.output).toMatch(/^fpgo: SECRETS_KEY is not set/);
      const bad = await runFpgo(['secrets', 'encrypt'], { ...env, SECRETS_KEY: 'not-a-key-but-a-secret' });
      expect(bad.output).toBe('fpgo: invalid configuration: SECRETS_KEY: SECRETS_KEY must be 32 bytes, written as 64 hex digits or in base64 (e.g. `openssl rand -base64 32`) (got a value, not shown)\n');

      const encrypted = await runFpgo(['secrets', 'encrypt'], { ...env, SECRETS_KEY: KEY.toString('hex') });
      expect(encrypted.output).toBe('encrypted the callback secrets of 1 merchants\n');
      expect((await storedSecrets(t, m.id)).callback_secret).toMatch(/^enc:v1:/);
      expect((await runFpgo(['secrets', 'encrypt'], { ...env, SECRETS_KEY: KEY.toString('base64') })).output).toBe('every callback secret is stored encrypted already\n');
      const withKey = await Store.open(t.database.url, { secretsKey: parseSecretsKey(KEY.toString('base64')) });
      expect((await withKey.merchants.findById(m.id))!.callbackSecret).toBe(m.callbackSecret);
      await withKey.close();

      const server = startFpgo(['serve'], { ...env, PORT: String(await freePort()) });
      const { code } = await server.exited;
      expect(code).toBe(1);
      expect(server.output()).toBe("fpgo: 1 merchants' callback secrets are stored encrypted, but SECRETS_KEY is not set: set the key that sealed them\n");
    } finally {
      await t.close();
    }
  });

  it('the server encrypts them when it starts with the key', { timeout: 60_000 }, async () => {
    const t = await startApp();
    try {
      const m = await t.merchant('Plain at start');
      const server = startFpgo(['serve'], { DATABASE_URL: t.database.url, PORT: String(await freePort()), SECRETS_KEY: KEY.toString('base64') });
      await server.waitFor(/fpgo is serving/);
      expect(server.output()).toContain('encrypted callback secrets stored in plain text (SECRETS_KEY)');
      server.child.kill('SIGTERM');
      await server.exited;
      expect((await storedSecrets(t, m.id)).callback_secret).toMatch(/^enc:v1:/);
    } finally {
      await t.close();
    }
  });
});
