/**
 * Response shapes for the OpenAPI reference. Requests are documented from the same zod schemas
 * that validate them; responses here are checked against real answers by test/openapi.test.ts.
 */
import { z } from 'zod';

const number = z.number();
const seconds = z.number().int().nullable().meta({ description: 'Unix seconds.' });

export function successEnvelope<T extends z.ZodType>(status: number, message: string, data: T) {
  return z.object({
    status_code: z.literal(status),
    status_message: z.literal('OK'),
    message: z.literal(message),
    is_data: z.boolean(),
    data,
  });
}

export const errorEnvelope = z
  .object({
    status_code: z.number().int(),
    status_message: z.string(),
    message: z.string().meta({ description: 'FPGO message key, e.g. payloadValidationErrors, reservationNotFound.' }),
    is_error: z.boolean().optional(),
    errors: z.union([z.array(z.string()), z.record(z.string(), z.unknown()), z.null()]).optional(),
    is_data: z.literal(false).optional(),
    data: z.null().optional(),
  })
  .meta({ description: 'Error envelope. 417 lists one Laravel-style sentence per failed rule in `errors`.' });

export const createdReservation = z.object({
  customerUuid: z.string().regex(/^CSRT\d+$/),
  reservationUuid: z.string().regex(/^RES\d+$/),
  paymentUrl: z.url().meta({ description: 'Hosted checkout page; its last segment is an unguessable token: its creation time (9 characters, base 36) and 192 random bits.' }),
});

const status = z.enum(['SENT', 'RESERVED', 'COMPLETED', 'CANCELLED', 'EXPIRED']);

export const reservationDetails = z.object({
  reservationUuid: z.string(),
  status,
  isPaid: z.boolean(),
  productList: z.array(
    z.object({
      id: z.number().int().meta({ description: 'Product line id used by capture and refund.' }),
      name: z.string(),
      productId: z.string().nullable(),
      quantity: number,
      rate: number,
      discount: number,
      tax: z.number().int(),
      amount: number,
      reserved: number,
      captured: number,
    }),
  ),
  subTotal: number,
  totalTax: number,
  grandTotal: number,
  currency: z.string(),
  reservationDate: z.string().meta({ description: 'orderDate as dd.mm.yyyy in the merchant time zone.' }),
  paymentLinkDueDate: z.string().meta({ description: 'dueDateForPaymentLink as dd.mm.yyyy; the link is payable until the end of that day.' }),
  sendOrderBy: z.object({ sms: z.boolean(), email: z.boolean() }),
  customerDetails: z.object({
    customerUuid: z.string(),
    type: z.enum(['private', 'corporate']),
    countryCode: z.string(),
    msisdn: z.string(),
    email: z.string(),
    name: z.string(),
    preferredLanguage: z.string(),
    organizationId: z.string().nullable(),
    address: z.object({ street: z.string(), zip: z.string(), city: z.string(), country: z.string() }),
  }),
  referenceNumber: z.string().nullable(),
  chargeValidity: z.string().nullable().meta({ description: 'Minutes (digits) the stored card may be charged after RESERVED; null means 90 days.' }),
  customerReference: z.string().nullable(),
  customerNotes: z.string().nullable(),
  termsAndCondition: z.string().nullable(),
  paymentDetails: z.object({
    reservedAt: z.number().int().nullable().meta({ description: 'Unix seconds.' }),
    reservedAmount: number,
    paymentMethod: z.string().nullable(),
    capturedAmount: number,
    chargedAmount: number,
    amountRefunded: z.object({ fromCaptured: number, fromCharge: number }),
  }),
  organizationDetails: z.object({
    name: z.string(),
    billingAddress: z.object({
      countryCode: z.string().nullable(),
      msisdn: z.string().nullable(),
      email: z.string().nullable(),
      street: z.string().nullable(),
      zip: z.string().nullable(),
      city: z.string().nullable(),
      country: z.string().nullable(),
    }),
  }),
  translationKey: z.string(),
  paymentHistory: z.object({
    reserved: z.array(z.object({ at: seconds, amount: number })),
    captured: z.array(z.object({ at: seconds, amount: number, uuid: z.string(), products: z.array(z.object({ id: z.number().int(), amount: number })) })),
    charged: z.array(
      z.object({ at: seconds, amount: number, uuid: z.string(), products: z.array(z.object({ id: z.number().int(), name: z.string(), amount: number })) }),
    ),
    refunded: z.array(
      z.object({
        at: seconds,
        amount: number,
        source: z.enum(['captured', 'charged']),
        reference: z.string().meta({ description: 'The CAP… or CHA… refunded from.' }),
        products: z.array(z.object({ id: z.number().int(), amount: number })),
      }),
    ),
  }),
});

export const uuidParams = (description: string) => z.object({ uuid: z.string().meta({ description }) });

export const bearerSecurity = [{ bearerAuth: [] }];

export const testPaymentResult = z.object({
  reservationUuid: z.string(),
  status: z.literal('RESERVED'),
  paymentMethod: z.enum(['Visa', 'Mastercard']),
  reservedAmount: number,
});

/** Documents `Idempotency-Key` on a POST, with the answers its misuse gets. */
export const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({
      description:
        'Optional, 1–255 printable ASCII characters, scoped to your merchant. A retry with the same key and the same request ' +
        'gets the first answer again, byte for byte, with `idempotent-replayed: true`, and changes nothing. Keys are kept 31 days.',
    }),
});

export const idempotencyErrors = {
  409: errorEnvelope.meta({ description: '`idempotencyRequestInProgress`: the first request with this key is still running.' }),
  422: errorEnvelope.meta({ description: '`idempotencyKeyReused`: the key was used with a different method, path or body.' }),
};

export const callbackListSchema = z.object({
  reservationUuid: z.string(),
  callbacks: z.array(
    z.object({
      webhookId: z.string().meta({ description: 'The Standard Webhooks id, the same on every attempt.' }),
      status: z.enum(['RESERVED', 'CAPTURED', 'CHARGED']),
      subjectUuid: z.string().meta({ description: 'RES…, CAP… or CHA…: what the callback is about.' }),
      amount: z.number(),
      paymentMethod: z.string(),
      delivery: z.enum(['pending', 'delivered', 'failed']),
      createdAt: seconds,
      nextAttemptAt: seconds,
      deliveredAt: seconds,
      attemptsTotal: z.number().int().meta({ description: 'Attempts made in all; `attempts` lists the latest 20. A list shows the latest 100 callbacks.' }),
      attempts: z.array(
        z.object({
          attemptedAt: seconds,
          url: z.string().meta({ description: 'The URL called, with its checksum (never the secret).' }),
          httpStatus: z.number().int().nullable().meta({ description: 'null when no answer came.' }),
          error: z.string().nullable(),
          durationMs: z.number().int(),
        }),
      ),
    }),
  ),
});

export const notificationListSchema = z.object({
  reservationUuid: z.string(),
  notifications: z.array(
    z.object({
      messageId: z.string().meta({ description: "The same on every attempt: the email's Message-ID and the SMS webhook's webhook-id and reference." }),
      channel: z.enum(['email', 'sms']),
      sentTo: z.string().meta({ description: 'The email address, or the mobile number in E.164 (+4746567468).' }),
      reason: z.enum(['create', 'submit', 'resend']),
      status: z.enum(['queued', 'sent', 'delivered', 'failed']),
      failureReason: z.string().nullable().meta({ description: 'Why a failed message was given up.' }),
      lastError: z.string().nullable().meta({ description: 'Why the last attempt of a queued message did not go out (it is tried again at nextAttemptAt).' }),
      createdAt: seconds,
      sentAt: seconds,
      deliveredAt: seconds,
      nextAttemptAt: seconds,
      attemptsTotal: z.number().int(),
      attempts: z.array(
        z.object({
          attemptedAt: seconds,
          outcome: z.enum(['sent', 'retry', 'rejected']),
          error: z.string().nullable(),
          durationMs: z.number().int(),
        }),
      ),
      devOutbox: z
        .object({ subject: z.string().nullable(), text: z.string() })
        .nullable()
        .meta({ description: 'Test merchants without a transport for the channel: the message as kept in the development outbox (/dev/outbox).' }),
    }),
  ),
});

/** The test clock's answer (GET and POST /test/clock). */
export const testClockData = z.object({
  now: z.number().int().meta({ description: "The merchant's current time, Unix seconds." }),
  nowIso: z.string(),
  offsetSeconds: z.number().int().meta({ description: 'How far the test clock runs ahead of real time.' }),
});

/** History events (GET history). */
export const historyItems = z.array(
  z.object({
    uuid: z.string().meta({ description: 'The reservation (RES…) or the capture/charge (CAP…/CHA…) the event is about.' }),
    title: z.string().meta({ description: 'amount-reserved, amount-captured-from-reservation, amount-charged-from-card, refund-sent-from-captured, …' }),
    datetime: z.string(),
    sentTo: z.string().nullable(),
    actionBy: z.string().nullable(),
    note: z.string().nullable(),
    paymentMethod: z.string().nullable(),
    isRefundable: z.boolean(),
    amount: z.string().nullable(),
  }),
);
