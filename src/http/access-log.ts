import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * A checkout token is the customer's credential, and the BankID return carries a login's code and
 * state: under /checkout/ only the fixed paths (assets, the BankID pages) reach a log, and no query.
 */
const CHECKOUT_URL = /(\/checkout\/+)([^?#]*)(\?[^#]*)?/gi;
const FIXED_CHECKOUT_PATH = /^(assets|bankid)\//i;

export function redactUrl(url: string): string {
  return url.replace(CHECKOUT_URL, (_url, prefix: string, path: string, query: string | undefined) =>
    `${prefix}${FIXED_CHECKOUT_PATH.test(path) ? path : '[token]'}${query ? '?[redacted]' : ''}`,
  );
}

/** One access-log line per answered request (Fastify's default writes two), without secrets in the URL. */
export class AccessLog extends LogController {
  /** `logger`: the server's; a request's line carries its id as a field, so its own logger is made only when it logs (request-logger.ts). */
  constructor(private readonly logger: FastifyBaseLogger) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { reqId: request.id, method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) this.logger.error({ ...line, err: error }, 'request errored');
    else this.logger.info(line, 'request');
  }

  // Fastify's own lines would print the raw URL (or the whole request): these print the redacted one.
  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: redactUrl(request.url), status: reply.statusCode, err: error };
    if (reply.statusCode >= 500) reply.log.error(line, 'request failed');
    else reply.log.info(line, 'request refused');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method, url: redactUrl(request.url) }, 'route not found');
  }
}
