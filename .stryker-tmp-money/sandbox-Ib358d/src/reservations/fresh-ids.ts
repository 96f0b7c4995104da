// @ts-nocheck
import { DuplicateKeyError } from './ports.js';

/** Fresh random ids are drawn this many times before a run of collisions is reported as an error. */
const ID_ATTEMPTS = 3;

/**
 * Runs `work`, which draws random ids and writes them, again with fresh ids when the write hits an
 * id already taken (the store's DuplicateKeyError; nothing was written then).
 */
export async function withFreshIds<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DuplicateKeyError) || attempt >= ID_ATTEMPTS) throw error;
    }
  }
}
