/**
 * The body of Create Session for Reservation (`POST connect/reservations/create`) and Submit
 * Reservation (`…/submit`), with every rule of Front Payment's page and §10 of our notes. The body is
 * parsed once: dates come out as instants in the merchant's time zone, the dialing code with its
 * "+", amounts as integer minor units, and the rule that needs the clock (the due date may not be in
 * the past) is a refinement of the schema built for the merchant's today.
 */
import { z } from 'zod';
import { sumMinor, type MinorUnits } from '../kernel/money.js';
import { compareLocalDates, localDate, parseOrderDate, parseUnixSeconds, type LocalDate } from '../kernel/time-zones.js';
import { queryValues } from '../kernel/url-query.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import {
  amount,
  booleanLike,
  dialingCode,
  email,
  integerIn,
  itemMap,
  oneOf,
  optionalPatternString,
  optionalString,
  optionalUrl,
  requiredString,
  whenValid,
} from '../validation/rules.js';
import { isIsoAlpha2Country } from './countries.js';
import { LANGUAGES, PAYMENT_METHODS, type Language } from './reservation.js';
import { CALLBACK_PARAMETER_NAMES } from './status-callback.js';

export const TAX_RATES = [0, 12, 15, 25] as const;

/** Totals may differ by one øre from the sum of their parts (rounding on the client's side). */
export const TOTALS_TOLERANCE_MINOR = 1;

/** Shapes and limits of the body's fields, which the plain reading (read-create-request.ts) checks too. */
export const CUSTOMER_ID = /^CSRT\d+$/;
export const PHONE_NUMBER = /^\d{4,15}$/;
export const PERSONAL_NUMBER = /^\d{11}$/;
export const ORGANIZATION_ID = /^\d+$/;
export const CHARGE_VALIDITY = /^\d{1,9}$/;
export const MAX_PRODUCT_LINES = 500;

/** What a request that leaves them out gets: submit's payment method, the callback URLs, the settings. */
export const REQUEST_DEFAULTS = {
  submitPayment: { via: 'visa' },
  callback: { callbackUrl: null, success: null, failure: null },
  settings: { secureDetails: false, isChargePartiallyRefundable: true },
} as const;
/** The longest some texts may be; the others, 255 characters. */
export const MAX_LENGTH = { zip: 20, msisdn: 20, personalNumber: 11, organizationId: 32, customerNotes: 5000, tnc: 20000 } as const;

const phoneNumber = requiredString(MAX_LENGTH.msisdn).regex(PHONE_NUMBER, {
  error: 'The :attribute field must contain 4 to 15 digits without the country code.',
});

const address = z.object(
  {
    street: requiredString(),
    zip: requiredString(MAX_LENGTH.zip),
    city: requiredString(),
    country: requiredString(2).refine(isIsoAlpha2Country, {
      error: 'The :attribute field must be an ISO 3166-1 alpha-2 country code such as NO.',
    }),
  },
  { error: MESSAGES.array },
);

const customerDetails = z
  .object(
    {
      customerUuid: optionalPatternString(CUSTOMER_ID, 'The :attribute field must be a customer id such as CSRT3463048878.'),
      uuid: optionalPatternString(CUSTOMER_ID, 'The :attribute field must be a customer id such as CSRT3463048878.'),
      type: oneOf(['private', 'corporate']),
      countryCode: dialingCode(),
      msisdn: phoneNumber,
      email: email(),
      name: requiredString(),
      preferredLanguage: z
        .union([oneOf(LANGUAGES), z.literal('')], { error: MESSAGES.in })
        .nullish()
        .transform((value): Language => (value ? value : 'no')),
      personalNumber: optionalPatternString(PERSONAL_NUMBER, 'The :attribute field must be exactly 11 digits without spaces.', MAX_LENGTH.personalNumber),
      organizationId: optionalPatternString(ORGANIZATION_ID, 'The :attribute field must contain only digits without spaces.', MAX_LENGTH.organizationId),
      address,
    },
    { error: MESSAGES.array },
  )
  .superRefine(
    (customer, ctx) => {
      if (customer.type === 'corporate' && !customer.organizationId) {
        ctx.addIssue({
          code: 'custom',
          path: ['organizationId'],
          message: 'The :attribute field is required when customer details.type is corporate.',
        });
      }
    },
    whenValid('type', 'organizationId'),
  );

type Given<T> = T | null | undefined;
/** A product id is kept as text of at most 255 characters; none is null. */
export const productIdOf = (value: Given<string | number>) => (value === null || value === undefined || value === '' ? null : String(value).slice(0, 255));
export const isQuantity = (value: Given<string | number>) => value === null || value === undefined || (Number(value) > 0 && Number.isFinite(Number(value)));
export const quantityOf = (value: Given<string | number>) => (value === null || value === undefined ? 1 : Number(value));
/** `chargeValidity` is whole minutes, given as digits; none is null. */
export const isChargeValidity = (value: Given<string | number>) => value === null || value === undefined || value === '' || CHARGE_VALIDITY.test(String(value));
export const chargeValidityOf = (value: Given<string | number>) => (value === null || value === undefined || value === '' ? null : Number(value));

export const productLine = z.object(
  {
    name: requiredString(),
    productId: z.union([z.string(), z.number()], { error: MESSAGES.string }).nullish().transform(productIdOf),
    quantity: z
      .union([z.number(), z.string()], { error: MESSAGES.numeric })
      .nullish()
      .refine(isQuantity, { error: MESSAGES.positive })
      .transform(quantityOf),
    rate: amount('positive'),
    discount: amount('zero').nullish().transform((value) => value ?? 0),
    tax: integerIn(TAX_RATES),
    amount: amount('positive'),
  },
  { error: MESSAGES.array },
);

const orderSummary = z.object(
  { subTotal: amount('positive'), totalTax: amount('zero'), grandTotal: amount('positive') },
  { error: MESSAGES.array },
);

/** What the rules of a request depend on beyond its body: the merchant's time zone and today there. */
export interface RequestCalendar {
  timeZone: string;
  today: LocalDate;
}

const DATE_FORMAT_MESSAGE = 'The :attribute field must be a Unix timestamp in seconds or match the format d M, Y.';

function requestSchema(via: 'create' | 'submit', calendar: RequestCalendar) {
  const submitPayment = z.object({ via: oneOf(PAYMENT_METHODS) }, { error: MESSAGES.array });
  const instant = (parse: (value: string | number) => number | null, message: string) =>
    z.union([z.string(), z.number()], { error: MESSAGES.string }).transform((value, ctx) => {
      const parsed = parse(value);
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return parsed;
    });
  return z
    .object({
      customerDetails,
      orderDate: instant((value) => parseOrderDate(value, calendar.timeZone), DATE_FORMAT_MESSAGE),
      dueDateForPaymentLink: instant(parseUnixSeconds, 'The :attribute field must be a Unix timestamp in seconds.'),
      referenceNo: optionalString(),
      customerReference: optionalString(),
      sendOrderBy: z.object({ sms: booleanLike(), email: booleanLike() }, { error: MESSAGES.array }),
      products: itemMap(productLine, MAX_PRODUCT_LINES),
      orderSummary,
      chargeValidity: z
        .union([z.string(), z.number()], { error: MESSAGES.string })
        .nullish()
        .refine(isChargeValidity, { error: 'The :attribute field must contain only digits (minutes).' })
        .transform(chargeValidityOf),
      customerNotes: optionalString(MAX_LENGTH.customerNotes),
      tnc: optionalString(MAX_LENGTH.tnc),
      submitPayment:
        via === 'create' ? submitPayment : submitPayment.nullish().transform((value) => value ?? { ...REQUEST_DEFAULTS.submitPayment }),
      callback: z
        .object({ callbackUrl: callbackUrl(), success: optionalUrl(), failure: optionalUrl() }, { error: MESSAGES.array })
        .nullish()
        .transform((value) => value ?? { ...REQUEST_DEFAULTS.callback }),
      settings: z
        .object(
          {
            secureDetails: booleanLike().nullish().transform((value) => value ?? REQUEST_DEFAULTS.settings.secureDetails),
            isChargePartiallyRefundable: booleanLike().nullish().transform((value) => value ?? REQUEST_DEFAULTS.settings.isChargePartiallyRefundable),
          },
          { error: MESSAGES.array },
        )
        .nullish()
        .transform((value) => value ?? { ...REQUEST_DEFAULTS.settings }),
    })
    .superRefine(checkTotals, whenValid('products', 'orderSummary'))
    .superRefine((body, ctx) => {
      // The link stays payable until the end of the day it is due.
      if (dueBeforeToday(body.dueDateForPaymentLink, calendar)) {
        ctx.addIssue({ code: 'custom', path: ['dueDateForPaymentLink'], message: 'The :attribute field must be a date after or equal to today.' });
      }
    }, whenValid('dueDateForPaymentLink'));
}

function checkTotals(
  body: { products: { amount: number }[]; orderSummary: { subTotal: number; totalTax: number; grandTotal: number } },
  ctx: z.RefinementCtx,
): void {
  const addUp = totalsAddUp(body.products.map((line) => line.amount), body.orderSummary);
  if (!addUp.subTotal) {
    ctx.addIssue({
      code: 'custom',
      path: ['orderSummary', 'subTotal'],
      message: 'The :attribute field must equal the sum of the products\' amounts.',
    });
  }
  if (!addUp.grandTotal) {
    ctx.addIssue({
      code: 'custom',
      path: ['orderSummary', 'grandTotal'],
      message: 'The :attribute field must equal order summary.sub total plus order summary.total tax.',
    });
  }
}

export type ReservationRequestSchema = ReturnType<typeof requestSchema>;

/** Whether a callbackUrl's own query uses a name fpgo appends. */
export function usesCallbackParameter(url: string): boolean {
  return queryValues(url).some(([name]) => (CALLBACK_PARAMETER_NAMES as readonly string[]).includes(name));
}

/** Whether the order summary's subtotal is the sum of the lines' amounts, and its grand total the subtotal plus tax (each within one øre). */
export function totalsAddUp(lineAmounts: readonly MinorUnits[], summary: { subTotal: MinorUnits; totalTax: MinorUnits; grandTotal: MinorUnits }) {
  const { subTotal, totalTax, grandTotal } = summary;
  return {
    subTotal: Math.abs(sumMinor(lineAmounts) - subTotal) <= TOTALS_TOLERANCE_MINOR,
    grandTotal: Math.abs(subTotal + totalTax - grandTotal) <= TOTALS_TOLERANCE_MINOR,
  };
}

/** §10.6: the link may be due today or later in the merchant's zone. */
export function dueBeforeToday(due: number, calendar: RequestCalendar): boolean {
  return compareLocalDates(localDate(due, calendar.timeZone), calendar.today) < 0;
}

/**
 * A schema is built once per endpoint, zone and day and then reused: zod compiles an object parser
 * the first time it runs, so building one per request would cost more than the parse itself.
 */
const schemas = new Map<string, ReservationRequestSchema>();
const MAX_CACHED_SCHEMAS = 64;

/**
 * The callbackUrl, whose own query must not use a name fpgo appends: a receiver could not tell the
 * two apart (PHP's $_GET keeps the last), and the checksum would no longer verify.
 */
function callbackUrl() {
  return optionalUrl().refine((url) => url === null || !usesCallbackParameter(url), {
    error: `The :attribute field must not use the query parameters fpgo appends (${CALLBACK_PARAMETER_NAMES.join(', ')}).`,
  });
}

/**
 * `via: 'create'` requires `submitPayment.via`; `'submit'` (the link is sent by SMS/email) lets it
 * be left out and defaults it to visa.
 */
export function reservationRequestSchema(via: 'create' | 'submit', calendar: RequestCalendar): ReservationRequestSchema {
  const { year, month, day } = calendar.today;
  const key = `${via} ${calendar.timeZone} ${year}-${month}-${day}`;
  let schema = schemas.get(key);
  if (!schema) {
    if (schemas.size >= MAX_CACHED_SCHEMAS) schemas.clear();
    schema = requestSchema(via, calendar);
    schemas.set(key, schema);
  }
  return schema;
}

export type ReservationRequest = z.output<ReservationRequestSchema>;
