/**
 * What an attacker or a broken client sends gets an answer in FPGO's envelope, never Fastify's own
 * `{"error","message","statusCode"}`, never a 5xx, and changes nothing: malformed URLs, methods the
 * HTTP parser refuses, oversized headers, slow bodies, bodies nested thousands deep, invalid UTF-8,
 * prototype keys, duplicate keys, odd numbers, and NUL characters (PostgreSQL text cannot hold them).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { call } from './support/http.js';
import { httpText, rawRequest } from './support/raw-http.js';
import { API } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';
import { loggerInto } from './support/log-lines.js';

const ENVELOPE_KEYS = ['errors', 'is_error', 'message', 'status_code', 'status_message'];

function expectEnvelope(json: any, status: number, message: string): void {
  expect(json, JSON.stringify(json)).toBeDefined();
  expect(Object.keys(json).sort()).toEqual(ENVELOPE_KEYS);
  expect(json).toMatchObject({ status_code: status, message, is_error: true });
}

describe(`hostile input (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await startApp({ logger: loggerInto(logLines), requestTimeoutMs: 1_000 });
    m = await t.merchant();
  });
  afterAll(() => t.close());

  const auth = () => ({ authorization: `Bearer ${m.token}` });
  const reservationCount = async () => (await t.store.db.selectFrom('reservations').select('uuid').where('merchant_id', '=', m.id).execute()).length;

  it('answers a path with broken percent-encoding with 400 invalidUrl', async () => {
    for (const path of [`${API}/refund/%`, `${API}/details/%ED%A0%80`, '/checkout/%zz']) {
      const answer = await rawRequest(t.baseUrl, httpText('GET', path, auth()));
      expect(answer.status, path).toBe(400);
      expectEnvelope(answer.json, 400, 'invalidUrl');
    }
  });

  it('answers methods the HTTP parser refuses with 400 badRequest, and unknown ones it knows with 404', async () => {
    const foo = await rawRequest(t.baseUrl, httpText('FOO', `${API}/details/RES1234567890`, auth()));
    expect(foo.status).toBe(400);
    expectEnvelope(foo.json, 400, 'badRequest');
    const purge = await rawRequest(t.baseUrl, httpText('PURGE', `${API}/details/RES1234567890`, auth()));
    expect(purge.status).toBe(404);
    expectEnvelope(purge.json, 404, 'routeNotFound');
  });

  it('answers CONNECT with 400 badRequest in the envelope instead of dropping the connection', async () => {
    const answer = await rawRequest(t.baseUrl, httpText('CONNECT', `${API}/create`, auth(), 'aaaa'));
    expect(answer.status).toBe(400);
    expectEnvelope(answer.json, 400, 'badRequest');
  });

  it('serves a request with an Expect other than 100-continue as if it had none', async () => {
    const answer = await rawRequest(t.baseUrl, httpText('GET', `${API}/details/RES0000000000`, { ...auth(), expect: 'teapot' }));
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ status_code: 404, message: 'reservationNotFound', is_data: false, data: null });
  });

  it('sends one answer, never a second one, when the parser fails after the request was answered', async () => {
    const answer = await rawRequest(t.baseUrl, httpText('PURGE', `${API}/details/%`, { ...auth(), 'transfer-encoding': '!' }));
    expect(answer.status).toBe(400);
    expectEnvelope(answer.json, 400, 'invalidUrl');
  });

  it('answers headers over 16 KiB with 431 in the envelope', async () => {
    const answer = await rawRequest(t.baseUrl, httpText('GET', `${API}/details/RES1234567890`, { ...auth(), 'x-filler': 'a'.repeat(20_000) }));
    expect(answer.status).toBe(431);
    expectEnvelope(answer.json, 431, 'requestHeadersTooLarge');
  });

  it('answers a client that stops sending its body with 408 and closes the connection', async () => {
    const head = httpText('POST', `${API}/create`, { ...auth(), 'content-type': 'application/json', 'content-length': '5000' }).toString();
    // The socket stays open after the first bytes; the server's request timeout (1 s here) ends it.
    const answer = await rawRequest(t.baseUrl, `${head}{"customerDetails":`);
    expect(answer.status).toBe(408);
    expectEnvelope(answer.json, 408, 'requestTimeout');
    expect(await reservationCount()).toBe(0);
  });

  it('refuses a body nested 10,000 deep with an Idempotency-Key as invalid JSON, and keeps answering', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    for (const body of [deep, `{"customerDetails":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`]) {
      const answer = await call(t.baseUrl, 'POST', `${API}/create`, { rawBody: body, headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': `deep-${body.length}` } });
      expect(answer.status, answer.text).toBe(400);
      expectEnvelope(answer.json, 400, 'invalidJson');
      expect(answer.json.errors).toEqual(['The request body must not nest objects and arrays more than 32 levels deep.']);
    }
    expect((await m.api.post(`${API}/create`, primaryExample())).status).toBe(201);
  });

  it('refuses invalid UTF-8, prototype keys and duplicate keys as invalid JSON', async () => {
    const cases: [string | Buffer, string][] = [
      [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 'The request body is not valid UTF-8.'],
      ['{"customerDetails":{"__proto__":{"admin":true}}}', 'The request body must not use the key "__proto__".'],
      ['{"constructor":{"prototype":{"admin":true}}}', 'The request body must not use the key "constructor".'],
      ['{"orderDate":"1724294524","orderDate":"1"}', 'The request body names the key "orderDate" twice in one object.'],
      ['{"a":{"k":1},"b":{"k":2},"\\u006b":1,"k":2}', 'The request body names the key "k" twice in one object.'],
    ];
    for (const [body, sentence] of cases) {
      const answer = await call(t.baseUrl, 'POST', `${API}/create`, { rawBody: body, headers: { ...auth(), 'content-type': 'application/json' } });
      expect(answer.status, answer.text).toBe(400);
      expectEnvelope(answer.json, 400, 'invalidJson');
      expect(answer.json.errors).toEqual([sentence]);
    }
    expect(await reservationCount()).toBe(1);
  });

  it('answers 1e400 and -0 with 417 sentences, never a 500', async () => {
    for (const literal of ['1e400', '-1e400', '-0']) {
      const text = JSON.stringify(primaryExample()).replace('"orderSummary":{"subTotal":1000,', `"orderSummary":{"subTotal":${literal},`);
      expect(text).toContain(literal);
      const answer = await call(t.baseUrl, 'POST', `${API}/create`, { rawBody: text, headers: { ...auth(), 'content-type': 'application/json' } });
      expect(answer.status, answer.text).toBe(417);
      expect(answer.json.message).toBe('payloadValidationErrors');
    }
    expect(await reservationCount()).toBe(1);
  });

  it('refuses NUL characters in a body with 417 naming the field, and stores nothing', async () => {
    const body = primaryExample();
    body.products['0'].name = 'Te\u0000st';
    const answer = await m.api.post(`${API}/create`, body, { headers: { 'idempotency-key': 'nul-body' } });
    expect(answer.status, answer.text).toBe(417);
    expect(answer.json.errors).toEqual(['The products.0.name field must not contain NUL characters.']);
    const inKey = await m.api.post(`${API}/create`, { ...primaryExample(), 'x\u0000': 1 });
    expect(inKey.status).toBe(417);
    expect(await reservationCount()).toBe(1);
  });

  it('answers NUL characters in ids, checkout tokens and query notes as not found or 417, never a 500', async () => {
    const uuid = (await m.api.post(`${API}/create`, primaryExample())).json.data.reservationUuid as string;
    const notFound = [
      ['GET', `${API}/details/${uuid}%00`, 'reservationNotFound'],
      ['POST', `${API}/capture/RES%001234567`, 'reservationNotFound'],
      ['GET', `${API}/callbacks/${uuid}%00`, 'reservationNotFound'],
      ['POST', `${API}/callbacks/%00/resend`, 'reservationNotFound'],
    ] as const;
    for (const [method, path, key] of notFound) {
      const body = method === 'POST' ? { products: { '0': { id: 1, amount: 1 } }, grandTotal: 1 } : undefined;
      const answer = await call(t.baseUrl, method, path, { token: m.token, body });
      expect(answer.status, `${path}: ${answer.text}`).toBe(404);
      expect(answer.json.message).toBe(key);
    }
    const page = await call(t.baseUrl, 'GET', '/checkout/abc%00def');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const note = await m.api.get(`${API}/cancel/${uuid}?note=a%00b`);
    expect(note.status, note.text).toBe(417);
    expect(note.json.errors).toEqual(['The note field must not contain NUL characters.']);
    expect((await m.api.get(`${API}/details/${uuid}`)).json.data.status).toBe('SENT');
  });

  it('keeps checkout tokens out of every log line, and logs only well-formed request ids', async () => {
    const created = await m.api.post(`${API}/create`, primaryExample());
    const token = new URL(created.json.data.paymentUrl as string).pathname.split('/').pop()!;
    await call(t.baseUrl, 'GET', `/checkout/${token}`);
    await call(t.baseUrl, 'GET', `/checkout/${token}?utm=1`);
    await call(t.baseUrl, 'POST', `/checkout/${token}`, { rawBody: 'cardNumber=4111111111111111', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await rawRequest(t.baseUrl, httpText('GET', `//checkout/${token}`));
    await call(t.baseUrl, 'GET', `/checkout/${token.slice(0, 5)}%${token.charCodeAt(5).toString(16)}${token.slice(6)}`);
    await rawRequest(t.baseUrl, httpText('GET', '/checkout/assets/checkout.css', { 'x-request-id': 'forged id {"level":60}' }));
    await call(t.baseUrl, 'GET', '/healthz', { headers: { 'x-request-id': 'abc-123.proxy:7' } });
    const log = logLines.join('');
    expect(log).toContain('/checkout/[token]');
    expect(log).toContain('/checkout/assets/checkout.css');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.slice(6));
    expect(log).not.toContain('forged');
    expect(log).toContain('"reqId":"abc-123.proxy:7"');
  });
});

describe(`while the server closes (${TEST_BACKEND})`, () => {
  it('answers requests still arriving on an open connection with 503 in the envelope', async () => {
    let started!: () => void;
    const atGateway = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    class HeldGateway extends TestGateway {
      override async authorize(request: Parameters<TestGateway['authorize']>[0]) {
        started();
        await released;
        return super.authorize(request);
      }
    }
    const t = await startApp({ gateway: new HeldGateway() });
    const m = await t.merchant();
    const uuid = (await m.api.post(`${API}/create`, primaryExample())).json.data.reservationUuid as string;
    // One keep-alive connection: the payment waits at the gateway while close() begins, then a second request arrives on it.
    const headers = { authorization: `Bearer ${m.token}`, 'content-type': 'application/json', connection: 'keep-alive' };
    const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    socket.write(httpText('POST', `/api/v1/test/reservations/${uuid}/pay`, headers, '{"cardNumber":"4111111111111111"}').toString().replace('Connection: close\r\n', ''));
    await atGateway;
    const closing = t.app.close();
    await expect.poll(() => t.app.server.listening).toBe(false);
    socket.write(httpText('GET', `${API}/details/${uuid}`, headers));
    release();
    await ended;
    await closing;
    const second = received.slice(received.indexOf('HTTP/1.1 503'));
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expectEnvelope(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4)), 503, 'serviceUnavailable');
    await t.close();
  });
});
