/**
 * Query strings of merchants' URLs. Parameters are appended without touching what the merchant put
 * there: their own query string stays byte for byte and first, ours follow, a #fragment stays last.
 */
// @ts-nocheck

export function appendQuery(url: string, params: Record<string, string>): string {
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const added = new URLSearchParams(params).toString();
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${added}${fragment}`;
}

const utf8 = new TextEncoder();

/**
 * The URL with every character an HTTP header cannot carry (controls, spaces, anything beyond
 * ASCII) percent-encoded as UTF-8, the rest kept byte for byte: safe for a Location header.
 */
export function headerSafeUrl(url: string): string {
  return url.replace(/[^\x21-\x7e]+/g, (run) => [...utf8.encode(run)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** The name/value pairs a URL's query carries, in order, decoded as PHP's $_GET decodes them. */
export function queryValues(url: string): [string, string][] {
  const at = url.indexOf('?');
  if (at === -1) return [];
  const end = url.indexOf('#', at);
  return [...new URLSearchParams(url.slice(at + 1, end === -1 ? undefined : end))];
}
