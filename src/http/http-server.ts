/**
 * The Fastify instance every route group is registered on: one access-log line per request, FPGO's
 * envelope for everything thrown, the OpenAPI reference, and a 404 in the envelope for unknown paths.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AccessLog } from './access-log.js';
import { handleError } from './error-handler.js';
import { registerOpenApi } from './openapi.js';
import { sendRouteNotFound } from './reply.js';

const ONE_MIB = 1024 * 1024;

export async function createHttpServer(logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new AccessLog(),
    bodyLimit: ONE_MIB,
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
  });
  // Validation happens in the operations (Laravel-style sentences); route schemas document the API.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(async (_request, reply) => sendRouteNotFound(reply));
  await registerOpenApi(app);
  return app;
}
