/** OpenAPI 3.1 generated from the route schemas, served at /openapi.json, with Swagger UI at /docs (offline). */
// @ts-nocheck

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'fpgo — FPGO Connect reservation API',
        version: '0.1.0',
        description:
          'Wire-compatible implementation of Front Payment\'s FPGO Connect reservation API. Every answer uses the ' +
          'FPGO envelope (`status_code`, `status_message`, `message`, `is_data`/`data` or `is_error`/`errors`). ' +
          'Invalid bodies answer 417 `payloadValidationErrors` with one sentence per failed rule. ' +
          'Requests are limited per API token (240 per minute by default; missing or unknown tokens per client address); ' +
          'every answer carries x-ratelimit-limit and x-ratelimit-remaining, and 429 carries retry-after. ' +
          'Status callbacks are GET requests to your callbackUrl with orderUuid, status, paymentMethod, amount, createdAt, ' +
          'timestamp and checksum appended, in this order, after your own parameters (the checksum: SHA-256 of every query ' +
          'value in order, then your secret). Each also carries Standard Webhooks headers webhook-id, webhook-timestamp and ' +
          'webhook-signature, whose signed payload is the full callback URL as requested, as a JSON string ' +
          '(`new Webhook(secret).verify(JSON.stringify(url), headers)`): it covers every parameter name and value. ' +
          'A 510 whose sentence says the outcome is unknown leaves the movement pending: retry with the same Idempotency-Key.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
