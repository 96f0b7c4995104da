/**
 * The Fastify instance every route group is registered on: one access-log line per request, FPGO's
 * envelope for everything — thrown errors, malformed URLs, unparsable HTTP, timeouts and the
 * shutdown's 503 included —, the OpenAPI reference, and a 404 in the envelope for unknown paths.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { lazyRequestLogger } from './request-logger.js';
import { AccessLog } from './access-log.js';
import { errorEnvelope } from './envelope.js';
import { handleError, sendProblem } from './error-handler.js';
import { registerJsonBody } from './json-body.js';
import { HTTP_FAILURES, type HttpFailureKey } from './messages.js';
import { registerOpenApi } from './openapi.js';
import { HttpProblem } from './problem.js';
import { readRestOfBody } from './rest-of-body.js';
import { sendRouteNotFound } from './reply.js';

const ONE_MIB = 1024 * 1024;

export interface HttpLimits {
  /** The whole request (headers and body) must arrive within this time; slower clients get 408. */
  requestTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { requestTimeoutMs: 30_000 };

/** A client-chosen request id reaches logs only when it is a plain token. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export async function createHttpServer(logger: Logger, limits: HttpLimits = DEFAULT_HTTP_LIMITS): Promise<FastifyInstance> {
  const serverLogger = logger as FastifyBaseLogger;
  const app = Fastify({
    loggerInstance: serverLogger,
    logController: new AccessLog(serverLogger),
    childLoggerFactory: lazyRequestLogger,
    bodyLimit: ONE_MIB,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestTimeout: limits.requestTimeoutMs,
    http: { headersTimeout: Math.min(10_000, limits.requestTimeoutMs), connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs) },
    return503OnClosing: false,
    frameworkErrors: (error, _request, reply) => sendProblem(reply, new HttpProblem(error.code === 'FST_ERR_BAD_URL' ? 'invalidUrl' : 'badRequest')),
    clientErrorHandler: answerClientError,
  });
  // Validation happens in the operations (Laravel-style sentences); route schemas document the API.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeContentTypeParser('text/plain');
  registerJsonBody(app);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(async (_request, reply) => sendRouteNotFound(reply));
  answer503WhileClosing(app);
  readBodyBefore413(app);
  answerConnect(app);
  ignoreUnknownExpectations(app);
  await registerOpenApi(app);
  return app;
}

/**
 * A body refused as too large (413) is read to its end before the answer goes out, on every route
 * (API, checkout, dashboard): onError runs before whichever error handler answers (src/http/rest-of-body.ts).
 */
function readBodyBefore413(app: FastifyInstance): void {
  // A callback, not an async hook: every other error goes on to its handler in the same tick, as without the hook.
  app.addHook('onError', (request, _reply, error, done) => {
    if (error.statusCode === 413) void readRestOfBody(request.raw).then(() => done());
    else done();
  });
}

/** Requests that still arrive on open connections once the server is closing: 503 in the envelope. */
function answer503WhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) return sendProblem(reply.header('connection', 'close'), new HttpProblem('serviceUnavailable'));
  });
}

/**
 * CONNECT (a proxy tunnel) never reaches Fastify: Node hands it to a 'connect' listener or, without
 * one, drops the connection unanswered. fpgo is no proxy: 400 in the envelope.
 */
function answerConnect(app: FastifyInstance): void {
  app.server.on('connect', (_request: unknown, socket: Socket) => answerOnSocket(socket, 'badRequest'));
}

/**
 * An `Expect` other than 100-continue: Node answers 417 with an empty body unless told otherwise.
 * RFC 9110 lets a server ignore the expectation; the request is served as if it had none.
 */
function ignoreUnknownExpectations(app: FastifyInstance): void {
  app.server.on('checkExpectation', (request, response) => app.server.emit('request', request, response));
}

/** What Node's HTTP parser refuses before Fastify sees a request: a bad method or request line, headers too large, too slow. */
function answerClientError(error: Error & { code?: string }, socket: Socket & { _httpMessage?: { headersSent?: boolean } | null }): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // The parser can fail after a request on this connection was answered (e.g. a Transfer-Encoding
  // it cannot frame): a second answer would be read as garbage, so the connection just ends (as Node's own handler does).
  if (socket._httpMessage?.headersSent) return void socket.destroy();
  const key: HttpFailureKey =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'requestTimeout' : error.code === 'HPE_HEADER_OVERFLOW' ? 'requestHeadersTooLarge' : 'badRequest';
  answerOnSocket(socket, key);
}

/** An answer in the envelope written straight to the socket, which is then closed. */
function answerOnSocket(socket: Socket, key: HttpFailureKey): void {
  const entry = HTTP_FAILURES[key];
  const body = JSON.stringify(errorEnvelope(entry, key, [entry.sentence]));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${entry.status} ${STATUS_CODES[entry.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
