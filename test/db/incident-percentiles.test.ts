// Above EXACT_LIMIT incidents the summary's incident times come from incident_histograms (whole
// months) and bucketed facts (the edges); below, and without a kept scope, exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXACT_LIMIT } from '../../server/analytics/duration-histogram.ts';
import { dora } from '../../server/analytics/dora.ts';
import { parseFilters, wholeDays } from '../../server/analytics/filters.ts';
import { incidentBuckets } from '../../server/analytics/incident-rollups.ts';
import { metricsSummary } from '../../server/analytics/metrics-summary.ts';
import { type IncidentSummary, incidentSummary } from '../../server/analytics/incident-metrics.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeClassification, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

let t: TestDatabase;
const START = Date.UTC(2026, 2, 10);
const COUNT = EXACT_LIMIT + 1_000;
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await createTestDatabase();
  const deployments = Array.from({ length: 40 }, (_, i) =>
    makeDeployment({ service: i % 2 ? 'shop' : 'cart', ai: i % 4 < 2 ? AI : HUMAN, finished_at: iso(START - 3 * 86_400_000 - i * 3_600_000) }));  // beyond the heuristic window
  const incidents = Array.from({ length: COUNT }, (_, i) => {
    // 6 000 incidents over 50 days (from March 10th: a partial March, all of April), unevenly
    // spread times from under a minute to days
    const impact = START + Math.floor((i * 50 * 1440) / COUNT) * MINUTE;
    const spread = ((i * 7919) % 10007) / 10007;
    return makeIncident({
      services: i % 3 === 0 ? ['shop', 'cart'] : [i % 2 ? 'shop' : 'cart'],
      severity: i % 5 === 0 ? 'sev1' : 'sev2',
      impact_started_at: iso(impact),
      detected_at: i % 11 === 0 ? null : iso(impact + (0.2 + 90 * spread ** 2) * MINUTE),
      mitigated_at: iso(impact + (5 + 3000 * spread ** 3) * MINUTE),
      // a third unattributed; the rest explicitly caused by an AI or a human deployment
      caused_by: i % 3 === 1 ? [] : [deployments[i % deployments.length]!.id],
    });
  });
  // 1 500 more in June, all caused by a deployment: March to July then holds over 5 000
  // restores of attributed incidents, so DORA recovery too is read from buckets.
  const june = Array.from({ length: 1_500 }, (_, i) => makeIncident({
    services: [i % 2 ? 'shop' : 'cart'], severity: 'sev2', impact_started_at: iso(Date.UTC(2026, 5, 1) + i * 20 * MINUTE),
    detected_at: iso(Date.UTC(2026, 5, 1) + i * 20 * MINUTE + (i % 13) * MINUTE),
    mitigated_at: iso(Date.UTC(2026, 5, 1) + i * 20 * MINUTE + (10 + (i % 97) * 7) * MINUTE),
    caused_by: [deployments[i % deployments.length]!.id],
  }));
  const classifications = incidents.filter((_, i) => i % 7 === 0).map((incident, i) => makeClassification({ incident: incident.id, ai_role: i % 2 ? 'primary' : 'none' }));
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'shop', team: 'web', domain: 'checkout', tier: 1 }), makeService({ id: 'cart', team: 'web', domain: 'checkout', tier: 1 }),
    ...deployments, ...incidents, ...june, ...classifications,
  ]));
}, 120_000);
afterAll(() => t.drop());

const within2Percent = (approximate: number | null, exact: number | null) => {
  expect(approximate).not.toBeNull();
  expect(Math.abs(approximate! - exact!) / (1 + exact!)).toBeLessThan(0.0202);
};

describe('incident summary percentiles at scale', () => {
  const period = { from: '2026-03-01', to: '2026-05-01' };
  let approximate: IncidentSummary;
  let exact: IncidentSummary;
  beforeAll(async () => {
    approximate = await incidentSummary(t.db, parseFilters(period, new Date(), DEFAULT_METRIC_SETTINGS));
    // Team and domain together are not a kept scope: the same incidents, computed exactly.
    exact = await incidentSummary(t.db, parseFilters({ ...period, team: 'web', domain: 'checkout' }, new Date(), DEFAULT_METRIC_SETTINGS));
  });

  it(`above ${EXACT_LIMIT} incidents: times from buckets, within 2 % of percentile_cont`, () => {
    expect(approximate.times_exact).toBe(false);
    expect(exact.times_exact).toBe(true);
    for (const cohort of ['ai', 'human'] as const) {
      for (const time of ['ttd', 'ttrb', 'restore'] as const) {
        within2Percent(approximate.by_cohort[cohort][time].median, exact.by_cohort[cohort][time].median);
        within2Percent(approximate.by_cohort[cohort][time].p90, exact.by_cohort[cohort][time].p90);
      }
    }
  });

  it('counts, classifications and services hit stay exact', () => {
    const { by_cohort: a, ...restA } = approximate;
    const { by_cohort: e, ...restE } = exact;
    expect({ ...restA, times_exact: null }).toEqual({ ...restE, times_exact: null });
    expect(restA.total).toBe(COUNT);
    expect(restA.unattributed).toBe(COUNT / 3);
    expect(restA.ai_involved).toBeGreaterThan(0);
    for (const cohort of ['ai', 'human', 'unknown'] as const) {
      expect(a[cohort].count).toBe(e[cohort].count);
      expect(a[cohort].blast_services).toEqual(e[cohort].blast_services);
    }
    expect(a.ai.blast_services.max).toBe(2);
  });

  it('at or below the limit (April alone, one service): exact', async () => {
    const april = await incidentSummary(t.db, parseFilters({ from: '2026-04-01', to: '2026-05-01', service: 'shop' }, new Date(), DEFAULT_METRIC_SETTINGS));
    expect(april.times_exact).toBe(true);
    expect(april.total).toBeGreaterThan(1000);
    expect(april.total).toBeLessThanOrEqual(EXACT_LIMIT);
  });
});

describe('the summary above the limit', () => {
  it('reads the incident buckets once for its incident times and DORA recovery, with the same figures as each alone', async () => {
    const filters = wholeDays(parseFilters({ from: '2026-03-01', to: '2026-07-01' }, new Date(), DEFAULT_METRIC_SETTINGS));
    const [summary, incidents, doraAlone] = await Promise.all([metricsSummary(t.db, filters), incidentSummary(t.db, filters), dora(t.db, filters)]);
    expect(summary.incidents.times_exact).toBe(false);
    const restores = await incidentBuckets(t.db, filters, ['restore']);
    expect(restores.filter((b) => b.cohort !== 'unattributed').reduce((n, b) => n + b.n, 0)).toBeGreaterThan(EXACT_LIMIT);
    expect(summary.incidents).toEqual(incidents);
    expect(summary.dora).toEqual(doraAlone);
  });
});

