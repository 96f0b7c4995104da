/**
 * Calendar rules in a merchant's time zone (every merchant is created with Europe/Oslo), computed
 * with Intl so no time-zone data is bundled. All instants are epoch milliseconds.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

/**
 * Zone offsets change only on quarter-hour boundaries, so the offset found for one instant holds
 * for its whole quarter hour; caching it keeps Intl (slow) off the request path. Kept per zone and
 * keyed by the quarter's number, so a lookup builds no string.
 */
const QUARTER_HOUR = 15 * 60_000;
const MAX_CACHED_QUARTERS = 10_000;
const MAX_CACHED_ZONES = 64;
const offsetCache = new Map<string, Map<number, number>>();
const endOfDayCache = new Map<string, Map<number, number>>();

/** A value that is the same for every instant of a quarter hour in a zone, computed once per quarter. */
function perQuarter(cache: Map<string, Map<number, number>>, instant: number, timeZone: string, compute: (instant: number) => number): number {
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let values = cache.get(timeZone);
  if (!values) {
    if (cache.size >= MAX_CACHED_ZONES) cache.clear();
    values = new Map();
    cache.set(timeZone, values);
  }
  let value = values.get(quarter);
  if (value === undefined) {
    value = compute(quarter * QUARTER_HOUR);
    if (values.size > MAX_CACHED_QUARTERS) values.clear();
    values.set(quarter, value);
  }
  return value;
}

function zoneOffset(instant: number, timeZone: string): number {
  return perQuarter(offsetCache, instant, timeZone, (probe) => {
    const parts: Record<string, number> = {};
    for (const part of formatterFor(timeZone).formatToParts(probe)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - probe;
  });
}

/** A Date whose UTC fields read as the wall clock of `timeZone` at `instant`. */
function shifted(instant: number, timeZone: string): Date {
  return new Date(instant + zoneOffset(instant, timeZone));
}

function wallClock(instant: number, timeZone: string): WallClock {
  const wall = shifted(instant, timeZone);
  return { ...localDateOf(wall), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() };
}

/** The calendar day of `instant` in the zone. */
export function localDate(instant: number, timeZone: string): LocalDate {
  return localDateOf(shifted(instant, timeZone));
}

function localDateOf(wall: Date): LocalDate {
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The instant a local calendar day starts (handles DST by correcting the offset twice). */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day);
  let instant = wallAsUtc;
  for (let i = 0; i < 2; i++) {
    const seen = wallClock(instant, timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    instant += wallAsUtc - seenAsUtc;
  }
  return instant;
}

/**
 * The last millisecond of the local calendar day that contains `instant`. Local midnight falls on a
 * quarter-hour boundary (offsets are whole quarter hours), so the answer holds for the whole quarter.
 */
export function endOfLocalDay(instant: number, timeZone: string): number {
  return perQuarter(endOfDayCache, instant, timeZone, (quarterStart) => {
    const { year, month, day } = localDate(quarterStart, timeZone);
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    return startOfLocalDay({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone) - 1;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "21.01.2024 04:00" — FPGO's history format. */
export function formatDateTime(instant: number, timeZone: string): string {
  const t = wallClock(instant, timeZone);
  return `${pad(t.day)}.${pad(t.month)}.${t.year} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** "2024-01-21T04:00:00+01:00" — ISO 8601 with the zone's offset at that instant. */
export function formatIsoLocal(instant: number, timeZone: string): string {
  const offsetMinutes = Math.round(zoneOffset(instant, timeZone) / 60_000);
  const t = wallClock(instant, timeZone);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${offset}`;
}

/** Unix seconds as a string or number ("1724294524") → epoch ms, or null. */
export function parseUnixSeconds(input: unknown): number | null {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
  if (!/^\d{1,11}$/.test(text)) return null;
  return Number(text) * 1000;
}

/**
 * `orderDate` comes either as Unix seconds or as Laravel's `d M, Y` ("03 Sep, 2025"), which means
 * the start of that day in the merchant's time zone.
 */
export function parseOrderDate(input: unknown, timeZone: string): number | null {
  const unix = parseUnixSeconds(input);
  if (unix !== null) return unix;
  if (typeof input !== 'string') return null;
  const match = /^(\d{1,2}) ([A-Za-z]{3}),? (\d{4})$/.exec(input.trim());
  if (!match) return null;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === match[2]!.toLowerCase()) + 1;
  const date = { year: Number(match[3]), month, day: Number(match[1]) };
  if (month === 0 || !isRealDate(date)) return null;
  return startOfLocalDay(date, timeZone);
}

function isRealDate({ year, month, day }: LocalDate): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** "21.01.2024" — the calendar day of an instant in the given zone. */
export function formatDate(instant: number, timeZone: string): string {
  const t = wallClock(instant, timeZone);
  return `${pad(t.day)}.${pad(t.month)}.${t.year}`;
}

/** The calendar day `days` after (or before) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** "2025-03-09" (an HTML date field's value) → the date, or null. */
export function parseIsoDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(date) ? date : null;
}

/** "2025-03-09". */
export function isoDate(date: LocalDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
