// Which weekly trend points are "edge" points (see cfr-trend.ts): a week only partly inside the
// period, or one with too few events for its median to mean much. Edge points are drawn hollow
// and do not set a chart's scale.
export const WEEK_DAYS = 7;

/** A weekly median over fewer incidents than this is drawn as an edge point. */
export const MIN_INCIDENTS_FOR_MEDIAN = 3;

export function isPartialWeek(days: number): boolean {
  return days < WEEK_DAYS;
}

/** Monday after the ISO week starting on `week` (YYYY-MM-DD). */
export function weekEnd(week: string): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + WEEK_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** Rounds a scale maximum up to 1, 2 or 5 × a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power + 1e-9) return step * power;
  return 10 * power;
}
