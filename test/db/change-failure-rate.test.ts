import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cfrByWeek } from '../../server/analytics/change-failure-rate.ts';
import { type MetricFilters, parseFilters, wholeDays } from '../../server/analytics/filters.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, UNKNOWN, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

let t: TestDatabase;
const filters = (raw: Parameters<typeof parseFilters>[0] = {}): MetricFilters =>
  wholeDays(parseFilters({ from: '2026-03-01', to: '2026-03-16', ...raw }, new Date('2026-03-16T00:00:00Z'), DEFAULT_METRIC_SETTINGS));

// Week of Monday 2026-03-02 on service "shop" (and one on "cart"), then one deployment the week after.
const d1 = makeDeployment({ service: 'shop', ai: AI, status: 'rolled_back', finished_at: '2026-03-02T09:00:00.000Z' });
const r1 = makeDeployment({ service: 'shop', ai: AI, rollback_of: d1.id, finished_at: '2026-03-02T09:20:00.000Z' });
const d2 = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-03T10:00:00.000Z' });
const d3 = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-04T10:00:00.000Z' });
const d4 = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-04T11:00:00.000Z' });
const neverServed = makeDeployment({ service: 'shop', ai: AI, status: 'failed', finished_at: '2026-03-06T10:00:00.000Z' });
const staging = makeDeployment({ service: 'shop', ai: AI, environment: 'staging', status: 'rolled_back', finished_at: '2026-03-06T11:00:00.000Z' });
const humans = ['2026-03-05T09:00:00.000Z', '2026-03-05T10:00:00.000Z', '2026-03-05T11:00:00.000Z'].map((finished_at) =>
  makeDeployment({ service: 'shop', ai: HUMAN, finished_at }),
);
const u1 = makeDeployment({ service: 'cart', ai: UNKNOWN, finished_at: '2026-03-03T00:00:00.000Z' });
const nextWeek = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-09T10:00:00.000Z' });

const shopSev1 = makeIncident({ services: ['shop'], severity: 'sev1', impact_started_at: '2026-03-03T10:30:00.000Z' }); // → d2, 30 min: 0.9
const shopSev3 = makeIncident({ services: ['shop'], severity: 'sev3', impact_started_at: '2026-03-05T12:00:00.000Z' }); // not linked
const cartSev2 = makeIncident({ services: ['cart'], severity: 'sev2', impact_started_at: '2026-03-03T10:00:00.000Z' }); // → u1, 10 h: 0.5

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'shop', domain: 'checkout', tier: 1 }),
    makeService({ id: 'cart', domain: 'pricing', tier: 2 }),
    d1, r1, d2, d3, d4, neverServed, staging, ...humans, u1, nextWeek, shopSev1, shopSev3, cartSev2,
  ]));
});
afterAll(() => t.drop());

describe('weekly change failure rate', () => {
  it('counts failed production deployments per cohort with Wilson 95% bounds', async () => {
    const points = await cfrByWeek(t.db, filters());
    const week1 = points.filter((p) => p.week === '2026-03-02');
    // ai: d1 rolled back, d2 caused the Sev1; d3, d4 fine. r1 (a rollback), the failed and
    // the staging deployment are not production deployments that count. 2 of 4.
    // Wilson, z = 1.96, n = 4, p = 0.5: centre 0.5, half-width 0.35 → [0.150, 0.850].
    expect(week1.find((p) => p.cohort === 'ai')).toMatchObject({ deployments: 4, failed: 2, rate: 0.5 });
    expect(week1.find((p) => p.cohort === 'ai')!.ci_low).toBeCloseTo(0.15004, 4);
    expect(week1.find((p) => p.cohort === 'ai')!.ci_high).toBeCloseTo(0.84996, 4);
    // human: 0 of 3 (the Sev3 is not linked); Wilson upper bound z²/(n + z²) = 3.8415/6.8415.
    const human = week1.find((p) => p.cohort === 'human')!;
    expect(human).toMatchObject({ deployments: 3, failed: 0, rate: 0, ci_low: 0 });
    expect(human.ci_high).toBeCloseTo(0.56149, 4);
    // unknown: u1 linked at 0.5 confidence to the Sev2: 1 of 1; lower bound 1/(1 + z²).
    const unknown = week1.find((p) => p.cohort === 'unknown')!;
    expect(unknown).toMatchObject({ deployments: 1, failed: 1, rate: 1, ci_high: 1 });
    expect(unknown.ci_low).toBeCloseTo(0.20655, 4);
    expect(points.filter((p) => p.week === '2026-03-09')).toMatchObject([{ cohort: 'ai', deployments: 1, failed: 0 }]);
  });

  it('ignores links below min_confidence', async () => {
    const points = await cfrByWeek(t.db, filters({ min_confidence: '0.7' }));
    expect(points.find((p) => p.week === '2026-03-02' && p.cohort === 'unknown')).toMatchObject({ deployments: 1, failed: 0 });
    expect(points.find((p) => p.week === '2026-03-02' && p.cohort === 'ai')).toMatchObject({ deployments: 4, failed: 2 });
  });

  it('narrows by service attributes and by period', async () => {
    expect(await cfrByWeek(t.db, filters({ domain: 'pricing' }))).toMatchObject([{ week: '2026-03-02', cohort: 'unknown', deployments: 1 }]);
    expect(await cfrByWeek(t.db, filters({ service: 'cart', tier: '1' }))).toEqual([]);
    expect(await cfrByWeek(t.db, filters({ from: '2026-03-09' }))).toMatchObject([{ week: '2026-03-09', cohort: 'ai', deployments: 1 }]);
    // A time widens to its UTC day: d2 falls in this window, its incident after it (links are
    // decided on all data).
    expect(await cfrByWeek(t.db, filters({ from: '2026-03-03', to: '2026-03-03T12:00:00Z' }))).toMatchObject([
      { cohort: 'ai', deployments: 1, failed: 1 },
      { cohort: 'unknown', deployments: 1, failed: 1 },
    ]);
  });
});

describe('link confidence', () => {
  it('keeps a 6-hour heuristic link (0.7) at min_confidence 0.7', async () => {
    const db = t.db;
    const deployment = makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-11T04:00:00.000Z' });
    const incident = makeIncident({ services: ['shop'], severity: 'sev2', impact_started_at: '2026-03-11T09:00:00.000Z' });
    await loadRecords(db, { source: 'test' }, valid([deployment, incident]));
    const week = await cfrByWeek(db, filters({ from: '2026-03-09', min_confidence: '0.7' }));
    expect(week.find((p) => p.cohort === 'human')).toMatchObject({ deployments: 1, failed: 1 });
  });
});
