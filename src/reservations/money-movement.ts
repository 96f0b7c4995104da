/**
 * Capture, charge and refund move money the same way: validate → decide against the locked ledger,
 * which writes the movement as pending → ask the gateway → settle. A gateway failure is stored as
 * failed and answered 510 (nothing was taken); an approval is stored with its history events,
 * callback and idempotent answer. A pending movement counts against what is left, so two concurrent
 * requests can never take more than there is, and a keyed retry resumes it with the same id.
 */
import { z } from 'zod';
import { sumMinor, type MinorUnits } from '../kernel/money.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, positiveInteger } from '../validation/rules.js';
import type { ChargeLine, MoneyTransaction, ReservationState, TransactionKind } from './ledger.js';
import { merchantNow } from './merchant.js';
import { gatewayFailure, validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import type { FailureKey, Outcome } from './outcome.js';
import type { MovementAnswer, PaymentGateway } from './ports.js';
import type { HistoryEvent, Reservation } from './reservation.js';
import type { NewCallback } from './status-callback.js';
import type { Decision, NewTransaction } from './write-plan.js';

/** A product line id and an amount on it (capture and refund bodies). */
export const amountLine = z.object({ id: positiveInteger(), amount: amount('positive') }, { error: MESSAGES.array });

/** `grandTotal` must be exactly the sum of the lines: money is never guessed. */
export function totalsMatch(body: { products: { amount: MinorUnits }[]; grandTotal: MinorUnits }, ctx: z.RefinementCtx): void {
  if (sumMinor(body.products.map((line) => line.amount)) !== body.grandTotal) {
    ctx.addIssue({ code: 'custom', path: ['grandTotal'], message: "The :attribute field must equal the sum of the products' amounts." });
  }
}

/** A movement a decision planned: its id and amount, on which reservation. */
export interface PlannedMovement {
  uuid: string;
  amount: MinorUnits;
  reservation: Reservation;
}

/** What an approved movement adds: the answer, history events and (for captures and charges) a callback. */
export interface Settled<T> {
  outcome: Outcome<T>;
  events: HistoryEvent[];
  callback?: NewCallback | null;
}

export interface Movement<S extends z.ZodType, P extends PlannedMovement, T> {
  schema: S;
  notFound: FailureKey;
  decide(state: ReservationState, request: z.output<S>, now: number): Decision<Outcome<P>>;
  /** The one gateway call of this movement. */
  send(gateway: PaymentGateway, planned: P): Promise<MovementAnswer>;
  settled(planned: P, at: number, chargeLines: ChargeLine[]): Settled<T>;
}

export async function moveMoney<S extends z.ZodType, P extends PlannedMovement, T>(
  deps: LifecycleDependencies,
  context: OperationContext<T>,
  uuid: string,
  body: unknown,
  movement: Movement<S, P, T>,
): Promise<Outcome<T>> {
  const decided = await validateAndDecide(deps, context, uuid, body, movement);
  if (!decided.ok) return decided;
  const planned = decided.value;
  const answer = await movement.send(deps.gateway, planned);
  const at = merchantNow(deps.clock, context.merchant);
  if (answer.outcome !== 'approved') {
    await deps.lifecycle.write({ settle: [{ uuid: planned.uuid, state: 'failed', gatewayId: null, at }] });
    return gatewayFailure(answer.message);
  }
  const { outcome, events, callback } = movement.settled(planned, at, decided.chargeLines);
  // Settled already by a retry of the same request that ran at the same time: its answer stands.
  await deps.lifecycle.write({
    settle: [{ uuid: planned.uuid, state: 'succeeded', gatewayId: answer.gatewayId, at }],
    events,
    callbacks: callback ? [callback] : [],
    response: context.responseFor?.(outcome),
  });
  return outcome;
}

/** The pending transaction a decision writes for a movement it lets through. */
export function pendingMovement(
  reservation: Pick<Reservation, 'merchantId' | 'uuid'>,
  movement: Pick<MoneyTransaction, 'uuid' | 'amount' | 'note' | 'refundOf' | 'source' | 'lines'> & {
    kind: TransactionKind;
    createdAt: number;
    idempotencyKeyId: number | undefined;
  },
): NewTransaction {
  return {
    ...movement,
    merchantId: reservation.merchantId,
    reservationUuid: reservation.uuid,
    state: 'pending',
    gatewayId: null,
    idempotencyKeyId: movement.idempotencyKeyId ?? null,
  };
}
