/** Time as every part of fpgo reads it: through an injected clock, so expiry rules can be tested. */
// @ts-nocheck

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const MINUTE = 60_000;
export const DAY = 86_400_000;
