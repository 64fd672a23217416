import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cfrByCohort } from '../../server/analytics/change-failure-rate.ts';
import { dora } from '../../server/analytics/dora.ts';
import { wilsonInterval } from '../../server/analytics/wilson-interval.ts';
import { type MetricFilters, parseFilters } from '../../server/analytics/filters.ts';
import { changeCoverage, deploymentCoverage } from '../../server/analytics/tagging-coverage.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, UNKNOWN, makeChange, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

/** The 95 % Wilson interval of k of n, by its closed form: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
function wilson(k: number, n: number) {
  const z = 1.959963984540054;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)));
  return { ci_low: expect.closeTo(centre - half, 12), ci_high: expect.closeTo(centre + half, 12) };
}

let t: TestDatabase;
// Two weeks.
const filters = (raw: Parameters<typeof parseFilters>[0] = {}): MetricFilters =>
  parseFilters({ from: '2026-03-01', to: '2026-03-15', ...raw }, new Date('2026-03-15T00:00:00Z'), DEFAULT_METRIC_SETTINGS);

const c1 = makeChange({ service: 'shop', ai: AI, authored_at: '2026-03-02T08:00:00.000Z', merged_at: '2026-03-02T09:00:00.000Z' });
const c2 = makeChange({ service: 'shop', ai: HUMAN, authored_at: '2026-03-01T10:00:00.000Z' });
const c3 = makeChange({ service: 'cart', ai: UNKNOWN, authored_at: '2026-03-03T10:00:00.000Z' });
const c4 = makeChange({ service: 'cart', ai: HUMAN, authored_at: '2026-02-20T10:00:00.000Z' });

// d1 declares nothing: one AI change makes it ai (evidence "inferred"). Rolled back by r1.
const d1 = makeDeployment({ service: 'shop', ai: UNKNOWN, changes: [c1.id, c2.id], status: 'rolled_back', finished_at: '2026-03-02T10:00:00.000Z' });
const r1 = makeDeployment({ service: 'shop', ai: HUMAN, rollback_of: d1.id, finished_at: '2026-03-02T10:30:00.000Z' });
// d2's only change is untagged: unknown. The Sev1 on cart 30 min later links to it.
const d2 = makeDeployment({ service: 'cart', ai: UNKNOWN, changes: [c3.id], finished_at: '2026-03-03T12:00:00.000Z' });
const d3 = makeDeployment({ service: 'cart', ai: HUMAN, changes: [c4.id], remediates: [d2.id], finished_at: '2026-03-04T12:00:00.000Z' });
const d4 = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-05T12:00:00.000Z' });
const staging = makeDeployment({ service: 'shop', ai: AI, environment: 'staging', finished_at: '2026-03-05T13:00:00.000Z' });
const neverServed = makeDeployment({ service: 'shop', ai: AI, status: 'failed', finished_at: '2026-03-05T14:00:00.000Z' });
const cartSev1 = makeIncident({
  services: ['cart'], severity: 'sev1', impact_started_at: '2026-03-03T12:30:00.000Z',
  detected_at: '2026-03-03T12:40:00.000Z', mitigated_at: '2026-03-03T13:30:00.000Z',
});

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'shop', tier: 1 }),
    makeService({ id: 'cart', tier: 2 }),
    c1, c2, c3, c4, d1, r1, d2, d3, d4, staging, neverServed, cartSev1,
  ]));
});
afterAll(() => t.drop());

describe('tagging coverage', () => {
  it('counts known production deployments by evidence', async () => {
    // Production: d1, r1, d2, d3, d4. Known: d1 (inferred), r1 and d3 (declared), d4 (trailer).
    expect(await deploymentCoverage(t.db, filters())).toEqual({ deployments: 5, known: 4, share: 0.8, ...wilson(4, 5), by_evidence: { inferred: 1, declared: 2, trailer: 1 } });
    expect(await deploymentCoverage(t.db, filters({ service: 'cart' }))).toEqual({ deployments: 2, known: 1, share: 0.5, ...wilson(1, 2), by_evidence: { declared: 1 } });
  });

  it('counts changes by authored_at', async () => {
    // c4 was authored before the period. c1 trailer, c2 declared, c3 unknown.
    expect(await changeCoverage(t.db, filters())).toEqual({ changes: 3, known: 2, share: 2 / 3, ...wilson(2, 3), by_evidence: { trailer: 1, declared: 1 } });
  });
});

describe('change failure rate per cohort', () => {
  it('excludes rollback deployments and keeps unknown apart', async () => {
    const cfr = await cfrByCohort(t.db, filters());
    // ai: d1 (rolled back) failed, d4 fine. unknown: d2 linked to the Sev1. human: d3.
    expect(cfr.ai).toMatchObject({ deployments: 2, failed: 1, rate: 0.5 });
    expect(cfr.human).toMatchObject({ deployments: 1, failed: 0, rate: 0, ci_low: 0 });
    expect(cfr.unknown).toMatchObject({ deployments: 1, failed: 1, rate: 1, ci_high: 1 });
    expect(cfr.all).toMatchObject({ deployments: 4, failed: 2, rate: 0.5 });
    // Wilson n = 4, 2 failed: [0.150, 0.850].
    expect(cfr.all.ci_low).toBeCloseTo(0.15004, 4);
  });

  it('reports an empty cohort as zero deployments with no rate', async () => {
    const cfr = await cfrByCohort(t.db, filters({ service: 'cart' }));
    expect(cfr.ai).toEqual({ deployments: 0, failed: 0, rate: null, ci_low: null, ci_high: null });
  });
});

describe('DORA five', () => {
  it('computes frequency, lead time, CFR, recovery time and rework by hand', async () => {
    const result = await dora(t.db, filters());
    // Lead times (deployment finished − change authored): d1·c1 120, d1·c2 1440, d2·c3 120,
    // d3·c4 17 400. Median (120 + 1440) / 2 = 780; p90 at rank 2.7: 1440 + 0.7 × 15 960 = 12 612.
    // Recovery: the Sev1's restore 60 (13:30 − 12:30) and d1's rollback 30 (10:30 − 10:00):
    // median 45, p90 30 + 0.9 × 30 = 57. Rework: r1 and d3 of 5.
    expect(result).toEqual({
      deploys_per_week: 2.5,
      lead_time: { median: 780, p90: expect.closeTo(12612, 6) },
      merge_to_deploy: { median: 60, p90: 60 },
      cfr: 0.5,
      recovery_time: { median: 45, p90: expect.closeTo(57, 6) },
      rework_rate: 0.4,
      rework_ci_low: wilsonInterval(2, 5)!.low,
      rework_ci_high: wilsonInterval(2, 5)!.high,
      cfr_ci_low: expect.any(Number),
      cfr_ci_high: expect.any(Number),
      durations_exact: true,
    });
  });

  it('narrows to a service', async () => {
    // shop: d1, r1, d4 in two weeks; rework r1; CFR d1 of d1, d4; recovery d1's 30 only.
    expect(await dora(t.db, filters({ service: 'shop' }))).toMatchObject({
      deploys_per_week: 1.5, lead_time: { median: 780 }, cfr: 0.5, recovery_time: { median: 30, p90: 30 }, rework_rate: 1 / 3,
    });
  });
});
