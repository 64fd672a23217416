// Above EXACT_LIMIT incidents the summary's time percentiles come from incident_histograms
// (bucketed). The rollup-equivalence cases stay below the limit; this one goes above it and
// checks the bucketed answer against the same buckets counted from the raw facts, for every
// percentile field of every cohort, with whole months (month rows only) and with partial
// edges (edge days counted from the facts), and that each is within one bucket of the exact one.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKETS_PER_E, type BucketCount, EXACT_LIMIT, countedPercentile, durationBucket, histogramPercentiles } from '../../server/analytics/duration-histogram.ts';
import { parseFilters } from '../../server/analytics/filters.ts';
import { incidentFacts } from '../../server/analytics/incident-facts.ts';
import { incidentSummary } from '../../server/analytics/incident-metrics.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';
import { random } from '../support/random.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

const INCIDENTS = EXACT_LIMIT + 700;
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  const rng = random(7).next;
  // One deployment a day per cohort; each incident names one as its cause (an explicit link).
  const deployments = Array.from({ length: 2 * 181 }, (_, n) =>
    makeDeployment({ id: `d-${n}`, service: 'shop', started_at: new Date(START + Math.floor(n / 2) * DAY + (n % 2) * 3_600_000).toISOString(), finished_at: new Date(START + Math.floor(n / 2) * DAY + (n % 2) * 3_600_000 + 600_000).toISOString(), ai: n % 2 ? HUMAN : AI }),
  );
  // Times spread over three orders of magnitude; a tenth name no cause (the heuristic rules link them).
  const incidents = Array.from({ length: INCIDENTS }, (_, n) => {
    const day = Math.floor(rng() * 181);
    const start = START + day * DAY + 2 * 3_600_000 + Math.floor(rng() * 20 * 3_600_000);
    const ttd = Math.exp(rng() * 6);
    const restore = ttd + Math.exp(rng() * 7);
    return makeIncident({
      id: `i-${n}`, services: ['shop'], severity: n % 7 === 0 ? 'sev1' : 'sev2', impact_started_at: new Date(start).toISOString(),
      detected_at: new Date(start + ttd * MINUTE).toISOString(), mitigated_at: new Date(start + restore * MINUTE).toISOString(), resolved_at: new Date(start + (restore + 30) * MINUTE).toISOString(),
      caused_by: n % 10 === 9 ? [] : [`d-${2 * day + (n % 2)}`],
    });
  });
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), ...deployments, ...incidents]));
}, 180_000);
afterAll(() => t.drop());

/** The buckets incident_histograms would hold, counted here from the facts computed from raw rows. */
async function rawBuckets(from: string, to: string) {
  const filters = parseFilters({ from, to }, new Date(), DEFAULT_METRIC_SETTINGS);
  const { rows } = await sql<{ cohort: string; metric: string; bucket: number; n: number }>`
    WITH f AS (${incidentFacts({ from: filters.from, to: filters.to, filters })})
    SELECT f.cohort, b.metric, b.bucket, count(*)::int AS n FROM f
    CROSS JOIN LATERAL (VALUES ('ttd', ${durationBucket(sql.ref('f.ttd'))}::int), ('ttrb', ${durationBucket(sql.ref('f.ttrb'))}::int),
                               ('restore', ${durationBucket(sql.ref('f.restore'))}::int), ('blast_services', f.blast_services)) b (metric, bucket)
    WHERE b.bucket IS NOT NULL GROUP BY 1, 2, 3`.execute(t.db);
  const exact = await sql<{ cohort: string; ttd: number | null; restore: number | null }>`
    WITH f AS (${incidentFacts({ from: filters.from, to: filters.to, filters })})
    SELECT cohort, percentile_cont(0.9) WITHIN GROUP (ORDER BY ttd) AS ttd, percentile_cont(0.5) WITHIN GROUP (ORDER BY restore) AS restore FROM f GROUP BY cohort`.execute(t.db);
  return { filters, rows, exact: exact.rows };
}

describe.each([
  ['whole months', '2026-01-01', '2026-07-01'],
  ['partial months at both edges', '2026-01-12', '2026-06-20'],
])('incident time percentiles above the exact limit, %s', (_name, from, to) => {
  it('equal the same buckets counted from raw rows, for every field of every cohort', async () => {
    const { filters, rows, exact } = await rawBuckets(from, to);
    const summary = await incidentSummary(t.db, filters);
    expect(summary.total).toBeGreaterThan(EXACT_LIMIT);
    expect(summary.times_exact).toBe(false);
    for (const cohort of ['ai', 'human'] as const) {
      const of = (metric: string): BucketCount[] => rows.filter((r) => r.cohort === cohort && r.metric === metric).map(({ bucket, n }) => ({ bucket, n }));
      expect(of('ttd').reduce((n, b) => n + b.n, 0)).toBeGreaterThan(1000);
      const blast = of('blast_services');
      expect(summary.by_cohort[cohort]).toEqual({
        count: rows.filter((r) => r.cohort === cohort && r.metric === 'blast_services').reduce((n, r) => n + r.n, 0),
        ttd: histogramPercentiles(of('ttd')),
        ttrb: histogramPercentiles(of('ttrb')),
        restore: histogramPercentiles(of('restore')),
        blast_services: { median: countedPercentile(blast, 0.5), p90: countedPercentile(blast, 0.9), max: Math.max(...blast.map((b) => b.bucket)) },
      });
      // docs/metrics.md: a bucketed percentile is within one bucket (2 % of 1 + the value) of the exact one.
      const exactRow = exact.find((r) => r.cohort === cohort)!;
      const bucketWidth = (value: number) => (Math.exp(1 / BUCKETS_PER_E) - 1) * (1 + value);
      expect(Math.abs(summary.by_cohort[cohort].ttd.p90! - exactRow.ttd!)).toBeLessThanOrEqual(bucketWidth(exactRow.ttd!));
      expect(Math.abs(summary.by_cohort[cohort].restore.median! - exactRow.restore!)).toBeLessThanOrEqual(bucketWidth(exactRow.restore!));
    }
    const { ai, human, unknown } = summary.by_cohort;
    expect(ai.count + human.count + unknown.count + summary.unattributed).toBe(summary.total);
  });
});
