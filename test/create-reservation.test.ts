import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith, primaryExample } from './support/fixtures.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';

describe(`create and submit a reservation (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;

  beforeAll(async () => {
    t = await startApp();
    m = await t.merchant('Hotel Fjord');
  });
  afterAll(() => t.close());

  async function storedCounts() {
    const count = async (table: 'reservations' | 'customers' | 'product_lines' | 'reservation_events' | 'notification_requests') =>
      Number((await t.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      reservations: await count('reservations'),
      customers: await count('customers'),
      lines: await count('product_lines'),
      events: await count('reservation_events'),
      notifications: await count('notification_requests'),
    };
  }

  it("accepts the primary page's example unchanged (but for a future due date) with 201", async () => {
    const r = await m.api.post(`${API}/create`, primaryExample());
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(r.json).toMatchObject({ status_code: 201, status_message: 'OK', message: 'Reservation Submitted Successfully', is_data: true });
    expect(r.json.data.customerUuid).toMatch(/^CSRT\d{10}$/);
    expect(r.json.data.reservationUuid).toMatch(/^RES\d{10}$/);
    // The time it was made (base 36), then 24 random bytes: an index of these grows at its end.
    expect(r.json.data.paymentUrl).toMatch(new RegExp(`^${t.baseUrl}/checkout/[0-9a-z]{9}[A-Za-z0-9_-]{32}$`));
  });

  it('gives every reservation its own ids and an unguessable payment URL', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => m.api.post(`${API}/create`, primaryExample())));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    const ids = new Set(answers.map((r) => r.json.data.reservationUuid));
    const urls = new Set(answers.map((r) => r.json.data.paymentUrl));
    expect(ids.size).toBe(20);
    expect(urls.size).toBe(20);
    for (const r of answers) expect(r.json.data.paymentUrl).not.toContain(r.json.data.reservationUuid);
  });

  it('submit takes the same body, answers the same shape, and records the SMS and email requests', async () => {
    const before = await storedCounts();
    const body = exampleWith((b) => {
      b.sendOrderBy = { sms: true, email: '1' };
      delete b.submitPayment;
    });
    const r = await m.api.post(`${API}/submit`, body);
    expect(r.status).toBe(201);
    expect(r.json.message).toBe('Reservation Submitted Successfully');
    const after = await storedCounts();
    expect(after.notifications - before.notifications).toBe(2);
    const requests = await t.store.db
      .selectFrom('notification_requests')
      .select(['channel', 'destination', 'language', 'status'])
      .where('reservation_uuid', '=', r.json.data.reservationUuid)
      .orderBy('channel')
      .execute();
    expect(requests).toEqual([
      { channel: 'email', destination: 'nafees@yopmail.com', language: 'en', status: 'queued' },
      { channel: 'sms', destination: '+4746567468', language: 'en', status: 'queued' },
    ]);
  });

  it.each([
    ['products as a list', (b: any) => { b.products = [b.products[0]]; }],
    ['orderDate as "d M, Y"', (b: any) => { b.orderDate = '03 Sep, 2025'; }],
    ['numeric strings for amounts', (b: any) => {
      b.products[0].rate = '1000';
      b.products[0].amount = '1000.00';
      b.orderSummary = { subTotal: '1000.00', totalTax: '0', grandTotal: '1000' };
    }],
    ['no preferredLanguage', (b: any) => { delete b.customerDetails.preferredLanguage; }],
    ['a corporate customer with a digits-only organizationId', (b: any) => {
      b.customerDetails.type = 'corporate';
      b.customerDetails.organizationId = '987654321';
    }],
    ['a personal number of 11 digits', (b: any) => { b.customerDetails.personalNumber = '01017012345'; }],
    ['no callback and no settings', (b: any) => { delete b.callback; delete b.settings; }],
    ['a due date later today', (b: any) => { b.dueDateForPaymentLink = String(Math.floor(Date.now() / 1000)); }],
    ['two lines with 25% tax', (b: any) => {
      b.products = { 0: { name: 'Room', rate: 800, tax: 25, amount: 800 }, 1: { name: 'Breakfast', rate: 200.5, tax: '25', amount: 200.5 } };
      b.orderSummary = { subTotal: 1000.5, totalTax: 250.13, grandTotal: 1250.63 };
    }],
    ['totals off by one øre of rounding', (b: any) => { b.orderSummary.grandTotal = 1000.01; }],
  ])('accepts %s', async (_name, change) => {
    const r = await m.api.post(`${API}/create`, exampleWith(change));
    expect(r.status, r.text).toBe(201);
  });

  it('defaults the preferred language to no and keeps what it was given', async () => {
    const r = await m.api.post(`${API}/create`, exampleWith((b) => { delete b.customerDetails.preferredLanguage; }));
    const row = await t.store.db.selectFrom('customers').select('preferred_language').where('uuid', '=', r.json.data.customerUuid).executeTakeFirstOrThrow();
    expect(row.preferred_language).toBe('no');
  });

  it('stores money as integer minor units', async () => {
    const r = await m.api.post(
      `${API}/create`,
      exampleWith((b) => {
        b.products = [{ name: 'Room', rate: '0.1', tax: 0, amount: '0.1' }, { name: 'Tip', rate: 0.2, tax: 0, amount: 0.2 }];
        b.orderSummary = { subTotal: 0.3, totalTax: 0, grandTotal: 0.3 };
      }),
    );
    expect(r.status, r.text).toBe(201);
    const row = await t.store.db.selectFrom('reservations').select(['sub_total', 'grand_total']).where('uuid', '=', r.json.data.reservationUuid).executeTakeFirstOrThrow();
    expect(row).toEqual({ sub_total: 30, grand_total: 30 });
  });

  const past = () => String(Math.floor(Date.now() / 1000) - 3 * 86400);
  const broken: [string, (b: any) => void, RegExp][] = [
    ['customerDetails missing', (b) => { delete b.customerDetails; }, /^The customer details field is required\.$/],
    ['email missing', (b) => { delete b.customerDetails.email; }, /^The customer details\.email field is required\.$/],
    ['email malformed', (b) => { b.customerDetails.email = 'nafees-at-yopmail'; }, /^The customer details\.email field must be a valid email address\.$/],
    ['name a number', (b) => { b.customerDetails.name = 12345; }, /^The customer details\.name field must be a string\.$/],
    ['name empty', (b) => { b.customerDetails.name = '  '; }, /^The customer details\.name field is required\.$/],
    ['msisdn missing', (b) => { delete b.customerDetails.msisdn; }, /^The customer details\.msisdn field is required\.$/],
    ['msisdn with letters', (b) => { b.customerDetails.msisdn = '4656abc'; }, /^The customer details\.msisdn field must contain 4 to 15 digits/],
    ['countryCode not a dialing code', (b) => { b.customerDetails.countryCode = 'Norway'; }, /^The customer details\.country code field must be a dialing code/],
    ['type not private/corporate', (b) => { b.customerDetails.type = 'alien'; }, /^The selected customer details\.type is invalid\.$/],
    ['corporate without organizationId', (b) => { b.customerDetails.type = 'corporate'; }, /^The customer details\.organization id field is required when customer details\.type is corporate\.$/],
    ['organizationId with non-digits', (b) => { b.customerDetails.type = 'corporate'; b.customerDetails.organizationId = '98 76-AB'; }, /^The customer details\.organization id field must contain only digits/],
    ['personalNumber of 7 digits', (b) => { b.customerDetails.personalNumber = '1234567'; }, /^The customer details\.personal number field must be exactly 11 digits/],
    ['personalNumber with a space', (b) => { b.customerDetails.personalNumber = '0101701 345'; }, /^The customer details\.personal number field must be exactly 11 digits/],
    ['country not ISO alpha-2', (b) => { b.customerDetails.address.country = 'Norway'; }, /^The customer details\.address\.country field/],
    ['country an unassigned code', (b) => { b.customerDetails.address.country = 'XX'; }, /^The customer details\.address\.country field must be an ISO 3166-1 alpha-2/],
    ['address missing', (b) => { delete b.customerDetails.address; }, /^The customer details\.address field is required\.$/],
    ['address a string', (b) => { b.customerDetails.address = 'Dhaka'; }, /^The customer details\.address field must be an array\.$/],
    ['preferredLanguage fr', (b) => { b.customerDetails.preferredLanguage = 'fr'; }, /^The selected customer details\.preferred language is invalid\.$/],
    ['orderDate unparseable', (b) => { b.orderDate = 'yesterday'; }, /^The order date field must be a Unix timestamp in seconds or match the format d M, Y\.$/],
    ['orderDate an impossible day', (b) => { b.orderDate = '31 Feb, 2025'; }, /^The order date field/],
    ['dueDateForPaymentLink in the past', (b) => { b.dueDateForPaymentLink = past(); }, /^The due date for payment link field must be a date after or equal to today\.$/],
    ['dueDateForPaymentLink not a timestamp', (b) => { b.dueDateForPaymentLink = 'next week'; }, /^The due date for payment link field must be a Unix timestamp in seconds\.$/],
    ['sendOrderBy.sms not boolean', (b) => { b.sendOrderBy.sms = 'yes please'; }, /^The send order by\.sms field must be true or false\.$/],
    ['sendOrderBy.email missing', (b) => { delete b.sendOrderBy.email; }, /^The send order by\.email field is required\.$/],
    ['products missing', (b) => { delete b.products; }, /^The products field is required\.$/],
    ['products empty', (b) => { b.products = []; }, /^The products field is required\.$/],
    ['products a string', (b) => { b.products = 'Test'; }, /^The products field must be an array\.$/],
    ['product name missing', (b) => { delete b.products[0].name; }, /^The products\.0\.name field is required\.$/],
    ['product name missing in a list', (b) => { b.products = [b.products[0]]; delete b.products[0].name; }, /^The products\.0\.name field is required\.$/],
    ['tax 7', (b) => { b.products[0].tax = '7'; }, /^The selected products\.0\.tax is invalid\.$/],
    ['rate not a number', (b) => { b.products[0].rate = 'a lot'; }, /^The products\.0\.rate field must be a number\.$/],
    ['amount 0', (b) => { b.products[0].rate = 0; b.products[0].amount = 0; b.orderSummary = { subTotal: 0, totalTax: 0, grandTotal: 0 }; }, /^The products\.0\.amount field must be greater than 0\.$/],
    ['amount negative', (b) => { b.products[0].amount = -1000; }, /^The products\.0\.amount field must be greater than 0\.$/],
    ['amount with 3 decimals', (b) => { b.products[0].rate = 1000.005; b.products[0].amount = 1000.005; b.orderSummary = { subTotal: 1000.005, totalTax: 0, grandTotal: 1000.005 }; }, /^The products\.0\.amount field must have 0-2 decimal places\.$/],
    ['amount too large', (b) => { b.products[0].amount = 1e12; }, /^The products\.0\.amount field must not be greater than 99999999\.99\.$/],
    ['grandTotal ≠ subTotal + totalTax', (b) => { b.orderSummary.grandTotal = 999; }, /^The order summary\.grand total field must equal order summary\.sub total plus order summary\.total tax\.$/],
    ['line amounts ≠ subTotal', (b) => { b.products[0].rate = 900; b.products[0].amount = 900; }, /^The order summary\.sub total field must equal the sum of the products' amounts\.$/],
    ['totalTax negative', (b) => { b.orderSummary.totalTax = -1; }, /^The order summary\.total tax field must be at least 0\.$/],
    ['chargeValidity not digits', (b) => { b.chargeValidity = '5 days'; }, /^The charge validity field must contain only digits \(minutes\)\.$/],
    ['submitPayment.via amex', (b) => { b.submitPayment.via = 'amex'; }, /^The selected submit payment\.via is invalid\.$/],
    ['submitPayment missing', (b) => { delete b.submitPayment; }, /^The submit payment field is required\.$/],
    ['callback.success not a URL', (b) => { b.callback.success = 'not a url'; }, /^The callback\.success field must be a valid URL\.$/],
    ['callback.callbackUrl without a scheme', (b) => { b.callback.callbackUrl = 'wp.frontpayment.no/cb'; }, /^The callback\.callback url field must be a valid URL\.$/],
    ['callback.failure an ftp URL', (b) => { b.callback.failure = 'ftp://frontpayment.no/x'; }, /^The callback\.failure field must be a valid URL\.$/],
    ['settings.secureDetails not boolean', (b) => { b.settings.secureDetails = 'maybe'; }, /^The settings\.secure details field must be true or false\.$/],
    ['tnc too long', (b) => { b.tnc = 'x'.repeat(20001); }, /^The tnc field must not be greater than 20000 characters\.$/],
    ['an unknown customerUuid', (b) => { b.customerDetails.customerUuid = 'CSRT0000000001'; }, /^The selected customer details\.customer uuid is invalid\.$/],
  ];

  it.each(broken)('answers 417 for %s, with a sentence naming the field, and stores nothing', async (_name, change, sentence) => {
    const before = await storedCounts();
    const r = await m.api.post(`${API}/create`, exampleWith(change));
    expect(r.status, r.text).toBe(417);
    expect(r.json).toMatchObject({ status_code: 417, status_message: 'Client Error', message: 'payloadValidationErrors', is_error: true });
    expect(r.json.errors.every((e: unknown) => typeof e === 'string')).toBe(true);
    expect(r.json.errors.some((e: string) => sentence.test(e)), JSON.stringify(r.json.errors)).toBe(true);
    expect(await storedCounts()).toEqual(before);
  });

  it('reports every failed rule at once', async () => {
    const r = await m.api.post(
      `${API}/create`,
      exampleWith((b) => {
        b.customerDetails.email = 'bad';
        b.submitPayment.via = 'amex';
        b.orderSummary.grandTotal = 5;
        b.dueDateForPaymentLink = past();
      }),
    );
    expect(r.status).toBe(417);
    expect(r.json.errors).toEqual([
      'The customer details.email field must be a valid email address.',
      'The selected submit payment.via is invalid.',
      'The order summary.grand total field must equal order summary.sub total plus order summary.total tax.',
      'The due date for payment link field must be a date after or equal to today.',
    ]);
  });

  it('checks the totals only once the lines they add up are valid', async () => {
    const r = await m.api.post(`${API}/create`, exampleWith((b) => { b.products[0].tax = '7'; b.orderSummary.grandTotal = 5; }));
    expect(r.json.errors).toEqual(['The selected products.0.tax is invalid.']);
  });

  it('lists every required field of an empty object', async () => {
    const r = await m.api.post(`${API}/create`, {});
    expect(r.status).toBe(417);
    expect(r.json.errors).toEqual([
      'The customer details field is required.',
      'The order date field is required.',
      'The due date for payment link field is required.',
      'The send order by field is required.',
      'The products field is required.',
      'The order summary field is required.',
      'The submit payment field is required.',
    ]);
  });

  it('answers 417 for a JSON body that is not an object', async () => {
    for (const body of [[1, 2, 3], 'text', 42, null]) {
      const r = await m.api.post(`${API}/create`, body);
      expect(r.status).toBe(417);
      expect(r.json.errors).toEqual(['The request body must be a JSON object.']);
    }
  });

  it('answers malformed JSON with 400 in the envelope', async () => {
    const r = await m.api.post(`${API}/create`, undefined, { rawBody: '{"customerDetails": {"type": "private",', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ status_code: 400, status_message: 'Bad Request', message: 'invalidJson', is_error: true, errors: ['The request body is not valid JSON.'] });
  });

  it('answers each of many bodies sent at once on its own, the bad ones beside the good ones changing nothing', async () => {
    const before = await storedCounts();
    const json = { 'content-type': 'application/json' };
    const kinds = Array.from({ length: 24 }, (_, i) => (['good', 'malformed', 'good', 'nul', 'good', 'invalid'] as const)[i % 6]!);
    const answers = await Promise.all(
      kinds.map((kind) => {
        if (kind === 'good') return m.api.post(`${API}/create`, primaryExample());
        if (kind === 'invalid') return m.api.post(`${API}/create`, exampleWith((b) => (b.customerDetails.email = 'not an email')));
        const rawBody = kind === 'malformed' ? '{"customerDetails": ' : JSON.stringify(exampleWith((b) => (b.customerDetails.name = 'Na\u0000fees')));
        return m.api.post(`${API}/create`, undefined, { rawBody, headers: json });
      }),
    );
    const expected = { good: 201, malformed: 400, nul: 417, invalid: 417 };
    expect(answers.map((r) => r.status)).toEqual(kinds.map((kind) => expected[kind]));
    expect(answers.filter((_, i) => kinds[i] === 'nul').map((r) => r.json.errors)).toEqual(Array(4).fill(['The customer details.name field must not contain NUL characters.']));
    const created = new Set(answers.filter((r) => r.status === 201).map((r) => r.json.data.reservationUuid));
    expect(created.size).toBe(12);
    const after = await storedCounts();
    expect(after.reservations - before.reservations).toBe(12);
    expect(after.events - before.events).toBe(12);
  });

  it('answers an empty JSON body with 400 in the envelope', async () => {
    const r = await m.api.post(`${API}/create`, undefined, { rawBody: '', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('invalidJson');
  });

  it('answers a text/plain body with 415 in the envelope', async () => {
    const r = await m.api.post(`${API}/create`, undefined, { rawBody: JSON.stringify(primaryExample()), headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(415);
    expect(r.json).toMatchObject({ status_code: 415, message: 'unsupportedMediaType', is_error: true });
  });

  it('answers a body over 1 MiB with 413 in the envelope and stores nothing', async () => {
    const before = await storedCounts();
    const r = await m.api.post(`${API}/create`, exampleWith((b) => { b.customerNotes = 'x'.repeat(2 * 1024 * 1024); }));
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ status_code: 413, message: 'payloadTooLarge', is_error: true });
    expect(await storedCounts()).toEqual(before);
  });

  it('answers unknown routes with 404 in the envelope', async () => {
    for (const [method, path] of [['GET', `${API}/no-such-endpoint`], ['POST', '/api/v1/connect/nothing/here'], ['GET', '/nowhere']] as const) {
      const r = method === 'GET' ? await m.api.get(path) : await m.api.post(path, {});
      expect(r.status, path).toBe(404);
      expect(r.json).toMatchObject({ status_code: 404, status_message: 'Not Found', message: 'routeNotFound', is_error: true });
    }
  });

  it('reuses a known customer named by customerUuid', async () => {
    const first = await m.api.post(`${API}/create`, primaryExample());
    const second = await m.api.post(`${API}/create`, exampleWith((b) => {
      b.customerDetails.customerUuid = first.json.data.customerUuid;
      b.customerDetails.email = 'new-address@yopmail.com';
    }));
    expect(second.status, second.text).toBe(201);
    expect(second.json.data.customerUuid).toBe(first.json.data.customerUuid);
    const details = await m.api.get(`${API}/details/${first.json.data.reservationUuid}`);
    expect(details.json.data.customerDetails.email).toBe('new-address@yopmail.com');
  });

  it("does not let a merchant name another merchant's customer", async () => {
    const other = await t.merchant('Other Hotel');
    const theirs = await other.api.post(`${API}/create`, primaryExample());
    const r = await m.api.post(`${API}/create`, exampleWith((b) => { b.customerDetails.customerUuid = theirs.json.data.customerUuid; }));
    expect(r.status).toBe(417);
    expect(r.json.errors).toEqual(['The selected customer details.customer uuid is invalid.']);
  });
});
