/**
 * The payment core with a stub repository: failures no real database produces on demand (a
 * write that fails after the gateway approved) and claims answered with a status.
 */
import { describe, expect, it } from 'vitest';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import { randomIds } from '../src/kernel/ids.js';
import type { Merchant } from '../src/reservations/merchant.js';
import { payReservation } from '../src/reservations/pay-reservation.js';
import type { PaymentGateway, PaymentRepository } from '../src/reservations/ports.js';
import type { HistoryEvent, ReservationStatus, StoredReservation } from '../src/reservations/reservation.js';
import type { ReservedRecord } from '../src/reservations/write-plan.js';

const NOW = Date.UTC(2030, 0, 15, 12);
const clock = { now: () => NOW };

const merchant: Merchant = {
  id: 'MER1000000001',
  name: 'Hotel Core',
  mode: 'test',
  timeZone: 'Europe/Oslo',
  currency: 'NOK',
  captureWindowDays: 7,
  chargeLimit: 5_000_000,
  testClockOffsetMs: 0,
  callbackSecret: 'whsec_test',
  billingAddress: { countryCode: null, msisdn: null, email: null, street: null, zip: null, city: null, country: null },
  createdAt: NOW - 86_400_000,
};

function sentReservation(): StoredReservation {
  const uuid = 'RES1000000001';
  return {
    reservation: {
      uuid,
      merchantId: merchant.id,
      customerUuid: 'CSRT1000000001',
      status: 'SENT',
      createdVia: 'create',
      orderDate: NOW,
      dueDate: NOW + 86_400_000,
      linkExpiresAt: NOW + 2 * 86_400_000,
      referenceNo: null,
      customerReference: null,
      sendBySms: false,
      sendByEmail: false,
      chargeValidityMinutes: null,
      customerNotes: null,
      tnc: null,
      preselectedMethod: 'visa',
      callbackUrl: 'https://merchant.example/cb',
      successUrl: null,
      failureUrl: null,
      secureDetails: false,
      chargePartiallyRefundable: true,
      subTotal: 100_000,
      totalTax: 0,
      grandTotal: 100_000,
      currency: 'NOK',
      checkoutToken: 'token',
      createdAt: NOW - 60_000,
      reservedAt: null,
      reservedAmount: null,
      paymentMethod: null,
      authorizationId: null,
    },
    customer: {
      uuid: 'CSRT1000000001',
      merchantId: merchant.id,
      type: 'private',
      countryCode: '+47',
      msisdn: '46567468',
      email: 'guest@example.com',
      name: 'Guest',
      preferredLanguage: 'en',
      personalNumber: null,
      organizationId: null,
      street: 'Street 1',
      zip: '0150',
      city: 'Oslo',
      country: 'NO',
      createdAt: NOW - 60_000,
    },
    lines: [{ id: 1, position: 0, name: 'Room', productId: null, quantity: 1, rate: 100_000, discount: 0, tax: 0, amount: 100_000, reserved: 0 }],
  };
}

/** An in-memory repository: one claim at a time; `recordReserved` fails while `failWrites` is set. */
class MemoryPayments implements PaymentRepository {
  claimedUntil: number | null = null;
  status: ReservationStatus = 'SENT';
  /** What `claimForPayment` answers instead of claiming, when set. */
  claimAnswer: ReservationStatus | null = null;
  failWrites = false;
  reserved: ReservedRecord[] = [];
  released = 0;
  failedAttempts: HistoryEvent[][] = [];
  expiredMarks = 0;
  /** What `recordReserved` finds instead of SENT, when set: the reservation changed while the gateway was asked. */
  changedMeanwhile: Exclude<ReservationStatus, 'SENT'> | null = null;

  async claimForPayment(_uuid: string, now: number, until: number): Promise<'claimed' | 'busy' | ReservationStatus> {
    if (this.claimAnswer) return this.claimAnswer;
    if (this.status !== 'SENT') return this.status;
    if (this.claimedUntil !== null && this.claimedUntil > now) return 'busy';
    this.claimedUntil = until;
    return 'claimed';
  }
  async releaseClaim(): Promise<void> {
    this.released++;
    this.claimedUntil = null;
  }
  async recordFailedAttempt(_uuid: string, events: HistoryEvent[]): Promise<void> {
    this.failedAttempts.push(events);
    this.claimedUntil = null;
  }
  async recordReserved(record: ReservedRecord): Promise<'recorded' | Exclude<ReservationStatus, 'SENT'>> {
    if (this.failWrites) throw new Error('database is gone');
    if (this.changedMeanwhile) return this.changedMeanwhile;
    if (this.status !== 'SENT') return this.status;
    this.reserved.push(record);
    this.status = 'RESERVED';
    this.claimedUntil = null;
    return 'recorded';
  }
  async markLinkOpened(_uuid: string, _event: HistoryEvent): Promise<boolean> {
    return true;
  }
  async markExpired(): Promise<void> {
    this.expiredMarks++;
    this.status = 'EXPIRED';
  }
}

/** The test gateway, recording every call. */
class RecordingGateway extends TestGateway {
  readonly calls: { method: string; request: any; answer?: any }[] = [];
  override async authorize(request: Parameters<PaymentGateway['authorize']>[0]) {
    const answer = await super.authorize(request);
    this.calls.push({ method: 'authorize', request, answer });
    return answer;
  }
  override async void(request: Parameters<PaymentGateway['void']>[0]) {
    this.calls.push({ method: 'void', request });
    return super.void(request);
  }
}

const card = { method: 'visa', cardNumber: '4111 1111 1111 1111', expiry: '12/33', securityCode: '123', holderName: 'Guest' };

describe('payReservation', () => {
  it('voids the authorization, releases the claim and rethrows when recording the payment fails', async () => {
    const payments = new MemoryPayments();
    const gateway = new RecordingGateway();
    const deps = { payments, gateway, clock, ids: randomIds };
    payments.failWrites = true;

    await expect(payReservation(deps, merchant, sentReservation(), card)).rejects.toThrow('database is gone');

    expect(gateway.calls.map((c) => c.method)).toEqual(['authorize', 'void']);
    const authorizationId = gateway.calls[0]!.answer.authorizationId as string;
    expect(gateway.calls[1]!.request).toEqual({ reference: 'RES1000000001', authorizationId });
    expect(payments.released).toBe(1);
    expect(payments.claimedUntil).toBeNull();
    expect(payments.reserved).toEqual([]);

    // The customer's next attempt is not told "in progress": it pays.
    payments.failWrites = false;
    const again = await payReservation(deps, merchant, sentReservation(), card);
    expect(again).toEqual({ kind: 'reserved', paymentMethod: 'Visa', reservedAmount: 100_000 });
    expect(payments.reserved).toHaveLength(1);
    expect(payments.reserved[0]!.authorizationId).not.toBe(authorizationId);
    expect(gateway.calls.map((c) => c.method)).toEqual(['authorize', 'void', 'authorize']);
  });

  it('still rethrows the write error when the void fails too', async () => {
    const payments = new MemoryPayments();
    payments.failWrites = true;
    const gateway = new (class extends RecordingGateway {
      override async void(request: Parameters<PaymentGateway['void']>[0]): Promise<never> {
        this.calls.push({ method: 'void', request });
        throw new Error('gateway unreachable');
      }
    })();
    await expect(payReservation({ payments, gateway, clock, ids: randomIds }, merchant, sentReservation(), card)).rejects.toThrow('database is gone');
    expect(gateway.calls.map((c) => c.method)).toEqual(['authorize', 'void']);
    expect(payments.claimedUntil).toBeNull();
  });

  it('answers not-payable with the status the claim reports, without calling the gateway', async () => {
    for (const status of ['RESERVED', 'CANCELLED', 'COMPLETED', 'EXPIRED'] as const) {
      const payments = new MemoryPayments();
      payments.claimAnswer = status;
      const gateway = new RecordingGateway();
      const result = await payReservation({ payments, gateway, clock, ids: randomIds }, merchant, sentReservation(), card);
      expect(result).toEqual({ kind: 'not-payable', status });
      expect(gateway.calls).toEqual([]);
      expect(payments.released).toBe(0);
    }
  });

  it('voids the authorization and tells what happened when the reservation was cancelled while the gateway was asked', async () => {
    const payments = new MemoryPayments();
    payments.changedMeanwhile = 'CANCELLED';
    const gateway = new RecordingGateway();
    const result = await payReservation({ payments, gateway, clock, ids: randomIds }, merchant, sentReservation(), card);
    expect(result).toEqual({ kind: 'not-payable', status: 'CANCELLED' });
    expect(gateway.calls.map((c) => c.method)).toEqual(['authorize', 'void']);
    expect(gateway.calls[1]!.request).toEqual({ reference: 'RES1000000001', authorizationId: gateway.calls[0]!.answer.authorizationId });
    // The claim went with the write that found the reservation cancelled; nothing is released twice.
    expect(payments.released).toBe(0);
  });

  it('records a declined card as a failed payment in history, with its method and the reason', async () => {
    const payments = new MemoryPayments();
    const result = await payReservation({ payments, gateway: new RecordingGateway(), clock, ids: randomIds }, merchant, sentReservation(), {
      ...card,
      cardNumber: '4000000000000002',
    });
    expect(result).toMatchObject({ kind: 'declined' });
    expect(payments.failedAttempts).toHaveLength(1);
    expect(payments.failedAttempts[0]!.map((e) => [e.title, e.paymentMethod, e.note])).toEqual([['payment-failed', 'Visa', (result as { message: string }).message]]);
    expect(payments.released).toBe(0);
    expect(payments.reserved).toEqual([]);
  });

  it('records a gateway error as an attempt without a history event, and answers it as a gateway error', async () => {
    const payments = new MemoryPayments();
    const failing: Pick<PaymentGateway, 'authorize'> = { authorize: async () => ({ outcome: 'error', message: 'the acquirer is down' }) };
    const gateway: PaymentGateway = Object.assign(new RecordingGateway(), failing);
    const result = await payReservation({ payments, gateway, clock, ids: randomIds }, merchant, sentReservation(), card);
    expect(result).toEqual({ kind: 'gateway-error', message: 'the acquirer is down' });
    expect(payments.failedAttempts).toEqual([[]]);
    expect(payments.released).toBe(0);
  });

  it('answers in-progress while another attempt holds the reservation, without calling the gateway', async () => {
    const payments = new MemoryPayments();
    payments.claimedUntil = NOW + 1_000;
    const gateway = new RecordingGateway();
    expect(await payReservation({ payments, gateway, clock, ids: randomIds }, merchant, sentReservation(), card)).toEqual({ kind: 'in-progress' });
    expect(gateway.calls).toEqual([]);
  });

  it('stores EXPIRED once the link has run out, and takes no payment', async () => {
    const payments = new MemoryPayments();
    const stored = sentReservation();
    stored.reservation.linkExpiresAt = NOW - 1;
    const gateway = new RecordingGateway();
    expect(await payReservation({ payments, gateway, clock, ids: randomIds }, merchant, stored, card)).toEqual({ kind: 'not-payable', status: 'EXPIRED' });
    expect(payments.expiredMarks).toBe(1);
    expect(gateway.calls).toEqual([]);
  });

  it('stores nothing for a reservation that is no longer SENT, and takes no payment', async () => {
    const payments = new MemoryPayments();
    const stored = sentReservation();
    stored.reservation.status = 'CANCELLED';
    stored.reservation.linkExpiresAt = NOW - 1;
    const gateway = new RecordingGateway();
    expect(await payReservation({ payments, gateway, clock, ids: randomIds }, merchant, stored, card)).toEqual({ kind: 'not-payable', status: 'CANCELLED' });
    expect(payments.expiredMarks).toBe(0);
    expect(gateway.calls).toEqual([]);
  });
});
