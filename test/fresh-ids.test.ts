/**
 * Ids are random, so two may meet. A write that hits an id already taken is run again with fresh
 * ids — for new reservations and for captures, charges and refunds alike — and the client never
 * sees the collision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomIdSource, randomIds, type IdPrefix, type IdSource } from '../src/kernel/ids.js';
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
    ...randomIds,
    drawn,
    id(prefix) {
      drawn[prefix] = (drawn[prefix] ?? 0) + 1;
      const fixed = stuck[prefix];
      return fixed && drawn[prefix] <= repeats ? fixed : randomIds.id(prefix);
    },
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
    ...randomIds,
    id(prefix) {
      if (prefix !== 'RES' || !takes(++draws)) return randomIds.id(prefix);
      lastTaken = draws;
      return 'RES1111111111';
    },
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

describe('random ids, drawn from windows that move with time', () => {
  const digits = (id: string) => Number(id.replace(/^[A-Z]+/, ''));
  /** An id source whose clock the test moves. */
  const withClock = () => {
    let now = 0;
    return { ids: randomIdSource(() => now), advance: (ms: number) => void (now += ms) };
  };

  it('have the documented shape: the prefix and 10 digits, never starting with 0', () => {
    const { ids, advance } = withClock();
    for (let i = 0; i < 2000; i++) {
      if (i % 10 === 0) advance(100);
      for (const prefix of ['RES', 'CSRT', 'CAP', 'CHA', 'REF', 'MER'] as const) expect(ids.id(prefix)).toMatch(new RegExp(`^${prefix}[1-9]\\d{9}$`));
    }
  });

  it('are all different within 100 ms, and lie within 100,000 of each other so their index entries share pages', () => {
    const { ids } = withClock();
    const drawn = Array.from({ length: 20_000 }, () => digits(ids.id('RES')));
    expect(new Set(drawn).size).toBe(20_000);
    expect(Math.max(...drawn) - Math.min(...drawn)).toBeLessThan(100_000);
  });

  it('move to a new random place after 100 ms however few or many were drawn, so the windows tell nothing about volume', () => {
    const { ids, advance } = withClock();
    const first = digits(ids.id('RES'));
    advance(99);
    expect(Math.abs(digits(ids.id('RES')) - first)).toBeLessThan(100_000);
    // A new window may land where the last one was (3 times in 90,000): of three in a row, one lands elsewhere.
    const later = [1, 100, 100].map((ms) => (advance(ms), digits(ids.id('RES'))));
    expect(later.some((value) => Math.abs(value - first) >= 100_000)).toBe(true);
  });

  it('keep a window per kind of id', () => {
    const { ids, advance } = withClock();
    const apart: boolean[] = [];
    for (let window = 0; window < 3; window++, advance(100)) {
      const reservations = Array.from({ length: 100 }, () => digits(ids.id('RES')));
      const customers = Array.from({ length: 100 }, () => digits(ids.id('CSRT')));
      for (const drawn of [reservations, customers]) expect(Math.max(...drawn) - Math.min(...drawn)).toBeLessThan(100_000);
      apart.push(Math.abs(reservations[0]! - customers[0]!) >= 100_000);
    }
    expect(apart).toContain(true);
  });

  it('cover the whole range evenly over many windows', () => {
    const { ids, advance } = withClock();
    const firstDigits = new Map<number, number>();
    let lowest = Infinity;
    let highest = 0;
    for (let window = 0; window < 9000; window++) {
      const value = digits(ids.id('RES'));
      [lowest, highest] = [Math.min(lowest, value), Math.max(highest, value)];
      const first = Math.floor(value / 1e9);
      firstDigits.set(first, (firstDigits.get(first) ?? 0) + 1);
      advance(100);
    }
    expect([...firstDigits.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 1,000 expected per first digit; 850 and 1,150 are more than 4.5 standard deviations away.
    for (const count of firstDigits.values()) expect(count).toBeGreaterThan(850), expect(count).toBeLessThan(1150);
    expect(lowest).toBeLessThan(1_020_000_000);
    expect(highest).toBeGreaterThan(9_980_000_000);
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
