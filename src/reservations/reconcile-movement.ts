/**
 * Resolving movements whose gateway answer never came (a timeout, a crash while the gateway was
 * asked): the gateway is asked what became of each — never told to act again — and the movement
 * is settled as it says: done (with its history events and callback, as if it had answered at
 * once), not done (nothing was taken: the amount is free again), or still unknown (ask again later).
 * The background reconciler and `fpgo reconcile` both come here.
 */
import type { IdSource } from '../kernel/ids.js';
import { captureRules } from './capture-reservation.js';
import { chargeRules } from './charge-reservation.js';
import type { TransactionKind } from './ledger.js';
import { asAnswer, recordAnswer, type MovementRules, type PlannedMovement } from './money-movement.js';
import type { Clock, Gateways, LifecycleRepository, PendingLookup } from './ports.js';
import { refundRules } from './refund-reservation.js';

export type Reconciled = 'done' | 'not-done' | 'unknown' | 'no-gateway' | 'settled-already';

/** How long until a movement whose outcome is still unknown is looked up again. */
export const LOOK_AGAIN_MS = 5 * 60_000;
/** How long a process holds the movements it is looking up before another may take them. */
const LEASE_MS = 2 * 60_000;

export interface ReconcileDependencies {
  lifecycle: LifecycleRepository;
  gateways: Gateways;
  clock: Clock;
  ids: IdSource;
}

function rulesFor(kind: TransactionKind, ids: IdSource, actor: string): MovementRules<PlannedMovement, unknown> {
  const rules = kind === 'capture' ? captureRules(ids, actor) : kind === 'charge' ? chargeRules(ids, actor) : refundRules(actor);
  return rules as unknown as MovementRules<PlannedMovement, unknown>;
}

export async function reconcileMovement(deps: ReconcileDependencies, pending: PendingLookup): Promise<Reconciled> {
  const gateway = deps.gateways.forMerchant(pending.merchant);
  if (!gateway) {
    await deps.lifecycle.write({ lookUpAgain: [{ uuid: pending.uuid, at: deps.clock.now() + LOOK_AGAIN_MS }] });
    return 'no-gateway';
  }
  const state = await deps.lifecycle.load(pending.merchant.id, pending.reservationUuid);
  const transaction = state?.transactions.find((t) => t.uuid === pending.uuid);
  if (!state || transaction?.state !== 'pending') return 'settled-already';
  const rules = rulesFor(transaction.kind, deps.ids, transaction.actionBy ?? 'fpgo reconciler');
  const planned = rules.planOf(state, transaction);
  const known = await gateway.lookup(rules.lookup(planned));
  const answer = known.outcome === 'not-done' ? ({ outcome: 'error', message: 'the gateway never made it' } as const) : asAnswer(known);
  // No request waits for this outcome, so the product lines it would list are not needed: the planned movement has its own.
  await recordAnswer(deps, { merchant: pending.merchant }, rules, planned, answer, [], LOOK_AGAIN_MS);
  return known.outcome;
}

/** Looks up the movements due for it (or the one named), one after another; what became of each. */
export async function reconcileDue(deps: ReconcileDependencies, options: { limit?: number; only?: string } = {}): Promise<{ uuid: string; result: Reconciled }[]> {
  const now = deps.clock.now();
  const due = await deps.lifecycle.claimLookups(now, now + LEASE_MS, options.limit ?? 50, options.only);
  const results = [];
  for (const pending of due) results.push({ uuid: pending.uuid, result: await reconcileMovement(deps, pending) });
  return results;
}
