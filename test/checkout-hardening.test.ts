/**
 * The checkout under pressure: a merchant's cancel landing while the gateway authorizes, return
 * URLs that a Location header cannot carry as they are, and framing by other sites.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith, primaryExample } from './support/fixtures.js';
import { call, postForm } from './support/http.js';
import { API } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';
import { loggerInto } from './support/log-lines.js';

/** The test gateway, but an authorization waits at the gateway until the test lets it go on. */
class HoldingGateway extends TestGateway {
  voids = 0;
  private arrived: (() => void) | null = null;
  private release: (() => void) | null = null;

  /** Resolves once the next authorization is at the gateway; call the returned function to let it answer. */
  nextAuthorization(): Promise<() => void> {
    return new Promise((resolve) => {
      this.arrived = () => resolve(() => this.release?.());
    });
  }

  override async authorize(request: Parameters<TestGateway['authorize']>[0]) {
    if (this.arrived) {
      const gate = new Promise<void>((resolve) => (this.release = resolve));
      this.arrived();
      this.arrived = null;
      await gate;
    }
    return super.authorize(request);
  }

  override async void(request: Parameters<TestGateway['void']>[0]) {
    this.voids++;
    return super.void(request);
  }
}

const CARD = { method: 'visa', cardNumber: '4111111111111111', expiry: '12/39', securityCode: '123', holderName: 'Kari Nordmann' };

describe(`checkout hardening (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const gateway = new HoldingGateway();

  beforeAll(async () => {
    t = await startApp({ gateway });
    m = await t.merchant('Fjord Hotel');
  });
  afterAll(() => t.close());

  it('tells the customer the merchant cancelled when the cancel lands while the gateway authorizes', async () => {
    const created = await m.api.post(`${API}/create`, exampleWith((body) => (body.callback.success = null)));
    const { reservationUuid: uuid, paymentUrl } = created.json.data as { reservationUuid: string; paymentUrl: string };
    const atGateway = gateway.nextAuthorization();
    const paying = postForm(paymentUrl, CARD);
    const letGo = await atGateway;
    const cancelled = await m.api.post(`${API}/cancel/${uuid}`, { note: 'Guest called' });
    expect(cancelled.status, cancelled.text).toBe(202);
    const voidsBefore = gateway.voids;
    letGo();
    const page = await paying;

    expect(page.status).toBe(410);
    expect(page.text).toContain('Reservation cancelled');
    expect(page.text).toContain('Nothing will be charged.');
    expect(page.text).not.toContain('Already paid');
    expect(gateway.voids - voidsBefore).toBe(1);
    const details = await m.api.get(`${API}/details/${uuid}`);
    expect(details.json.data.status).toBe('CANCELLED');
    expect(details.json.data.paymentDetails.reservedAmount).toBe(0);
    expect(await t.store.db.selectFrom('callbacks').select('id').where('reservation_uuid', '=', uuid).execute()).toEqual([]);
  });

  it('percent-encodes characters a Location header cannot carry, after an approved and a declined payment', async () => {
    const created = await m.api.post(
      `${API}/create`,
      exampleWith((body) => {
        body.callback.success = 'https://shop.example/takk/æøå?sum=100€&note=ok%20already';
        body.callback.failure = 'https://shop.example/feil?grunn=kort€';
      }),
    );
    expect(created.status, created.text).toBe(201);
    const { reservationUuid: uuid, paymentUrl } = created.json.data as { reservationUuid: string; paymentUrl: string };

    const declined = await postForm(paymentUrl, { ...CARD, cardNumber: '4000000000000002' });
    expect(declined.status).toBe(303);
    expect(declined.headers.location).toBe('https://shop.example/feil?grunn=kort%E2%82%AC&reservationUuid=' + uuid + '&status=SENT&reason=card_declined');

    const approved = await postForm(paymentUrl, CARD);
    expect(approved.status, approved.text).toBe(303);
    expect(approved.headers.location).toBe(
      `https://shop.example/takk/%C3%A6%C3%B8%C3%A5?sum=100%E2%82%AC&note=ok%20already&reservationUuid=${uuid}&status=RESERVED`,
    );
    expect((await m.api.get(`${API}/details/${uuid}`)).json.data.status).toBe('RESERVED');
  });

  it('refuses return and callback URLs with NUL, spaces or line breaks at create, naming the field', async () => {
    const cases: [string, string, string][] = [
      ['success', 'https://shop.example/ok\u0000', 'The callback.success field must not contain NUL characters.'],
      ['success', 'https://shop.example/ok\u0007', 'The callback.success field must be a valid URL without spaces or control characters (percent-encode them).'],
      ['failure', 'https://shop.example/fail?x=a b', 'The callback.failure field must be a valid URL without spaces or control characters (percent-encode them).'],
      ['callbackUrl', 'https://shop.example/cb\r\nX-Injected: 1', 'The callback.callback url field must be a valid URL without spaces or control characters (percent-encode them).'],
    ];
    for (const [field, url, sentence] of cases) {
      const answer = await m.api.post(`${API}/create`, exampleWith((body) => (body.callback[field] = url)));
      expect(answer.status, answer.text).toBe(417);
      expect(answer.json.errors).toEqual([sentence]);
    }
  });

  it('forbids framing every checkout page with X-Frame-Options beside CSP frame-ancestors', async () => {
    const paymentUrl = (await m.api.post(`${API}/create`, primaryExample())).json.data.paymentUrl as string;
    const pages = [
      await call(paymentUrl, 'GET', paymentUrl),
      await call(t.baseUrl, 'GET', '/checkout/no-such-link'),
      await postForm(paymentUrl, { ...CARD, cardNumber: '1234' }),
    ];
    for (const page of pages) {
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });
});

describe(`checkout: a form the customer's browser broke off (${TEST_BACKEND})`, () => {
  it('answers 400 and logs no error: a cut-off body is the client leaving, not the database failing', async () => {
    const logged: string[] = [];
    const t = await startApp({ logger: loggerInto(logged, 'warn') });
    try {
      const m = await t.merchant('Hotel Abort');
      const { paymentUrl } = (await m.api.post(`${API}/create`, primaryExample())).json.data;
      const cutOff = new Readable({
        read() {
          this.push('method=visa&card');
          this.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
        },
      });
      const answer = await t.app.inject({
        method: 'POST',
        url: new URL(paymentUrl).pathname,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '500' },
        payload: cutOff,
      });
      expect(answer.statusCode).toBe(400);
      expect(logged).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
