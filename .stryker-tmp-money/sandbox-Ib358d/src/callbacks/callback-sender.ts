/**
 * Sends one callback GET with undici: 10 s timeout, no redirects followed, at most 64 KiB of the
 * answer read, private addresses refused unless allowed (address-guard.ts).
 */
// @ts-nocheck

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
      return { httpStatus: null, error: PRIVATE_ADDRESS, detail: new PrivateAddressError(host, host).message, durationMs: 0, retryable: false };
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
      const timeoutMs = this.options.timeoutMs ?? CALLBACK_TIMEOUT_MS;
      return { httpStatus: null, error: refused ? PRIVATE_ADDRESS : publicReason(error, timeoutMs), detail: rawReason(error), durationMs: elapsed(), retryable: !refused };
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

type NetworkError = { name?: string; message?: string; code?: string; cause?: { message?: string; code?: string } };

const PRIVATE_ADDRESS = 'the host resolves to a private address; set ALLOW_PRIVATE_CALLBACKS=true to allow it in development';
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA']);

/**
 * What the merchant's log shows of an attempt without an HTTP answer. Deliberately coarse: refused,
 * reset, unreachable, a TLS failure, a banner that is not HTTP or a timeout would tell whoever
 * picks the callbackUrl which ports of a host are open — fpgo would be a port scanner.
 */
function publicReason(error: unknown, timeoutMs: number): string {
  const e = error as NetworkError;
  if (DNS_CODES.has(e.code ?? e.cause?.code ?? '')) return 'the host name could not be resolved';
  return `no HTTP answer within ${timeoutMs / 1000} s (no connection, a broken one, or no answer)`;
}

/** The network error as it was, for the operator's log only. */
function rawReason(error: unknown): string {
  const e = error as NetworkError;
  const cause = e.cause?.message ? `: ${e.cause.message}` : '';
  return `${e.code ?? e.cause?.code ?? e.name ?? 'error'}: ${e.message ?? ''}${cause}`.slice(0, 500);
}
