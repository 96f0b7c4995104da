/** BANKID_OIDC_ISSUER: an https URL, or plain http on this machine only (a test provider on loopback). */
// @ts-nocheck

import { isIP } from 'node:net';

export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** The issuer as a URL; throws a readable reason for anything else. */
export function parseIssuerUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('must be a URL such as https://auth.example.com');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackUrl(url)) return url;
  throw new Error('must be an https URL (plain http is accepted only on loopback addresses, for tests)');
}
