import { describe, expect, it } from 'vitest';
import { BUCKETS_PER_E, type BucketCount, histogramPercentile, histogramPercentiles, sumBuckets } from '../../server/analytics/duration-histogram.ts';

const bucketOf = (minutes: number) => Math.floor(BUCKETS_PER_E * Math.log1p(minutes));

function histogram(values: number[]): BucketCount[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(bucketOf(v), (counts.get(bucketOf(v)) ?? 0) + 1);
  return [...counts].map(([bucket, n]) => ({ bucket, n }));
}

/** PostgreSQL's percentile_cont: linear interpolation at rank q·(n − 1). */
function percentileCont(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  return sorted[lo]! + (rank - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!);
}

describe('histogramPercentile', () => {
  it('is null without values', () => {
    expect(histogramPercentiles([])).toEqual({ median: null, p90: null });
    expect(histogramPercentile([{ bucket: 3, n: 0 }], 0.5)).toBeNull();
  });

  it('places a single value inside its own bucket', () => {
    // 100 min: bucket floor(50 · ln 101) = 230, i.e. [e^4.6 − 1, e^4.62 − 1) = [98.48, 100.48).
    expect(bucketOf(100)).toBe(230);
    const median = histogramPercentile([{ bucket: 230, n: 1 }], 0.5)!;
    expect(median).toBeGreaterThanOrEqual(Math.expm1(230 / 50));
    expect(median).toBeLessThan(Math.expm1(231 / 50));
  });

  it('reads the rank, not the bucket: 9 values at 10 min and 1 at 1000 min', () => {
    const values = [...Array(9).fill(10), 1000];
    // rank 0.9 · 9 = 8.1 lies among the nine 10-minute values; percentile_cont gives 10 + 0.1 · 990 = 109.
    expect(percentileCont(values, 0.9)).toBeCloseTo(109, 9);
    const p90 = histogramPercentile(histogram(values), 0.9)!;
    expect(Math.abs(p90 - 10) / 11).toBeLessThan(0.0202);
  });

  it('stays within one bucket (2 % of 1 + value) of percentile_cont on 50 000 log-normal durations', () => {
    let seed = 7;
    const uniform = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const values = Array.from({ length: 50_000 }, () => Math.exp(5 + 1.5 * Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform())));
    const buckets = histogram(values);
    for (const q of [0.5, 0.9]) {
      const exact = percentileCont(values, q);
      const estimate = histogramPercentile(buckets, q)!;
      expect(Math.abs(estimate - exact) / (1 + exact)).toBeLessThan(0.0202);
    }
  });
});

describe('sumBuckets', () => {
  it('adds the counts of a bucket that two histograms share, and percentiles read the sum', () => {
    const a: BucketCount[] = [{ bucket: 10, n: 2 }, { bucket: 40, n: 1 }];
    const b: BucketCount[] = [{ bucket: 40, n: 3 }, { bucket: 90, n: 4 }];
    const sum = sumBuckets([...a, ...b]).sort((x, y) => x.bucket - y.bucket);
    expect(sum).toEqual([{ bucket: 10, n: 2 }, { bucket: 40, n: 4 }, { bucket: 90, n: 4 }]);
    // the median's rank 0.5 × 9 = 4.5 falls in the shared bucket, after 2 values: (4.5 − 2 + ½) / 4 = ¾ into it
    expect(histogramPercentile(sum, 0.5)).toBeCloseTo(Math.expm1(40 / BUCKETS_PER_E) + 0.75 * (Math.expm1(41 / BUCKETS_PER_E) - Math.expm1(40 / BUCKETS_PER_E)), 12);
  });
});
