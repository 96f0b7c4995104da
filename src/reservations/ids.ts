/**
 * Public ids follow FPGO's documented shape: a prefix and 10 random digits (RES3410395156).
 * They are random so they reveal nothing about volume; the store retries on the rare collision.
 */
import { randomBytes, randomInt } from 'node:crypto';

export type IdPrefix = 'RES' | 'CSRT' | 'CAP' | 'CHA' | 'MER';

export interface IdSource {
  id(prefix: IdPrefix): string;
  /** A URL-safe secret of `bytes` random bytes. */
  secret(bytes: number): string;
}

export const randomIds: IdSource = {
  id(prefix) {
    // First digit 1-9 so every id has exactly 10 digits.
    return `${prefix}${randomInt(1, 10)}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  },
  secret(bytes) {
    return randomBytes(bytes).toString('base64url');
  },
};
