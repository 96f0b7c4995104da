/**
 * The create/submit body is parsed once, in the merchant's time zone: dates come out as instants,
 * the dialing code with its "+", and the due-date rule follows the merchant's today.
 */
import { describe, expect, it } from 'vitest';
import { reservationRequestSchema, type RequestCalendar } from '../src/reservations/create-request.js';
import { validate } from '../src/validation/validate.js';
import { exampleWith, NEW_YORK, NOON_UTC, OSLO } from './support/fixtures.js';


const body = (change: (b: Record<string, any>) => void) => exampleWith(change, { now: NOON_UTC });

describe('the reservation request, parsed once', () => {
  it('reads a "d M, Y" order date as the start of that day in the merchant\'s zone', () => {
    const request = body((b) => (b.orderDate = '03 Sep, 2025'));
    const oslo = validate(reservationRequestSchema('create', OSLO), request);
    const newYork = validate(reservationRequestSchema('create', NEW_YORK), request);
    expect(oslo.ok && oslo.value.orderDate).toBe(Date.UTC(2025, 8, 2, 22)); // CEST, UTC+2
    expect(newYork.ok && newYork.value.orderDate).toBe(Date.UTC(2025, 8, 3, 4)); // EDT, UTC-4
  });

  it('reads Unix-second dates as instants', () => {
    const parsed = validate(reservationRequestSchema('create', OSLO), body((b) => (b.orderDate = 1724294524)));
    expect(parsed.ok && [parsed.value.orderDate, parsed.value.dueDateForPaymentLink]).toEqual([1724294524_000, NOON_UTC + 7 * 86_400_000]);
  });

  it('reads URLs trimmed, drops tabs and line breaks as URL parsers do, and reports every URL rule a value breaks', () => {
    const parsed = validate(reservationRequestSchema('create', OSLO), body((b) => (b.callback.success = '  https://shop.exa\tmple/ok  ')));
    expect(parsed.ok && parsed.value.callback.success).toBe('https://shop.example/ok');
    const refused = validate(reservationRequestSchema('create', OSLO), body((b) => (b.callback.failure = `ftp://shop.example/${'x'.repeat(2048)} y`)));
    expect(refused.ok ? [] : refused.errors).toEqual([
      'The callback.failure field must be a valid URL.',
      'The callback.failure field must not be greater than 2048 characters.',
      'The callback.failure field must be a valid URL without spaces or control characters (percent-encode them).',
    ]);
  });

  it('reads the dialing code with its "+", however it was sent', () => {
    for (const countryCode of ['47', '+47']) {
      const parsed = validate(reservationRequestSchema('submit', OSLO), body((b) => (b.customerDetails.countryCode = countryCode)));
      expect(parsed.ok && parsed.value.customerDetails.countryCode).toBe('+47');
    }
  });

  it.each([
    ['late on the day before, Oslo time', Date.UTC(2025, 8, 2, 21, 59), OSLO, false],
    ['the first minute of today, Oslo time', Date.UTC(2025, 8, 2, 22, 0), OSLO, true],
    ['the same instant, still the 2nd in New York', Date.UTC(2025, 8, 2, 22, 0), NEW_YORK, false],
    ['the first minute of today, New York time', Date.UTC(2025, 8, 3, 4, 0), NEW_YORK, true],
  ])('takes a due date %s as %s', (_what, due, calendar, accepted) => {
    const parsed = validate(reservationRequestSchema('create', calendar), body((b) => (b.dueDateForPaymentLink = String(due / 1000))));
    expect(parsed.ok ? [] : parsed.errors).toEqual(accepted ? [] : ['The due date for payment link field must be a date after or equal to today.']);
  });

  it('reports the due-date rule after every other failure, as the API always has', () => {
    const parsed = validate(
      reservationRequestSchema('create', OSLO),
      body((b) => {
        b.customerDetails.email = 'not-an-email';
        b.dueDateForPaymentLink = String(Date.UTC(2025, 8, 1) / 1000);
      }),
    );
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      'The customer details.email field must be a valid email address.',
      'The due date for payment link field must be a date after or equal to today.',
    ]);
  });

  it('builds one schema per endpoint, zone and day, and reuses it', () => {
    expect(reservationRequestSchema('create', OSLO)).toBe(reservationRequestSchema('create', { ...OSLO, today: { ...OSLO.today } }));
    expect(reservationRequestSchema('create', OSLO)).not.toBe(reservationRequestSchema('submit', OSLO));
    expect(reservationRequestSchema('create', OSLO)).not.toBe(reservationRequestSchema('create', NEW_YORK));
  });
});

/**
 * A calendar no other parse has used (a day before the example's due date), so each parse below builds its schema
 * anew: the rules are checked as `reservationRequestSchema` builds them, not as a schema cached earlier happens to hold them.
 */
let calendarsUsed = 0;
function freshCalendar(): RequestCalendar {
  calendarsUsed++;
  return { timeZone: 'Europe/Oslo', today: { year: 1990 + Math.floor(calendarsUsed / 336), month: 1 + (Math.floor(calendarsUsed / 28) % 12), day: 1 + (calendarsUsed % 28) } };
}
const parse = (via: 'create' | 'submit', change: (b: Record<string, any>) => void) => validate(reservationRequestSchema(via, freshCalendar()), body(change));
const errorsOf = (via: 'create' | 'submit', change: (b: Record<string, any>) => void) => {
  const parsed = parse(via, change);
  return parsed.ok ? [] : parsed.errors;
};
const valueOf = (via: 'create' | 'submit', change: (b: Record<string, any>) => void) => {
  const parsed = parse(via, change);
  if (!parsed.ok) throw new Error(parsed.errors.join(' '));
  return parsed.value;
};

describe('the parts of the request that have defaults', () => {
  it('sends no payment method on create, but defaults it to visa on submit', () => {
    expect(errorsOf('create', (b) => delete b.submitPayment)).toEqual(['The submit payment field is required.']);
    expect(valueOf('submit', (b) => delete b.submitPayment).submitPayment).toEqual({ via: 'visa' });
    expect(valueOf('submit', (b) => (b.submitPayment = { via: 'mastercard' })).submitPayment).toEqual({ via: 'mastercard' });
  });

  it('takes a missing callback as no URLs at all', () => {
    expect(valueOf('create', (b) => delete b.callback).callback).toEqual({ callbackUrl: null, success: null, failure: null });
    expect(valueOf('create', (b) => (b.callback = null)).callback).toEqual({ callbackUrl: null, success: null, failure: null });
  });

  it('takes missing settings as no secure details and partially refundable charges', () => {
    const defaults = { secureDetails: false, isChargePartiallyRefundable: true };
    expect(valueOf('create', (b) => delete b.settings).settings).toEqual(defaults);
    expect(valueOf('create', (b) => (b.settings = {})).settings).toEqual(defaults);
    expect(valueOf('create', (b) => (b.settings = { secureDetails: null, isChargePartiallyRefundable: null })).settings).toEqual(defaults);
    expect(valueOf('create', (b) => (b.settings = { secureDetails: true, isChargePartiallyRefundable: false })).settings).toEqual({
      secureDetails: true,
      isChargePartiallyRefundable: false,
    });
  });

  it('reads chargeValidity as whole minutes, and an empty one as none', () => {
    expect(valueOf('create', (b) => (b.chargeValidity = '55')).chargeValidity).toBe(55);
    expect(valueOf('create', (b) => (b.chargeValidity = 120)).chargeValidity).toBe(120);
    expect(valueOf('create', (b) => (b.chargeValidity = '')).chargeValidity).toBeNull();
    expect(valueOf('create', (b) => (b.chargeValidity = null)).chargeValidity).toBeNull();
    expect(valueOf('create', (b) => delete b.chargeValidity).chargeValidity).toBeNull();
  });

  it('reads a product line without quantity as one, and its productId as text of at most 255 characters', () => {
    const line = (change: (line: Record<string, any>) => void) => valueOf('create', (b) => change(b.products[0])).products[0]!;
    expect(line(() => {}).quantity).toBe(1);
    expect(line((l) => (l.quantity = null)).quantity).toBe(1);
    expect(line((l) => (l.quantity = '2')).quantity).toBe(2);
    expect(line((l) => (l.quantity = 0.5)).quantity).toBe(0.5);
    expect(line((l) => (l.productId = 42)).productId).toBe('42');
    expect(line((l) => (l.productId = '')).productId).toBeNull();
    expect(line((l) => (l.productId = 'SKU-1')).productId).toBe('SKU-1');
    expect(line((l) => (l.productId = 'x'.repeat(300))).productId).toBe('x'.repeat(255));
  });
});

describe('the sentences for what a request got wrong', () => {
  it.each([
    ['sendOrderBy is not an object', (b: Record<string, any>) => (b.sendOrderBy = 'email'), 'The send order by field must be an array.'],
    ['submitPayment is not an object', (b: Record<string, any>) => (b.submitPayment = 'visa'), 'The submit payment field must be an array.'],
    ['callback is not an object', (b: Record<string, any>) => (b.callback = 'https://shop.example'), 'The callback field must be an array.'],
    ['settings is not an object', (b: Record<string, any>) => (b.settings = 'none'), 'The settings field must be an array.'],
    ['chargeValidity is an object', (b: Record<string, any>) => (b.chargeValidity = {}), 'The charge validity field must be a string.'],
    ['chargeValidity has a fraction', (b: Record<string, any>) => (b.chargeValidity = '5.5'), 'The charge validity field must contain only digits (minutes).'],
    ['chargeValidity starts with a letter', (b: Record<string, any>) => (b.chargeValidity = 'x55'), 'The charge validity field must contain only digits (minutes).'],
    ['chargeValidity has ten digits', (b: Record<string, any>) => (b.chargeValidity = '1234567890'), 'The charge validity field must contain only digits (minutes).'],
    ['orderDate is an object', (b: Record<string, any>) => (b.orderDate = {}), 'The order date field must be a string.'],
    ['orderDate is no date', (b: Record<string, any>) => (b.orderDate = 'yesterday'), 'The order date field must be a Unix timestamp in seconds or match the format d M, Y.'],
    ['the due date is no timestamp', (b: Record<string, any>) => (b.dueDateForPaymentLink = 'soon'), 'The due date for payment link field must be a Unix timestamp in seconds.'],
    ['a quantity is zero', (b: Record<string, any>) => (b.products[0].quantity = 0), 'The products.0.quantity field must be greater than 0.'],
    ['a quantity is negative', (b: Record<string, any>) => (b.products[0].quantity = -1), 'The products.0.quantity field must be greater than 0.'],
    ['a quantity is no number', (b: Record<string, any>) => (b.products[0].quantity = 'two'), 'The products.0.quantity field must be greater than 0.'],
    ['a quantity is too large to be a number', (b: Record<string, any>) => (b.products[0].quantity = '1e999'), 'The products.0.quantity field must be greater than 0.'],
    ['a quantity is an object', (b: Record<string, any>) => (b.products[0].quantity = {}), 'The products.0.quantity field must be a number.'],
    ['a productId is an object', (b: Record<string, any>) => (b.products[0].productId = {}), 'The products.0.product id field must be a string.'],
    [
      'a corporate customer has no organization id',
      (b: Record<string, any>) => (b.customerDetails.type = 'corporate'),
      'The customer details.organization id field is required when customer details.type is corporate.',
    ],
    [
      "the callbackUrl's query uses a name fpgo appends",
      (b: Record<string, any>) => (b.callback.callbackUrl = 'https://shop.example/cb?order=1&status=paid'),
      'The callback.callback url field must not use the query parameters fpgo appends (orderUuid, status, paymentMethod, amount, createdAt, timestamp, checksum).',
    ],
  ])('%s', (_what, change, sentence) => {
    expect(errorsOf('create', change)).toEqual([sentence]);
  });

  it("lets the callbackUrl's own query use any other name", () => {
    const url = 'https://shop.example/cb?order_identifier=rRbl1FWZG59o&order_status=success&state=x';
    expect(valueOf('create', (b) => (b.callback.callbackUrl = url)).callback.callbackUrl).toBe(url);
  });

  it('checks the totals only once the products and the summary are valid themselves', () => {
    expect(errorsOf('create', (b) => (b.products[0].amount = 'a lot'))).toEqual(['The products.0.amount field must be a number.']);
    expect(errorsOf('create', (b) => (b.orderSummary.grandTotal = 'a lot'))).toEqual(['The order summary.grand total field must be a number.']);
  });

  it('checks the due date against today only once it is a valid date', () => {
    expect(errorsOf('create', (b) => (b.dueDateForPaymentLink = '-'))).toEqual(['The due date for payment link field must be a Unix timestamp in seconds.']);
  });

  it('accepts totals one øre off from the sum of their parts, and no more', () => {
    expect(errorsOf('create', (b) => (b.orderSummary = { subTotal: 1000.01, totalTax: 0, grandTotal: 1000.01 }))).toEqual([]);
    expect(errorsOf('create', (b) => (b.orderSummary = { subTotal: 1000, totalTax: 0, grandTotal: 1000.01 }))).toEqual([]);
    expect(errorsOf('create', (b) => (b.orderSummary = { subTotal: 1000.02, totalTax: 0, grandTotal: 1000.02 }))).toEqual([
      "The order summary.sub total field must equal the sum of the products' amounts.",
    ]);
    expect(errorsOf('create', (b) => (b.orderSummary = { subTotal: 1000, totalTax: 0, grandTotal: 1000.02 }))).toEqual([
      'The order summary.grand total field must equal order summary.sub total plus order summary.total tax.',
    ]);
  });
});

describe('the cache of built schemas', () => {
  it('keeps a schema while others are built beside it', () => {
    const first = freshCalendar();
    const schema = reservationRequestSchema('create', first);
    reservationRequestSchema('create', freshCalendar());
    expect(reservationRequestSchema('create', first)).toBe(schema);
  });

  it('is bounded: after many other days, an old schema is built anew', () => {
    const first = freshCalendar();
    const schema = reservationRequestSchema('create', first);
    for (let i = 0; i < 200; i++) reservationRequestSchema('create', freshCalendar());
    expect(reservationRequestSchema('create', first)).not.toBe(schema);
  });
});
