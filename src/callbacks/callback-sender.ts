/**
 * Sends one callback GET with undici: 10 s timeout, no redirects followed, at most 64 KiB of the
 * answer read, private addresses refused unless allowed (address-guard.ts).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import type { AttemptResult } from '../reservations/status-callback.js';
import { isPrivateAddress, PrivateAddressError } from './address-guard.js';

export const CALLBACK_TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 64 * 1024;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (refused) return callback(new PrivateAddressError(hostname, refused.address), '');
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      return first ? callback(null, first.address, first.family) : callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
    });
  };
}

export class CallbackSender {
  private readonly agent: Agent;

  constructor(private readonly options: { allowPrivate: boolean; timeoutMs?: number }) {
    const timeout = options.timeoutMs ?? CALLBACK_TIMEOUT_MS;
    this.agent = new Agent({
      connect: { timeout, lookup: guardedLookup(options.allowPrivate) as never },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connections: 64,
    });
  }

  async send(url: string, headers: Record<string, string>): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (!this.options.allowPrivate && isIP(host) && isPrivateAddress(host)) {
      return { httpStatus: null, error: new PrivateAddressError(host, host).message, durationMs: 0, retryable: false };
    }
    try {
      const response = await request(url, {
        method: 'GET',
        headers: { 'user-agent': 'fpgo-callbacks/1', ...headers },
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? CALLBACK_TIMEOUT_MS),
      });
      await readAtMost(response.body, MAX_RESPONSE_BYTES);
      return { httpStatus: response.statusCode, error: null, durationMs: elapsed(), retryable: true };
    } catch (error) {
      const refused = error instanceof PrivateAddressError || (error as { cause?: unknown }).cause instanceof PrivateAddressError;
      return { httpStatus: null, error: describe(error, this.options.timeoutMs ?? CALLBACK_TIMEOUT_MS), durationMs: elapsed(), retryable: !refused };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Drains up to `limit` bytes so the connection can be reused, then drops the rest. */
async function readAtMost(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<void> {
  let read = 0;
  for await (const chunk of body) {
    read += chunk.length;
    if (read >= limit) {
      body.destroy();
      return;
    }
  }
}

function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: { message?: string; code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = e.cause?.message ? `: ${e.cause.message}` : '';
  return `${e.code ?? e.cause?.code ?? e.name ?? 'error'}: ${e.message ?? ''}${cause}`.slice(0, 500);
}
