/**
 * PostgreSQL text cannot hold U+0000, and a query comparing with such a value fails instead of
 * finding nothing. Ids and tokens from the outside (paths, links) are checked here first: no row
 * can match them, on either backend, so the lookup answers "not found" without asking.
 */
// @ts-nocheck

export function couldBeStored(text: string): boolean {
  return !text.includes('\0');
}
