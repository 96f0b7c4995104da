/**
 * In-memory stand-ins for the lifecycle operations' ports, for tests of src/reservations/ without a
 * database: a repository holding one reservation state that records every plan written, and a
 * gateway that fails the test when called for anything the test did not script.
 */
import type { ReservationState } from '../../src/reservations/ledger.js';
import type { LifecycleDependencies } from '../../src/reservations/operation.js';
import type { LifecycleRepository, LookupAnswer, MovementLookup, PaymentGateway } from '../../src/reservations/ports.js';
import type { WritePlan } from '../../src/reservations/write-plan.js';
import { fixedIds } from './reservation-state.js';

/** A repository for `state` (undefined: not found) that records what decisions and writes would store. */
export function memoryLifecycle(state: ReservationState | undefined): { lifecycle: LifecycleRepository; written: WritePlan[] } {
  const written: WritePlan[] = [];
  const lifecycle: LifecycleRepository = {
    load: async () => state,
    decide: async (_merchantId, _uuid, decide) => {
      if (!state) return undefined;
      const decision = decide(state);
      if (decision.plan) written.push(decision.plan);
      return { result: decision.result, chargeLines: [] };
    },
    write: async (plan) => {
      written.push(plan);
      return true;
    },
    history: async () => [],
    claimLookups: async () => [],
  };
  return { lifecycle, written };
}

/** The dependencies of a lifecycle operation on `state`, at `now`, through `gateway`. */
export function memoryDependencies(state: ReservationState | undefined, gateway: PaymentGateway, now: number): { deps: LifecycleDependencies; written: WritePlan[] } {
  const { lifecycle, written } = memoryLifecycle(state);
  return { deps: { lifecycle, gateway, clock: { now: () => now }, ids: fixedIds(), transports: { email: false, sms: false } }, written };
}

/** A gateway that answers only what `answers` scripts; any other call fails the test. */
export function onlyGateway(answers: Partial<PaymentGateway>): PaymentGateway {
  const unexpected = (method: string) => async (): Promise<never> => {
    throw new Error(`the gateway was not expected to be asked to ${method}`);
  };
  return {
    authorize: unexpected('authorize'),
    capture: unexpected('capture'),
    charge: unexpected('charge'),
    refund: unexpected('refund'),
    void: unexpected('void'),
    lookup: unexpected('look up'),
    ...answers,
  };
}

type ScriptedMethod = 'capture' | 'void';

/**
 * A gateway whose `method` answers in turn as `answers` script, and whose lookup answers `lookup`;
 * `calls` records each call with its request. Anything else fails the test.
 */
export function scriptedGateway<M extends ScriptedMethod>(method: M, answers: Awaited<ReturnType<PaymentGateway[M]>>[], lookup?: LookupAnswer) {
  const calls: [M | 'lookup', unknown][] = [];
  const act = async (request: unknown) => {
    calls.push([method, request]);
    const answer = answers.shift();
    if (!answer) throw new Error(`no more calls to ${method} were expected`);
    return answer;
  };
  const gateway = onlyGateway({
    [method]: act,
    lookup: async (request: MovementLookup) => {
      calls.push(['lookup', request]);
      if (!lookup) throw new Error('no lookup was expected');
      return lookup;
    },
  });
  return { gateway, calls };
}
