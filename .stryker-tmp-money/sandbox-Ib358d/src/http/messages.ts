/**
 * Every FPGO message key fpgo answers with, and its HTTP status, status_message and envelope form.
 * Keys and texts are copied exactly from Front Payment's API because clients match on them.
 */
// @ts-nocheck

import type { FailureKey } from '../reservations/outcome.js';

/**
 * The error envelope comes in two forms in FPGO's docs: `is_error: true, errors: [...]` and, for
 * some not-found / business answers, `is_data: false, data: null` or `is_error: false, errors: null`.
 */
export type ErrorForm = 'errors' | 'no-data' | 'no-errors';

export interface ErrorEntry {
  status: number;
  statusMessage: string;
  form: ErrorForm;
}

const clientError = { status: 417, statusMessage: 'Client Error', form: 'errors' } as const;
const notFound = (form: ErrorForm) => ({ status: 404, statusMessage: 'Not Found', form });
const businessRule = (form: ErrorForm) => ({ status: 400, statusMessage: 'Conflict of Business Logic', form });

/** Failures returned by reservation operations. */
export const FAILURES: Record<FailureKey, ErrorEntry> = {
  payloadValidationErrors: clientError,
  reservationNotFound: notFound('no-data'),
  orderNotFound: notFound('no-errors'),
  reservationStatusAlreadyCancelled: businessRule('no-data'),
  reservationStatusAlreadyCompleted: businessRule('no-errors'),
  reservationStatusAlreadyParamCompleted: businessRule('no-data'),
  reservationStatusAlreadyParamCancelled: businessRule('no-data'),
  prerequisiteFailedToCancelReservation: businessRule('no-errors'),
  prerequisiteFailedToCompleteReservation: businessRule('no-data'),
  prerequisiteFailedToCaptureReservation: businessRule('no-data'),
  requestedCaptureAmountExceedAvailableCaptureRunway: businessRule('no-data'),
  paymentCaptureDeadlineExceed: businessRule('no-data'),
  paymentCardNotFound: notFound('no-data'),
  paymentChargeDeadlineExceed: businessRule('no-data'),
  paymentChargeRunwayExceed: businessRule('no-data'),
  orderStatusAlreadyCompleted: businessRule('no-errors'),
  orderStatusAlreadyCancelled: businessRule('no-errors'),
  refundRejectionForTransactionNotFound: notFound('no-errors'),
  requestProductIdNotAvailable: businessRule('no-data'),
  refundRejectionForRefundRequestGreaterThanOrderAmount: businessRule('no-errors'),
  partialRefundNotAllowedForCharge: businessRule('no-errors'),
  somethingWentWrong: { status: 510, statusMessage: 'Execution Exception Occurred', form: 'errors' },
  paymentDeclined: businessRule('errors'),
  paymentInProgress: { status: 409, statusMessage: 'Conflict', form: 'errors' },
  paymentLinkExpired: businessRule('no-data'),
  reservationAlreadyPaid: businessRule('no-data'),
  callbackNotFound: { status: 404, statusMessage: 'Not Found', form: 'errors' },
  callbackResendLimitReached: businessRule('errors'),
};

/** Failures raised by the HTTP layer itself, with the sentence that explains each. */
export const HTTP_FAILURES = {
  unauthenticated: { status: 401, statusMessage: 'Unauthorized', form: 'errors', sentence: 'Missing or invalid Bearer token.' },
  tooManyRequests: { status: 429, statusMessage: 'Too Many Requests', form: 'errors', sentence: 'Too many requests; retry after the number of seconds in the retry-after header.' },
  routeNotFound: { status: 404, statusMessage: 'Not Found', form: 'errors', sentence: 'No endpoint answers this method and path.' },
  invalidJson: { status: 400, statusMessage: 'Bad Request', form: 'errors', sentence: 'The request body is not valid JSON.' },
  unsupportedMediaType: { status: 415, statusMessage: 'Unsupported Media Type', form: 'errors', sentence: 'The request body must be sent as Content-Type: application/json.' },
  payloadTooLarge: { status: 413, statusMessage: 'Payload Too Large', form: 'errors', sentence: 'The request body must not be larger than 1 MiB.' },
  invalidUrl: { status: 400, statusMessage: 'Bad Request', form: 'errors', sentence: 'The request path is not a valid URL: check its percent-encoding.' },
  badRequest: { status: 400, statusMessage: 'Bad Request', form: 'errors', sentence: 'The request is not valid HTTP/1.1 (its method, request line or headers).' },
  requestTimeout: { status: 408, statusMessage: 'Request Timeout', form: 'errors', sentence: 'The request did not arrive in time; send its headers and body without pausing.' },
  requestHeadersTooLarge: { status: 431, statusMessage: 'Request Header Fields Too Large', form: 'errors', sentence: 'The request headers must not be larger than 16 KiB.' },
  serviceUnavailable: { status: 503, statusMessage: 'Service Unavailable', form: 'errors', sentence: 'The server is shutting down or cannot reach its database; retry in a moment.' },
  internalErrorOccurredPleaseTryAgainLater: { status: 500, statusMessage: 'Internal Dependency Error', form: 'errors', sentence: '' },
} as const satisfies Record<string, ErrorEntry & { sentence: string }>;

export type HttpFailureKey = keyof typeof HTTP_FAILURES;

/** Success answers: status, message key and (where FPGO documents `is_data: false`) isData per operation. */
export const SUCCESSES = {
  reservationSubmitted: { status: 201, message: 'Reservation Submitted Successfully' },
  reservationRetrieved: { status: 200, message: 'reservationRetrievedSuccessfully' },
  testPaymentReserved: { status: 200, message: 'reservationReservedSuccessfully' },
  callbacksRetrieved: { status: 200, message: 'callbacksRetrievedSuccessfully' },
  callbackResent: { status: 202, message: 'callbackResentSuccessfully' },
  captured: { status: 202, message: 'reservationCapturedSuccessfully' },
  charged: { status: 202, message: 'reservationChargedSuccessfully' },
  cancelled: { status: 202, message: 'cancelledOrderSuccessfully', isData: false },
  completed: { status: 202, message: 'reservationCompletedSuccessfully', isData: false },
  resent: { status: 202, message: 'resentOrderSuccessfully' },
  refunded: { status: 202, message: 'orderRefundedSuccessfully' },
  historyRetrieved: { status: 200, message: 'reservationRetrievedSuccessfully' },
  testClock: { status: 200, message: 'testClockRetrievedSuccessfully' },
} as const satisfies Record<string, { status: number; message: string; isData?: boolean }>;

export type SuccessKind = keyof typeof SUCCESSES;
