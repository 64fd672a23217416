// docs/metrics.md "AI-safety SLOs", "History": each policy's verdict at the end of every ISO week
// of the period, over its rolling window ending there — the same evaluation as GET /api/slos,
// moved back in time, so a point of the chart and the page's headline agree at the last week.
// Set-based: the windows overlap, so the period is counted once in pieces (incidents between
// consecutive window edges, deployments per day) and each window sums its pieces; a year's 53
// weekly evaluations, each its own scan, took 370 ms at 10 M deployments.
import { sql } from 'kysely';
import type { SloHistoryPoint } from '../api/slos/schema.ts';
import type { Db } from '../db/connection.ts';
import type { Cohort } from '../db/schema.ts';
import type { SloPolicy } from '../db/slo-policies.repository.ts';
import { cfrCounts, cohortCfr } from './change-failure-rate.ts';
import { DAY_MS, type MetricFilters } from './filters.ts';
import { productionRollupsInScope } from './production-deployments.ts';
import { type SloVerdict, cfrVerdict, incidentVerdict } from './slo-evaluation.ts';
import { prefixSums, windowCounts } from './slo-window-counts.ts';

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
  const [incidents, cfr] = await Promise.all([
    incidentVerdicts(db, filters, policies.filter((p) => p.metric !== 'cfr'), ends),
    cfrVerdicts(db, filters, policies.filter((p) => p.metric === 'cfr'), ends),
  ]);
  return ends.flatMap((at, k) => policies.map((policy) => {
    const { missing: _missing, burn_rate: _burnRate, ...point } = (policy.metric === 'cfr' ? cfr : incidents).get(policy)![k]!;
    return { policy: policy.id, at: at.toISOString(), ...point };
  }));
}

/** Each incident policy's verdict at each end. */
async function incidentVerdicts(db: Db, filters: MetricFilters, policies: SloPolicy[], ends: Date[]): Promise<Map<SloPolicy, SloVerdict[]>> {
  if (policies.length === 0) return new Map();
  const counts = await windowCounts(db, filters, policies, ends);
  return new Map(policies.map((policy) => [policy, counts.get(policy)!.map((count) => incidentVerdict(policy, count))]));
}

/**
 * Each cfr policy's verdict at each end: the production deployments per UTC day and cohort,
 * once; a window sums the whole days from its start's to its end's, as cfrByCohort reads them.
 */
async function cfrVerdicts(db: Db, filters: MetricFilters, policies: SloPolicy[], ends: Date[]): Promise<Map<SloPolicy, SloVerdict[]>> {
  if (policies.length === 0) return new Map();
  const dayOf = (at: number) => Math.floor(at / DAY_MS);
  const first = dayOf(ends[0]!.getTime()) - Math.max(...policies.map((p) => p.window_days));
  const last = dayOf(ends.at(-1)!.getTime());
  const { productionEnvironments } = filters.settings;
  const { rows } = await sql<{ day: number; cohort: Cohort; deployments: number; failed: number }>`
    SELECT (r.day - DATE '1970-01-01') AS day, r.cohort, ${cfrCounts(filters.minConfidence)}
    FROM ${productionRollupsInScope({ ...filters, from: new Date(first * DAY_MS), to: new Date(last * DAY_MS) }, productionEnvironments)}
    GROUP BY 1, 2`.execute(db);
  const sums = (cohort: SloPolicy['cohort'], column: 'deployments' | 'failed') => {
    const values = new Array<number>(last - first).fill(0);
    for (const row of rows) if (cohort === 'all' || row.cohort === cohort) values[row.day - first]! += row[column];
    return prefixSums(values);
  };
  return new Map(policies.map((policy) => {
    const [deployments, failed] = [sums(policy.cohort, 'deployments'), sums(policy.cohort, 'failed')];
    return [policy, ends.map((end) => {
      const [from, to] = [dayOf(end.getTime()) - policy.window_days - first, dayOf(end.getTime()) - first];
      return cfrVerdict(policy, cohortCfr(deployments[to]! - deployments[from]!, failed[to]! - failed[from]!));
    })];
  }));
}
