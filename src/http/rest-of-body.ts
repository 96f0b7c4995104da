/**
 * Fastify refuses a body declared too large (413) before reading any of it. Answering at once, while
 * the client is still sending, often loses the answer: the connection closes under the client's
 * writes (EPIPE, a reset) before it reads the 413. So the rest of the body is read and thrown away
 * first, as servers do before closing such a connection; the request timeout bounds how long a slow
 * client may take, and a body declared larger than this is refused at once.
 */
import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';

const DRAINED_BODY_LIMIT = 16 * 1024 * 1024;

export async function readRestOfBody(request: IncomingMessage): Promise<void> {
  const declared = Number(request.headers['content-length']);
  if (request.complete || !(declared <= DRAINED_BODY_LIMIT)) return;
  request.resume();
  await finished(request).catch(() => {});
}
