// Helpers for trend charts. Which trend points are "edge" points (see cfr-trend.ts): a week only partly inside the
// period, or one with too few events for its median to mean much. Edge points are drawn hollow
// and do not set a chart's scale.
export const WEEK_DAYS = 7;

/** A median over fewer incidents than this is drawn as an edge point. */
export const MIN_INCIDENTS_FOR_MEDIAN = 3;

export function isPartialWeek(days: number): boolean {
  return days < WEEK_DAYS;
}

/** Whether a trend point (an ISO week or a month, starting on `start`) is only partly inside the period. */
export function isPartialPoint(start: string, days: number, grain: 'week' | 'month'): boolean {
  if (grain === 'week') return isPartialWeek(days);
  const first = new Date(`${start}T00:00:00Z`);
  const monthDays = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return days < monthDays;
}

/** Rounds a scale maximum up to 1, 2 or 5 × a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power + 1e-9) return step * power;
  return 10 * power;
}

/** Where a week's bar ends: six days on, so bars of consecutive weeks keep a gap. */
export function barEnd(week: string): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
}

/** Stacks rows per week in the given order: each gets the bottom (y0) and top (y1) of its segment. */
export function stackByWeek<R extends { week: string; order: number }>(rows: readonly R[], value: (row: R) => number): (R & { y0: number; y1: number })[] {
  const tops = new Map<string, number>();
  return [...rows]
    .sort((a, b) => a.week.localeCompare(b.week) || a.order - b.order)
    .map((row) => {
      const y0 = tops.get(row.week) ?? 0;
      const y1 = y0 + value(row);
      tops.set(row.week, y1);
      return { ...row, y0, y1 };
    });
}

/**
 * A time axis labelled at the points' own times (ISO-week Mondays, first days of months, window ends), at
 * most `max` of them: never at the hours or days between, which a period of a few weeks otherwise
 * gets ("Mar 2, Mar 2, Mar 3"). Pair it with a utc time unit or scale on the field.
 */
export function pointAxis(starts: readonly string[], format = '%b %-d', max = 12) {
  // A date alone is midnight UTC (as Date.parse reads it); an instant is itself.
  const values = [...new Set(starts.map((start) => Date.parse(start)))].sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(values.length / max));
  return { format, values: values.filter((_, k) => k % step === 0), labelOverlap: true, grid: false } as const;
}
