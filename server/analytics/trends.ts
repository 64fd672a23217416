import { sql } from 'kysely';
import type { TrendPoint } from '../api/metrics/schema.ts';
import type { Db } from '../db/connection.ts';
import type { Cohort } from '../db/schema.ts';
import { cfrCounts, cohortCfr } from './change-failure-rate.ts';
import { DAY_MS, type MetricFilters, periodUnion } from './filters.ts';
import { storedIncidentFacts } from './incident-facts.ts';
import { type CohortIncidentTrend, TREND_STATS, severitySetKey, storedSeveritySet } from './incident-trend-points.ts';
import { productionRollupsInScope } from './production-deployments.ts';
import { KNOWN_EVIDENCE, linkLevel } from './rollup-columns.ts';
import { isServiceScope, rollupScope } from './rollup-scope.ts';

export type { TrendPoint };

export type Grain = 'week' | 'month';
export const GRAINS: readonly Grain[] = ['week', 'month'];

/**
 * Weekly or monthly trends of the headline metrics (docs/metrics.md: "weekly and monthly trends of
 * each"): deployment frequency, tagging coverage, CFR per cohort with Wilson intervals, rework,
 * and per incident cohort the counts, times and blast radius (medians, p90 and maxima).
 */
export async function trends(db: Db, filters: MetricFilters, grain: Grain): Promise<TrendPoint[]> {
  const { productionEnvironments } = filters.settings;
  const bucket = (column: string) => sql`to_char(date_trunc(${grain}, ${sql.ref(column)}::timestamp), 'YYYY-MM-DD')`;
  const [deployments, incidents] = await Promise.all([
    sql<{ period: string; cohort: Cohort; all_deployments: number; known: number; rework: number; deployments: number; failed: number }>`
      SELECT ${bucket('r.day')} AS period, r.cohort,
             sum(r.deployments)::int AS all_deployments,
             sum(${sql.join(KNOWN_EVIDENCE.map((e) => sql.ref(`r.ev_${e}`)), sql` + `)})::int AS known,
             sum(r.rework)::int AS rework,
             ${cfrCounts(filters.minConfidence)}
      FROM ${productionRollupsInScope(filters, productionEnvironments)}
      GROUP BY 1, 2
    `.execute(db),
    incidentTrendRows(db, filters, grain),
  ]);

  const points: TrendPoint[] = [];
  for (const start of periodStarts(filters, grain)) {
    const period = start.toISOString().slice(0, 10);
    const end = nextStart(start, grain);
    const days = (Math.min(end.getTime(), filters.to.getTime()) - Math.max(start.getTime(), filters.from.getTime())) / DAY_MS;
    const rows = deployments.rows.filter((row) => row.period === period);
    const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((n, row) => n + pick(row), 0);
    const cfrOf = (cohort: Cohort | 'all') => {
      const mine = cohort === 'all' ? rows : rows.filter((row) => row.cohort === cohort);
      return cohortCfr(mine.reduce((n, row) => n + row.deployments, 0), mine.reduce((n, row) => n + row.failed, 0));
    };
    const allDeployments = sum((row) => row.all_deployments);
    const incidentRows = incidents.filter((row) => row.period === period);
    const incidentsOf = (cohort: Cohort): CohortIncidentTrend => incidentRows.find((r) => r.cohort === cohort)?.stats ?? EMPTY_INCIDENTS;
    points.push({
      period,
      days,
      deployments: allDeployments,
      deploys_per_week: allDeployments / (days / 7),
      coverage: allDeployments > 0 ? sum((row) => row.known) / allDeployments : null,
      rework_rate: allDeployments > 0 ? sum((row) => row.rework) / allDeployments : null,
      cfr: { ai: cfrOf('ai'), human: cfrOf('human'), unknown: cfrOf('unknown'), all: cfrOf('all') },
      incidents: {
        total: incidentRows.reduce((n, row) => n + row.stats.count, 0),
        unattributed: incidentRows.find((row) => row.cohort === 'unattributed')?.stats.count ?? 0,
        ai: incidentsOf('ai'),
        human: incidentsOf('human'),
        unknown: incidentsOf('unknown'),
      },
    });
  }
  return points;
}

const NONE = { median: null, p90: null };
const EMPTY_INCIDENTS: CohortIncidentTrend = {
  count: 0, ttd: NONE, ttrb: NONE, restore: NONE,
  blast_services: { ...NONE, max: null }, impact_minutes: { ...NONE, max: null }, orders_lost: { sum: null, max: null },
};

/** Every week (Monday) or month start that overlaps [from, to), empty ones included. */
function periodStarts(filters: MetricFilters, grain: Grain): Date[] {
  const from = filters.from;
  let start = grain === 'week'
    ? new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() - ((from.getUTCDay() + 6) % 7)))
    : new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  const starts: Date[] = [];
  while (start < filters.to) {
    starts.push(start);
    start = nextStart(start, grain);
  }
  return starts;
}

const nextStart = (start: Date, grain: Grain) =>
  grain === 'week' ? new Date(start.getTime() + 7 * DAY_MS) : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));

interface IncidentTrendRow {
  period: string;
  cohort: Cohort | 'unattributed';
  stats: CohortIncidentTrend;
}

/**
 * Per period start and incident cohort, the trend point's incident figures: whole weeks or
 * months of a kept scope from incident_trend_points, everything else (partial periods at the
 * edges, one service, combined attributes) from the facts, with the same aggregate.
 */
async function incidentTrendRows(db: Db, filters: MetricFilters, grain: Grain): Promise<IncidentTrendRow[]> {
  const fromFacts = (part: MetricFilters) => sql`
    SELECT to_char(date_trunc(${grain}, f.impact_started_at::timestamp), 'YYYY-MM-DD') AS period, f.cohort, ${TREND_STATS} AS stats
    FROM (${storedIncidentFacts(part)}) f GROUP BY 1, 2`;
  // Points are kept for the fleet, each team, domain and tier and the stored severity sets; one
  // service's incidents, or another severity set, are read.
  const scope = rollupScope(filters);
  const rows = scope === null || isServiceScope(scope) || !storedSeveritySet(filters.severities) ? fromFacts(filters) : periodUnion(
    filters, grain,
    (from, to) => sql`
      SELECT to_char(p.period, 'YYYY-MM-DD') AS period, p.cohort, p.stats FROM incident_trend_points p
      WHERE p.grain = ${grain} AND p.scope = ${scope} AND p.level = ${linkLevel(filters.minConfidence)}::float8
        AND p.severities = ${severitySetKey(filters.severities)} AND p.period >= ${from}::date AND p.period < ${to}::date`,
    fromFacts,
  );
  return (await sql<IncidentTrendRow>`${rows}`.execute(db)).rows;
}
