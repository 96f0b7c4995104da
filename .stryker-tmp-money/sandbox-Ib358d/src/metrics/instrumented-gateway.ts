// @ts-nocheck
import type { Histogram } from 'prom-client';
import type { PaymentGateway } from '../reservations/ports.js';

type Operation = keyof PaymentGateway;
/** Every call of the port: a new one fails to compile here until it is timed too. */
const OPERATIONS = Object.keys({ authorize: 0, capture: 0, charge: 0, refund: 0, void: 0, lookup: 0 } satisfies Record<Operation, 0>) as Operation[];

/** The same gateway, timing every call by operation and outcome (approved, declined, error, unknown; done, not-done for lookups; thrown). */
export function instrumentedGateway(gateway: PaymentGateway, histogram: Histogram<'operation' | 'outcome'>): PaymentGateway {
  const timed = <K extends Operation>(operation: K): PaymentGateway[K] =>
    (async (request: never) => {
      const stop = histogram.startTimer({ operation });
      try {
        const answer = await (gateway[operation] as (request: never) => Promise<{ outcome: string }>)(request);
        stop({ outcome: answer.outcome });
        return answer;
      } catch (error) {
        stop({ outcome: 'thrown' });
        throw error;
      }
    }) as PaymentGateway[K];
  return Object.fromEntries(OPERATIONS.map((operation) => [operation, timed(operation)])) as unknown as PaymentGateway;
}
