/**
 * The default gateway for test merchants: deterministic by card number (test-cards.ts) and
 * stateless, so it behaves the same across restarts and server processes. The behaviour of a card
 * travels inside the ids it hands out, the way a sandbox encodes test scenarios, and the id of a
 * capture, charge, refund or void follows from our reference — so a request repeated with the same
 * reference gets the same id (as a PSP de-duplicating by reference would), and `lookup` can answer
 * from the request alone: what it was asked for, it has done — unless the card's movements all fail.
 */
// @ts-nocheck

import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { cardBrand } from '../../reservations/cards.js';
import type { GatewayAnswer, LookupAnswer, MovementKind, MovementLookup, PaymentGateway } from '../../reservations/ports.js';
import { SLOW_CARD_DELAY_MS, testCardBehaviour, type TestCardBehaviour } from './test-cards.js';

const id = (kind: string, behaviour: TestCardBehaviour) => `${kind}_test_${behaviour}_${randomBytes(9).toString('base64url')}`;

const ID_PREFIX: Record<MovementKind, string> = { capture: 'cap', charge: 'pay', refund: 'ref', void: 'void' };

/** The gateway's id of the movement with our `reference`, made on something of `behaviour`. */
const movementId = (kind: MovementKind, behaviour: TestCardBehaviour, reference: string) =>
  `${ID_PREFIX[kind]}_test_${behaviour}_${createHash('sha256').update(`${kind}:${reference}`).digest('base64url').slice(0, 12)}`;

function behaviourOf(gatewayId: string): TestCardBehaviour {
  const match = /^[a-z]+_test_([a-z-]+)_/.exec(gatewayId);
  return (match?.[1] as TestCardBehaviour | undefined) ?? 'approve';
}

// Names the card by its last digits only: this message reaches logs and merchants, full numbers must not.
const unavailable = { outcome: 'error', message: 'Test gateway: the gateway failed to process the request (test card ending 0119).' } as const;
const lost = { outcome: 'unknown', message: 'Test gateway: no answer came back; the request may have been made (test card ending 0259).' } as const;

export class TestGateway implements PaymentGateway {
  /** `slowCardDelayMs`: how long the slow test card takes (shorter in the gateway's own tests). */
  constructor(private readonly options: { slowCardDelayMs?: number } = {}) {}

  /** Money movements on an authorization or stored card follow the card it came from. */
  private async follow<T extends object>(on: string, approved: T): Promise<GatewayAnswer<T>> {
    const behaviour = behaviourOf(on);
    await this.slowFor(behaviour);
    if (behaviour === 'gateway-error') return unavailable;
    if (behaviour === 'lost-answer') return lost;
    return { outcome: 'approved', ...approved };
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

  async capture({ reference, authorizationId }: Parameters<PaymentGateway['capture']>[0]) {
    return this.follow(authorizationId, { gatewayId: movementId('capture', behaviourOf(authorizationId), reference) });
  }

  async charge({ reference, cardToken }: Parameters<PaymentGateway['charge']>[0]) {
    return this.follow(cardToken, { gatewayId: movementId('charge', behaviourOf(cardToken), reference) });
  }

  async refund({ reference, paymentId }: Parameters<PaymentGateway['refund']>[0]) {
    return this.follow(paymentId, { gatewayId: movementId('refund', behaviourOf(paymentId), reference) });
  }

  async void({ authorizationId }: Parameters<PaymentGateway['void']>[0]) {
    return this.follow(authorizationId, {});
  }

  async lookup({ kind, reference, on }: MovementLookup): Promise<LookupAnswer> {
    const behaviour = behaviourOf(on);
    if (behaviour === 'gateway-error') return { outcome: 'not-done' };
    return { outcome: 'done', gatewayId: movementId(kind, behaviour, reference) };
  }
}
