// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith, primaryExample } from './support/fixtures.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';

describe(`reservation details (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0));

  beforeAll(async () => {
    t = await startApp({ clock });
    m = await t.merchant('Hotel Fjord');
  });
  afterAll(() => t.close());

  it('shows a new reservation as SENT with its lines, their ids and nothing paid', async () => {
    const created = await m.api.post(`${API}/create`, primaryExample({ now: clock.now() }));
    const uuid = created.json.data.reservationUuid;
    const r = await m.api.get(`${API}/details/${uuid}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status_code: 200, status_message: 'OK', message: 'reservationRetrievedSuccessfully', is_data: true });
    const d = r.json.data;
    expect(d).toMatchObject({
      reservationUuid: uuid,
      status: 'SENT',
      isPaid: false,
      grandTotal: 1000,
      subTotal: 1000,
      totalTax: 0,
      currency: 'NOK',
      reservationDate: '22.08.2024',
      paymentLinkDueDate: '02.12.2026',
      sendOrderBy: { sms: false, email: false },
      customerDetails: {
        customerUuid: created.json.data.customerUuid,
        countryCode: '+47',
        msisdn: '46567468',
        email: 'nafees@yopmail.com',
        name: 'Nafees',
        address: { street: 'Dhaka', zip: '3500', city: 'Cumilla', country: 'NO' },
      },
      referenceNumber: null,
      chargeValidity: '55',
      customerReference: null,
      customerNotes: null,
      termsAndCondition: null,
      paymentDetails: { reservedAt: null, reservedAmount: 0, capturedAmount: 0, chargedAmount: 0, amountRefunded: { fromCaptured: 0, fromCharge: 0 } },
      organizationDetails: { name: 'Hotel Fjord' },
      translationKey: 'reservationStatusSent',
      paymentHistory: { reserved: [], captured: [], charged: [], refunded: [] },
    });
    expect(d.productList).toHaveLength(1);
    expect(d.productList[0]).toMatchObject({ name: 'Test', productId: null, quantity: 1, rate: 1000, discount: 0, tax: 0, amount: 1000, reserved: 0, captured: 0 });
    expect(Number.isInteger(d.productList[0].id)).toBe(true);
  });

  it('gives each product line its own integer id, in the order sent', async () => {
    const created = await m.api.post(
      `${API}/create`,
      exampleWith(
        (b) => {
          b.products = [
            { name: 'Room', productId: 'R-12', rate: 700, tax: 12, amount: 700, quantity: 2 },
            { name: 'Parking', productId: 77, rate: 300.5, tax: 25, amount: 300.5, discount: '10.50' },
          ];
          b.orderSummary = { subTotal: 1000.5, totalTax: 159.13, grandTotal: 1159.63 };
          b.referenceNo = 'INV-9';
          b.tnc = 'No refunds after check-in.';
        },
        { now: clock.now() },
      ),
    );
    const d = (await m.api.get(`${API}/details/${created.json.data.reservationUuid}`)).json.data;
    expect(d.productList.map((p: any) => [p.name, p.productId, p.quantity, p.rate, p.discount, p.tax, p.amount])).toEqual([
      ['Room', 'R-12', 2, 700, 0, 12, 700],
      ['Parking', '77', 1, 300.5, 10.5, 25, 300.5],
    ]);
    const [first, second] = d.productList.map((p: any) => p.id);
    expect(second).toBeGreaterThan(first);
    expect(d).toMatchObject({ grandTotal: 1159.63, referenceNumber: 'INV-9', termsAndCondition: 'No refunds after check-in.' });
  });

  it('reports EXPIRED once the due date has passed unpaid', async () => {
    const created = await m.api.post(`${API}/create`, primaryExample({ now: clock.now(), daysAhead: 1 }));
    const uuid = created.json.data.reservationUuid;
    expect((await m.api.get(`${API}/details/${uuid}`)).json.data.status).toBe('SENT');
    clock.advance(2 * 86_400_000);
    const d = (await m.api.get(`${API}/details/${uuid}`)).json.data;
    expect(d.status).toBe('EXPIRED');
    expect(d.translationKey).toBe('reservationStatusExpired');
  });

  it('answers an unknown id with 404 reservationNotFound', async () => {
    const r = await m.api.get(`${API}/details/RES0000000001`);
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ status_code: 404, status_message: 'Not Found', message: 'reservationNotFound', is_data: false, data: null });
  });

  it("answers another merchant's reservation with the same 404, revealing nothing", async () => {
    const other = await t.merchant('Other Hotel');
    const theirs = await other.api.post(`${API}/create`, primaryExample({ now: clock.now() }));
    const r = await m.api.get(`${API}/details/${theirs.json.data.reservationUuid}`);
    expect(r.status).toBe(404);
    expect(r.json.message).toBe('reservationNotFound');
    expect(r.text).not.toContain('Nafees');
    expect((await other.api.get(`${API}/details/${theirs.json.data.reservationUuid}`)).status).toBe(200);
  });
});
