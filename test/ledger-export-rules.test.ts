/**
 * The ledger export's own rules, without a database: which time range a query names (and which it
 * refuses), which rows the movements become, and the file's name. test/ledger-export.test.ts checks
 * the same export end to end against Details.
 */
import { describe, expect, it } from 'vitest';
import { DAY } from '../src/kernel/clock.js';
import { ledgerExport, MAX_LEDGER_RANGE_MS } from '../src/reservations/ledger-export.js';
import type { LedgerEntry } from '../src/reservations/ports.js';
import { merchant } from './support/reservation-state.js';

/** 2026-01-15 12:00 UTC, 13:00 in Oslo. */
const NOW = Date.UTC(2026, 0, 15, 12);
const HEAD = { sequence: 7, hash: 'c0ffee' };

function exportWith(query: { from?: unknown; to?: unknown }, entries: LedgerEntry[] = [], offsetMs = 0) {
  const asked: [number, number][] = [];
  const ledger = {
    entries: async (_merchantId: string, from: number, to: number) => {
      asked.push([from, to]);
      return entries;
    },
    chainHead: async () => HEAD,
  };
  const result = ledgerExport({ ledger, clock: { now: () => NOW } }, merchant({ testClockOffsetMs: offsetMs }), query);
  return { result, asked };
}

const seconds = (ms: number) => String(ms / 1000);

async function csvOf(entries: LedgerEntry[]): Promise<string[]> {
  const outcome = await exportWith({}, entries).result;
  if (!outcome.ok) throw new Error('refused');
  return outcome.value.csv.trimEnd().split('\r\n');
}

describe('the time range of a ledger export', () => {
  it("is the last 31 days up to the merchant's now when the query names none", async () => {
    const { result, asked } = exportWith({}, [], 3_600_000);
    const outcome = await result;
    expect(asked).toEqual([[NOW + 3_600_000 - 31 * DAY, NOW + 3_600_000]]);
    expect(outcome.ok && outcome.value.filename).toBe(`ledger-${merchant().id}-${(NOW + 3_600_000 - 31 * DAY) / 1000}-${(NOW + 3_600_000) / 1000}.csv`);
  });

  it('reads from and to as Unix seconds, and an empty one as not given', async () => {
    const from = NOW - 2 * DAY;
    expect(exportWith({ from: seconds(from), to: seconds(NOW) }).asked).toEqual([[from, NOW]]);
    expect(exportWith({ from: '', to: seconds(NOW) }).asked).toEqual([[NOW - 31 * DAY, NOW]]);
    expect(exportWith({ from: seconds(from), to: '' }).asked).toEqual([[from, NOW]]);
  });

  it('may start and end at the same second', async () => {
    expect((await exportWith({ from: seconds(NOW), to: seconds(NOW) }).result).ok).toBe(true);
  });

  it('may be 366 days long, and no longer', async () => {
    expect((await exportWith({ from: seconds(NOW - MAX_LEDGER_RANGE_MS), to: seconds(NOW) }).result).ok).toBe(true);
    const tooLong = await exportWith({ from: seconds(NOW - MAX_LEDGER_RANGE_MS - 1000), to: seconds(NOW) }).result;
    expect(tooLong.ok ? [] : tooLong.errors).toEqual(['The time range must not be longer than 366 days.']);
  });

  it('may not end before it starts', async () => {
    const outcome = await exportWith({ from: seconds(NOW + 1000), to: seconds(NOW) }).result;
    expect(outcome.ok ? [] : outcome.errors).toEqual(['The from field must not be after the to field.']);
  });

  it.each([['yesterday'], ['-1'], ['1.5'], ['x1700000000'], ['1700000000x'], ['123456789012'], [['1700000000']], [1700000000]])(
    'refuses %j as a time, naming the field, and reads nothing',
    async (value) => {
      const { result, asked } = exportWith({ from: value, to: value });
      const outcome = await result;
      expect(outcome.ok ? [] : outcome.errors).toEqual(['The from field must be a Unix timestamp in seconds.', 'The to field must be a Unix timestamp in seconds.']);
      expect(asked).toEqual([]);
    },
  );
});

describe('the rows of a ledger export', () => {
  const at = NOW;
  const time = '2026-01-15T13:00:00+01:00';

  it('lists each movement in kroner with its ids, in the merchant zone', async () => {
    expect(
      await csvOf([
        { type: 'reserved', at, reservationUuid: 'RES1', amount: 100_000 },
        { type: 'captured', at, reservationUuid: 'RES1', transactionUuid: 'CAP1', amount: 40_050, refundOf: null },
        { type: 'refunded', at, reservationUuid: 'RES1', transactionUuid: 'REF1', amount: 5, refundOf: 'CAP1' },
      ]),
    ).toEqual([
      'time,type,reservation,transaction,refund_of,amount,currency',
      `${time},reserved,RES1,,,1000.00,NOK`,
      `${time},captured,RES1,CAP1,,400.50,NOK`,
      `${time},refunded,RES1,REF1,CAP1,0.05,NOK`,
      '',
      'chain head,7,c0ffee',
    ]);
  });

  it('lists what a closed reservation left uncaptured as voided, and nothing when it was all captured', async () => {
    expect(
      await csvOf([
        { type: 'closed', at, reservationUuid: 'RES1', reserved: 100_000, captured: 60_000 },
        { type: 'closed', at, reservationUuid: 'RES2', reserved: 100_000, captured: 100_000 },
        { type: 'closed', at, reservationUuid: 'RES3', reserved: 100_000, captured: 99_999 },
      ]),
    ).toEqual(['time,type,reservation,transaction,refund_of,amount,currency', `${time},voided,RES1,,,400.00,NOK`, `${time},voided,RES3,,,0.01,NOK`, '', 'chain head,7,c0ffee']);
  });
});
