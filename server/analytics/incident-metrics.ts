import { sql } from 'kysely';
import type { CohortIncidents, IncidentSummary } from '../api/metrics/schema.ts';
import type { Cohort } from '../db/schema.ts';
import type { Db } from '../db/connection.ts';
import type { MetricFilters } from './filters.ts';
import { EXACT_LIMIT, countedPercentile, histogramPercentiles } from './duration-histogram.ts';
import { type Percentiles, type Spread, aiInvolved, percentiles, spread, storedIncidentFacts } from './incident-facts.ts';
import { type CohortBucket, type CohortCounts, type HistogramMetric, incidentBuckets, incidentCounts } from './incident-rollups.ts';
import { rollupScope } from './rollup-scope.ts';

export type { IncidentSummary };

/**
 * Incidents of the period and severities (default Sev1/Sev2), per incident cohort: counts,
 * median and p90 of each time (docs/metrics.md "Incident times") and of the services hit.
 * `buckets`: the same filters' incidentBuckets when the caller reads them anyway (the summary).
 */
export async function incidentSummary(db: Db, filters: MetricFilters, options: { buckets?: () => Promise<CohortBucket[]> } = {}): Promise<IncidentSummary> {
  const scope = rollupScope(filters);
  if (scope !== null) {
    const counts = await incidentCounts(db, filters, scope);
    const buckets = options.buckets ?? (() => incidentBuckets(db, filters));
    if (counts.reduce((n, row) => n + row.incidents, 0) > EXACT_LIMIT) return summaryFromHistograms(counts, await buckets());
  }
  return exactSummary(db, filters);
}

/** The summary from every incident's facts (percentile_cont). */
async function exactSummary(db: Db, filters: MetricFilters): Promise<IncidentSummary> {
  const { rows } = await sql<{ cohort: string; count: number; sev1: number; sev2: number; ttd: Percentiles; ttrb: Percentiles; restore: Percentiles; blast: Spread; ai_involved: number; unclassified: number }>`
    SELECT f.cohort, count(*)::int AS count,
           count(*) FILTER (WHERE f.severity = 'sev1')::int AS sev1,
           count(*) FILTER (WHERE f.severity = 'sev2')::int AS sev2,
           ${percentiles(sql.ref('f.ttd'))} AS ttd,
           ${percentiles(sql.ref('f.ttrb'))} AS ttrb,
           ${percentiles(sql.ref('f.restore'))} AS restore,
           ${spread(sql.ref('f.blast_services'))} AS blast,
           count(*) FILTER (WHERE ${aiInvolved(sql.ref('f.ai_role'))})::int AS ai_involved,
           count(*) FILTER (WHERE f.ai_role IS NULL)::int AS unclassified
    FROM (${storedIncidentFacts(filters)}) f
    GROUP BY f.cohort
  `.execute(db);
  const summary = emptySummary(true);
  for (const row of rows) {
    summary.total += row.count;
    summary.sev1 += row.sev1;
    summary.sev2 += row.sev2;
    summary.ai_involved += row.ai_involved;
    summary.unclassified += row.unclassified;
    if (row.cohort === 'unattributed') summary.unattributed = row.count;
    else summary.by_cohort[row.cohort as Cohort] = { count: row.count, ttd: row.ttd, ttrb: row.ttrb, restore: row.restore, blast_services: row.blast };
  }
  return summary;
}

/** The summary from per-month counts and bucket counts (analytics/incident-rollups.ts). */
function summaryFromHistograms(counts: CohortCounts[], buckets: CohortBucket[]): IncidentSummary {
  const summary = emptySummary(false);
  for (const row of counts) {
    summary.total += row.incidents;
    if (row.severity === 'sev1') summary.sev1 += row.incidents;
    if (row.severity === 'sev2') summary.sev2 += row.incidents;
    summary.ai_involved += row.ai_involved;
    summary.unclassified += row.incidents - row.classified;
    if (row.cohort === 'unattributed') summary.unattributed += row.incidents;
    else summary.by_cohort[row.cohort as Cohort].count += row.incidents;
  }
  for (const cohort of COHORTS) {
    const of = (metric: HistogramMetric) => buckets.filter((b) => b.cohort === cohort && b.metric === metric);
    const blast = of('blast_services');
    summary.by_cohort[cohort] = {
      count: summary.by_cohort[cohort].count,
      ttd: histogramPercentiles(of('ttd')),
      ttrb: histogramPercentiles(of('ttrb')),
      restore: histogramPercentiles(of('restore')),
      blast_services: {
        median: countedPercentile(blast, 0.5),
        p90: countedPercentile(blast, 0.9),
        max: blast.length ? Math.max(...blast.map((b) => b.bucket)) : null,
      },
    };
  }
  return summary;
}

const COHORTS: readonly Cohort[] = ['ai', 'human', 'unknown'];

function emptySummary(timesExact: boolean): IncidentSummary {
  const empty = (): CohortIncidents => ({
    count: 0,
    ttd: { median: null, p90: null },
    ttrb: { median: null, p90: null },
    restore: { median: null, p90: null },
    blast_services: { median: null, p90: null, max: null },
  });
  return {
    total: 0, sev1: 0, sev2: 0, unattributed: 0,
    by_cohort: { ai: empty(), human: empty(), unknown: empty() },
    ai_involved: 0, unclassified: 0, times_exact: timesExact,
  };
}
