/**
 * The SDK's request and response types, derived from the zod schemas that validate the requests and
 * document the answers in the OpenAPI reference, so the two cannot drift. Type-only imports: nothing
 * of the server (nor zod) is loaded when the SDK runs.
 */
// @ts-nocheck

import type { z } from 'zod';
import type { callbackListSchema, createdReservation, historyItems, reservationDetails, testClockData, testPaymentResult } from '../http/openapi-schemas.js';
import type { advanceClockRequest } from '../merchants/test-clock.js';
import type { captureRequest } from '../reservations/capture-reservation.js';
import type { ChargeResult, chargeRequest } from '../reservations/charge-reservation.js';
import type { noteRequest } from '../reservations/close-reservation.js';
import type { ReservationRequestSchema } from '../reservations/create-request.js';
import type { refundRequest } from '../reservations/refund-reservation.js';
import type { resendRequest } from '../reservations/resend-reservation.js';
import type { testPaymentRequest } from '../reservations/test-payment.js';

/** Create Session for Reservation and Submit Reservation. */
export type CreateReservationRequest = z.input<ReservationRequestSchema>;
export type CaptureRequest = z.input<typeof captureRequest>;
export type ChargeRequest = z.input<typeof chargeRequest>;
export type RefundRequest = z.input<typeof refundRequest>;
/** Cancel and Complete. */
export type NoteRequest = z.input<typeof noteRequest>;
export type ResendRequest = z.input<typeof resendRequest>;
export type TestPaymentRequest = z.input<typeof testPaymentRequest>;
export type AdvanceClockRequest = z.input<typeof advanceClockRequest>;

export type CreatedReservation = z.output<typeof createdReservation>;
export type ReservationDetails = z.output<typeof reservationDetails>;
export type CaptureResult = { uuid: string };
export type { ChargeResult };
export type HistoryItem = z.output<typeof historyItems>[number];
export type CallbackList = z.output<typeof callbackListSchema>;
export type TestClock = z.output<typeof testClockData>;
export type TestPaymentResult = z.output<typeof testPaymentResult>;
