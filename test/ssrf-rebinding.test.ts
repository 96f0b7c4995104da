/**
 * DNS rebinding against the SSRF guard: a callback host that resolves to a public address once and
 * to a private one the next time must be refused the next time — the guard checks the addresses of
 * every connection it opens, not a name it once found harmless. The DNS here is the test's own
 * (CallbackSender's resolver hook); the receiver on 127.0.0.1 is real and must get nothing.
 */
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackSender } from '../src/callbacks/callback-sender.js';
import { startReceiver, type Receiver } from './support/receiver.js';

/** TEST-NET-1: public as far as the guard is concerned, and nothing answers there. */
const PUBLIC = { address: '192.0.2.1', family: 4 };
const LOOPBACK = { address: '127.0.0.1', family: 4 };
const PRIVATE_REASON = 'the host resolves to a private address; set ALLOW_PRIVATE_CALLBACKS=true to allow it in development';

describe('the SSRF guard against DNS rebinding', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  /** A DNS that gives each answer in turn for `rebind.example`, the last one from then on. */
  function rebindingDns(...answers: LookupAddress[][]) {
    const asked: string[] = [];
    const resolve = async (hostname: string) => {
      asked.push(hostname);
      return answers[Math.min(asked.length, answers.length) - 1]!;
    };
    return { resolve, asked };
  }

  it('refuses the connection once the name answers a private address, after a public one', async () => {
    const dns = rebindingDns([PUBLIC], [LOOPBACK]);
    const sender = new CallbackSender({ allowPrivate: false, timeoutMs: 300, resolve: dns.resolve });
    try {
      const url = `http://rebind.example:${receiver.port}/cb`;
      const first = await sender.send(url, {});
      expect(first.httpStatus).toBeNull();
      expect(first.error).not.toBe(PRIVATE_REASON);
      const second = await sender.send(url, {});
      expect(second).toMatchObject({ httpStatus: null, error: PRIVATE_REASON, retryable: false });
      expect(dns.asked).toEqual(['rebind.example', 'rebind.example']);
      expect(receiver.hits).toHaveLength(0);
    } finally {
      await sender.close();
    }
  });

  it('refuses a name that answers a public and a private address at once', async () => {
    const dns = rebindingDns([PUBLIC, LOOPBACK]);
    const sender = new CallbackSender({ allowPrivate: false, timeoutMs: 300, resolve: dns.resolve });
    try {
      expect(await sender.send(`http://rebind.example:${receiver.port}/cb`, {})).toMatchObject({ httpStatus: null, error: PRIVATE_REASON, retryable: false });
      expect(receiver.hits).toHaveLength(0);
    } finally {
      await sender.close();
    }
  });

  it('connects when the guard is lifted (ALLOW_PRIVATE_CALLBACKS), so the refusals above are the guard\'s', async () => {
    const dns = rebindingDns([LOOPBACK]);
    const sender = new CallbackSender({ allowPrivate: true, timeoutMs: 2_000, resolve: dns.resolve });
    try {
      expect(await sender.send(`http://rebind.example:${receiver.port}/cb`, {})).toMatchObject({ httpStatus: 200 });
      expect(receiver.hits).toHaveLength(1);
    } finally {
      await sender.close();
    }
  });
});
