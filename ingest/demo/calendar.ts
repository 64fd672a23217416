// The demo's year: its bounds, the dates the story turns on, and the working rhythm that
// shapes when deployments happen. All times are epoch milliseconds in UTC.
import type { Random } from './random.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const PERIOD_START = Date.UTC(2025, 11, 1);
export const PERIOD_END = Date.UTC(2026, 10, 30, 23, 59, 59);

/** From this day tier-1 and high-risk services run under stricter controls (the "reset"). */
export const RESET_AT = Date.UTC(2026, 2, 16);
/** The weeks before the reset in which AI-assisted deployments failed far more often. */
export const SPIKE_FROM = Date.UTC(2026, 1, 23);
export const SPIKE_TO = RESET_AT;

const dayPrefixes = new Map<number, number[]>();
const isoCodes = new Array<number>(24).fill(0);
const digit = (n: number) => 48 + n;

/**
 * Same as `new Date(ms).toISOString()` for times in this century, built from character codes
 * with the date part cached per day: the generator formats a few hundred thousand times, and a
 * flat string costs far less memory than one concatenated from pieces.
 */
export function iso(time: number): string {
  const ms = Math.floor(time);
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = Array.from(new Date(day * DAY).toISOString().slice(0, 11), (char) => char.charCodeAt(0));
    dayPrefixes.set(day, prefix);
  }
  for (let i = 0; i < 11; i++) isoCodes[i] = prefix[i] as number;
  const inDay = ms - day * DAY;
  const millis = inDay % 1000;
  const seconds = Math.floor(inDay / 1000) % 60;
  const minutes = Math.floor(inDay / MINUTE) % 60;
  const hours = Math.floor(inDay / HOUR);
  const fields = [hours, 58, minutes, 58, seconds, 46];
  for (let i = 0; i < 3; i++) {
    const value = fields[i * 2] as number;
    isoCodes[11 + i * 3] = digit(Math.floor(value / 10));
    isoCodes[12 + i * 3] = digit(value % 10);
    isoCodes[13 + i * 3] = fields[i * 2 + 1] as number;
  }
  isoCodes[20] = digit(Math.floor(millis / 100));
  isoCodes[21] = digit(Math.floor(millis / 10) % 10);
  isoCodes[22] = digit(millis % 10);
  isoCodes[23] = 90; // Z
  return String.fromCharCode(...isoCodes);
}

/** Drops the milliseconds: source systems report times to the second. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function isoDate(ms: number): string {
  return iso(ms).slice(0, 10);
}

/** 0 at the start of the year, 1 at its end: drives the adoption and tagging ramps. */
export function yearFraction(ms: number): number {
  return Math.min(1, Math.max(0, (ms - PERIOD_START) / (PERIOD_END - PERIOD_START)));
}

export function isWeekend(ms: number): boolean {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
}

/** Relative amount of deployment activity on a day: weekdays, quiet weekends, the year-end holidays. */
export function activityFactor(dayMs: number): number {
  const date = new Date(dayMs);
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const weekday = date.getUTCDay();
  let factor = weekday === 0 || weekday === 6 ? 0.08 : weekday === 5 ? 0.75 : 1;
  const holidays = (month === 11 && day >= 20) || (month === 0 && day <= 2);
  if (holidays) factor *= (month === 11 && (day === 24 || day === 25 || day === 26 || day === 31)) || (month === 0 && day === 1) ? 0.08 : 0.35;
  return factor;
}

// UTC hour weights: teams in Europe and the US, most deployments in the shared working hours.
const WEEKDAY_HOURS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1, 2, 4, 6, 7, 7, 5, 7, 8, 8, 7, 5, 4, 3, 2, 1, 0.5, 0.3];
const WEEKEND_HOURS = [0.5, 0.3, 0.3, 0.3, 0.3, 0.5, 0.8, 1, 1.5, 2, 2, 2, 2, 2, 2, 2, 2, 1.5, 1.5, 1, 1, 0.8, 0.6, 0.5];
const weightedHours = (weights: number[]) => weights.map((weight, hour) => [hour, weight] as const);
const WEEKDAY_TABLE = weightedHours(WEEKDAY_HOURS);
const WEEKEND_TABLE = weightedHours(WEEKEND_HOURS);

/** A time of day (ms after midnight) following the working rhythm, to the second. */
export function workingTimeOfDay(random: Random, weekend: boolean): number {
  const hour = random.weighted(weekend ? WEEKEND_TABLE : WEEKDAY_TABLE);
  return hour * HOUR + random.int(0, 3599) * 1000;
}
