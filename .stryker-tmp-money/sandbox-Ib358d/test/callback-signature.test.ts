// @ts-nocheck
import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { callbackWebhookSignature, fpgoChecksum, signedCallbackUrl, standardWebhookSignature } from '../src/callbacks/signature.js';
import { verifyCallback } from '../src/callbacks/verify-callback.js';

/** Front Payment's published PHP verifier, line by line: foreach ($_GET as $k => $v) if ($k !== 'checksum') $s .= $v; */
function phpVerifier(url: string, secret: string): boolean {
  const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  let routeParameters = '';
  for (const [key, value] of params) if (key !== 'checksum') routeParameters += value;
  return createHash('sha256').update(routeParameters + secret).digest('hex') === params.get('checksum');
}

const SECRET = 'whsec_dGVzdC1zZWNyZXQtMjQtYnl0ZXMtbG9uZyEh';
const PARAMS = { orderUuid: 'RES1234567890', status: 'RESERVED', paymentMethod: 'Visa', amount: '1000.00', createdAt: 1764000000, timestamp: 1764000100 };

describe('callback signatures', () => {
  it('computes the worked example of the doc comment', () => {
    const url =
      'https://shop.example/cb?order_identifier=xyz&orderUuid=RES1234567890&status=RESERVED&paymentMethod=Visa&amount=1000.00&createdAt=1764000000&timestamp=1764000100';
    const expected = createHash('sha256').update('xyzRES1234567890RESERVEDVisa1000.0017640000001764000100whsec_dGVzdA==').digest('hex');
    expect(fpgoChecksum(url, 'whsec_dGVzdA==')).toBe(expected);
  });

  it("appends FPGO's parameters after the merchant's own, in order, with the checksum last", () => {
    const url = signedCallbackUrl('https://shop.example/cb?order_identifier=rRbl1FWZG59o&order_status=success', PARAMS, SECRET);
    const keys = [...new URLSearchParams(url.split('?')[1])].map(([key]) => key);
    expect(keys).toEqual(['order_identifier', 'order_status', 'orderUuid', 'status', 'paymentMethod', 'amount', 'createdAt', 'timestamp', 'checksum']);
    expect(url.startsWith('https://shop.example/cb?order_identifier=rRbl1FWZG59o&order_status=success&orderUuid=')).toBe(true);
    expect(phpVerifier(url, SECRET)).toBe(true);
    expect(phpVerifier(url, `${SECRET}x`)).toBe(false);
  });

  it("keeps encoded merchant values as they are and signs what PHP's $_GET decodes", () => {
    const url = signedCallbackUrl('https://shop.example/cb?note=caf%C3%A9+%26+bar&empty=', PARAMS, SECRET);
    expect(url.startsWith('https://shop.example/cb?note=caf%C3%A9+%26+bar&empty=&orderUuid=')).toBe(true);
    expect(phpVerifier(url, SECRET)).toBe(true);
  });

  it('handles callback URLs without a query, ending in ? or with a fragment', () => {
    for (const base of ['https://shop.example/cb', 'https://shop.example/cb?', 'https://shop.example/cb#top']) {
      const url = signedCallbackUrl(base, PARAMS, SECRET);
      expect(url).toMatch(/^https:\/\/shop\.example\/cb\?orderUuid=RES1234567890&/);
      expect(phpVerifier(url, SECRET)).toBe(true);
    }
  });

  it('signs the Standard Webhooks headers over the full callback URL, so the official library accepts them', () => {
    const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
    const timestamp = Math.floor(Date.now() / 1000);
    const url = signedCallbackUrl('https://shop.example/cb?order_identifier=xyz', { ...PARAMS, timestamp }, SECRET);
    const signature = callbackWebhookSignature(SECRET, id, timestamp, url);
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
    expect(signature).toBe(standardWebhookSignature(SECRET, id, timestamp, JSON.stringify(url)));
    const headers = (webhookId: string) => ({ 'webhook-id': webhookId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature });
    // The official library's verify(payload, headers) throws unless the signature covers exactly this payload, and returns it parsed.
    expect(new Webhook(SECRET).verify(JSON.stringify(url), headers(id))).toBe(url);
    expect(() => new Webhook(SECRET).verify(JSON.stringify(url), headers('msg_other'))).toThrow();
    expect(() => new Webhook(SECRET).verify('""', headers(id))).toThrow();
    // The names it vouches for too: the checksum alone would not notice a renamed merchant parameter.
    expect(() => new Webhook(SECRET).verify(JSON.stringify(url.replace('order_identifier=', 'order_id=')), headers(id))).toThrow();
  });
});

describe('verifyCallback, for merchants', () => {
  const url = signedCallbackUrl('https://shop.example/cb?order_identifier=xyz', PARAMS, SECRET);
  /** verifyCallback at the moment the callback was sent. */
  const at = (seconds = PARAMS.timestamp) => ({ now: () => seconds * 1000 });

  it('returns the event of a genuine callback, from a full URL, a path or a bare query', () => {
    const path = url.slice('https://shop.example'.length);
    for (const given of [url, path, path.slice(path.indexOf('?') + 1)]) {
      expect(verifyCallback(given, SECRET, at())).toEqual({
        ok: true,
        event: { ...PARAMS, merchantParameters: { order_identifier: 'xyz' } },
      });
    }
  });

  it('refuses a wrong secret, a changed value and missing parameters, saying why', () => {
    expect(verifyCallback(url, 'whsec_wrong', at())).toEqual({ ok: false, reason: 'checksum does not match: wrong secret, or the URL was changed' });
    expect(verifyCallback(url.replace('amount=1000.00', 'amount=1.00'), SECRET, at()).ok).toBe(false);
    expect(verifyCallback('https://shop.example/cb?orderUuid=RES1', SECRET, at())).toEqual({
      ok: false,
      reason: 'missing query parameter(s): status, paymentMethod, amount, createdAt, timestamp, checksum',
    });
  });

  it('refuses callbacks older (or newer) than 5 minutes by default, and as the tolerance asks', () => {
    expect(verifyCallback(url, SECRET, at(PARAMS.timestamp + 300)).ok).toBe(true);
    expect(verifyCallback(url, SECRET, at(PARAMS.timestamp + 301))).toEqual({
      ok: false,
      reason: 'timestamp 1764000100 is more than 300 s from now: an old or replayed callback',
    });
    expect(verifyCallback(url, SECRET, at(PARAMS.timestamp - 301)).ok).toBe(false);
    expect(verifyCallback(url, SECRET).ok).toBe(false);
    expect(verifyCallback(url, SECRET, { ...at(PARAMS.timestamp + 601), toleranceSeconds: 600 }).ok).toBe(false);
    expect(verifyCallback(url, SECRET, { ...at(PARAMS.timestamp + 599), toleranceSeconds: 600 }).ok).toBe(true);
    expect(verifyCallback(url, SECRET, { toleranceSeconds: Infinity }).ok).toBe(true);
  });

  /** Re-signs a forged URL the way the checksum allows: only the values, in order, count. */
  const forged = (change: (query: string) => string) => {
    const query = change(url.slice(url.indexOf('?') + 1, url.indexOf('&checksum=')));
    return `https://shop.example/cb?${query}&checksum=${url.slice(url.indexOf('&checksum=') + '&checksum='.length)}`;
  };

  it('refuses swapped names that keep the checksum valid: amount and createdAt, status and paymentMethod', () => {
    const swapped = forged((q) => q.replace('amount=1000.00&createdAt=1764000000', 'createdAt=1000.00&amount=1764000000'));
    expect(phpVerifier(swapped, SECRET)).toBe(true);
    expect(verifyCallback(swapped, SECRET, at())).toEqual({
      ok: false,
      reason: "the query must end with orderUuid, status, paymentMethod, amount, createdAt, timestamp, checksum in this order, after the callback URL's own parameters",
    });
    const renamed = forged((q) => q.replace('status=RESERVED&paymentMethod=Visa', 'paymentMethod=RESERVED&status=Visa'));
    expect(phpVerifier(renamed, SECRET)).toBe(true);
    expect(verifyCallback(renamed, SECRET, at()).ok).toBe(false);
  });

  it('refuses moved value boundaries and fpgo names among the merchant parameters', () => {
    const cases: [string, string][] = [
      [forged((q) => q.replace('createdAt=1764000000&timestamp=1764000100', 'createdAt=176400000&timestamp=01764000100')), 'query parameter timestamp is not in fpgo\'s format'],
      [forged((q) => q.replace('paymentMethod=Visa&amount=1000.00', 'paymentMethod=Visa1&amount=000.00')), 'query parameter paymentMethod is not in fpgo\'s format'],
      [forged((q) => q.replace('order_identifier=xyz', 'amount=&order_identifier=xyz')), 'query parameter amount appears twice'],
      [forged((q) => q.replace('order_identifier=xyz&orderUuid=RES1234567890', 'order_identifier=xyzRES&orderUuid=1234567890')), 'query parameter orderUuid is not in fpgo\'s format'],
    ];
    for (const [given, reason] of cases) {
      expect(phpVerifier(given, SECRET), given).toBe(true);
      expect(verifyCallback(given, SECRET, at())).toEqual({ ok: false, reason });
    }
  });

});
