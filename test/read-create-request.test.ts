/**
 * The plain reading of a create body (read-create-request.ts) may accept only what the zod schema
 * accepts, and must then give exactly the schema's value: compared here over every field of several
 * valid bodies set to each of many values, and over random JSON put at random places.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reservationRequestSchema, type RequestCalendar } from '../src/reservations/create-request.js';
import { plainReservationRequest, readReservationRequest } from '../src/reservations/read-create-request.js';
import { validate } from '../src/validation/validate.js';
import { exampleWith, NEW_YORK, NOON_UTC, OSLO } from './support/fixtures.js';

const VIAS = ['create', 'submit'] as const;

type Body = Record<string, any>;
const example = (change: (b: Body) => void = () => {}) => exampleWith(change, { now: NOON_UTC });

/** Valid bodies in the forms clients send: the page's example and its variations. */
const VALID_BODIES: Body[] = [
  example(),
  example((b) => {
    b.customerDetails = {
      ...b.customerDetails,
      type: 'corporate',
      organizationId: ' 987654321 ',
      personalNumber: '01017012345',
      countryCode: '47',
      preferredLanguage: '',
      customerUuid: 'CSRT3463048878',
      name: '  Ærlig Åse Øvrebø  ',
      address: { street: 'Storgata 1', zip: '0155', city: 'Oslo', country: 'no' },
    };
    b.orderDate = '03 Sep, 2025';
    b.dueDateForPaymentLink = Number(b.dueDateForPaymentLink);
    b.referenceNo = ' REF-1 ';
    b.customerReference = '';
    b.sendOrderBy = { sms: '1', email: 0 };
    b.products = [
      { name: 'Room', productId: 12, quantity: '2', rate: '1250.50', discount: '0.50', tax: 12, amount: '2500.50' },
      { name: 'Breakfast', productId: 'B-1', quantity: 1.5, rate: 100, discount: null, tax: '25.00', amount: 150 },
    ];
    b.orderSummary = { subTotal: '2650.50', totalTax: 318.06, grandTotal: '2968.56' };
    b.chargeValidity = 120;
    b.customerNotes = 'Late arrival';
    b.tnc = ' ';
    b.callback = { callbackUrl: ' https://shop.example/cb?order=1 ', success: null, failure: 'http://shop.example/fail#x' };
    b.settings = { secureDetails: 1, isChargePartiallyRefundable: '0' };
  }),
  example((b) => {
    delete b.callback;
    delete b.settings;
    delete b.chargeValidity;
    b.customerDetails.preferredLanguage = null;
    b.products = { 0: { name: 'A', rate: 10, tax: 0, amount: 10 }, 1: { name: 'B', rate: 5.25, tax: 15, amount: 5.25 } };
    b.orderSummary = { subTotal: 15.25, totalTax: 0, grandTotal: 15.26 };
  }),
];

/** Values every field is set to in turn: absent, empty, of each JSON type, and the odd ones. */
const ODD_VALUES: unknown[] = [
  undefined, null, '', ' ', 'text', '  padded  ', '0', '1', '-1', '12.50', '1.005', '1e3', '0x10', '١٢٣', 'a\0b', '\u200b',
  'x'.repeat(256), 'CSRT123', '+47', '47', '12345678901', 'visa', 'en', 'corporate', 'NO', 'nafees@yopmail.com', 'https://a.example/?status=x',
  'https://a.example/ b', 'ftp://a.example/', '03 Sep, 2025', '31 Feb, 2025', '1724294524', 0, 1, -1, 2, 1.5, 1.005, 12, 25, 1e21, -0,
  99999999.99, 100000000, true, false, [], {}, [{}], { 0: {} }, { via: 'visa' },
];

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const own = Object.keys(value).flatMap((key) => leafPaths((value as Body)[key], [...prefix, key]));
  return prefix.length === 0 ? own : [prefix, ...own];
}

function withValueAt(body: Body, path: string[], value: unknown): Body {
  const copy = structuredClone(body);
  let parent: Body = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1]!;
  if (value === undefined) delete parent[last];
  else parent[last] = structuredClone(value);
  return copy;
}

/** The plain reading either gives up, or gives what the schema gives. */
function expectAgreement(via: 'create' | 'submit', calendar: RequestCalendar, body: unknown): 'plain' | 'schema' {
  const plain = plainReservationRequest(via, calendar, body);
  const schema = validate(reservationRequestSchema(via, calendar), body);
  if (plain === null) return 'schema';
  if (!schema.ok) throw new Error(`read plainly, but the schema refuses it (${schema.errors.join(' ')}): ${JSON.stringify(body)}`);
  expect(plain).toStrictEqual(schema.value);
  return 'plain';
}

describe('the plain reading of a create body', () => {
  it('reads the valid bodies plainly, to the value the schema gives', () => {
    for (const via of VIAS) for (const calendar of [OSLO, NEW_YORK]) for (const body of VALID_BODIES) expect(expectAgreement(via, calendar, body)).toBe('plain');
    const unpaid = example((b) => delete b.submitPayment);
    expect(expectAgreement('submit', OSLO, unpaid)).toBe('plain');
    expect(expectAgreement('create', OSLO, unpaid)).toBe('schema');
  });

  it('agrees with the schema with any field of a valid body set to any of many values', () => {
    const readings = { plain: 0, schema: 0 };
    for (const body of VALID_BODIES) {
      for (const path of leafPaths(body)) {
        for (const value of ODD_VALUES) for (const via of VIAS) readings[expectAgreement(via, OSLO, withValueAt(body, path, value))]++;
      }
    }
    // Both ways are taken often: the comparison covers accepted and refused values alike.
    expect(readings.plain).toBeGreaterThan(1_000);
    expect(readings.schema).toBeGreaterThan(10_000);
  });

  it('agrees with the schema for random JSON put anywhere in a valid body', () => {
    const places = VALID_BODIES.flatMap((body) => leafPaths(body).map((path) => ({ body, path })));
    fc.assert(
      fc.property(fc.constantFrom(...places), fc.jsonValue(), fc.constantFrom(...VIAS), ({ body, path }, value, via) => {
        expectAgreement(via, OSLO, withValueAt(body, path, value));
      }),
      { numRuns: 3_000 },
    );
  });

  it('leaves the body that is not an object, the totals that do not add up and the past due date to the schema, which says why', () => {
    for (const body of [null, [], 'body', 42]) {
      expect(plainReservationRequest('create', OSLO, body)).toBeNull();
      expect(readReservationRequest('create', OSLO, body)).toEqual({ ok: false, errors: ['The request body must be a JSON object.'] });
    }
    const wrongTotal = example((b) => (b.orderSummary.grandTotal = 1000.02));
    expect(plainReservationRequest('create', OSLO, wrongTotal)).toBeNull();
    expect(readReservationRequest('create', OSLO, wrongTotal)).toEqual({
      ok: false,
      errors: ['The order summary.grand total field must equal order summary.sub total plus order summary.total tax.'],
    });
    const yesterday = example((b) => (b.dueDateForPaymentLink = String(NOON_UTC / 1000 - 86400)));
    expect(plainReservationRequest('create', OSLO, yesterday)).toBeNull();
    expect(readReservationRequest('create', OSLO, yesterday)).toEqual({ ok: false, errors: ['The due date for payment link field must be a date after or equal to today.'] });
  });
});
