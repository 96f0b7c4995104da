/**
 * The hosted checkout over plain HTTP (no browser): what each state of a reservation shows, the
 * form's answers to invalid, declined and approved cards, and the page's own assets and headers.
 */
// @ts-nocheck

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import type { PaymentGateway } from '../src/reservations/ports.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { call, postForm } from './support/http.js';
import { ManualClock, startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const API = '/api/v1/connect/reservations';
const NBSP = '\u00a0';

/**
 * The real test gateway, counting what reaches it. `unreachable` plays a PSP that cannot be
 * reached, which no test card does at authorization time.
 */
class CountingGateway implements PaymentGateway {
  private readonly inner = new TestGateway();
  authorizations = 0;
  unreachable = false;
  async authorize(request: Parameters<PaymentGateway['authorize']>[0]) {
    this.authorizations++;
    if (this.unreachable) return { outcome: 'error', message: 'connect ETIMEDOUT' } as const;
    return this.inner.authorize(request);
  }
  capture = this.inner.capture.bind(this.inner);
  charge = this.inner.charge.bind(this.inner);
  refund = this.inner.refund.bind(this.inner);
  void = this.inner.void.bind(this.inner);
  lookup = this.inner.lookup.bind(this.inner);
}


/** The `<div class="field">` holding the input `id`: its label, input and error message. */
function fieldBlock(page: string, id: string): string {
  const block = page.split('<div class="field').find((part) => part.includes(`<input id="${id}"`));
  if (!block) throw new Error(`no field ${id} on the page`);
  return block.slice(0, block.indexOf('</div>'));
}

/** The visible error message of field `id`, or null. */
function errorOf(page: string, id: string): string | null {
  const match = new RegExp(`<p class="error" id="${id}-error"( hidden)?>([^<]*)</p>`).exec(page);
  if (!match) throw new Error(`no error slot for ${id}`);
  return match[1] ? null : match[2]!;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** The page's text as a reader sees it: no tags, entities decoded, white space collapsed. */
const visibleText = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)
    .replace(/\s+/g, ' ');

describe(`hosted checkout over HTTP (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0));
  const gateway = new CountingGateway();
  const card = { method: 'visa', cardNumber: '4111 1111 1111 1111', expiry: '12/29', securityCode: '123', holderName: 'Kari Nordmann' };

  beforeAll(async () => {
    t = await startApp({ clock, gateway });
    m = await t.merchant('Hotel Fjord & Spa');
  });
  afterAll(() => t.close());

  async function reserve(change: (body: Record<string, any>) => void = () => {}, merchant = m) {
    const r = await merchant.api.post(`${API}/create`, exampleWith(change, { now: clock.now() }));
    expect(r.status).toBe(201);
    return r.json.data as { reservationUuid: string; paymentUrl: string };
  }
  const details = async (uuid: string) => (await m.api.get(`${API}/details/${uuid}`)).json.data;
  const events = async (uuid: string) =>
    (await t.store.db.selectFrom('reservation_events').select(['title', 'note', 'payment_method', 'amount']).where('reservation_uuid', '=', uuid).orderBy('id').execute()).map(
      (e) => ({ ...e, amount: e.amount === null ? null : Number(e.amount) }),
    );

  describe('broken requests', () => {
    it('answers an oversized or unreadable form with a page in all five languages, not the API\'s JSON', async () => {
      const { paymentUrl } = await reserve();
      const huge = await postForm(paymentUrl, { ...card, holderName: 'x'.repeat(20 * 1024) });
      const garbled = await call(paymentUrl, 'POST', paymentUrl, { rawBody: '{"cardNumber":', headers: { 'content-type': 'application/json' } });
      for (const [answer, status] of [[huge, 413], [garbled, 400]] as const) {
        expect(answer.status).toBe(status);
        expect(answer.headers['content-type']).toMatch(/^text\/html/);
        expect(answer.text).toContain('your payment was not made');
        expect(answer.text).toContain('betalingen ble ikke gjennomført');
        expect(answer.json).toBeUndefined();
      }
    });
  });

  describe('the page', () => {
    it('shows the merchant, every product line, tax, totals in NOK, the due date and the terms', async () => {
      const { paymentUrl } = await reserve((b) => {
        b.products = [
          { name: 'Room <deluxe>', productId: 'R-12', rate: 700, tax: 12, amount: 700 },
          { name: 'Parking', productId: null, rate: 150.25, tax: 25, amount: 300.5, quantity: 2 },
        ];
        b.orderSummary = { subTotal: 1000.5, totalTax: 159.13, grandTotal: 1159.63 };
        b.tnc = 'No refunds after check-in.';
        b.customerNotes = 'Late arrival';
      });
      const r = await call(paymentUrl, 'GET', paymentUrl);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      const text = visibleText(r.text);
      expect(r.text).toContain('<html lang="en">');
      expect(text).toContain('Reservation at Hotel Fjord & Spa');
      expect(r.text).toContain(
        `<th scope="row">Room &lt;deluxe&gt;</th><td class="num">1</td><td class="num">NOK${NBSP}700.00</td><td class="num">12 %</td><td class="num">NOK${NBSP}700.00</td>`,
      );
      expect(r.text).toContain(
        `<th scope="row">Parking</th><td class="num">2</td><td class="num">NOK${NBSP}150.25</td><td class="num">25 %</td><td class="num">NOK${NBSP}300.50</td>`,
      );
      expect(text).toContain('Subtotal NOK 1,000.50');
      expect(text).toContain('VAT NOK 159.13');
      expect(text).toContain('Total NOK 1,159.63');
      expect(text).toContain('Pay by 02.12.2026');
      expect(text).toContain('Terms and conditions No refunds after check-in.');
      expect(text).toContain('Late arrival');
      expect(r.text).toContain(`<button type="submit" class="pay-button">Pay NOK${NBSP}1,159.63</button>`);
    });

    it('leaves out the terms when the merchant sent none', async () => {
      const { paymentUrl } = await reserve();
      const r = await call(paymentUrl, 'GET', paymentUrl);
      expect(r.text).not.toContain('Terms and conditions');
      expect(r.text).not.toContain('<details');
    });

    it('preselects the method from submitPayment.via and offers the other', async () => {
      const radios = (page: string) => [...page.matchAll(/<input type="radio" name="method" value="(\w+)"( checked)?>/g)].map((x) => [x[1], !!x[2]]);
      const visa = await reserve((b) => (b.submitPayment = { via: 'visa' }));
      expect(radios((await call(visa.paymentUrl, 'GET', visa.paymentUrl)).text)).toEqual([['visa', true], ['mastercard', false]]);
      const mastercard = await reserve((b) => (b.submitPayment = { via: 'mastercard' }));
      expect(radios((await call(mastercard.paymentUrl, 'GET', mastercard.paymentUrl)).text)).toEqual([['visa', false], ['mastercard', true]]);
    });

    it("speaks the customer's preferredLanguage, amounts included", async () => {
      const expectations = {
        no: { lang: 'nb', label: 'Kortnummer', pay: `Betal 1${NBSP}000,00${NBSP}kr`, due: 'Betal innen 02.12.2026' },
        sv: { lang: 'sv', label: 'Kortnummer', pay: `Betala 1${NBSP}000,00${NBSP}Nkr`, due: 'Betala senast 02.12.2026' },
        da: { lang: 'da', label: 'Kortnummer', pay: `Betal 1.000,00${NBSP}NOK`, due: 'Betal senest 02.12.2026' },
        de: { lang: 'de', label: 'Kartennummer', pay: `1.000,00${NBSP}NOK bezahlen`, due: 'Zahlbar bis 02.12.2026' },
      };
      for (const [language, want] of Object.entries(expectations)) {
        const { paymentUrl } = await reserve((b) => (b.customerDetails.preferredLanguage = language));
        const page = (await call(paymentUrl, 'GET', paymentUrl)).text;
        expect(page, language).toContain(`<html lang="${want.lang}">`);
        expect(page, language).toContain(`<label for="cardNumber">${want.label}</label>`);
        expect(page, language).toContain(`class="pay-button">${want.pay}</button>`);
        expect(page, language).toContain(want.due);
      }
    });

    it('defaults to Norwegian when no language was given', async () => {
      const { paymentUrl } = await reserve((b) => (b.customerDetails.preferredLanguage = null));
      const page = (await call(paymentUrl, 'GET', paymentUrl)).text;
      expect(page).toContain('<html lang="nb">');
      expect(page).toContain('Betal reservasjonen din');
    });

    it('loads only its own stylesheet and script, under a strict content security policy', async () => {
      const { paymentUrl } = await reserve((b) => {
        b.callback = { callbackUrl: null, success: 'https://shop.example/ok?o=1', failure: 'https://pay-failed.example:8443/f' };
      });
      const r = await call(paymentUrl, 'GET', paymentUrl);
      expect([...r.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((x) => x[1])).toEqual(['/checkout/assets/checkout.css', '/checkout/assets/checkout.js']);
      expect(r.text).not.toMatch(/https?:\/\//);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      // The form posts here; the browser then follows our 303 to the merchant, which Chrome checks against form-action.
      expect(csp).toContain("form-action 'self' https://shop.example https://pay-failed.example:8443");
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    });

    it('serves its CSS and script, and nothing else under /checkout/assets', async () => {
      const css = await call(t.baseUrl, 'GET', '/checkout/assets/checkout.css');
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(css.text).toContain('.pay-button');
      expect(css.text).not.toMatch(/@import|url\(\s*['"]?https?:/);
      const js = await call(t.baseUrl, 'GET', '/checkout/assets/checkout.js');
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      for (const name of ['nope.css', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        const r = await call(t.baseUrl, 'GET', `/checkout/assets/${name}`);
        expect(r.status, name).toBe(404);
        expect(r.text, name).toContain('Payment link not found');
      }
    });
  });

  describe('states', () => {
    it('answers an unknown token with a 404 page in every language', async () => {
      const r = await call(t.baseUrl, 'GET', '/checkout/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      expect(r.status).toBe(404);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.text).toContain('<h1>Payment link not found</h1>');
      expect(r.text).toContain('<p lang="en">This payment link does not exist.');
      expect(r.text).toContain('<p lang="nb">Denne betalingslenken finnes ikke.');
      expect(r.text).toContain('<p lang="de">');
      expect(r.text).not.toContain('<form');
      const post = await postForm(`${t.baseUrl}/checkout/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, card);
      expect(post.status).toBe(404);
      expect(post.text).toContain('Payment link not found');
    });

    it('shows a paid reservation as already paid, without a form', async () => {
      const { paymentUrl } = await reserve();
      expect((await postForm(paymentUrl, card)).status).toBe(303);
      const r = await call(paymentUrl, 'GET', paymentUrl);
      expect(r.status).toBe(200);
      expect(r.text).toContain('<h1>Already paid</h1>');
      expect(r.text).toContain('This reservation is already paid.');
      expect(r.text).not.toContain('<form');
    });

    it('refuses a second payment of a paid reservation without reaching the gateway', async () => {
      const { reservationUuid, paymentUrl } = await reserve();
      expect((await postForm(paymentUrl, card)).status).toBe(303);
      const before = gateway.authorizations;
      const again = await postForm(paymentUrl, { ...card, method: 'mastercard', cardNumber: '5555555555554444' });
      expect(again.status).toBe(200);
      expect(again.text).toContain('<h1>Already paid</h1>');
      expect(gateway.authorizations).toBe(before);
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe('Visa');
    });

    it('shows an expired link after the due date (merchant time), for GET and POST alike', async () => {
      const { reservationUuid, paymentUrl } = await reserve((b) => (b.dueDateForPaymentLink = String(Math.floor(clock.now() / 1000))));
      expect((await call(paymentUrl, 'GET', paymentUrl)).status).toBe(200);
      clock.advance(86_400_000); // the link runs to the end of the due date's day in Oslo, so a day later it is gone
      try {
        const r = await call(paymentUrl, 'GET', paymentUrl);
        expect(r.status).toBe(410);
        expect(r.text).toContain('<h1>Payment link expired</h1>');
        expect(r.text).toContain('This payment link has expired. Please contact the merchant for a new one.');
        expect(r.text).not.toContain('<form');
        const before = gateway.authorizations;
        const post = await postForm(paymentUrl, card);
        expect(post.status).toBe(410);
        expect(post.text).toContain('Payment link expired');
        expect(gateway.authorizations).toBe(before);
        expect((await details(reservationUuid)).status).toBe('EXPIRED');
      } finally {
        clock.advance(-86_400_000);
      }
    });

    it('shows the expired page in Norwegian for a Norwegian customer', async () => {
      const { paymentUrl } = await reserve((b) => {
        b.customerDetails.preferredLanguage = 'no';
        b.dueDateForPaymentLink = String(Math.floor(clock.now() / 1000));
      });
      clock.advance(86_400_000);
      try {
        const r = await call(paymentUrl, 'GET', paymentUrl);
        expect(r.status).toBe(410);
        expect(r.text).toContain('<h1>Betalingslenken er utløpt</h1>');
      } finally {
        clock.advance(-86_400_000);
      }
    });

    it('shows a cancelled or completed reservation as such', async () => {
      // No cancel or complete endpoint exists yet, so the state is written the way those operations will store it.
      const cancelled = await reserve();
      await t.store.db.updateTable('reservations').set({ status: 'CANCELLED' }).where('uuid', '=', cancelled.reservationUuid).execute();
      const r = await call(cancelled.paymentUrl, 'GET', cancelled.paymentUrl);
      expect(r.status).toBe(410);
      expect(r.text).toContain('<h1>Reservation cancelled</h1>');
      expect(r.text).toContain('Nothing will be charged.');
      expect((await postForm(cancelled.paymentUrl, card)).status).toBe(410);

      const completed = await reserve();
      await t.store.db.updateTable('reservations').set({ status: 'COMPLETED' }).where('uuid', '=', completed.reservationUuid).execute();
      const c = await call(completed.paymentUrl, 'GET', completed.paymentUrl);
      expect(c.status).toBe(200);
      expect(c.text).toContain('<h1>Reservation completed</h1>');
      expect(c.text).not.toContain('<form');
    });
  });

  describe('invalid input', () => {
    it('re-renders with 422 and each message next to its field, sending nothing to the gateway', async () => {
      const { reservationUuid, paymentUrl } = await reserve();
      const before = gateway.authorizations;
      const r = await postForm(paymentUrl, { method: 'visa', cardNumber: '4111 1111 1111 1112', expiry: '10/26', securityCode: '12', holderName: 'Kari <Nordmann>' });
      expect(r.status).toBe(422);
      expect(gateway.authorizations).toBe(before);
      expect(visibleText(r.text)).toContain('Please correct the fields marked below.');
      const number = fieldBlock(r.text, 'cardNumber');
      expect(number).toContain('<label for="cardNumber">Card number</label>');
      expect(number).toContain('aria-invalid="true"');
      expect(number).toContain('aria-describedby="cardNumber-error"');
      expect(errorOf(r.text, 'cardNumber')).toBe('This card number is not valid. Check the digits.');
      expect(errorOf(r.text, 'expiry')).toBe('This card has expired.');
      expect(errorOf(r.text, 'securityCode')).toBe('The security code is 3 digits.');
      expect(errorOf(r.text, 'holderName')).toBeNull();
      expect(fieldBlock(r.text, 'securityCode')).toContain('aria-describedby="securityCode-hint securityCode-error"');
      // What the customer typed comes back, except the card number and security code, which are never echoed.
      expect(fieldBlock(r.text, 'expiry')).toContain('value="10/26"');
      expect(fieldBlock(r.text, 'holderName')).toContain('value="Kari &lt;Nordmann&gt;"');
      expect(r.text).not.toContain('4111 1111 1111 1112');
      expect(r.text).not.toContain('4111111111111112');
      expect(fieldBlock(r.text, 'securityCode')).not.toContain('value=');
      expect((await details(reservationUuid)).status).toBe('SENT');
      expect((await events(reservationUuid)).map((e) => e.title)).toEqual(['order-created']);
    });

    it('says when the card does not match the chosen method, keeping that choice', async () => {
      const { paymentUrl } = await reserve();
      const r = await postForm(paymentUrl, { ...card, method: 'mastercard' });
      expect(r.status).toBe(422);
      expect(errorOf(r.text, 'cardNumber')).toBe('This card does not match the chosen payment method.');
      expect(r.text).toContain('<input type="radio" name="method" value="mastercard" checked>');
      expect(r.text).toContain('<input type="radio" name="method" value="visa">');
    });

    it('asks for every missing field, and for Visa or Mastercard when no method came', async () => {
      const { paymentUrl } = await reserve();
      const r = await postForm(paymentUrl, {});
      expect(r.status).toBe(422);
      expect(errorOf(r.text, 'method')).toBe('Choose Visa or Mastercard.');
      expect(r.text).toContain('<fieldset class="methods" aria-describedby="method-error">');
      expect(errorOf(r.text, 'cardNumber')).toBe('Enter the card number.');
      expect(errorOf(r.text, 'expiry')).toBe('Enter the expiry date.');
      expect(errorOf(r.text, 'securityCode')).toBe('Enter the security code.');
      expect(errorOf(r.text, 'holderName')).toBe('Enter the name on the card.');
    });

    it('treats a field sent twice, or a non-text value, as missing instead of failing', async () => {
      const { paymentUrl } = await reserve();
      const twice = await call(paymentUrl, 'POST', paymentUrl, {
        rawBody: 'method=visa&method=mastercard&cardNumber=4111111111111111&cardNumber=5555555555554444&expiry=12%2F29&securityCode=123&holderName=Kari',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(twice.status).toBe(422);
      expect(errorOf(twice.text, 'method')).toBe('Choose Visa or Mastercard.');
      expect(errorOf(twice.text, 'cardNumber')).toBe('Enter the card number.');
      const json = await call(paymentUrl, 'POST', paymentUrl, { body: { ...card, cardNumber: { digits: '4111111111111111' }, expiry: ['12/29'] } });
      expect(json.status).toBe(422);
      expect(errorOf(json.text, 'cardNumber')).toBe('Enter the card number.');
      expect(errorOf(json.text, 'expiry')).toBe('Enter the expiry date.');
    });

    it("names the problems in the customer's language", async () => {
      const { paymentUrl } = await reserve((b) => (b.customerDetails.preferredLanguage = 'no'));
      const r = await postForm(paymentUrl, { ...card, cardNumber: '378282246310005', expiry: '1/2', securityCode: 'abc' });
      expect(r.status).toBe(422);
      expect(visibleText(r.text)).toContain('Rett opp feltene som er merket nedenfor.');
      expect(errorOf(r.text, 'cardNumber')).toBe('Bare Visa- og Mastercard-kort kan brukes.');
      expect(errorOf(r.text, 'expiry')).toBe('Skriv utløpsdatoen som MM/ÅÅ.');
      expect(errorOf(r.text, 'securityCode')).toBe('Sikkerhetskoden er 3 siffer.');
      const de = await reserve((b) => (b.customerDetails.preferredLanguage = 'de'));
      const g = await postForm(de.paymentUrl, { ...card, method: 'mastercard' });
      expect(errorOf(g.text, 'cardNumber')).toBe('Diese Karte passt nicht zur gewählten Zahlungsart.');
    });

    it('pauses a link after 20 attempts a minute from one client, with a page in the customer’s language', async () => {
      const { paymentUrl } = await reserve((b) => (b.customerDetails.preferredLanguage = 'no'));
      const wrong = { ...card, cardNumber: '4111111111111112' };
      // A query string appended to the link is still the same link.
      for (let attempt = 1; attempt <= 20; attempt++) expect((await postForm(`${paymentUrl}?attempt=${attempt}`, wrong)).status, `attempt ${attempt}`).toBe(422);
      const before = gateway.authorizations;
      const paused = await postForm(paymentUrl, card);
      expect(paused.status).toBe(429);
      expect(paused.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);
      expect(paused.text).toContain('<h1>For mange betalingsforsøk</h1>');
      expect(paused.text).toContain('Vent litt og prøv igjen.');
      expect(gateway.authorizations).toBe(before);
      // Opening the page is not limited, and another link is not affected.
      expect((await call(paymentUrl, 'GET', paymentUrl)).status).toBe(200);
      const other = await reserve();
      expect((await postForm(other.paymentUrl, card)).status).toBe(303);
    });

    it('accepts the card once corrected', async () => {
      const { reservationUuid, paymentUrl } = await reserve();
      expect((await postForm(paymentUrl, { ...card, expiry: '10/26' })).status).toBe(422);
      expect((await postForm(paymentUrl, card)).status).toBe(303);
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    });
  });

  describe('the answer to a payment', () => {
    it("approves with a 303 to callback.success: the merchant's query first, reservationUuid and status appended", async () => {
      const success = 'https://shop.example/ok?order_identifier=rRbl1FWZG59o&order_status=success&x=%E2%9C%93';
      const { reservationUuid, paymentUrl } = await reserve((b) => (b.callback.success = success));
      const r = await postForm(paymentUrl, card);
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe(`${success}&reservationUuid=${reservationUuid}&status=RESERVED`);
      expect(r.text).not.toContain('4111');
      const d = await details(reservationUuid);
      expect(d).toMatchObject({ status: 'RESERVED', isPaid: true, paymentDetails: { reservedAmount: 1000, paymentMethod: 'Visa' } });
    });

    it('without callback.success, shows the approval on the page', async () => {
      const { reservationUuid, paymentUrl } = await reserve((b) => (b.callback = { callbackUrl: null, success: null, failure: null }));
      const r = await postForm(paymentUrl, card);
      expect(r.status).toBe(200);
      expect(r.text).toContain('<h1>Payment approved</h1>');
      expect(visibleText(r.text)).toContain('NOK 1,000.00 is reserved on your card for Hotel Fjord & Spa.');
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    });

    it('declines with a 303 to callback.failure, leaving the reservation SENT and recording payment-failed', async () => {
      const failure = 'https://shop.example/failed?order_identifier=abc';
      const { reservationUuid, paymentUrl } = await reserve((b) => (b.callback.failure = failure));
      const r = await postForm(paymentUrl, { ...card, cardNumber: '4000000000000002' });
      expect(r.status).toBe(303);
      const location = new URL(String(r.headers.location));
      expect(String(r.headers.location).startsWith(`${failure}&reservationUuid=${reservationUuid}&status=SENT`)).toBe(true);
      expect([...location.searchParams.keys()].slice(0, 3)).toEqual(['order_identifier', 'reservationUuid', 'status']);
      const d = await details(reservationUuid);
      expect(d).toMatchObject({ status: 'SENT', isPaid: false, paymentDetails: { reservedAt: null, reservedAmount: 0 } });
      expect(await events(reservationUuid)).toEqual([
        { title: 'order-created', note: null, payment_method: null, amount: 100_000 },
        { title: 'payment-link-opened', note: null, payment_method: null, amount: null },
        { title: 'payment-failed', note: 'Your card was declined.', payment_method: 'Visa', amount: null },
      ]);
      // The link still works: the customer may try another card.
      expect((await call(paymentUrl, 'GET', paymentUrl)).status).toBe(200);
    });

    it('without callback.failure, shows the reason on the page and lets the customer try again', async () => {
      const { reservationUuid, paymentUrl } = await reserve((b) => (b.callback = { callbackUrl: null, success: null, failure: null }));
      const declined = await postForm(paymentUrl, { ...card, cardNumber: '4000 0000 0000 9995' });
      expect(declined.status).toBe(402);
      expect(declined.text).toContain('<div class="alert" role="alert"><p>Your card has insufficient funds. You can try again with another card.</p></div>');
      expect(declined.text).toContain('<form method="post"');
      expect(declined.text).not.toContain('4000 0000 0000 9995');
      const again = await postForm(paymentUrl, { ...card, cardNumber: '4000000000000002' });
      expect(again.status).toBe(402);
      expect(again.text).toContain('Your card was declined. You can try again with another card.');
      const paid = await postForm(paymentUrl, { ...card, method: 'mastercard', cardNumber: '5555555555554444' });
      expect(paid.status).toBe(200);
      expect(paid.text).toContain('Payment approved');
      expect((await events(reservationUuid)).map((e) => e.title)).toEqual(['order-created', 'payment-link-opened', 'payment-failed', 'payment-failed', 'amount-reserved']);
      expect((await details(reservationUuid)).paymentDetails.paymentMethod).toBe('Mastercard');
    });

    it("gives the decline reason in the customer's language", async () => {
      const { paymentUrl } = await reserve((b) => {
        b.customerDetails.preferredLanguage = 'no';
        b.callback = { callbackUrl: null, success: null, failure: null };
      });
      const r = await postForm(paymentUrl, { ...card, cardNumber: '4000000000000002' });
      expect(r.status).toBe(402);
      expect(r.text).toContain('Kortet ditt ble avvist. Du kan prøve igjen med et annet kort.');
    });

    it('when the gateway cannot be reached, says nothing was charged and lets the customer try again', async () => {
      const { reservationUuid, paymentUrl } = await reserve();
      gateway.unreachable = true;
      try {
        const r = await postForm(paymentUrl, card);
        expect(r.status).toBe(502);
        expect(r.text).toContain('<div class="alert" role="alert"><p>The payment could not be processed right now. Nothing was charged. Please try again.</p></div>');
        expect(r.text).not.toContain('ETIMEDOUT');
        expect(r.text).toContain('<form method="post"');
        expect((await details(reservationUuid)).status).toBe('SENT');
      } finally {
        gateway.unreachable = false;
      }
      expect((await postForm(paymentUrl, card)).status).toBe(303);
      expect((await details(reservationUuid)).status).toBe('RESERVED');
    });

    it('authorizes card 4000 0000 0000 0119; only the later money movements fail', async () => {
      const { reservationUuid, paymentUrl } = await reserve();
      const r = await postForm(paymentUrl, { ...card, cardNumber: '4000000000000119' });
      expect(r.status).toBe(303);
      expect(String(r.headers.location)).toContain('status=RESERVED');
      expect(await details(reservationUuid)).toMatchObject({ status: 'RESERVED', isPaid: true, paymentDetails: { reservedAmount: 1000 } });
      const row = await t.store.db.selectFrom('reservations').select('authorization_id').where('uuid', '=', reservationUuid).executeTakeFirstOrThrow();
      const capture = await gateway.capture({ reference: 'CAP0000000001', authorizationId: String(row.authorization_id), amount: 100_000, currency: 'NOK' });
      expect(capture.outcome).toBe('error');
    });
  });
});
