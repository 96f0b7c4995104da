/**
 * The built-in test gateway's cards, like a PSP sandbox: the card number decides the outcome.
 * Any other number that passes the checkout's checks is approved.
 */
// @ts-nocheck

export type TestCardBehaviour = 'approve' | 'decline' | 'insufficient-funds' | 'gateway-error' | 'slow' | 'lost-answer';

export const TEST_CARDS: Record<string, { behaviour: TestCardBehaviour; description: string }> = {
  '4111111111111111': { behaviour: 'approve', description: 'Visa, approved' },
  '5555555555554444': { behaviour: 'approve', description: 'Mastercard, approved' },
  '4000000000000002': { behaviour: 'decline', description: 'declined: "Your card was declined."' },
  '4000000000009995': { behaviour: 'insufficient-funds', description: 'declined: insufficient funds' },
  '4000000000000119': {
    behaviour: 'gateway-error',
    description: 'authorizes, then every capture, charge, refund or void fails with a gateway error (510)',
  },
  '4000000000000259': {
    behaviour: 'lost-answer',
    description:
      'authorizes; every capture, charge, refund and void is made, but its answer is lost (like a timeout after the gateway acted): ' +
      'the outcome is unknown until a lookup finds it done',
  },
  '4000000000003006': {
    behaviour: 'slow',
    description: 'approved, but every gateway call for it takes 5 seconds (to try timeouts, retries and crashes)',
  },
};

/** How long the slow test card keeps the gateway busy. */
export const SLOW_CARD_DELAY_MS = 5_000;

export function testCardBehaviour(cardNumber: string): TestCardBehaviour {
  return TEST_CARDS[cardNumber]?.behaviour ?? 'approve';
}
