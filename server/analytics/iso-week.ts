// ISO 8601 weeks (docs/metrics.md: "a week is an ISO week (it starts on Monday)"), named as in
// the weekly review's URL: `2026-W47`. Week 1 is the week holding the year's first Thursday.
import { DAY_MS, InvalidFilterError } from './filters.ts';

const WEEK_NAME = /^(\d{4})-W(\d{2})$/;

/** Monday 00:00 UTC of the ISO week holding `day`. */
export function weekStart(day: Date): Date {
  const midnight = Math.floor(day.getTime() / DAY_MS) * DAY_MS;
  return new Date(midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY_MS);
}

/** The name of the ISO week holding `day`: its year is the year of that week's Thursday. */
export function weekName(day: Date): string {
  const thursday = new Date(weekStart(day).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of a named week (`2026-W47`); an error naming `week` for anything else. */
export function parseWeek(name: string): Date {
  const match = WEEK_NAME.exec(name);
  if (match) {
    const [year, week] = [Number(match[1]), Number(match[2])];
    // 4 January is always in week 1.
    const start = new Date(weekStart(new Date(Date.UTC(year, 0, 4))).getTime() + (week - 1) * 7 * DAY_MS);
    if (week >= 1 && weekName(start) === name) return start;
  }
  const range = match ? ` (${match[1]} has ${weeksInYear(Number(match[1]))} weeks)` : '';
  throw new InvalidFilterError('week', `expected an ISO week such as 2026-W47${range}, got ${JSON.stringify(name)}`);
}

/** 52 or 53: 28 December is always in the year's last week. */
function weeksInYear(year: number): number {
  return Number(weekName(new Date(Date.UTC(year, 11, 28))).slice(6));
}

/** The last week that has ended by `now`. */
export function lastCompleteWeek(now: Date): Date {
  return new Date(weekStart(now).getTime() - 7 * DAY_MS);
}
