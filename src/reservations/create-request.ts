/**
 * The body of Create Session for Reservation (`POST connect/reservations/create`) and Submit
 * Reservation (`…/submit`), with every rule of Front Payment's page and §10 of our notes.
 * Rules that need the clock (the due date may not be in the past) live in create-reservation.ts.
 */
import { z } from 'zod';
import { MESSAGES } from '../validation/laravel-messages.js';
import {
  amount,
  booleanLike,
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
import { parseOrderDate, parseUnixSeconds, DEFAULT_TIME_ZONE } from './dates.js';
import { sumMinor } from './money.js';

export const LANGUAGES = ['en', 'no', 'sv', 'da', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const TAX_RATES = [0, 12, 15, 25] as const;
export const PAYMENT_METHODS = ['visa', 'mastercard'] as const;
export type PaymentMethodChoice = (typeof PAYMENT_METHODS)[number];

/** Totals may differ by one øre from the sum of their parts (rounding on the client's side). */
export const TOTALS_TOLERANCE_MINOR = 1;

const dialingCode = requiredString(8).regex(/^\+?\d{1,4}$/, {
  error: 'The :attribute field must be a dialing code such as +47.',
});
const phoneNumber = requiredString(20).regex(/^\d{4,15}$/, {
  error: 'The :attribute field must contain 4 to 15 digits without the country code.',
});

const address = z.object(
  {
    street: requiredString(),
    zip: requiredString(20),
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
      customerUuid: optionalPatternString(/^CSRT\d+$/, 'The :attribute field must be a customer id such as CSRT3463048878.'),
      uuid: optionalPatternString(/^CSRT\d+$/, 'The :attribute field must be a customer id such as CSRT3463048878.'),
      type: oneOf(['private', 'corporate']),
      countryCode: dialingCode,
      msisdn: phoneNumber,
      email: email(),
      name: requiredString(),
      preferredLanguage: z
        .union([oneOf(LANGUAGES), z.literal('')], { error: MESSAGES.in })
        .nullish()
        .transform((value): Language => (value ? value : 'no')),
      personalNumber: optionalPatternString(/^\d{11}$/, 'The :attribute field must be exactly 11 digits without spaces.', 11),
      organizationId: optionalPatternString(/^\d+$/, 'The :attribute field must contain only digits without spaces.', 32),
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

export const productLine = z.object(
  {
    name: requiredString(),
    productId: z
      .union([z.string(), z.number()], { error: MESSAGES.string })
      .nullish()
      .transform((value) => (value === null || value === undefined || value === '' ? null : String(value).slice(0, 255))),
    quantity: z
      .union([z.number(), z.string()], { error: MESSAGES.numeric })
      .nullish()
      .refine((value) => value === null || value === undefined || (Number(value) > 0 && Number.isFinite(Number(value))), {
        error: MESSAGES.positive,
      })
      .transform((value) => (value === null || value === undefined ? 1 : Number(value))),
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

const unixSeconds = (message: string) =>
  z.union([z.string(), z.number()], { error: MESSAGES.string }).refine((value) => parseUnixSeconds(value) !== null, {
    error: message,
  });

function requestSchema(submitPaymentRequired: boolean) {
  const submitPayment = z.object({ via: oneOf(PAYMENT_METHODS) }, { error: MESSAGES.array });
  return z
    .object({
      customerDetails,
      orderDate: z
        .union([z.string(), z.number()], { error: MESSAGES.string })
        .refine((value) => parseOrderDate(value, DEFAULT_TIME_ZONE) !== null, {
          error: 'The :attribute field must be a Unix timestamp in seconds or match the format d M, Y.',
        }),
      dueDateForPaymentLink: unixSeconds('The :attribute field must be a Unix timestamp in seconds.'),
      referenceNo: optionalString(),
      customerReference: optionalString(),
      sendOrderBy: z.object({ sms: booleanLike(), email: booleanLike() }, { error: MESSAGES.array }),
      products: itemMap(productLine),
      orderSummary,
      chargeValidity: z
        .union([z.string(), z.number()], { error: MESSAGES.string })
        .nullish()
        .refine((value) => value === null || value === undefined || value === '' || /^\d{1,9}$/.test(String(value)), {
          error: 'The :attribute field must contain only digits (minutes).',
        })
        .transform((value) => (value === null || value === undefined || value === '' ? null : Number(value))),
      customerNotes: optionalString(5000),
      tnc: optionalString(20000),
      submitPayment: submitPaymentRequired
        ? submitPayment
        : submitPayment.nullish().transform((value) => value ?? { via: 'visa' as const }),
      callback: z
        .object({ callbackUrl: optionalUrl(), success: optionalUrl(), failure: optionalUrl() }, { error: MESSAGES.array })
        .nullish()
        .transform((value) => value ?? { callbackUrl: null, success: null, failure: null }),
      settings: z
        .object(
          {
            secureDetails: booleanLike().nullish().transform((value) => value ?? false),
            isChargePartiallyRefundable: booleanLike().nullish().transform((value) => value ?? true),
          },
          { error: MESSAGES.array },
        )
        .nullish()
        .transform((value) => value ?? { secureDetails: false, isChargePartiallyRefundable: true }),
    })
    .superRefine(checkTotals, whenValid('products', 'orderSummary'));
}

function checkTotals(
  body: { products: { amount: number }[]; orderSummary: { subTotal: number; totalTax: number; grandTotal: number } },
  ctx: z.RefinementCtx,
): void {
  const { subTotal, totalTax, grandTotal } = body.orderSummary;
  const linesTotal = sumMinor(body.products.map((line) => line.amount));
  if (Math.abs(linesTotal - subTotal) > TOTALS_TOLERANCE_MINOR) {
    ctx.addIssue({
      code: 'custom',
      path: ['orderSummary', 'subTotal'],
      message: 'The :attribute field must equal the sum of the products\' amounts.',
    });
  }
  if (Math.abs(subTotal + totalTax - grandTotal) > TOTALS_TOLERANCE_MINOR) {
    ctx.addIssue({
      code: 'custom',
      path: ['orderSummary', 'grandTotal'],
      message: 'The :attribute field must equal order summary.sub total plus order summary.total tax.',
    });
  }
}

/** `POST connect/reservations/create`: `submitPayment.via` is required. */
export const createSessionRequest = requestSchema(true);
/** `POST connect/reservations/submit`: the link is sent by SMS/email; `submitPayment` may be left out. */
export const submitReservationRequest = requestSchema(false);

export type ReservationRequest = z.output<typeof createSessionRequest>;
export type ProductLineRequest = ReservationRequest['products'][number];
