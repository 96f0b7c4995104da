import { describe, expect, it } from 'vitest';
import { endOfLocalDay, formatDate, formatDateTime, parseOrderDate, parseUnixSeconds, startOfLocalDay } from '../src/kernel/time-zones.js';

const OSLO = 'Europe/Oslo';

describe('calendar rules in the merchant time zone', () => {
  it('parses Unix seconds given as text or number', () => {
    expect(parseUnixSeconds('1724294524')).toBe(1724294524000);
    expect(parseUnixSeconds(1724294524)).toBe(1724294524000);
    expect(parseUnixSeconds('17242945.24')).toBeNull();
    expect(parseUnixSeconds('soon')).toBeNull();
  });

  it("reads Laravel's d M, Y as the start of that day in Oslo", () => {
    expect(parseOrderDate('03 Sep, 2025', OSLO)).toBe(Date.UTC(2025, 8, 2, 22, 0));
    expect(parseOrderDate('3 sep 2025', OSLO)).toBe(Date.UTC(2025, 8, 2, 22, 0));
    expect(parseOrderDate('20 Jan, 2025', OSLO)).toBe(Date.UTC(2025, 0, 19, 23, 0));
    expect(parseOrderDate('31 Feb, 2025', OSLO)).toBeNull();
    expect(parseOrderDate('03 Sept, 2025', OSLO)).toBeNull();
  });

  it('finds the start and end of local days across daylight-saving changes', () => {
    // 30 March 2025: clocks in Oslo jump from 02:00 to 03:00, so the day has 23 hours.
    const start = startOfLocalDay({ year: 2025, month: 3, day: 30 }, OSLO);
    expect(start).toBe(Date.UTC(2025, 2, 29, 23, 0));
    expect(endOfLocalDay(start + 3600_000, OSLO)).toBe(Date.UTC(2025, 2, 30, 22, 0) - 1);
    // 26 October 2025 has 25 hours.
    expect(endOfLocalDay(Date.UTC(2025, 9, 26, 12, 0), OSLO) - startOfLocalDay({ year: 2025, month: 10, day: 26 }, OSLO)).toBe(25 * 3600_000 - 1);
  });

  it('ends the local day at local midnight, to the millisecond, in zones with whole-hour and 45-minute offsets', () => {
    const osloMidnight = Date.UTC(2025, 5, 10, 22, 0); // 11 June 00:00 in Oslo (UTC+2)
    expect(endOfLocalDay(osloMidnight - 1, OSLO)).toBe(osloMidnight - 1);
    expect(endOfLocalDay(osloMidnight - 15 * 60_000, OSLO)).toBe(osloMidnight - 1);
    expect(endOfLocalDay(osloMidnight, OSLO)).toBe(osloMidnight + 24 * 3600_000 - 1);
    const kathmanduMidnight = Date.UTC(2025, 5, 10, 18, 15); // 11 June 00:00 in Kathmandu (UTC+5:45)
    for (const instant of [kathmanduMidnight - 1, kathmanduMidnight - 14 * 60_000]) {
      expect(endOfLocalDay(instant, 'Asia/Kathmandu')).toBe(kathmanduMidnight - 1);
    }
    expect(endOfLocalDay(kathmanduMidnight, 'Asia/Kathmandu')).toBe(kathmanduMidnight + 24 * 3600_000 - 1);
  });

  it("formats FPGO's history datetime and plain dates", () => {
    expect(formatDateTime(Date.UTC(2024, 0, 21, 3, 0), OSLO)).toBe('21.01.2024 04:00');
    expect(formatDate(Date.UTC(2024, 7, 22, 2, 42), OSLO)).toBe('22.08.2024');
    expect(formatDate(Date.UTC(2024, 11, 31, 23, 30), OSLO)).toBe('01.01.2025');
  });
});
