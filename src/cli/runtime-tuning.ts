/**
 * V8 settings for the fpgo process, applied by bin/fpgo.mjs before the rest of fpgo is loaded.
 *
 * Allocation-site pretenuring: V8 watches where objects are allocated and, when a site's objects
 * seem to survive young-generation collections, allocates that site's objects in the old generation
 * from then on. zod's parsers allocate a small object per field and check, all of it garbage once
 * the body is validated; with the server's libraries loaded V8 pretenured those sites, and
 * validating a create body then took ≈ 50 µs instead of ≈ 12 µs (in process, no server), with three
 * times the garbage-collection time. Under the create benchmark the request thread spent ≈ 20 % less
 * CPU per create without it (bench/README.md). Objects that do live long are copied once more by a
 * young collection instead; nothing else changes.
 *
 * `--single-threaded-gc` (on `npm start`'s command line, README "The Node process") cannot be set here:
 * V8 aborts when it is set after its heap is running.
 */
import { setFlagsFromString } from 'node:v8';

const V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;

export function tuneRuntime(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}
