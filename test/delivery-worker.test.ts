/**
 * One callback delivery, driven directly: what is sent (the signed URL, the Standard Webhooks headers,
 * both secrets during a rotation), what is recorded (the attempt, its outcome and next try), what is
 * announced, and what the operator's log is told when a callback is given up. Receivers and the store
 * are exercised end to end by the HTTP tests; here the repository is an in-memory stand-in so every
 * field can be asserted.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { DeliveryWorker, type RecordedAttempt } from '../src/callbacks/delivery-worker.js';
import { verifyCallback } from '../src/callbacks/verify-callback.js';
import type { AttemptRecord, AttemptResult, PendingCallback } from '../src/reservations/status-callback.js';

const SECRET = 'whsec_' + Buffer.from('the current secret, 32 bytes!!!').toString('base64');
const OLD_SECRET = 'whsec_' + Buffer.from('the previous secret, 32 bytes!!').toString('base64');
/** Now, as Standard Webhooks' verifier reads the real clock to refuse stale or future messages. */
const SENT_AT = Date.now();

const pending = (overrides: Partial<PendingCallback> = {}): PendingCallback => ({
  id: 41,
  webhookId: 'msg_2b9fQx',
  merchantId: 'MER1000000001',
  reservationUuid: 'RES1234567890',
  subjectUuid: 'CAP1234567890',
  status: 'CAPTURED',
  paymentMethod: 'visa',
  amount: 125_050,
  orderCreatedAt: Date.UTC(2026, 10, 30, 12, 0, 0),
  url: 'https://shop.example/cb?order=7#fragment',
  createdAt: SENT_AT - 1000,
  attemptsMade: 0,
  secret: SECRET,
  previousSecret: null,
  ...overrides,
});

const answer = (httpStatus: number | null, more: Partial<AttemptResult> = {}): AttemptResult => ({ httpStatus, error: null, durationMs: 12, retryable: true, ...more });

/** Delivers `callback` once through a transport answering `result`; what was sent, recorded, announced and logged. */
async function deliverOnce(callback: PendingCallback, result: AttemptResult, schedule = [60_000, 600_000]) {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  const recorded: AttemptRecord[] = [];
  const announced: RecordedAttempt[] = [];
  const warnings: { fields: Record<string, unknown>; message: string }[] = [];
  let claimedOnce = false;
  let now = SENT_AT;
  const done = new Promise<void>((resolve) => {
    const worker = new DeliveryWorker({
      repository: {
        async claimDue() {
          if (claimedOnce) return [];
          claimedOnce = true;
          return [callback];
        },
        async recordAttempt(record: AttemptRecord) {
          recorded.push(record);
        },
        onEnqueued: () => () => {},
      } as never,
      transport: {
        async send(url, headers) {
          sent.push({ url, headers });
          now += 250; // the answer came 250 ms later
          return result;
        },
      },
      clock: { now: () => now },
      schedule,
      logger: { warn: ((fields: Record<string, unknown>, message: string) => warnings.push({ fields, message })) as never, info: () => {} },
      pollMs: 3_600_000,
      random: () => 0.5,
    });
    worker.events.on('attempt', (attempt) => {
      announced.push(attempt);
      void worker.stop().then(() => resolve());
    });
    worker.start();
  });
  await done;
  return { sent, recorded, announced, warnings };
}

describe('one callback delivery', () => {
  it('sends the callback URL signed with the merchant’s secret, and Standard Webhooks headers over that exact URL', async () => {
    const { sent } = await deliverOnce(pending(), answer(200));
    expect(sent).toHaveLength(1);
    const { url, headers } = sent[0]!;
    expect(url.startsWith('https://shop.example/cb?order=7&orderUuid=RES1234567890&status=CAPTURED&paymentMethod=visa&amount=1250.50&createdAt=')).toBe(true);
    expect(url).not.toContain('#');
    expect(verifyCallback(url, SECRET, { now: () => SENT_AT })).toMatchObject({ ok: true });
    expect(new URL(url).searchParams.get('timestamp')).toBe(String(Math.floor(SENT_AT / 1000)));
    expect(headers['webhook-id']).toBe('msg_2b9fQx');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(SENT_AT / 1000)));
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(new Webhook(SECRET).verify(JSON.stringify(url), headers)).toBe(url);
  });

  it('during a secret rotation, checksums with the previous secret and signs the headers with both', async () => {
    const { sent } = await deliverOnce(pending({ previousSecret: OLD_SECRET }), answer(200));
    const { url, headers } = sent[0]!;
    expect(verifyCallback(url, OLD_SECRET, { now: () => SENT_AT })).toMatchObject({ ok: true });
    expect(verifyCallback(url, SECRET, { now: () => SENT_AT })).toMatchObject({ ok: false });
    const signatures = headers['webhook-signature']!.split(' ');
    expect(signatures).toHaveLength(2);
    for (const secret of [SECRET, OLD_SECRET]) expect(new Webhook(secret).verify(JSON.stringify(url), headers)).toBe(url);
    // The first signature is the current secret's: receivers that already switched find it first.
    expect(new Webhook(SECRET).verify(JSON.stringify(url), { ...headers, 'webhook-signature': signatures[0]! })).toBe(url);
  });

  it('records a delivered attempt with the time it was sent, the URL as sent and no next try; announces it; logs nothing', async () => {
    const { sent, recorded, announced, warnings } = await deliverOnce(pending({ attemptsMade: 2 }), answer(204));
    expect(recorded).toEqual([
      { callbackId: 41, attemptedAt: SENT_AT, url: sent[0]!.url, result: answer(204), outcome: { state: 'delivered', attemptsMade: 3, nextAttemptAt: null } },
    ]);
    expect(announced).toEqual([{ webhookId: 'msg_2b9fQx', reservationUuid: 'RES1234567890', httpStatus: 204, state: 'delivered' }]);
    expect(warnings).toEqual([]);
  });

  it('schedules a failed attempt again from the time its answer came, and logs nothing while tries remain', async () => {
    const { recorded, announced, warnings } = await deliverOnce(pending(), answer(503), [60_000, 600_000]);
    expect(recorded[0]!.outcome.state).toBe('pending');
    expect(recorded[0]!.outcome.attemptsMade).toBe(1);
    // The first interval (60 s) with its jitter, counted from when the 503 came back (250 ms after sending).
    const next = recorded[0]!.outcome.nextAttemptAt!;
    expect(next).toBeGreaterThanOrEqual(SENT_AT + 250 + 30_000);
    expect(next).toBeLessThanOrEqual(SENT_AT + 250 + 90_000);
    expect(announced[0]).toMatchObject({ httpStatus: 503, state: 'pending' });
    expect(warnings).toEqual([]);
  });

  it('gives a callback up after its last try and tells the operator why', async () => {
    const result = answer(null, { error: 'no answer within 10 s', detail: 'UND_ERR_HEADERS_TIMEOUT' });
    const { recorded, announced, warnings } = await deliverOnce(pending({ attemptsMade: 2 }), result, [60_000, 600_000]);
    expect(recorded[0]!.outcome).toEqual({ state: 'failed', attemptsMade: 3, nextAttemptAt: null });
    expect(announced[0]).toEqual({ webhookId: 'msg_2b9fQx', reservationUuid: 'RES1234567890', httpStatus: null, state: 'failed' });
    expect(warnings).toEqual([
      { fields: { webhookId: 'msg_2b9fQx', reservation: 'RES1234567890', error: 'UND_ERR_HEADERS_TIMEOUT', httpStatus: null }, message: 'callback given up' },
    ]);
  });

  it('gives up at once on an answer that retrying cannot change, logging the merchant-facing reason when no detail is known', async () => {
    const result = answer(null, { error: 'the host resolves to a private address', retryable: false });
    const { recorded, warnings } = await deliverOnce(pending(), result);
    expect(recorded[0]!.outcome).toEqual({ state: 'failed', attemptsMade: 1, nextAttemptAt: null });
    expect(warnings[0]!.fields.error).toBe('the host resolves to a private address');
  });

  it('by default delivers up to 128 callbacks at once, 32 of them for one merchant (a busy merchant keeps pace with its payments)', async () => {
    const claims: { limit: number; perMerchant: number | undefined }[] = [];
    const worker = new DeliveryWorker({
      repository: {
        async claimDue(_now: number, _lockUntil: number, limit: number, fairShare?: { perMerchant: number }) {
          claims.push({ limit, perMerchant: fairShare?.perMerchant });
          return [];
        },
        onEnqueued: () => () => {},
      } as never,
      transport: { send: async () => answer(200) },
      clock: { now: () => SENT_AT },
      schedule: [60_000],
      logger: { warn: () => {}, info: () => {} },
      pollMs: 3_600_000,
    });
    worker.start();
    await worker.stop();
    expect(claims).toEqual([{ limit: 128, perMerchant: 32 }]);
  });
});
