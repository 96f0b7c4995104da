import type { Histogram } from 'prom-client';
import type { PaymentGateway } from '../reservations/ports.js';

type Operation = keyof PaymentGateway;
const OPERATIONS: readonly Operation[] = ['authorize', 'capture', 'charge', 'refund', 'void'];

/** The same gateway, timing every call by operation and outcome (approved, declined, error, thrown). */
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
