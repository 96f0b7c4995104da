/**
 * What a reservation operation can answer. Failure keys are FPGO's message keys, copied exactly;
 * the HTTP layer maps each to its status code and envelope in one table (src/http/messages.ts).
 */
// @ts-nocheck

export type FailureKey =
  | 'payloadValidationErrors'
  | 'reservationNotFound'
  | 'orderNotFound'
  | 'reservationStatusAlreadyCancelled'
  | 'reservationStatusAlreadyCompleted'
  | 'reservationStatusAlreadyParamCompleted'
  | 'reservationStatusAlreadyParamCancelled'
  | 'prerequisiteFailedToCancelReservation'
  | 'prerequisiteFailedToCompleteReservation'
  | 'requestedCaptureAmountExceedAvailableCaptureRunway'
  | 'paymentCaptureDeadlineExceed'
  | 'paymentCardNotFound'
  | 'paymentChargeDeadlineExceed'
  | 'paymentChargeRunwayExceed'
  | 'orderStatusAlreadyCompleted'
  | 'orderStatusAlreadyCancelled'
  | 'refundRejectionForTransactionNotFound'
  | 'requestProductIdNotAvailable'
  | 'refundRejectionForRefundRequestGreaterThanOrderAmount'
  | 'partialRefundNotAllowedForCharge'
  | 'somethingWentWrong'
  // fpgo's own keys (test mode, payments), in FPGO's style:
  | 'paymentDeclined'
  | 'paymentInProgress'
  | 'paymentLinkExpired'
  | 'reservationAlreadyPaid'
  | 'prerequisiteFailedToCaptureReservation'
  | 'callbackNotFound'
  | 'callbackResendLimitReached';

export interface Failure {
  ok: false;
  key: FailureKey;
  /** Sentences for payloadValidationErrors, or details of other failures. */
  errors?: string[];
  /** The gateway's outcome is unknown: the request's Idempotency-Key must stay usable for the retry that learns it. */
  unresolved?: true;
}

export type Outcome<T> = { ok: true; value: T } | Failure;

export const succeed = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (key: FailureKey, errors?: string[]): Failure => (errors ? { ok: false, key, errors } : { ok: false, key });
export const invalid = (errors: string[]): Failure => fail('payloadValidationErrors', errors);
