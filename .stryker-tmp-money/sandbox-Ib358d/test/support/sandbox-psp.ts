/**
 * A stand-in for a real card gateway (PSP) serving live merchants — the one part no test here can
 * reach for real. It approves everything and records every call, so a test can tell which gateway
 * a payment went through.
 */
// @ts-nocheck

import type { CardInput } from '../../src/reservations/cards.js';
import type { LookupAnswer, MovementLookup, PaymentGateway } from '../../src/reservations/ports.js';

export class SandboxPsp implements PaymentGateway {
  readonly calls: string[] = [];

  async authorize({ reference, card }: { reference: string; card: CardInput }) {
    this.calls.push(`authorize ${reference}`);
    return {
      outcome: 'approved',
      authorizationId: `psp_auth_${reference}`,
      card: { token: `psp_card_${reference}`, brand: 'visa', last4: card.number.slice(-4), expiryMonth: card.expiryMonth, expiryYear: card.expiryYear },
    } as const;
  }
  async capture({ reference }: { reference: string }) {
    this.calls.push(`capture ${reference}`);
    return { outcome: 'approved', gatewayId: `psp_cap_${reference}` } as const;
  }
  async charge({ reference }: { reference: string }) {
    this.calls.push(`charge ${reference}`);
    return { outcome: 'approved', gatewayId: `psp_pay_${reference}` } as const;
  }
  async refund({ reference }: { reference: string }) {
    this.calls.push(`refund ${reference}`);
    return { outcome: 'approved', gatewayId: `psp_ref_${reference}` } as const;
  }
  async void({ reference }: { reference: string }) {
    this.calls.push(`void ${reference}`);
    return { outcome: 'approved' } as const;
  }
  async lookup({ kind, reference }: MovementLookup): Promise<LookupAnswer> {
    this.calls.push(`lookup ${kind} ${reference}`);
    return { outcome: 'not-done' };
  }
}
