/** Durations in settings: "500ms", "10s", "5m", "2h", "31d". */
// @ts-nocheck

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(`"${text.trim()}" is not a duration such as 500ms, 10s, 5m, 2h or 1d`);
  const ms = Math.round(Number(match[1]) * UNITS[match[2]!]!);
  if (ms <= 0) throw new Error(`"${text.trim()}" must be longer than 0`);
  return ms;
}
