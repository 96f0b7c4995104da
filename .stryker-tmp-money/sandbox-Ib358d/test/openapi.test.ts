// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdReservation, errorEnvelope, reservationDetails, successEnvelope } from '../src/http/openapi-schemas.js';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { call } from './support/http.js';
import { startApp, type TestApp } from './support/test-app.js';

describe(`OpenAPI reference and health (${TEST_BACKEND})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('serves OpenAPI 3.1 with the reservation paths and their request schemas', async () => {
    const r = await call(t.baseUrl, 'GET', '/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toMatch(/^3\.1\./);
    const paths = r.json.paths;
    const R = '/api/v1/connect/reservations';
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        `${R}/create`,
        `${R}/submit`,
        `${R}/details/{uuid}`,
        `${R}/capture/{uuid}`,
        `${R}/charge/{uuid}`,
        `${R}/cancel/{uuid}`,
        `${R}/complete/{uuid}`,
        `${R}/resend/{uuid}`,
        `${R}/refund/{uuid}`,
        `${R}/history`,
        `${R}/callbacks/{uuid}`,
        `${R}/callbacks/{uuid}/resend`,
        '/api/v1/test/reservations/{uuid}/pay',
        '/api/v1/test/clock',
      ]),
    );
    expect(Object.keys(paths[`${R}/cancel/{uuid}`])).toEqual(expect.arrayContaining(['get', 'post']));
    for (const [path, operations] of Object.entries<Record<string, any>>(paths)) {
      if (!operations.post) continue;
      const header = (operations.post.parameters ?? []).find((p: any) => p.in === 'header' && p.name === 'idempotency-key');
      expect(header, `${path} documents Idempotency-Key`).toBeDefined();
      expect(Object.keys(operations.post.responses), path).toEqual(expect.arrayContaining(['409', '422']));
    }
    const create = paths['/api/v1/connect/reservations/create'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['customerDetails', 'orderDate', 'dueDateForPaymentLink', 'products', 'orderSummary', 'submitPayment']));
    expect(body.properties.submitPayment.properties.via.enum).toEqual(['visa', 'mastercard']);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '401', '417', '429']));
    expect(r.json.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(paths).some((p) => p.startsWith('/docs'))).toBe(false);
  });

  it('serves Swagger UI at /docs from local files only', async () => {
    const r = await call(t.baseUrl, 'GET', '/docs/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.text).not.toMatch(/<script[^>]*src=["']https?:\/\//i);
    expect(r.text).not.toMatch(/<link[^>]*href=["']https?:\/\//i);
    const init = await call(t.baseUrl, 'GET', '/docs/static/swagger-initializer.js');
    expect(init.status).toBe(200);
  });

  it('documents what the API really answers', async () => {
    const m = await t.merchant();
    const created = await m.api.post('/api/v1/connect/reservations/create', primaryExample());
    expect(successEnvelope(201, 'Reservation Submitted Successfully', createdReservation).safeParse(created.json).success).toBe(true);
    const details = await m.api.get(`/api/v1/connect/reservations/details/${created.json.data.reservationUuid}`);
    const parsed = successEnvelope(200, 'reservationRetrievedSuccessfully', reservationDetails).strict().safeParse(details.json);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(reservationDetails.strict().safeParse(details.json.data).error?.issues ?? []).toEqual([]);
    const line = details.json.data.productList[0].id;
    const uuid = created.json.data.reservationUuid;
    await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' });
    const captured = await m.api.post(`/api/v1/connect/reservations/capture/${uuid}`, { products: [{ id: line, amount: 100 }], grandTotal: 100 });
    await m.api.post(`/api/v1/connect/reservations/charge/${uuid}`, { products: [{ name: 'Minibar', rate: 50, tax: 25, amount: 50 }], grandTotal: 50 });
    await m.api.post(`/api/v1/connect/reservations/refund/${uuid}`, { type: 'reservation', grandTotal: 10, products: [{ id: line, amount: 10 }], source: 'captured', reference: captured.json.data.uuid });
    const full = await m.api.get(`/api/v1/connect/reservations/details/${uuid}`);
    expect(reservationDetails.strict().safeParse(full.json.data).error?.issues ?? []).toEqual([]);
    for (const answer of [await m.api.post('/api/v1/connect/reservations/create', {}), await m.api.get('/api/v1/connect/reservations/details/RES1')]) {
      expect(errorEnvelope.safeParse(answer.json).success).toBe(true);
    }
  });

  it('answers /healthz and /readyz', async () => {
    expect((await call(t.baseUrl, 'GET', '/healthz')).json).toEqual({ status: 'ok' });
    expect((await call(t.baseUrl, 'GET', '/readyz')).json).toEqual({ status: 'ready' });
  });
});
