/**
 * The reserved-versus-captured chart of the reservation list: amounts per day in the merchant's time
 * zone over the last 30 days, drawn on the server as SVG (no script, nothing loaded from elsewhere).
 */
// @ts-nocheck

import { html, type Html } from '../kernel/html.js';
import { sumMinor, type MinorUnits } from '../kernel/money.js';
import { addDays, isoDate, localDate, startOfLocalDay, type LocalDate } from '../kernel/time-zones.js';
import type { MoneyOverTime } from '../reservations/reservation-list.js';

export const CHART_DAYS = 30;

export interface DayTotals {
  day: LocalDate;
  reserved: MinorUnits;
  captured: MinorUnits;
}

/** The instants the chart covers: from the start of the first day to the start of the day after today. */
export function chartRange(now: number, timeZone: string): { from: number; to: number; first: LocalDate } {
  const today = localDate(now, timeZone);
  const first = addDays(today, -(CHART_DAYS - 1));
  return { from: startOfLocalDay(first, timeZone), to: startOfLocalDay(addDays(today, 1), timeZone), first };
}

export function totalsPerDay(money: MoneyOverTime, first: LocalDate, timeZone: string): DayTotals[] {
  const days = Array.from({ length: CHART_DAYS }, (_, i) => addDays(first, i));
  const index = new Map(days.map((day, i) => [isoDate(day), i]));
  const reserved = days.map((): MinorUnits[] => []);
  const captured = days.map((): MinorUnits[] => []);
  for (const [list, into] of [
    [money.reserved, reserved],
    [money.captured, captured],
  ] as const) {
    for (const { at, amount } of list) {
      const i = index.get(isoDate(localDate(at, timeZone)));
      if (i !== undefined) into[i]!.push(amount);
    }
  }
  return days.map((day, i) => ({ day, reserved: sumMinor(reserved[i]!), captured: sumMinor(captured[i]!) }));
}

const WIDTH = 720;
const HEIGHT = 180;
const TOP = 10;
const BOTTOM = 24;
/** The same colours as the legend's (dashboard.css). */
const RESERVED_COLOUR = '#0b5cad';
const CAPTURED_COLOUR = '#1b7a3a';

/** Bars for each day, reserved beside captured; the labels are given by the caller's language. */
export function chartSvg(days: DayTotals[], labels: { title: string; summary: string; format: (day: LocalDate) => string }): Html {
  const highest = Math.max(1, ...days.flatMap((d) => [d.reserved, d.captured]));
  const slot = WIDTH / days.length;
  const bar = Math.max(2, slot / 2 - 2);
  const height = (amount: MinorUnits) => ((HEIGHT - TOP - BOTTOM) * amount) / highest;
  const base = HEIGHT - BOTTOM;
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-summary" preserveAspectRatio="none">
<title id="chart-title">${labels.title}</title><desc id="chart-summary">${labels.summary}</desc>
<line x1="0" y1="${base}" x2="${WIDTH}" y2="${base}" stroke="#8a929c" stroke-width="1"/>
${days.map((d, i) => {
  const x = i * slot + 1;
  const reserved = height(d.reserved);
  const captured = height(d.captured);
  return html`<rect x="${x.toFixed(1)}" y="${(base - reserved).toFixed(1)}" width="${bar.toFixed(1)}" height="${reserved.toFixed(1)}" fill="${RESERVED_COLOUR}"/><rect x="${(x + bar + 1).toFixed(1)}" y="${(base - captured).toFixed(1)}" width="${bar.toFixed(1)}" height="${captured.toFixed(1)}" fill="${CAPTURED_COLOUR}"/>${
    i % 7 === 0 || i === days.length - 1 ? html`<text x="${x.toFixed(1)}" y="${HEIGHT - 6}" font-size="12" fill="#4d5560">${labels.format(d.day)}</text>` : ''
  }`;
})}
</svg>`;
}
