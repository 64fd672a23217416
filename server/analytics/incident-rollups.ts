// Incident figures of a long period without reading every incident: whole months come from
// incident_rollups and incident_histograms (kept by analytics/derived/), the partial months
// at the period's edges from the incidents themselves (incident_facts), bucketed the same way.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { durationBucket } from './duration-histogram.ts';
import { type MetricFilters, periodUnion } from './filters.ts';
import { aiInvolved, storedIncidentFacts } from './incident-facts.ts';
import { linkLevel } from './rollup-columns.ts';
import { rollupScope } from './rollup-scope.ts';

/** The incident metrics incident_histograms counts: times per log bucket, services hit per count. */
export const HISTOGRAM_METRICS = ['ttd', 'ttrb', 'restore', 'blast_services'] as const;
export type HistogramMetric = (typeof HISTOGRAM_METRICS)[number];

/** The bucket of each histogram metric of a fact row `f`, in SQL (as analytics/derived/ stores it). */
export const METRIC_BUCKETS = sql`(VALUES
  ('ttd', ${durationBucket(sql.ref('f.ttd'))}::int), ('ttrb', ${durationBucket(sql.ref('f.ttrb'))}::int),
  ('restore', ${durationBucket(sql.ref('f.restore'))}::int), ('blast_services', f.blast_services))`;

/** The first day of the UTC month of a timestamp, in SQL. */
export const monthOf = (at: RawBuilder<unknown>) => sql<string>`date_trunc('month', ${at} AT TIME ZONE 'UTC')::date`;

/** The Monday of the ISO week (UTC) of a timestamp, in SQL. */
export const weekOf = (at: RawBuilder<unknown>) => sql<string>`date_trunc('week', ${at} AT TIME ZONE 'UTC')::date`;

export interface CohortCounts {
  cohort: string;
  severity: string;
  incidents: number;
  classified: number;
  ai_involved: number;
}

/** Incidents per cohort and severity in the filters' scope, with classified and AI-involved counts. */
export async function incidentCounts(db: Db, filters: MetricFilters, scope: string): Promise<CohortCounts[]> {
  const rows = periodUnion(
    filters, 'month',
    (from, to) => sql`
      SELECT cohort, severity, incidents, classified, ai_involved FROM incident_rollups
      WHERE scope = ${scope} AND level = ${linkLevel(filters.minConfidence)}::float8
        AND month >= ${from}::date AND month < ${to}::date AND severity = ANY(${filters.severities}::text[])`,
    (part) => sql`
      SELECT f.cohort, f.severity, 1 AS incidents, (f.ai_role IS NOT NULL)::int AS classified,
             ${aiInvolved(sql.ref('f.ai_role'))}::int AS ai_involved
      FROM (${storedIncidentFacts(part)}) f`,
  );
  const { rows: counts } = await sql<CohortCounts>`
    SELECT cohort, severity, sum(incidents)::int AS incidents, sum(classified)::int AS classified, sum(ai_involved)::int AS ai_involved
    FROM (${rows}) x GROUP BY cohort, severity`.execute(db);
  return counts;
}

/**
 * How many incidents the filters keep (of `cohort`, or only the unclassified ones), summed from
 * incidentCounts; null when no stored scope answers the service filters, so the caller counts.
 */
export async function rollupIncidentTotal(db: Db, filters: MetricFilters, options: { cohort?: string | null; unclassified?: boolean } = {}): Promise<number | null> {
  const scope = rollupScope(filters);
  if (scope === null) return null;
  if (filters.to <= filters.from) return 0;
  return (await incidentCounts(db, filters, scope))
    .filter((row) => (options.cohort ?? null) === null || row.cohort === options.cohort)
    .reduce((sum, row) => sum + (options.unclassified ? row.incidents - row.classified : row.incidents), 0);
}

export interface CohortBucket {
  cohort: string;
  metric: HistogramMetric;
  bucket: number;
  n: number;
}

/**
 * Bucket counts of the histogram metrics per incident cohort for the filters, summed over the
 * period: from incident_histograms for whole months of a kept scope, bucketed on the fly
 * otherwise. Each source row carries a histogram as parallel arrays; they are summed here.
 */
export async function incidentBuckets(db: Db, filters: MetricFilters, metrics: readonly HistogramMetric[] = HISTOGRAM_METRICS): Promise<CohortBucket[]> {
  const fromFacts = (part: MetricFilters) => sql`
    SELECT cohort, metric, array_agg(bucket) AS buckets, array_agg(n) AS counts FROM (
      SELECT f.cohort, m.metric, m.bucket, count(*)::int AS n
      FROM (${storedIncidentFacts(part)}) f CROSS JOIN LATERAL ${METRIC_BUCKETS} AS m (metric, bucket)
      WHERE m.bucket IS NOT NULL AND m.metric = ANY(${metrics}::text[])
      GROUP BY 1, 2, 3) b
    GROUP BY 1, 2`;
  const scope = rollupScope(filters);
  const rows = scope === null ? fromFacts(filters) : periodUnion(
    filters, 'month',
    (from, to) => sql`
      SELECT cohort, metric, buckets, counts FROM incident_histograms
      WHERE scope = ${scope} AND level = ${linkLevel(filters.minConfidence)}::float8
        AND month >= ${from}::date AND month < ${to}::date
        AND severity = ANY(${filters.severities}::text[]) AND metric = ANY(${metrics}::text[])`,
    fromFacts,
  );
  // As JSON: node-postgres parses integer arrays element by element, 20 ms for a fleet year's
  // 300 histograms; JSON.parse takes under 1 ms.
  const { rows: histograms } = await sql<{ cohort: string; metric: HistogramMetric; buckets: number[]; counts: number[] }>`
    SELECT cohort, metric, to_json(buckets) AS buckets, to_json(counts) AS counts FROM (${rows}) h`.execute(db);
  // Summed per (cohort, metric) into a dense array by bucket: buckets are small integers (a
  // 2 % bucket of minutes, a count of services), and string keys per bucket cost 10 ms a year.
  const sums = new Map<string, { cohort: string; metric: HistogramMetric; n: number[] }>();
  for (const { cohort, metric, buckets, counts } of histograms) {
    const key = `${cohort}/${metric}`;
    const sum = sums.get(key) ?? sums.set(key, { cohort, metric, n: [] }).get(key)!;
    buckets.forEach((bucket, i) => (sum.n[bucket] = (sum.n[bucket] ?? 0) + counts[i]!));
  }
  return [...sums.values()].flatMap(({ cohort, metric, n }) =>
    n.flatMap((count, bucket) => (count === undefined ? [] : [{ cohort, metric, bucket, n: count }])));
}
