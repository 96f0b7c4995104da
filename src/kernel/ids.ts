/**
 * Public ids follow FPGO's documented shape: a prefix and 10 random digits (RES3410395156).
 * They are random so they reveal nothing about volume. A write that hits an id already taken fails
 * with the store's DuplicateKeyError and is run again with fresh ids (reservations/fresh-ids.ts).
 */
import { randomFillSync } from 'node:crypto';

export type IdPrefix = 'RES' | 'CSRT' | 'CAP' | 'CHA' | 'REF' | 'MER';

export interface IdSource {
  id(prefix: IdPrefix): string;
  /** A URL-safe secret of `bytes` random bytes. */
  secret(bytes: number): string;
  /**
   * A secret of `bytes` random bytes after its creation time `at` (milliseconds, base 36, 9 characters), so such
   * secrets sort by when they were made: a unique index of them grows at its end instead of touching a
   * random page for each insert. The time adds no secrecy and takes none away.
   */
  orderedSecret(bytes: number, at: number): string;
}

/** Random bytes drawn from the OS in blocks, so each id costs no system call. */
class RandomPool {
  private readonly pool = Buffer.alloc(8192);
  private offset = this.pool.length;

  take(bytes: number): Buffer {
    if (this.offset + bytes > this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const slice = Buffer.from(this.pool.subarray(this.offset, this.offset + bytes));
    this.pool.fill(0, this.offset, this.offset + bytes);
    this.offset += bytes;
    return slice;
  }

  /** A uniform integer in [0, 2^32 / bound * bound) reduced to [0, bound), by rejection. */
  below(bound: number): number {
    const limit = Math.floor(0x1_0000_0000 / bound) * bound;
    for (;;) {
      const value = this.take(4).readUInt32BE(0);
      if (value < limit) return value % bound;
    }
  }
}

const pool = new RandomPool();

export const randomIds: IdSource = {
  id(prefix) {
    // First digit 1-9 so every id has exactly 10 digits.
    return `${prefix}${1 + pool.below(9)}${String(pool.below(1_000_000_000)).padStart(9, '0')}`;
  },
  secret(bytes) {
    return pool.take(bytes).toString('base64url');
  },
  orderedSecret(bytes, at) {
    return timeKey(at) + randomIds.secret(bytes);
  },
};

/** Fixed width, so the keys' text order is their time order (until the year 5138). */
function timeKey(at: number): string {
  return Math.max(0, Math.trunc(at)).toString(36).padStart(9, '0');
}
