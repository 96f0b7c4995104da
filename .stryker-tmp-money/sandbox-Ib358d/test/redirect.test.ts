// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { appendQuery } from '../src/kernel/url-query.js';

const ours = { reservationUuid: 'RES1509072702', status: 'RESERVED' };

describe('appendQuery', () => {
  it("keeps the merchant's query first and appends ours (Front Payment's own example URL)", () => {
    const url = 'https://wp.frontpayment.no/?order_identifier=rRbl1FWZG59o&order_status=success';
    expect(appendQuery(url, ours)).toBe(`${url}&reservationUuid=RES1509072702&status=RESERVED`);
    expect([...new URL(appendQuery(url, ours)).searchParams.keys()]).toEqual(['order_identifier', 'order_status', 'reservationUuid', 'status']);
  });

  it("leaves the merchant's query byte for byte, odd encodings, empty values and bare keys included", () => {
    const query = '?q=a%20b+c&x=%E2%9C%93&X=%e2%9c%93&empty=&flag&a[]=1&a[]=2&same=1&same=2';
    const url = `https://shop.example/return${query}`;
    const result = appendQuery(url, ours);
    expect(result.startsWith(url)).toBe(true);
    expect(result.slice(url.length)).toBe('&reservationUuid=RES1509072702&status=RESERVED');
  });

  it('starts a query on a URL without one', () => {
    expect(appendQuery('https://shop.example/ok', ours)).toBe('https://shop.example/ok?reservationUuid=RES1509072702&status=RESERVED');
    expect(appendQuery('http://127.0.0.1:8080', ours)).toBe('http://127.0.0.1:8080?reservationUuid=RES1509072702&status=RESERVED');
  });

  it('adds no extra separator after a trailing ? or &', () => {
    expect(appendQuery('https://shop.example/ok?', ours)).toBe('https://shop.example/ok?reservationUuid=RES1509072702&status=RESERVED');
    expect(appendQuery('https://shop.example/ok?a=1&', ours)).toBe('https://shop.example/ok?a=1&reservationUuid=RES1509072702&status=RESERVED');
  });

  it('keeps a #fragment last, even one holding a ? of its own', () => {
    expect(appendQuery('https://shop.example/ok?order=7#receipt', ours)).toBe(
      'https://shop.example/ok?order=7&reservationUuid=RES1509072702&status=RESERVED#receipt',
    );
    expect(appendQuery('https://shop.example/spa#/done?step=3', ours)).toBe(
      'https://shop.example/spa?reservationUuid=RES1509072702&status=RESERVED#/done?step=3',
    );
    expect(new URL(appendQuery('https://shop.example/spa#/done?step=3', ours)).hash).toBe('#/done?step=3');
  });

  it('encodes the values it adds', () => {
    const result = appendQuery('https://shop.example/failed?o=1', { reservationUuid: 'RES1', status: 'SENT', reason: 'card declined & more' });
    expect(result).toBe('https://shop.example/failed?o=1&reservationUuid=RES1&status=SENT&reason=card+declined+%26+more');
    expect(new URL(result).searchParams.get('reason')).toBe('card declined & more');
  });
});
