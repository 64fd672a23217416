// docs/metrics.md "AI-safety SLOs", "History": each policy's verdict at the end of every ISO week
// of the period, over its rolling window ending there — the same evaluation as GET /api/slos,
// moved back in time, so a point of the chart and the page's headline agree at the last week.
import type { Db } from '../db/connection.ts';
import type { SloPolicy } from '../db/slo-policies.repository.ts';
import { DAY_MS, type MetricFilters } from './filters.ts';
import { type SloStatus, evaluateSlos } from './slo-evaluation.ts';

export interface SloHistoryPoint {
  policy: string;
  /** The end of the window (exclusive): a Monday at midnight UTC, or the period's `to`. */
  at: string;
  total: number;
  good: number;
  attainment: number | null;
  attainment_ci_low: number | null;
  attainment_ci_high: number | null;
  budget_remaining: number | null;
  rate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  status: SloStatus;
}

/** Evaluations run at once: each is one scan of a window, and the pool is shared with other requests. */
const CONCURRENCY = 4;

/** The Mondays (midnight UTC) strictly after `from` and before `to`, then `to` itself. */
export function historyEnds(filters: Pick<MetricFilters, 'from' | 'to'>): Date[] {
  const ends: Date[] = [];
  const from = filters.from.getTime();
  const day = Math.floor(from / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: days since then + 3, mod 7, counts days since Monday.
  const sinceMonday = (Math.floor(day / DAY_MS) + 3) % 7;
  for (let t = day + (7 - sinceMonday) * DAY_MS; t < filters.to.getTime(); t += 7 * DAY_MS) {
    if (t > from) ends.push(new Date(t));
  }
  ends.push(filters.to);
  return ends;
}

export async function sloHistory(db: Db, filters: MetricFilters, policies: SloPolicy[]): Promise<SloHistoryPoint[]> {
  const ends = historyEnds(filters);
  const points: SloHistoryPoint[][] = new Array(ends.length);
  let next = 0;
  const worker = async () => {
    while (next < ends.length) {
      const k = next++;
      const at = ends[k]!;
      const evaluations = await evaluateSlos(db, { ...filters, to: at }, { policies, burning: 0 });
      points[k] = evaluations.map((e, p) => ({
        policy: policies[p]!.id, at: at.toISOString(), total: e.total, good: e.good, attainment: e.attainment,
        attainment_ci_low: e.attainment_ci_low, attainment_ci_high: e.attainment_ci_high,
        budget_remaining: e.budget_remaining, rate: e.rate, ci_low: e.ci_low, ci_high: e.ci_high, status: e.status,
      }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ends.length) }, worker));
  return points.flat();
}
