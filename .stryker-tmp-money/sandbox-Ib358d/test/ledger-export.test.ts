/**
 * The ledger export: every money movement of a merchant as CSV that adds up to what Details shows,
 * with the head of the merchant's history chain at the end.
 */
// @ts-nocheck

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../src/audit/history-chain.js';
import { TEST_BACKEND } from './support/database.js';
import { API, captureBody, chargeBody, reserved, twoLines } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

/** The CSV's rows as records, and its trailer. */
function parse(csv: string) {
  const lines = csv.trimEnd().split('\r\n');
  const header = lines[0]!.split(',');
  const blank = lines.indexOf('');
  const rows = lines.slice(1, blank).map((line) => Object.fromEntries(line.split(',').map((value, i) => [header[i]!, value])));
  return { header, rows, trailer: lines.slice(blank + 1) };
}

const kroner = (rows: Record<string, string>[], type: string) =>
  rows.filter((r) => r.type === type).reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0) / 100;

describe(`the ledger export (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;

  beforeAll(async () => {
    t = await startApp();
    m = await t.merchant();
  });
  afterAll(() => t.close());

  it('lists reserved, captured, charged, refunded and voided amounts that add up to Details', async () => {
    const kept = await reserved(m, { change: twoLines });
    const [room, breakfast] = kept.lineIds as [number, number];
    const capture = await m.api.post(`${API}/capture/${kept.uuid}`, captureBody([[room, 400], [breakfast, 100]]));
    await m.api.post(`${API}/capture/${kept.uuid}`, captureBody([[room, 200]]));
    await m.api.post(`${API}/charge/${kept.uuid}`, chargeBody(150));
    await m.api.post(`${API}/refund/${kept.uuid}`, { type: 'reservation', grandTotal: 50, products: [{ id: room, amount: 50 }], source: 'captured', reference: capture.json.data.uuid });
    expect((await m.api.post(`${API}/complete/${kept.uuid}`, { note: 'checked out' })).status).toBe(202);
    const cancelled = await reserved(m);
    expect((await m.api.post(`${API}/cancel/${cancelled.uuid}`, { note: 'no show' })).status).toBe(202);

    const response = await m.api.get(`${API}/ledger.csv`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="ledger-${m.id}-\\d+-\\d+\\.csv"$`));
    const { header, rows, trailer } = parse(response.text);
    expect(header).toEqual(['time', 'type', 'reservation', 'transaction', 'refund_of', 'amount', 'currency']);
    expect(rows.map((r) => `${r.type} ${r.reservation === kept.uuid ? 'kept' : 'cancelled'} ${r.amount}`)).toEqual([
      'reserved kept 1200.00',
      'captured kept 500.00',
      'captured kept 200.00',
      'charged kept 150.00',
      'refunded kept 50.00',
      'voided kept 500.00',
      'reserved cancelled 1000.00',
      'voided cancelled 1000.00',
    ]);
    for (const row of rows) {
      expect(row.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
      expect(row.currency).toBe('NOK');
    }
    expect(rows.find((r) => r.type === 'refunded')!.refund_of).toBe(capture.json.data.uuid);

    const details = (await m.api.get(`${API}/details/${kept.uuid}`)).json.data.paymentDetails;
    const ofKept = rows.filter((r) => r.reservation === kept.uuid);
    expect(kroner(ofKept, 'captured')).toBe(details.capturedAmount);
    expect(kroner(ofKept, 'charged')).toBe(details.chargedAmount);
    expect(kroner(ofKept, 'refunded')).toBe(details.amountRefunded.fromCaptured + details.amountRefunded.fromCharge);
    expect(kroner(ofKept, 'reserved')).toBe(details.reservedAmount);

    const [chain] = await verifyChains(t.store.history, m.id);
    expect(chain!.problem).toBeNull();
    expect(trailer).toEqual([`chain head,${chain!.head!.sequence},${chain!.head!.hash}`]);
  });

  it('lists only what happened between from and to, and only the merchant\'s own', async () => {
    const other = await t.merchant();
    expect(parse((await other.api.get(`${API}/ledger.csv`)).text).rows).toEqual([]);
    const future = Math.floor(Date.now() / 1000) + 86_400;
    expect(parse((await m.api.get(`${API}/ledger.csv?from=${future}&to=${future + 60}`)).text).rows).toEqual([]);
  });

  it.each([
    ['from=abc', ['The from field must be a Unix timestamp in seconds.']],
    ['from=200&to=100', ['The from field must not be after the to field.']],
    ['from=0&to=40000000', ['The time range must not be longer than 366 days.']],
  ])('refuses ?%s with a 417 in the envelope', async (query, errors) => {
    const response = await m.api.get(`${API}/ledger.csv?${query}`);
    expect(response.status).toBe(417);
    expect(response.json).toMatchObject({ message: 'payloadValidationErrors', errors });
  });
});
