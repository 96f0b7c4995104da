/**
 * Builders for the pure decision rules of src/reservations/: a `ReservationState` as the store
 * would load it (reservation, customer, lines, transactions, charge lines, card), a merchant, and an
 * `IdSource` that hands out predictable ids. Amounts are integer øre, instants epoch ms.
 *
 * The default reservation is RESERVED at `RESERVED_AT` for 1 200.00 NOK on two lines:
 * line 1 reserves 1 000.00 (100 000 øre), line 2 reserves 200.00 (20 000 øre).
 */
import { DAY } from '../../src/kernel/clock.js';
import type { IdPrefix, IdSource } from '../../src/kernel/ids.js';
import type { StoredCard } from '../../src/reservations/cards.js';
import type { ChargeLine, MoneyTransaction, RefundSource, ReservationState, TransactionKind, TransactionState } from '../../src/reservations/ledger.js';
import { DEFAULT_CAPTURE_WINDOW_DAYS, DEFAULT_CHARGE_LIMIT, type Merchant } from '../../src/reservations/merchant.js';
import type { FailureKey, Outcome } from '../../src/reservations/outcome.js';
import type { Customer, ProductLine, Reservation, ReservationStatus } from '../../src/reservations/reservation.js';
import type { Decision } from '../../src/reservations/write-plan.js';

export const MERCHANT_ID = 'MER1000000001';
export const RESERVATION_UUID = 'RES1000000001';
export const AUTHORIZATION_ID = 'AUTH-1';
export const CARD_TOKEN = 'tok_visa_4242';
export const CUSTOMER_EMAIL = 'kari@example.no';

export const CREATED_AT = Date.UTC(2025, 0, 10, 9, 0, 0);
export const RESERVED_AT = Date.UTC(2025, 0, 12, 14, 30, 0);
/** The end of the due date's day: the last instant the payment link can be paid. */
export const LINK_EXPIRES_AT = CREATED_AT + 14 * DAY;

/** Line ids of the default reservation. */
export const LINE_1 = 1;
export const LINE_2 = 2;

/** Ids in order per prefix: CAP0000000001, CAP0000000002, … */
export function fixedIds(): IdSource & { issued: string[] } {
  const next = new Map<IdPrefix, number>();
  const issued: string[] = [];
  return {
    issued,
    id(prefix) {
      const n = (next.get(prefix) ?? 0) + 1;
      next.set(prefix, n);
      const id = `${prefix}${String(n).padStart(10, '0')}`;
      issued.push(id);
      return id;
    },
    secret: (bytes) => 's'.repeat(bytes),
    orderedSecret: (bytes, at) => `${at}-${'s'.repeat(bytes)}`,
  };
}

export function merchant(overrides: Partial<Merchant> = {}): Merchant {
  return {
    id: MERCHANT_ID,
    name: 'Fjordhotellet AS',
    mode: 'test',
    timeZone: 'Europe/Oslo',
    currency: 'NOK',
    captureWindowDays: DEFAULT_CAPTURE_WINDOW_DAYS,
    chargeLimit: DEFAULT_CHARGE_LIMIT,
    testClockOffsetMs: 0,
    callbackSecret: 'whsec_test',
    billingAddress: { countryCode: null, msisdn: null, email: null, street: null, zip: null, city: null, country: null },
    createdAt: CREATED_AT - 30 * DAY,
    ...overrides,
  };
}

export const card: StoredCard = { token: CARD_TOKEN, brand: 'visa', last4: '4242', expiryMonth: 12, expiryYear: 2030 };

function line(id: number, name: string, amount: number, reserved: number): ProductLine {
  return { id, position: id - 1, name, productId: null, quantity: 1, rate: amount, discount: 0, tax: 0, amount, reserved };
}

const customer: Customer = {
  uuid: 'CSRT1000000001',
  merchantId: MERCHANT_ID,
  type: 'private',
  countryCode: '+47',
  msisdn: '41234567',
  email: CUSTOMER_EMAIL,
  name: 'Kari Nordmann',
  preferredLanguage: 'no',
  personalNumber: null,
  organizationId: null,
  street: 'Strandgata 1',
  zip: '5013',
  city: 'Bergen',
  country: 'NO',
  createdAt: CREATED_AT,
};

export interface StateOptions {
  status?: ReservationStatus;
  reservation?: Partial<Reservation>;
  lines?: ProductLine[];
  transactions?: MoneyTransaction[];
  chargeLines?: ChargeLine[];
  card?: StoredCard | null;
}

/** A paid reservation (RESERVED unless `status` says otherwise, with its authorization and card). */
export function reservedState(options: StateOptions = {}): ReservationState {
  const reservation: Reservation = {
    uuid: RESERVATION_UUID,
    merchantId: MERCHANT_ID,
    customerUuid: customer.uuid,
    status: options.status ?? 'RESERVED',
    createdVia: 'create',
    orderDate: CREATED_AT,
    dueDate: LINK_EXPIRES_AT,
    linkExpiresAt: LINK_EXPIRES_AT,
    referenceNo: 'BOOKING-77',
    customerReference: null,
    sendBySms: true,
    sendByEmail: true,
    chargeValidityMinutes: null,
    customerNotes: null,
    tnc: null,
    preselectedMethod: 'visa',
    callbackUrl: null,
    successUrl: null,
    failureUrl: null,
    secureDetails: false,
    chargePartiallyRefundable: true,
    subTotal: 120_000,
    totalTax: 0,
    grandTotal: 120_000,
    currency: 'NOK',
    checkoutToken: 'checkout-token',
    createdAt: CREATED_AT,
    reservedAt: RESERVED_AT,
    reservedAmount: 120_000,
    paymentMethod: 'visa',
    authorizationId: AUTHORIZATION_ID,
    ...options.reservation,
  };
  return {
    reservation,
    customer,
    lines: options.lines ?? [line(LINE_1, 'Double room, 2 nights', 100_000, 100_000), line(LINE_2, 'Breakfast', 20_000, 20_000)],
    transactions: options.transactions ?? [],
    chargeLines: options.chargeLines ?? [],
    card: options.card === undefined ? card : options.card,
  };
}

/** A reservation whose link was sent and not paid (SENT unless `status` says otherwise): no authorization, no card. */
export function sentState(options: StateOptions = {}): ReservationState {
  return reservedState({
    card: null,
    lines: [line(LINE_1, 'Double room, 2 nights', 100_000, 0), line(LINE_2, 'Breakfast', 20_000, 0)],
    ...options,
    status: options.status ?? 'SENT',
    reservation: { reservedAt: null, reservedAmount: null, paymentMethod: null, authorizationId: null, ...options.reservation },
  });
}

/** Line id → amount, e.g. `{ 1: 40_000, 2: 5_000 }`. */
export type LineAmounts = Record<number, number>;

const toLines = (lines: LineAmounts) => Object.entries(lines).map(([lineId, amount]) => ({ lineId: Number(lineId), amount }));

interface TransactionOptions {
  state?: TransactionState;
  idempotencyKeyId?: number | null;
  /** Defaults to the sum of the lines. */
  amount?: number;
}

function transaction(kind: TransactionKind, uuid: string, lines: LineAmounts, options: TransactionOptions, refund?: { of: string; source: RefundSource }): MoneyTransaction {
  const perLine = toLines(lines);
  return {
    uuid,
    kind,
    state: options.state ?? 'succeeded',
    amount: options.amount ?? perLine.reduce((sum, l) => sum + l.amount, 0),
    createdAt: RESERVED_AT + DAY,
    gatewayId: options.state === 'pending' || options.state === 'failed' ? null : `gw-${uuid}`,
    note: null,
    refundOf: refund?.of ?? null,
    source: refund?.source ?? null,
    lines: perLine,
    idempotencyKeyId: options.idempotencyKeyId ?? null,
    actionBy: null,
  };
}

export const capture = (uuid: string, lines: LineAmounts, options: TransactionOptions = {}) => transaction('capture', uuid, lines, options);
export const charge = (uuid: string, lines: LineAmounts, options: TransactionOptions = {}) => transaction('charge', uuid, lines, options);
export const refund = (uuid: string, of: string, source: RefundSource, lines: LineAmounts, options: TransactionOptions = {}) =>
  transaction('refund', uuid, lines, options, { of, source });

/** A product line added by a charge. */
export function chargeLine(id: number, chargeUuid: string, amount: number, name = 'Minibar'): ChargeLine {
  return { ...line(id, name, amount, 0), chargeUuid };
}

/** What a decision answered: 'accepted', or the refusal's FPGO message key. */
export function answerOf(decision: Decision<Outcome<unknown>>): 'accepted' | FailureKey {
  return decision.result.ok ? 'accepted' : decision.result.key;
}
