import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { fpgoChecksum, signedCallbackUrl, standardWebhookSignature } from '../src/callbacks/signature.js';
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

  it('signs the Standard Webhooks headers so the official library accepts them', () => {
    const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = standardWebhookSignature(SECRET, id, timestamp);
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
    // verify() throws unless the signature is right (and returns the parsed body, none for a GET).
    expect(() => new Webhook(SECRET).verify('', { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).not.toThrow();
    expect(() => new Webhook(SECRET).verify('', { 'webhook-id': 'msg_other', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toThrow();
  });
});

describe('verifyCallback, for merchants', () => {
  const url = signedCallbackUrl('https://shop.example/cb?order_identifier=xyz', PARAMS, SECRET);

  it('returns the event of a genuine callback, from a full URL, a path or a bare query', () => {
    const path = url.slice('https://shop.example'.length);
    for (const given of [url, path, path.slice(path.indexOf('?') + 1)]) {
      expect(verifyCallback(given, SECRET)).toEqual({
        ok: true,
        event: { ...PARAMS, merchantParameters: { order_identifier: 'xyz' } },
      });
    }
  });

  it('refuses a wrong secret, a changed value and missing parameters, saying why', () => {
    expect(verifyCallback(url, 'whsec_wrong')).toEqual({ ok: false, reason: 'checksum does not match: wrong secret, or the URL was changed' });
    expect(verifyCallback(url.replace('amount=1000.00', 'amount=1.00'), SECRET).ok).toBe(false);
    expect(verifyCallback('https://shop.example/cb?orderUuid=RES1', SECRET)).toEqual({
      ok: false,
      reason: 'missing query parameter(s): status, paymentMethod, amount, createdAt, timestamp, checksum',
    });
  });

  it('refuses old callbacks when a tolerance is asked for', () => {
    const now = () => (PARAMS.timestamp + 301) * 1000;
    expect(verifyCallback(url, SECRET, { toleranceSeconds: 300, now }).ok).toBe(false);
    expect(verifyCallback(url, SECRET, { toleranceSeconds: 600, now }).ok).toBe(true);
  });
});
