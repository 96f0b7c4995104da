/**
 * What a payment leaves behind (Details, history, per-line shares), the test-mode pay endpoint,
 * and simultaneous payments of one reservation: exactly one authorization.
 */
// @ts-nocheck

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import type { PaymentGateway } from '../src/reservations/ports.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { call, postForm } from './support/http.js';
import { SandboxPsp } from './support/sandbox-psp.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';
const PAY = (uuid: string) => `/api/v1/test/reservations/${uuid}/pay`;

/**
 * The real test gateway, counting authorizations. After `hold(condition)`, authorizations wait
 * until the condition holds, so a race can be arranged without sleeping.
 */
class GatedGateway implements PaymentGateway {
  private readonly inner = new TestGateway();
  authorizations = 0;
  held = false;
  private waiting: (() => void)[] = [];
  private check: () => void = () => {};

  get waitingCount(): number {
    return this.waiting.length;
  }

  async authorize(request: Parameters<PaymentGateway['authorize']>[0]) {
    this.authorizations++;
    if (this.held) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        this.check();
      });
    }
    return this.inner.authorize(request);
  }

  /** Holds authorizations until `condition` (re-evaluated on every change the test reports) holds. */
  hold(condition: () => boolean): { changed(): void } {
    this.held = true;
    this.check = () => {
      if (!condition()) return;
      this.held = false;
      const waiting = this.waiting;
      this.waiting = [];
      waiting.forEach((resolve) => resolve());
    };
    return { changed: () => this.check() };
  }

  capture = this.inner.capture.bind(this.inner);
  charge = this.inner.charge.bind(this.inner);
  refund = this.inner.refund.bind(this.inner);
  void = this.inner.void.bind(this.inner);
  lookup = this.inner.lookup.bind(this.inner);
}


describe(`payment of a reservation (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0));
  const gateway = new GatedGateway();
  const card = { method: 'visa', cardNumber: '4111111111111111', expiry: '12/29', securityCode: '123', holderName: 'Kari Nordmann' };

  beforeAll(async () => {
    t = await startApp({ clock, gateway, liveGateway: new SandboxPsp() });
    m = await t.merchant('Hotel Fjord');
  });
  afterAll(() => t.close());

  async function reserve(change: (body: Record<string, any>) => void = () => {}, merchant = m) {
    const r = await merchant.api.post(`${API}/create`, exampleWith(change, { now: clock.now() }));
    expect(r.status).toBe(201);
    return r.json.data as { reservationUuid: string; paymentUrl: string };
  }
  const details = async (uuid: string) => (await m.api.get(`${API}/details/${uuid}`)).json.data;
  const events = (uuid: string) =>
    t.store.db.selectFrom('reservation_events').select(['title', 'occurred_at', 'payment_method', 'amount', 'note']).where('reservation_uuid', '=', uuid).orderBy('id').execute();

  describe('what an approved payment records', () => {
    it('RESERVED with reservedAt, reservedAmount, paymentMethod, isPaid and the history events', async () => {
      const { reservationUuid, paymentUrl } = await reserve();
      const openedAt = clock.now();
      expect((await call(paymentUrl, 'GET', paymentUrl)).status).toBe(200);
      expect((await call(paymentUrl, 'GET', paymentUrl)).status).toBe(200); // opened twice, recorded once
      clock.advance(90_000);
      const paidAt = clock.now();
      expect((await postForm(paymentUrl, card)).status).toBe(303);

      const d = await details(reservationUuid);
      expect(d).toMatchObject({
        status: 'RESERVED',
        isPaid: true,
        translationKey: 'reservationStatusReserved',
        paymentDetails: { reservedAt: Math.floor(paidAt / 1000), reservedAmount: 1000, paymentMethod: 'Visa', capturedAmount: 0, chargedAmount: 0 },
      });
      expect(d.productList[0]).toMatchObject({ amount: 1000, reserved: 1000, captured: 0 });

      const history = await events(reservationUuid);
      expect(history.map((e) => e.title)).toEqual(['order-created', 'payment-link-opened', 'amount-reserved']);
      expect(Number(history[1]!.occurred_at)).toBe(openedAt);
      expect(history[2]).toMatchObject({ payment_method: 'Visa', note: null });
      expect(Number(history[2]!.occurred_at)).toBe(paidAt);
      expect(Number(history[2]!.amount)).toBe(100_000);
    });

    it('spreads the reserved amount over the product lines by amount with tax, adding up exactly', async () => {
      const { reservationUuid, paymentUrl } = await reserve((b) => {
        b.products = [
          { name: 'Room', productId: 'R-12', rate: 350, tax: 12, amount: 700, quantity: 2 },
          { name: 'Parking', productId: null, rate: 300.5, tax: 25, amount: 300.5 },
          { name: 'Breakfast', productId: null, rate: 0.01, tax: 15, amount: 0.01 },
        ];
        b.orderSummary = { subTotal: 1000.51, totalTax: 159.13, grandTotal: 1159.64 };
      });
      expect((await postForm(paymentUrl, card)).status).toBe(303);
      const d = await details(reservationUuid);
      expect(d.productList.map((p: any) => [p.name, p.reserved])).toEqual([
        ['Room', 784],
        ['Parking', 375.63],
        ['Breakfast', 0.01],
      ]);
      const sum = d.productList.reduce((total: number, p: any) => total + Math.round(p.reserved * 100), 0);
      expect(sum).toBe(115_964);
      expect(d.paymentDetails.reservedAmount).toBe(1159.64);
    });

    it('shows Mastercard for a Mastercard payment, and keeps only the last four digits of the card', async () => {
      const { reservationUuid, paymentUrl } = await reserve((b) => (b.submitPayment = { via: 'mastercard' }));
      expect((await postForm(paymentUrl, { ...card, method: 'mastercard', cardNumber: '5555 5555 5555 4444' })).status).toBe(303);
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe('Mastercard');
      const stored = await t.store.db.selectFrom('payment_cards').selectAll().where('reservation_uuid', '=', reservationUuid).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ brand: 'mastercard', last4: '4444', expiry_month: 12, expiry_year: 2029 });
      expect(JSON.stringify(stored)).not.toContain('5555555555554444');
    });
  });

  describe('the test-mode pay endpoint', () => {
    it('reserves with a test card and sensible defaults', async () => {
      const { reservationUuid } = await reserve();
      const r = await m.api.post(PAY(reservationUuid), { cardNumber: '4111 1111 1111 1111' });
      expect(r.status).toBe(200);
      expect(r.json).toEqual({
        status_code: 200,
        status_message: 'OK',
        message: 'reservationReservedSuccessfully',
        is_data: true,
        data: { reservationUuid, status: 'RESERVED', paymentMethod: 'Visa', reservedAmount: 1000 },
      });
      const d = await details(reservationUuid);
      expect(d).toMatchObject({ status: 'RESERVED', isPaid: true, paymentDetails: { reservedAmount: 1000, paymentMethod: 'Visa', reservedAt: Math.floor(clock.now() / 1000) } });
      expect((await events(reservationUuid)).map((e) => e.title)).toEqual(['order-created', 'payment-link-opened', 'amount-reserved']);
    });

    it('picks Mastercard from a Mastercard number', async () => {
      const { reservationUuid } = await reserve();
      const r = await m.api.post(PAY(reservationUuid), { cardNumber: '5555555555554444', expiry: '01/27', securityCode: '999', holderName: 'Ola' });
      expect(r.status).toBe(200);
      expect(r.json.data.paymentMethod).toBe('Mastercard');
    });

    it('answers a declined card with 400 paymentDeclined and leaves the reservation SENT', async () => {
      const { reservationUuid } = await reserve();
      const r = await m.api.post(PAY(reservationUuid), { cardNumber: '4000000000000002' });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ status_code: 400, status_message: 'Conflict of Business Logic', message: 'paymentDeclined', is_error: true, errors: ['Your card was declined.'] });
      const insufficient = await m.api.post(PAY(reservationUuid), { cardNumber: '4000000000009995' });
      expect(insufficient.json).toMatchObject({ message: 'paymentDeclined', errors: ['Your card has insufficient funds.'] });
      expect((await details(reservationUuid)).status).toBe('SENT');
      expect((await events(reservationUuid)).map((e) => e.title)).toEqual(['order-created', 'payment-link-opened', 'payment-failed', 'payment-failed']);
    });

    it('answers a bad card number with 417 and a sentence, reaching no gateway', async () => {
      const { reservationUuid } = await reserve();
      const before = gateway.authorizations;
      const luhn = await m.api.post(PAY(reservationUuid), { cardNumber: '4111111111111112' });
      expect(luhn.status).toBe(417);
      expect(luhn.json).toMatchObject({ message: 'payloadValidationErrors', errors: ['The card number field is invalid.'] });
      const amex = await m.api.post(PAY(reservationUuid), { cardNumber: '378282246310005' });
      expect(amex.json.errors).toEqual(['The card number field must be a Visa or Mastercard card number.']);
      const missing = await m.api.post(PAY(reservationUuid), {});
      expect(missing.status).toBe(417);
      expect(missing.json.errors).toEqual(['The card number field is required.']);
      const expired = await m.api.post(PAY(reservationUuid), { cardNumber: '4111111111111111', expiry: '10/26' });
      expect(expired.json.errors).toEqual(['The expiry field is in the past: the card has expired.']);
      expect(gateway.authorizations).toBe(before);
      expect((await details(reservationUuid)).status).toBe('SENT');
    });

    it('answers a second payment with 400 reservationAlreadyPaid', async () => {
      const { reservationUuid } = await reserve();
      expect((await m.api.post(PAY(reservationUuid), { cardNumber: '4111111111111111' })).status).toBe(200);
      const before = gateway.authorizations;
      const again = await m.api.post(PAY(reservationUuid), { cardNumber: '5555555555554444' });
      expect(again.status).toBe(400);
      expect(again.json).toMatchObject({ status_code: 400, message: 'reservationAlreadyPaid' });
      expect(gateway.authorizations).toBe(before);
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe('Visa');
    });

    it('does not exist for a live merchant', async () => {
      const live = await t.merchant('Live Hotel', 'live');
      const { reservationUuid } = await reserve(() => {}, live);
      const r = await live.api.post(PAY(reservationUuid), { cardNumber: '4111111111111111' });
      expect(r.status).toBe(404);
      expect(r.json).toMatchObject({ status_code: 404, message: 'routeNotFound' });
      expect((await live.api.get(`${API}/details/${reservationUuid}`)).json.data.status).toBe('SENT');
    });

    it("answers another merchant's reservation with 404 reservationNotFound, paying nothing", async () => {
      const other = await t.merchant('Other Hotel');
      const theirs = await reserve(() => {}, other);
      const r = await m.api.post(PAY(theirs.reservationUuid), { cardNumber: '4111111111111111' });
      expect(r.status).toBe(404);
      expect(r.json.message).toBe('reservationNotFound');
      expect((await other.api.get(`${API}/details/${theirs.reservationUuid}`)).json.data.status).toBe('SENT');
    });

    it('answers an expired link with 400 paymentLinkExpired', async () => {
      const { reservationUuid } = await reserve((b) => (b.dueDateForPaymentLink = String(Math.floor(clock.now() / 1000))));
      clock.advance(86_400_000);
      try {
        const r = await m.api.post(PAY(reservationUuid), { cardNumber: '4111111111111111' });
        expect(r.status).toBe(400);
        expect(r.json.message).toBe('paymentLinkExpired');
      } finally {
        clock.advance(-86_400_000);
      }
    });

    it('authorizes card 4000 0000 0000 0119', async () => {
      const { reservationUuid } = await reserve();
      const r = await m.api.post(PAY(reservationUuid), { cardNumber: '4000000000000119' });
      expect(r.status).toBe(200);
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    });
  });

  describe('simultaneous payments of one reservation', () => {
    const amountReservedEvents = async (uuid: string) => (await events(uuid)).filter((e) => e.title === 'amount-reserved').length;

    it('10 form posts while the first is at the gateway: one authorization, one approval', async () => {
      const { reservationUuid, paymentUrl } = await reserve();
      const before = gateway.authorizations;
      let answered = 0;
      // The first authorization waits until every other request has been answered (or is itself waiting).
      const race = gateway.hold(() => answered + gateway.waitingCount === 10);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          postForm(paymentUrl, card).then((answer) => {
            answered++;
            race.changed();
            return answer;
          }),
        ),
      );
      expect(gateway.authorizations - before).toBe(1);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([303, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      expect(answers.find((a) => a.status === 409)!.text).toContain('Payment in progress');
      expect(await amountReservedEvents(reservationUuid)).toBe(1);
      expect((await details(reservationUuid)).status).toBe('RESERVED');
      // Once it is done, the page shows it as paid.
      expect((await call(paymentUrl, 'GET', paymentUrl)).text).toContain('Already paid');
    });

    it('10 form posts at once: one authorization, one approval', async () => {
      const { reservationUuid, paymentUrl } = await reserve();
      const before = gateway.authorizations;
      const answers = await Promise.all(Array.from({ length: 10 }, () => postForm(paymentUrl, card)));
      expect(gateway.authorizations - before).toBe(1);
      expect(answers.filter((a) => a.status === 303)).toHaveLength(1);
      // The others saw the payment in progress (409) or already done (200 "Already paid").
      for (const a of answers.filter((x) => x.status !== 303)) expect([409, 200]).toContain(a.status);
      expect(await amountReservedEvents(reservationUuid)).toBe(1);
    });

    it('10 test-mode payments at once: one authorization, one 200', async () => {
      const { reservationUuid } = await reserve();
      const before = gateway.authorizations;
      let answered = 0;
      const race = gateway.hold(() => answered + gateway.waitingCount === 10);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          m.api.post(PAY(reservationUuid), { cardNumber: i % 2 ? '5555555555554444' : '4111111111111111' }).then((answer) => {
            answered++;
            race.changed();
            return answer;
          }),
        ),
      );
      expect(gateway.authorizations - before).toBe(1);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200)) {
        expect(a.status).toBe(409);
        expect(a.json.message).toBe('paymentInProgress');
      }
      expect(await amountReservedEvents(reservationUuid)).toBe(1);
      const winner = answers.find((a) => a.status === 200)!.json.data.paymentMethod;
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe(winner);
    });

    it('10 test-mode payments at once, unarranged: one authorization', async () => {
      const { reservationUuid } = await reserve();
      const before = gateway.authorizations;
      const answers = await Promise.all(Array.from({ length: 10 }, () => m.api.post(PAY(reservationUuid), { cardNumber: '4111111111111111' })));
      expect(gateway.authorizations - before).toBe(1);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200)) expect(['paymentInProgress', 'reservationAlreadyPaid']).toContain(a.json.message);
      expect(await amountReservedEvents(reservationUuid)).toBe(1);
    });

    it('a declined attempt frees the reservation for the next one', async () => {
      const { reservationUuid, paymentUrl } = await reserve((b) => (b.callback.failure = null));
      expect((await postForm(paymentUrl, { ...card, cardNumber: '4000000000000002' })).status).toBe(402);
      expect((await postForm(paymentUrl, card)).status).toBe(303);
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    });
  });
});
