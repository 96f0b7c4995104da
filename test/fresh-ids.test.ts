/**
 * Ids are random, so two may meet. A write that hits an id already taken is run again with fresh
 * ids — for new reservations and for captures, charges and refunds alike — and the client never
 * sees the collision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomIds, type IdPrefix, type IdSource } from '../src/kernel/ids.js';
import { verifyChains } from '../src/audit/history-chain.js';
import { withFreshIds } from '../src/reservations/fresh-ids.js';
import { DuplicateKeyError } from '../src/reservations/ports.js';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { API, captureBody, chargeBody, reserved } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

/** Hands out the same id for the first `repeats` draws of each prefix in `stuck`, then random ones. */
function collidingIds(stuck: Partial<Record<IdPrefix, string>>, repeats = 2): IdSource & { drawn: Record<string, number> } {
  const drawn: Record<string, number> = {};
  return {
    drawn,
    id(prefix) {
      drawn[prefix] = (drawn[prefix] ?? 0) + 1;
      const fixed = stuck[prefix];
      return fixed && drawn[prefix] <= repeats ? fixed : randomIds.id(prefix);
    },
    secret: (bytes) => randomIds.secret(bytes),
    orderedSecret: (bytes, at) => randomIds.orderedSecret(bytes, at),
  };
}

describe(`a random id that is already taken (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const ids = collidingIds({ RES: 'RES1111111111', CAP: 'CAP2222222222', CHA: 'CHA3333333333' });

  beforeAll(async () => {
    t = await startApp({ ids });
    m = await t.merchant('Hotel Collisions');
  });
  afterAll(() => t.close());

  it('gives the second new reservation fresh ids', async () => {
    const first = await m.api.post(`${API}/create`, primaryExample());
    const second = await m.api.post(`${API}/create`, primaryExample());
    expect([first.status, second.status], second.text).toEqual([201, 201]);
    expect(first.json.data.reservationUuid).toBe('RES1111111111');
    expect(second.json.data.reservationUuid).toMatch(/^RES\d{10}$/);
    expect(second.json.data.reservationUuid).not.toBe('RES1111111111');
    expect((await m.api.get(`${API}/details/${second.json.data.reservationUuid}`)).status).toBe(200);
  });

  it('gives the second capture and charge fresh ids, and both are in the ledger', async () => {
    const { uuid, lineIds } = await reserved(m);
    const [line] = lineIds as [number];
    const captures = [await m.api.post(`${API}/capture/${uuid}`, captureBody([[line, 100]])), await m.api.post(`${API}/capture/${uuid}`, captureBody([[line, 100]]))];
    const charges = [await m.api.post(`${API}/charge/${uuid}`, chargeBody(50)), await m.api.post(`${API}/charge/${uuid}`, chargeBody(50))];
    expect([...captures, ...charges].map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const captureIds = captures.map((r) => r.json.data.uuid as string);
    const chargeIds = charges.map((r) => r.json.data.uuid as string);
    expect(captureIds[0]).toBe('CAP2222222222');
    expect(new Set(captureIds).size).toBe(2);
    expect(chargeIds[0]).toBe('CHA3333333333');
    expect(new Set(chargeIds).size).toBe(2);
    const history = (await m.api.get(`${API}/details/${uuid}`)).json.data.paymentHistory;
    expect(history.captured.map((c: { uuid: string }) => c.uuid)).toEqual(captureIds);
    expect(history.charged.map((c: { uuid: string }) => c.uuid)).toEqual(chargeIds);
  });
});

describe(`ids that collide under concurrent load (${TEST_BACKEND})`, () => {
  let t: TestApp;
  /**
   * The first reservation id drawn, and then every fifth draw at least 50 draws after the last such
   * one, is the same id, taken after the first: the groups those creates land in fail, and groups
   * chained after them on their way to the database must not. The spacing lets each create escape
   * with its next draw, as a real collision would.
   */
  let draws = 0;
  let lastTaken = 0;
  const takes = (draw: number) => draw === 1 || (draw % 5 === 0 && draw - lastTaken >= 50);
  const ids: IdSource = {
    id(prefix) {
      if (prefix !== 'RES' || !takes(++draws)) return randomIds.id(prefix);
      lastTaken = draws;
      return 'RES1111111111';
    },
    secret: (bytes) => randomIds.secret(bytes),
    orderedSecret: (bytes, at) => randomIds.orderedSecret(bytes, at),
  };

  beforeAll(async () => {
    t = await startApp({ ids });
  });
  afterAll(() => t.close());

  it('answers every create 201 and keeps the merchant\'s history one unbroken chain', async () => {
    const m = await t.merchant('Hotel Crowded');
    expect((await m.api.post(`${API}/create`, primaryExample())).json.data.reservationUuid).toBe('RES1111111111');
    // 16 clients, each sending its next create as soon as the last is answered: groups follow each other without a pause.
    const client = async () => {
      const failures: string[] = [];
      for (let i = 0; i < 50; i++) {
        const answer = await m.api.post(`${API}/create`, primaryExample());
        if (answer.status !== 201) failures.push(`${answer.status} ${answer.text}`);
      }
      return failures;
    };
    expect((await Promise.all(Array.from({ length: 16 }, client))).flat()).toEqual([]);
    expect(lastTaken).toBeGreaterThan(700);
    expect(await verifyChains(t.store.history, m.id)).toEqual([expect.objectContaining({ events: 801, problem: null })]);
  });
});

describe('drawing fresh ids, without a database', () => {
  const taken = () => new DuplicateKeyError(new Error('UNIQUE constraint failed: reservations.uuid'));

  it('runs the work again after a collision, up to three times in all', async () => {
    let runs = 0;
    const result = await withFreshIds(async () => {
      runs++;
      if (runs < 3) throw taken();
      return 'written';
    });
    expect([result, runs]).toEqual(['written', 3]);
  });

  /** How many times `withFreshIds` runs work that always fails with `error`, which it must pass on. */
  async function runsFailingWith(error: Error): Promise<number> {
    let runs = 0;
    const failing = async () => {
      runs++;
      throw error;
    };
    await expect(withFreshIds(failing)).rejects.toBe(error);
    return runs;
  }

  it('reports a third collision in a row instead of trying forever', async () => {
    expect(await runsFailingWith(taken())).toBe(3);
  });

  it('never runs the work again for any other failure', async () => {
    expect(await runsFailingWith(new Error('disk full'))).toBe(1);
  });
});

describe('payment-link secrets that sort by time', () => {
  const at = Date.UTC(2026, 11, 1, 12);

  it('are the time in base 36, 9 characters, then as many random bytes as asked for', () => {
    const secret = randomIds.orderedSecret(24, at);
    expect(secret).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{32}$/);
    expect(parseInt(secret.slice(0, 9), 36)).toBe(at);
    expect(randomIds.orderedSecret(24, 0).slice(0, 9)).toBe('000000000');
  });

  it('sort by the time they were made, whatever their random part', () => {
    const times = [at - 86_400_000, at - 1, at, at + 1, at + 3_600_000, Date.UTC(2300, 0, 1)];
    const secrets = times.map((time) => randomIds.orderedSecret(24, time));
    expect([...secrets].reverse().sort()).toEqual(secrets);
  });

  it('differ when made in the same millisecond', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => randomIds.orderedSecret(24, at)));
    expect(secrets.size).toBe(1000);
  });
});
