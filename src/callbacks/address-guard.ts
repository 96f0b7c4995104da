/**
 * Callback URLs are the merchant's, but the requests are fpgo's: without a guard a merchant could
 * make fpgo call its own database, a cloud metadata service or the office network (SSRF). Hosts
 * are checked after DNS resolution, at connection time, so a name cannot change its answer between
 * the check and the request. ALLOW_PRIVATE_CALLBACKS=true lifts the guard for local development.
 */
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 can reach IPv4 private space
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True for addresses a callback may not be sent to unless private callbacks are allowed. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1, ::ffff:a00:1) is checked against the IPv4 rules by BlockList itself.
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, a private address; set ALLOW_PRIVATE_CALLBACKS=true to allow it in development`);
    this.name = 'PrivateAddressError';
  }
}
