// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../src/gateway/test-gateway/test-cards.js';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import type { CardInput } from '../src/reservations/cards.js';

const card = (number: string): CardInput => ({ number, expiryMonth: 12, expiryYear: 2029, securityCode: '123', holderName: 'Kari Nordmann' });
const authorize = (number: string, gateway = new TestGateway({ slowCardDelayMs: 20 })) =>
  gateway.authorize({ reference: 'RES1234567890', amount: 100_000, currency: 'NOK', card: card(number) });

async function authorized(number: string) {
  const answer = await authorize(number);
  if (answer.outcome !== 'approved') throw new Error(`${number} was not authorized: ${JSON.stringify(answer)}`);
  return answer;
}

describe('the test gateway', () => {
  it('approves 4111 1111 1111 1111 as Visa and tokenizes it without keeping the number', async () => {
    const answer = await authorized('4111111111111111');
    expect(answer.authorizationId).toMatch(/^auth_test_approve_[A-Za-z0-9_-]+$/);
    expect(answer.card).toEqual({ token: expect.stringMatching(/^card_test_approve_/), brand: 'visa', last4: '1111', expiryMonth: 12, expiryYear: 2029 });
    expect(JSON.stringify(answer)).not.toContain('4111111111111111');
  });

  it('approves 5555 5555 5555 4444 as Mastercard', async () => {
    const answer = await authorized('5555555555554444');
    expect(answer.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
  });

  it('declines 4000 0000 0000 0002 with "Your card was declined."', async () => {
    expect(await authorize('4000000000000002')).toEqual({ outcome: 'declined', reason: 'card_declined', message: 'Your card was declined.' });
  });

  it('declines 4000 0000 0000 9995 for insufficient funds', async () => {
    expect(await authorize('4000000000009995')).toEqual({ outcome: 'declined', reason: 'insufficient_funds', message: 'Your card has insufficient funds.' });
  });

  it('approves any other valid card', async () => {
    const answer = await authorized('2223003122003222');
    expect(answer.authorizationId).toMatch(/^auth_test_approve_/);
    expect(answer.card.brand).toBe('mastercard');
  });

  it('hands out a new id every time', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add((await authorized('4111111111111111')).authorizationId);
    expect(ids.size).toBe(50);
  });

  it('captures, charges, refunds and voids what an approving card authorized, the behaviour carried in the ids', async () => {
    const gateway = new TestGateway();
    const { authorizationId, card: stored } = await authorized('4111111111111111');
    const capture = await gateway.capture({ reference: 'CAP1', authorizationId, amount: 50_000, currency: 'NOK' });
    expect(capture).toEqual({ outcome: 'approved', gatewayId: expect.stringMatching(/^cap_test_approve_/) });
    const charge = await gateway.charge({ reference: 'CHA1', cardToken: stored.token, amount: 10_000, currency: 'NOK' });
    expect(charge).toEqual({ outcome: 'approved', gatewayId: expect.stringMatching(/^pay_test_approve_/) });
    if (capture.outcome !== 'approved') throw new Error('capture failed');
    const refund = await gateway.refund({ reference: 'REF1', paymentId: capture.gatewayId, amount: 1_000, currency: 'NOK' });
    expect(refund).toEqual({ outcome: 'approved', gatewayId: expect.stringMatching(/^ref_test_approve_/) });
    expect(await gateway.void({ reference: 'RES1', authorizationId })).toEqual({ outcome: 'approved' });
  });

  it('authorizes 4000 0000 0000 0119, then fails every capture, charge, refund and void', async () => {
    const { authorizationId, card: stored } = await authorized('4000000000000119');
    expect(authorizationId).toMatch(/^auth_test_gateway-error_/);
    expect(stored.token).toMatch(/^card_test_gateway-error_/);
    const gateway = new TestGateway();
    const answers = [
      await gateway.capture({ reference: 'CAP1', authorizationId, amount: 50_000, currency: 'NOK' }),
      await gateway.charge({ reference: 'CHA1', cardToken: stored.token, amount: 10_000, currency: 'NOK' }),
      await gateway.refund({ reference: 'REF1', paymentId: 'cap_test_gateway-error_abc', amount: 1_000, currency: 'NOK' }),
      await gateway.void({ reference: 'RES1', authorizationId }),
    ];
    for (const answer of answers) {
      expect(answer).toEqual({ outcome: 'error', message: expect.stringContaining('0119') });
      // The message reaches logs and merchants: it names the card by its last digits only.
      expect(answer.outcome === 'error' && answer.message).not.toContain('4000000000000119');
      expect(answer.outcome === 'error' && answer.message).not.toContain('4000 0000 0000 0119');
    }
  });

  it('is stateless: a new instance (a restart, another process) follows ids handed out by another', async () => {
    const { authorizationId } = await authorized('4111111111111111');
    const { authorizationId: failing } = await authorized('4000000000000119');
    expect((await new TestGateway().capture({ reference: 'CAP1', authorizationId, amount: 1, currency: 'NOK' })).outcome).toBe('approved');
    expect((await new TestGateway().capture({ reference: 'CAP2', authorizationId: failing, amount: 1, currency: 'NOK' })).outcome).toBe('error');
  });

  it('takes its time for the slow card, on every call', async () => {
    const gateway = new TestGateway({ slowCardDelayMs: 100 });
    const started = performance.now();
    const answer = await authorize('4000000000003006', gateway);
    if (answer.outcome !== 'approved') throw new Error('the slow card was not approved');
    await gateway.capture({ reference: 'CAP1', authorizationId: answer.authorizationId, amount: 1, currency: 'NOK' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('lists every test card with the behaviour the gateway shows', async () => {
    const outcome = { approve: 'approved', 'gateway-error': 'approved', decline: 'declined', 'insufficient-funds': 'declined', slow: 'approved', 'lost-answer': 'approved' } as const;
    for (const [number, { behaviour }] of Object.entries(TEST_CARDS)) {
      expect((await authorize(number)).outcome, number).toBe(outcome[behaviour]);
    }
  });
});
