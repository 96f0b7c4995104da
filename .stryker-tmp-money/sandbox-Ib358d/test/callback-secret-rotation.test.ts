/**
 * Rotating the callback secret: during the grace period the checksum keeps the old secret (receivers
 * that have not switched accept it) and webhook-signature carries a signature with each secret; after
 * it, only the new one signs. Also the CLI: `fpgo callbacks rotate-secret` and `fpgo user create/disable`.
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCallback } from '../src/callbacks/verify-callback.js';
import { rotateCallbackSecret } from '../src/merchants/callback-secret.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { FPGO_BIN, PROJECT_ROOT, runFpgo } from './support/process.js';
import { startReceiver, type Hit, type Receiver } from './support/receiver.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

describe(`callback secret rotation (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    [t, receiver] = await Promise.all([startApp({ callbackRetrySchedule: [100] }), startReceiver()]);
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  /** A paid reservation's RESERVED callback, as the receiver got it. */
  async function callbackOf(m: TestMerchant): Promise<Hit> {
    const created = await m.api.post('/api/v1/connect/reservations/create', exampleWith((b) => (b.callback = { callbackUrl: `${receiver.url}/cb/${m.id}`, success: null, failure: null })));
    const uuid = created.json.data.reservationUuid as string;
    await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' });
    return new Promise<Hit>((resolve) => {
      const check = () => {
        const hit = receiver.hits.find((h) => h.url.includes(uuid));
        if (!hit) return;
        t.worker!.events.off('attempt', check);
        resolve(hit);
      };
      t.worker!.events.on('attempt', check);
      check();
    });
  }

  const webhookAccepts = (secret: string, hit: Hit) => {
    try {
      // The signed payload is the requested URL as a JSON string (src/callbacks/signature.ts).
      new Webhook(secret).verify(JSON.stringify(`${receiver.url}${hit.url}`), hit.headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  };

  it('signs with both secrets during the grace period: the checksum with the old, webhook-signature with each', async () => {
    const m = await t.merchant('Rotating');
    const rotated = (await rotateCallbackSecret({ merchants: t.store.merchants, clock: { now: () => Date.now() } }, m.id, 3_600_000))!;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(m.callbackSecret);
    const hit = await callbackOf(m);
    expect(verifyCallback(hit.url, m.callbackSecret).ok).toBe(true);
    expect(String(hit.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(webhookAccepts(rotated.secret, hit)).toBe(true);
    expect(webhookAccepts(m.callbackSecret, hit)).toBe(true);
    expect(webhookAccepts('whsec_' + Buffer.from('another secret!!').toString('base64'), hit)).toBe(false);
  });

  it('signs with the new secret alone once the grace period is over (here: none)', async () => {
    const m = await t.merchant('Switched');
    const rotated = (await rotateCallbackSecret({ merchants: t.store.merchants, clock: { now: () => Date.now() } }, m.id, 0))!;
    const hit = await callbackOf(m);
    expect(verifyCallback(hit.url, rotated.secret).ok).toBe(true);
    expect(verifyCallback(hit.url, m.callbackSecret).ok).toBe(false);
    expect(String(hit.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(webhookAccepts(m.callbackSecret, hit)).toBe(false);
    expect(await t.store.merchants.previousCallbackSecret(m.id, Date.now())).toBeNull();
  });

  it('is done from the command line, which also creates and disables dashboard users', { timeout: 60_000 }, async () => {
    const m = await t.merchant('CLI');
    const env = { DATABASE_URL: t.database.url };
    const rotate = await runFpgo(['callbacks', 'rotate-secret', '--merchant', m.id, '--grace', '2h', '--json'], env);
    expect(rotate.code).toBe(0);
    const rotated = JSON.parse(rotate.output);
    expect(rotated).toEqual({ merchantId: m.id, callbackSecret: expect.stringMatching(/^whsec_/), previousSecretUntil: expect.any(String) });
    expect(Date.parse(rotated.previousSecretUntil) - Date.now()).toBeGreaterThan(7_100_000);
    expect((await t.store.merchants.findById(m.id))!.callbackSecret).toBe(rotated.callbackSecret);
    expect((await runFpgo(['callbacks', 'rotate-secret', '--merchant', m.id, '--grace', '8d'], env)).output).toBe('fpgo: --grace must be at most 7d\n');

    const created = await runFpgo(['user', 'create', '--merchant', m.id, '--email', 'Owner@Example.com', '--role', 'admin', '--json'], env);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.output)).toEqual({ merchantId: m.id, email: 'owner@example.com', role: 'admin', password: expect.stringMatching(/^[\w-]{20}$/) });
    expect((await runFpgo(['user', 'create', '--merchant', m.id, '--email', 'owner@example.com'], env)).output).toBe('fpgo: a user with the email address owner@example.com exists already\n');
    const weak = spawnSync(process.execPath, [FPGO_BIN, 'user', 'create', '--merchant', m.id, '--email', 'weak@example.com', '--password-stdin'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      input: 'short\n',
      encoding: 'utf8',
    });
    expect([weak.status, weak.stderr]).toEqual([1, 'fpgo: the password must be at least 12 characters long\n']);
    expect((await runFpgo(['user', 'create', '--merchant', 'MER0', '--email', 'x@example.com'], env)).output).toBe('fpgo: no merchant MER0\n');
    expect((await runFpgo(['user', 'disable', '--email', 'OWNER@example.com'], env)).output).toBe('disabled owner@example.com\n');
    expect((await t.store.users.findByEmail('owner@example.com'))!.disabledAt).not.toBeNull();
    expect((await runFpgo(['user', 'disable', '--email', 'nobody@example.com'], env)).output).toBe('fpgo: no user nobody@example.com\n');
  });
});
