/**
 * Capture, charge and refund move money the same way: validate → decide against the locked ledger,
 * which writes the movement as pending → ask the gateway → settle. A gateway that refused or could
 * not be reached settles it as failed (510: nothing was taken); an approval is stored with its
 * history events, callback and idempotent answer. A gateway that gave no answer (a timeout: it may
 * have acted) leaves it pending — it keeps counting against what is left — until a lookup tells:
 * the keyed retry of the request, the background reconciler (reconcile-movement.ts) or the
 * operator's `fpgo reconcile`. Nothing ever sends a second movement for it: a retry resumes the same
 * one, with the same id and so the same reference at the gateway.
 */
// @ts-nocheck

import { z } from 'zod';
import { sumMinor, type MinorUnits } from '../kernel/money.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, positiveInteger } from '../validation/rules.js';
import type { ChargeLine, MoneyTransaction, ReservationState, TransactionKind, TransactionState } from './ledger.js';
import { merchantNow, type Merchant } from './merchant.js';
import { gatewayFailure, LOOKUP_AFTER_MS, validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import type { Failure, FailureKey, Outcome } from './outcome.js';
import type { LookupAnswer, MovementAnswer, MovementLookup, PaymentGateway } from './ports.js';
import type { HistoryEvent, Reservation } from './reservation.js';
import type { NewCallback } from './status-callback.js';
import type { Decision, NewTransaction, ResponseFor } from './write-plan.js';

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
  /**
   * Set when this keyed request had started the movement before: 'pending' resumes it (asking the
   * gateway first), a settled one is answered as it ended.
   */
  earlier?: TransactionState;
}

/** What an approved movement adds: the answer, history events and (for captures and charges) a callback. */
export interface Settled<T> {
  outcome: Outcome<T>;
  events: HistoryEvent[];
  callback?: NewCallback | null;
}

/** One kind of movement, the same for a request and for the reconciler. */
export interface MovementRules<P extends PlannedMovement, T> {
  kind: TransactionKind;
  /** The movement `transaction` is, as its decision planned it (to resume or reconcile it). */
  planOf(state: ReservationState, transaction: MoneyTransaction): P;
  /** The one gateway call of this movement. */
  send(gateway: PaymentGateway, planned: P): Promise<MovementAnswer>;
  /** How to ask the gateway about it afterwards. */
  lookup(planned: P): MovementLookup;
  settled(planned: P, at: number, chargeLines: ChargeLine[]): Settled<T>;
}

export interface Movement<S extends z.ZodType, P extends PlannedMovement, T> extends MovementRules<P, T> {
  schema: S;
  notFound: FailureKey;
  decide(state: ReservationState, request: z.output<S>, now: number): Decision<Outcome<P>>;
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
  if (planned.earlier === 'succeeded') {
    // Settled meanwhile by a lookup: the request gets the answer the movement earned, nothing more happens.
    const { outcome } = movement.settled(planned, decided.now, decided.chargeLines);
    await deps.lifecycle.write({ response: context.responseFor?.(outcome) });
    return outcome;
  }
  if (planned.earlier === 'failed') return gatewayFailure(`the ${movement.kind} ${planned.uuid} was not made; send a new request with a new Idempotency-Key`);
  const answer = planned.earlier === 'pending' ? await resume(deps.gateway, movement, planned) : await movement.send(deps.gateway, planned);
  return recordAnswer(deps, context, movement, planned, answer, decided.chargeLines);
}

/** A movement started before: what the gateway knows of it decides, and only one it never received is sent again. */
async function resume<P extends PlannedMovement, T>(gateway: PaymentGateway, movement: MovementRules<P, T>, planned: P): Promise<MovementAnswer> {
  const known = await gateway.lookup(movement.lookup(planned));
  if (known.outcome === 'not-done') return movement.send(gateway, planned);
  return asAnswer(known);
}

export function asAnswer(known: Exclude<LookupAnswer, { outcome: 'not-done' }>): MovementAnswer {
  return known.outcome === 'done' ? { outcome: 'approved', gatewayId: known.gatewayId } : known;
}

/** Stores what the gateway answered about a movement and says what it means for the request. */
export async function recordAnswer<P extends PlannedMovement, T>(
  deps: Pick<LifecycleDependencies, 'lifecycle' | 'clock'>,
  context: { merchant: Pick<Merchant, 'mode' | 'testClockOffsetMs'>; responseFor?: ResponseFor<T> | undefined },
  movement: MovementRules<P, T>,
  planned: P,
  answer: MovementAnswer,
  chargeLines: ChargeLine[],
  lookUpAgainInMs = 60_000,
): Promise<Outcome<T>> {
  const at = merchantNow(deps.clock, context.merchant);
  if (answer.outcome === 'unknown') {
    await deps.lifecycle.write({ lookUpAgain: [{ uuid: planned.uuid, at: deps.clock.now() + lookUpAgainInMs }] });
    return outcomeUnknown(movement.kind, planned.uuid, answer.message);
  }
  if (answer.outcome !== 'approved') {
    await deps.lifecycle.write({ settle: [{ uuid: planned.uuid, state: 'failed', gatewayId: null, at }] });
    return gatewayFailure(answer.message);
  }
  const { outcome, events, callback } = movement.settled(planned, at, chargeLines);
  // Settled already by a retry of the same request, or a lookup, that ran at the same time: its answer stands.
  await deps.lifecycle.write({
    settle: [{ uuid: planned.uuid, state: 'succeeded', gatewayId: answer.gatewayId, at }],
    events,
    callbacks: callback ? [callback] : [],
    response: context.responseFor?.(outcome),
  });
  return outcome;
}

/**
 * 510 like a gateway failure, because FPGO's clients know no other, but saying the truth: the money
 * may have moved, the movement stays pending, and a retry with the same key will learn the outcome.
 */
function outcomeUnknown(kind: TransactionKind, uuid: string, message: string): Failure {
  return {
    ...gatewayFailure(
      `${message} The outcome of the ${kind} ${uuid} is unknown: it stays pending (its amount stays held) until fpgo learns it from the gateway. ` +
        'Retry with the same Idempotency-Key to learn it; a new request would not move the money twice.',
    ),
    unresolved: true,
  };
}

/** The pending transaction a decision writes for a movement it lets through. */
export function pendingMovement(
  reservation: Pick<Reservation, 'merchantId' | 'uuid'>,
  movement: Pick<MoneyTransaction, 'uuid' | 'amount' | 'note' | 'refundOf' | 'source' | 'lines'> & {
    kind: TransactionKind;
    createdAt: number;
    idempotencyKeyId: number | undefined;
    /** Who asked (history's actionBy), and from when (real time) the reconciler may look it up. */
    started?: { by: string; lookupAt: number } | undefined;
  },
): NewTransaction {
  const { started, ...fields } = movement;
  return {
    ...fields,
    merchantId: reservation.merchantId,
    reservationUuid: reservation.uuid,
    state: 'pending',
    gatewayId: null,
    idempotencyKeyId: movement.idempotencyKeyId ?? null,
    actionBy: started?.by ?? null,
    lookupAt: started?.lookupAt ?? movement.createdAt + LOOKUP_AFTER_MS,
  };
}

/** The movement a keyed request started before, planned again (see PlannedMovement.earlier). */
export function earlierMovement<P extends PlannedMovement>(
  state: ReservationState,
  rules: Pick<MovementRules<P, unknown>, 'kind' | 'planOf'>,
  idempotencyKeyId: number | undefined,
): P | undefined {
  if (idempotencyKeyId === undefined) return undefined;
  const started = state.transactions.find((t) => t.kind === rules.kind && t.idempotencyKeyId === idempotencyKeyId);
  return started && { ...rules.planOf(state, started), earlier: started.state };
}
