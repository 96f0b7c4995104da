/**
 * Public ids follow FPGO's documented shape: a prefix and 10 random digits (RES3410395156).
 * They are random so they reveal nothing about volume. A write that hits an id already taken fails
 * with the store's DuplicateKeyError and is run again with fresh ids (reservations/fresh-ids.ts).
 *
 * Each id is drawn from a window: a range of WINDOW_SPAN values at a random place, kept for
 * WINDOW_MS and then drawn anew. A B-tree keyed by random ids puts each new row into a random page,
 * which its transaction rewrites whole into SQLite's log and flushes: with the reservation's and the
 * customer's id that was two 4 KiB pages per create, of ≈ 1 KiB of data. Ids drawn in one window
 * fall into one or two pages of each index, so a group of creates committed together touches those.
 * The window moves with time, never with the number of ids drawn, so it tells nothing about volume;
 * ids from one window only tell that they were made within the same WINDOW_MS. Over many windows
 * every value is as likely as any other, and so is a collision with an id already stored.
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

/** Random bytes drawn from the OS in blocks, so each id costs no system call; a byte handed out is zeroed in the pool. */
class RandomPool {
  private readonly pool = Buffer.alloc(8192);
  private offset = this.pool.length;

  /** `bytes` random bytes as base64url. */
  base64url(bytes: number): string {
    const start = this.reserve(bytes);
    const text = this.pool.toString('base64url', start, start + bytes);
    this.pool.fill(0, start, start + bytes);
    return text;
  }

  /** A uniform integer in [0, 2^32 / bound * bound) reduced to [0, bound), by rejection. */
  below(bound: number): number {
    const limit = Math.floor(0x1_0000_0000 / bound) * bound;
    for (;;) {
      const start = this.reserve(4);
      const value = this.pool.readUInt32BE(start);
      this.pool.writeUInt32BE(0, start);
      if (value < limit) return value % bound;
    }
  }

  /** Where the next `bytes` unused bytes start, refilling the pool when too few are left. */
  private reserve(bytes: number): number {
    if (this.offset + bytes > this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const start = this.offset;
    this.offset += bytes;
    return start;
  }
}

/** 10 digits, the first 1-9: 9,000,000,000 values from 1,000,000,000. */
const FIRST_ID = 1_000_000_000;
const WINDOW_SPAN = 100_000;
const WINDOW_MS = 100;
/** Window starts, in whole spans: the last window ends at the last id. */
const WINDOW_STARTS = 9_000_000_000 / WINDOW_SPAN;
/** Past this many ids in one window (5 million a second) a new window is drawn early, so a draw never searches long for an unused value. */
const MAX_IDS_PER_WINDOW = WINDOW_SPAN / 2;

interface IdWindow {
  start: number;
  openedAt: number;
  /** The values this process drew in it: never the same id twice from one window. */
  drawn: Set<number>;
}

/** One window per prefix, so each kind's index gets its own run of neighbouring ids. */
class IdWindows {
  private readonly windows = new Map<IdPrefix, IdWindow>();

  constructor(
    private readonly pool: RandomPool,
    /** Monotonic milliseconds: only the windows' age is read, never the time of day. */
    private readonly now: () => number,
  ) {}

  draw(prefix: IdPrefix): number {
    const window = this.current(prefix);
    for (;;) {
      const value = window.start + this.pool.below(WINDOW_SPAN);
      if (window.drawn.has(value)) continue;
      window.drawn.add(value);
      return FIRST_ID + value;
    }
  }

  private current(prefix: IdPrefix): IdWindow {
    const now = this.now();
    const window = this.windows.get(prefix);
    if (window && now - window.openedAt < WINDOW_MS && window.drawn.size < MAX_IDS_PER_WINDOW) return window;
    const opened = { start: this.pool.below(WINDOW_STARTS) * WINDOW_SPAN, openedAt: now, drawn: new Set<number>() };
    this.windows.set(prefix, opened);
    return opened;
  }
}

/** An id source drawing from the OS's randomness; `now` (monotonic milliseconds) ages the id windows. */
export function randomIdSource(now: () => number = () => performance.now()): IdSource {
  const pool = new RandomPool();
  const windows = new IdWindows(pool, now);
  const secret = (bytes: number) => pool.base64url(bytes);
  return {
    id: (prefix) => `${prefix}${windows.draw(prefix)}`,
    secret,
    orderedSecret: (bytes, at) => timeKey(at) + secret(bytes),
  };
}

export const randomIds: IdSource = randomIdSource();

/** Fixed width, so the keys' text order is their time order (until the year 5138). */
function timeKey(at: number): string {
  return Math.max(0, Math.trunc(at)).toString(36).padStart(9, '0');
}
