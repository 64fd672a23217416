// Percentiles of millions of durations without reading them: durations are counted per
// logarithmic bucket (duration_histograms, kept by analytics/derived/) and a percentile is
// read off the summed buckets. Small populations are still computed exactly (EXACT_LIMIT).
import { type RawBuilder, sql } from 'kysely';
import type { DurationHistogramsTable } from '../db/schema.ts';
import { type MetricFilters, periodUnion } from './filters.ts';
import type { Percentiles } from './incident-facts.ts';
import { linkLevel } from './rollup-columns.ts';

/** Buckets per e-fold of (1 + minutes): each bucket is e^(1/50) − 1 ≈ 2.0 % wide. */
export const BUCKETS_PER_E = 50;

/**
 * Up to this many values a percentile is computed exactly from raw rows (percentile_cont);
 * above it, from the histogram, within one bucket (≤ 2.0 % of 1 + the value) of the exact one.
 * At 5 000 values that is already below the sampling error of the median itself (about 2.7 %
 * for log-normal durations with σ = 1.5), and the exact query still takes milliseconds.
 */
export const EXACT_LIMIT = 5_000;

/** `end − start` in minutes, in SQL: every duration docs/metrics.md defines is one. */
export const minutesBetween = (end: RawBuilder<unknown>, start: RawBuilder<unknown>) => sql<number>`extract(epoch FROM ${end} - ${start})::float8 / 60`;

/** The bucket of a duration in minutes (≥ 0), in SQL. */
export const durationBucket = (minutes: RawBuilder<unknown>) => sql<number>`floor(${BUCKETS_PER_E} * ln(1 + ${minutes}))::smallint`;

/** A bucket's lower bound in minutes. */
const bucketStart = (bucket: number) => Math.expm1(bucket / BUCKETS_PER_E);

export interface BucketCount {
  bucket: number;
  n: number;
}

/**
 * percentile_cont's q-th value estimated from bucket counts: the value of rank q·(n − 1),
 * spread evenly within its bucket. Null for no values.
 */
export function histogramPercentile(buckets: readonly BucketCount[], q: number): number | null {
  const sorted = [...buckets].filter((b) => b.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, b) => sum + b.n, 0);
  if (total === 0) return null;
  const rank = q * (total - 1);
  let before = 0;
  for (const { bucket, n } of sorted) {
    if (rank < before + n) {
      const start = bucketStart(bucket);
      return start + ((rank - before + 0.5) / n) * (bucketStart(bucket + 1) - start);
    }
    before += n;
  }
  return null; // unreachable: rank < total
}

export function histogramPercentiles(buckets: readonly BucketCount[]): Percentiles {
  return { median: histogramPercentile(buckets, 0.5), p90: histogramPercentile(buckets, 0.9) };
}

/**
 * percentile_cont's q-th value, exactly, from counts of exact values (bucket = the value
 * itself, as incident_histograms keeps services hit): the values at ranks ⌊q·(n − 1)⌋ and
 * ⌈q·(n − 1)⌉, interpolated. Null for no values.
 */
export function countedPercentile(counts: readonly BucketCount[], q: number): number | null {
  const sorted = [...counts].filter((b) => b.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, b) => sum + b.n, 0);
  if (total === 0) return null;
  const rank = q * (total - 1);
  const valueAt = (k: number) => {
    let before = 0;
    for (const { bucket, n } of sorted) {
      if (k < before + n) return bucket;
      before += n;
    }
    return sorted[sorted.length - 1]!.bucket; // unreachable: k < total
  };
  const low = valueAt(Math.floor(rank));
  return low + (rank - Math.floor(rank)) * (valueAt(Math.ceil(rank)) - low);
}

export const histogramTotal = (buckets: readonly BucketCount[]) => buckets.reduce((sum, b) => sum + b.n, 0);

/** Histograms added together: one count per bucket. */
export function sumBuckets(buckets: readonly BucketCount[]): BucketCount[] {
  const sums = new Map<number, number>();
  for (const { bucket, n } of buckets) sums.set(bucket, (sums.get(bucket) ?? 0) + n);
  return [...sums].map(([bucket, n]) => ({ bucket, n }));
}

/**
 * The stored (bucket, n) pairs of `metric` for the filters' period, the environments and one
 * scope (analytics/rollup-scope.ts), not yet summed: whole months from the month rows, the
 * rest from the day rows; recoveries only below the filters' link level (docs/metrics.md: a
 * rollback whose deployment is linked to an incident counts via the incident).
 */
export function storedDurationBuckets(filters: MetricFilters, environments: string[], metric: DurationHistogramsTable['metric'], scope: string): RawBuilder<BucketCount> {
  const rows = (table: 'duration_histograms' | 'duration_month_histograms', column: 'day' | 'month', from: Date, to: Date) => sql`
    SELECT b.bucket, b.n FROM ${sql.table(table)} h CROSS JOIN LATERAL unnest(h.buckets, h.counts) AS b (bucket, n)
    WHERE h.scope = ${scope} AND h.metric = ${metric} AND h.environment = ANY(${environments}::text[])
      AND ${sql.ref(`h.${column}`)} >= ${from}::date AND ${sql.ref(`h.${column}`)} < ${to}::date
      AND h.link_level < ${linkLevel(filters.minConfidence)}::float8`;
  return periodUnion(
    filters, 'month',
    (from, to) => rows('duration_month_histograms', 'month', from, to),
    (part) => rows('duration_histograms', 'day', part.from, part.to),
  ) as RawBuilder<BucketCount>;
}
