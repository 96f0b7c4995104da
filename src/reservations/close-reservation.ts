/**
 * Cancel Reservation (§4.6) and Complete Reservation (§4.7): the two ways a reservation ends.
 * Cancel voids a reservation nothing was taken from (SENT or RESERVED); complete closes one that was
 * captured or charged and releases what is left of the authorization. Either way the status is
 * set first, so no capture can start meanwhile, then the gateway is asked; if it fails the status
 * goes back and the answer is 510.
 */
import { z } from 'zod';
import { MESSAGES } from '../validation/laravel-messages.js';
import { requiredString } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import { Ledger, type ReservationState } from './ledger.js';
import { merchantNow } from './merchant.js';
import { gatewayFailure, validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Failure, type FailureKey, type Outcome } from './outcome.js';
import { effectiveStatus, type Reservation, type ReservationStatus } from './reservation.js';
import type { PaymentGateway } from './ports.js';
import type { Decision } from './write-plan.js';

export const noteRequest = z.object({ note: requiredString(1000) }, { error: MESSAGES.array });

interface Closing {
  reservation: Reservation;
  /** The authorization to release, with anything left on it. */
  voidAuthorization: string | null;
  previousStatus: ReservationStatus;
}

type Refusals = Partial<Record<ReservationStatus, FailureKey>> & { moneyMoved?: FailureKey; nothingTaken?: FailureKey };

function decideClose(state: ReservationState, to: 'CANCELLED' | 'COMPLETED', refusals: Refusals, now: number): Decision<Outcome<Closing>> {
  const refuse = (failure: Failure) => ({ result: failure });
  const { reservation } = state;
  const status = effectiveStatus(reservation, now);
  const refusal = refusals[status];
  if (refusal) return refuse(fail(refusal));
  const ledger = new Ledger(state);
  if (refusals.moneyMoved && ledger.hasMovedMoney()) return refuse(fail(refusals.moneyMoved));
  if (refusals.nothingTaken && !ledger.hasMovedMoney(false)) return refuse(fail(refusals.nothingTaken));
  const remaining = ledger.remainingAuthorization();
  return {
    result: succeed({ reservation, voidAuthorization: reservation.authorizationId && remaining > 0 ? reservation.authorizationId : null, previousStatus: status }),
    plan: { status: { reservationUuid: reservation.uuid, to, at: now } },
  };
}

const CANCEL_REFUSALS: Refusals = {
  COMPLETED: 'reservationStatusAlreadyCompleted',
  CANCELLED: 'reservationStatusAlreadyCancelled',
  EXPIRED: 'prerequisiteFailedToCancelReservation',
  moneyMoved: 'prerequisiteFailedToCancelReservation',
};

const COMPLETE_REFUSALS: Refusals = {
  COMPLETED: 'reservationStatusAlreadyParamCompleted',
  CANCELLED: 'reservationStatusAlreadyParamCancelled',
  SENT: 'prerequisiteFailedToCompleteReservation',
  EXPIRED: 'prerequisiteFailedToCompleteReservation',
  nothingTaken: 'prerequisiteFailedToCompleteReservation',
};

/** The cancel rules: a SENT reservation, or a RESERVED one nothing was (or is being) captured or charged from. */
export function decideCancel(state: ReservationState, now: number): Decision<Outcome<Closing>> {
  return decideClose(state, 'CANCELLED', CANCEL_REFUSALS, now);
}

/** The complete rules: a RESERVED reservation something was captured or charged from. */
export function decideComplete(state: ReservationState, now: number): Decision<Outcome<Closing>> {
  return decideClose(state, 'COMPLETED', COMPLETE_REFUSALS, now);
}

async function close(
  deps: LifecycleDependencies,
  context: OperationContext<null>,
  uuid: string,
  body: unknown,
  how: { decide: (state: ReservationState, now: number) => Decision<Outcome<Closing>>; notFound: FailureKey; event: string },
): Promise<Outcome<null>> {
  const decided = await validateAndDecide(deps, context, uuid, body, {
    schema: noteRequest,
    notFound: how.notFound,
    decide: (state, _request, now) => how.decide(state, now),
  });
  if (!decided.ok) return decided;
  const { reservation, voidAuthorization, previousStatus } = decided.value;

  if (voidAuthorization) {
    const answer = await releaseAuthorization(deps.gateway, reservation.uuid, voidAuthorization);
    // Unknown even after asking: the reservation stays closed (nothing more can be taken from it), and
    // an authorization the gateway did not release lapses at the card issuer.
    if (answer !== 'approved' && answer !== 'unknown') {
      await deps.lifecycle.write({ status: { reservationUuid: reservation.uuid, to: previousStatus, at: decided.now } });
      return gatewayFailure(answer.message);
    }
  }
  const outcome = succeed(null);
  await deps.lifecycle.write({
    events: [historyEvent(reservation, how.event, merchantNow(deps.clock, context.merchant), { note: decided.request.note, actionBy: context.actor })],
    response: context.responseFor?.(outcome),
  });
  return outcome;
}

/**
 * Voids an authorization. A void whose answer was lost (a timeout) may have happened: the gateway is
 * asked, and only one it never received is sent again — a void is safe to repeat.
 */
async function releaseAuthorization(gateway: PaymentGateway, reference: string, authorizationId: string): Promise<'approved' | 'unknown' | { message: string }> {
  const answer = await gateway.void({ reference, authorizationId });
  if (answer.outcome === 'approved') return 'approved';
  if (answer.outcome !== 'unknown') return answer;
  const known = await gateway.lookup({ kind: 'void', reference, on: authorizationId });
  if (known.outcome === 'done') return 'approved';
  if (known.outcome === 'unknown') return 'unknown';
  const again = await gateway.void({ reference, authorizationId });
  return again.outcome === 'approved' || again.outcome === 'unknown' ? again.outcome : again;
}

export function cancelReservation(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown): Promise<Outcome<null>> {
  return close(deps, context, uuid, body, { decide: decideCancel, notFound: 'orderNotFound', event: 'reservation-cancelled' });
}

export function completeReservation(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown): Promise<Outcome<null>> {
  return close(deps, context, uuid, body, { decide: decideComplete, notFound: 'reservationNotFound', event: 'reservation-completed' });
}
