/**
 * The default gateway: deterministic by card number (test-cards.ts) and stateless, so it behaves
 * the same across restarts and server processes. The behaviour of a card travels inside the ids
 * it hands out, the way a sandbox encodes test scenarios.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { cardBrand } from '../../reservations/cards.js';
import type { GatewayAnswer, PaymentGateway } from '../../reservations/ports.js';
import { SLOW_CARD_DELAY_MS, testCardBehaviour, type TestCardBehaviour } from './test-cards.js';

const id = (kind: string, behaviour: TestCardBehaviour) => `${kind}_test_${behaviour}_${randomBytes(9).toString('base64url')}`;

function behaviourOf(gatewayId: string): TestCardBehaviour {
  const match = /^[a-z]+_test_([a-z-]+)_/.exec(gatewayId);
  return (match?.[1] as TestCardBehaviour | undefined) ?? 'approve';
}

// Names the card by its last digits only: this message reaches logs and merchants, full numbers must not.
const unavailable = { outcome: 'error', message: 'Test gateway: the gateway failed to process the request (test card ending 0119).' } as const;

export class TestGateway implements PaymentGateway {
  /** `slowCardDelayMs`: how long the slow test card takes (shorter in the gateway's own tests). */
  constructor(private readonly options: { slowCardDelayMs?: number } = {}) {}

  /** Money movements on an authorization or stored card follow the card it came from. */
  private async follow<T extends object>(gatewayId: string, approved: T): Promise<GatewayAnswer<T>> {
    const behaviour = behaviourOf(gatewayId);
    await this.slowFor(behaviour);
    return behaviour === 'gateway-error' ? unavailable : { outcome: 'approved', ...approved };
  }

  private async slowFor(behaviour: TestCardBehaviour): Promise<void> {
    if (behaviour === 'slow') await delay(this.options.slowCardDelayMs ?? SLOW_CARD_DELAY_MS);
  }

  async authorize({ card }: Parameters<PaymentGateway['authorize']>[0]) {
    const behaviour = testCardBehaviour(card.number);
    await this.slowFor(behaviour);
    if (behaviour === 'decline') return { outcome: 'declined', reason: 'card_declined', message: 'Your card was declined.' } as const;
    if (behaviour === 'insufficient-funds') {
      return { outcome: 'declined', reason: 'insufficient_funds', message: 'Your card has insufficient funds.' } as const;
    }
    return {
      outcome: 'approved',
      authorizationId: id('auth', behaviour),
      card: {
        token: id('card', behaviour),
        brand: cardBrand(card.number) ?? 'visa',
        last4: card.number.slice(-4),
        expiryMonth: card.expiryMonth,
        expiryYear: card.expiryYear,
      },
    } as const;
  }

  async capture({ authorizationId }: Parameters<PaymentGateway['capture']>[0]) {
    return this.follow(authorizationId, { gatewayId: id('cap', behaviourOf(authorizationId)) });
  }

  async charge({ cardToken }: Parameters<PaymentGateway['charge']>[0]) {
    return this.follow(cardToken, { gatewayId: id('pay', behaviourOf(cardToken)) });
  }

  async refund({ paymentId }: Parameters<PaymentGateway['refund']>[0]) {
    return this.follow(paymentId, { gatewayId: id('ref', behaviourOf(paymentId)) });
  }

  async void({ authorizationId }: Parameters<PaymentGateway['void']>[0]) {
    return this.follow(authorizationId, {});
  }
}
