import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricFilters, parseFilters } from '../../server/analytics/filters.ts';
import { listIncidentFacts } from '../../server/analytics/incident-facts.ts';
import { incidentSummary } from '../../server/analytics/incident-metrics.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, UNKNOWN, makeClassification, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

let t: TestDatabase;
const filters = (raw: Parameters<typeof parseFilters>[0] = {}): MetricFilters =>
  parseFilters({ from: '2026-03-01', to: '2026-03-16', ...raw }, new Date('2026-03-16T00:00:00Z'), DEFAULT_METRIC_SETTINGS);
const impact = (orders_lost: number | null, traffic_share: number | null) => ({ orders_lost, errors: null, users_affected: null, traffic_share });

const dA = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-02T10:00:00.000Z' });
const rA = makeDeployment({ service: 'shop', ai: HUMAN, rollback_of: dA.id, finished_at: '2026-03-02T11:10:00.000Z' });
const dH = makeDeployment({ service: 'cart', ai: HUMAN, finished_at: '2026-03-04T07:00:00.000Z' });
const dU = makeDeployment({ service: 'pay', ai: UNKNOWN, finished_at: '2026-03-04T09:00:00.000Z' });

// i1 → dA (heuristic, 30 min: 0.9; rA is a rollback, never linked). TTD 10, TTRb = rA finished
// 11:10 − detected 10:40 = 30, restore = mitigated 11:30 − 10:30 = 60, resolve 240,
// impact minutes = 0.5 × 60 = 30.
const i1 = makeIncident({
  services: ['shop'], severity: 'sev1', regions: ['eu', 'us'], impact: impact(100, 0.5),
  impact_started_at: '2026-03-02T10:30:00.000Z', detected_at: '2026-03-02T10:40:00.000Z',
  mitigated_at: '2026-03-02T11:30:00.000Z', resolved_at: '2026-03-02T14:30:00.000Z',
});
// i2 on two services: cart → dH (3 h: 0.7, human), pay → dU (1 h: 0.9, unknown) → cohort human.
// TTD 5, TTRb = mitigated − detected = 40 (no rollback), restore 45, no resolve, no traffic share.
const i2 = makeIncident({
  services: ['cart', 'pay'], severity: 'sev2', impact_started_at: '2026-03-04T10:00:00.000Z',
  detected_at: '2026-03-04T10:05:00.000Z', mitigated_at: '2026-03-04T10:45:00.000Z',
});
// i3: pay's last deployment is 27 h before → unattributed. Detected before impact: TTD −10 is
// a data error (excluded); restore 60; TTRb = 13:00 − 11:50 = 70.
const i3 = makeIncident({
  services: ['pay'], severity: 'sev1', impact_started_at: '2026-03-05T12:00:00.000Z',
  detected_at: '2026-03-05T11:50:00.000Z', mitigated_at: '2026-03-05T13:00:00.000Z',
});
// i4 names dU (explicit, 1.0) → unknown. TTD 20, TTRb 40, restore 60.
const i4 = makeIncident({
  services: ['cart'], severity: 'sev2', caused_by: [dU.id], impact_started_at: '2026-03-06T08:00:00.000Z',
  detected_at: '2026-03-06T08:20:00.000Z', mitigated_at: '2026-03-06T09:00:00.000Z',
});
const sev3 = makeIncident({ services: ['shop'], severity: 'sev3', impact_started_at: '2026-03-02T12:00:00.000Z' });
// i5, i6 name dA too (ai). rA finished before they began, so mitigation ends the bad change.
// i5: TTD 20, TTRb 40, restore 60. i6: TTD 50, TTRb 70, restore 120.
const i5 = makeIncident({
  services: ['shop'], severity: 'sev2', caused_by: [dA.id], impact_started_at: '2026-03-07T10:00:00.000Z',
  detected_at: '2026-03-07T10:20:00.000Z', mitigated_at: '2026-03-07T11:00:00.000Z',
});
const i6 = makeIncident({
  services: ['shop'], severity: 'sev2', caused_by: [dA.id], impact_started_at: '2026-03-08T10:00:00.000Z',
  detected_at: '2026-03-08T10:50:00.000Z', mitigated_at: '2026-03-08T12:00:00.000Z',
});
const later = makeIncident({ services: ['shop'], severity: 'sev1', impact_started_at: '2026-03-20T12:00:00.000Z' });

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'shop', domain: 'checkout', tier: 1 }),
    makeService({ id: 'cart', domain: 'pricing', tier: 2 }),
    makeService({ id: 'pay', domain: 'payment', tier: 1 }),
    dA, rA, dH, dU, i1, i2, i3, i4, i5, i6, sev3, later,
    // i1: first primary, then revised to incidental (the latest counts); i2: contributory.
    makeClassification({ incident: i1.id, ai_role: 'primary', classified_at: '2026-03-03T09:00:00.000Z' }),
    makeClassification({ incident: i1.id, ai_role: 'incidental', classified_at: '2026-03-04T09:00:00.000Z' }),
    makeClassification({ incident: i2.id, ai_role: 'contributory' }),
  ]));
});
afterAll(() => t.drop());

describe('incident facts', () => {
  it('computes each time, the blast radius and the cohort per incident', async () => {
    const f = filters();
    const facts = await listIncidentFacts(t.db, { from: f.from, to: f.to, filters: f });
    expect(facts.map((row) => row.external_id)).toEqual([i1.id, i2.id, i3.id, i4.id, i5.id, i6.id]);
    const [a, b, c, d] = facts;
    expect(a).toMatchObject({ cohort: 'ai', ttd: 10, ttrb: 30, restore: 60, resolve: 240, blast_services: 1, regions: 2, orders_lost: 100, traffic_share: 0.5, impact_minutes: 30 });
    expect(b).toMatchObject({ cohort: 'human', ttd: 5, ttrb: 40, restore: 45, resolve: null, blast_services: 2, impact_minutes: null });
    expect(c).toMatchObject({ cohort: 'unattributed', ttd: null, ttrb: 70, restore: 60 });
    expect(d).toMatchObject({ cohort: 'unknown', ttd: 20, ttrb: 40, restore: 60 });
    expect(facts[4]).toMatchObject({ cohort: 'ai', ttd: 20, ttrb: 40, restore: 60 });
  });

  it('drops a link below min_confidence from the cohort', async () => {
    const f = filters({ min_confidence: '0.8' });
    const facts = await listIncidentFacts(t.db, { from: f.from, to: f.to, filters: f });
    // i2 keeps only dU (0.9): unknown.
    expect(facts.find((row) => row.external_id === i2.id)!.cohort).toBe('unknown');
  });
});

describe('incident summary', () => {
  it('counts incidents per cohort with percentile_cont medians and p90', async () => {
    const summary = await incidentSummary(t.db, filters());
    expect(summary).toMatchObject({ total: 6, sev1: 2, sev2: 4, unattributed: 1, ai_involved: 1, unclassified: 4 });
    // ai: i1, i5, i6. percentile_cont(0.9) of three values sits at rank 1.8 (0-based):
    // TTD {10, 20, 50} → 20 + 0.8 × 30 = 44; TTRb {30, 40, 70} → 64; restore {60, 60, 120} → 108.
    expect(summary.by_cohort.ai).toEqual({
      count: 3,
      ttd: { median: 20, p90: expect.closeTo(44, 9) },
      ttrb: { median: 40, p90: expect.closeTo(64, 9) },
      restore: { median: 60, p90: expect.closeTo(108, 9) },
      blast_services: { median: 1, p90: 1, max: 1 },
    });
    expect(summary.by_cohort.human).toMatchObject({ count: 1, blast_services: { median: 2, max: 2 } });
    expect(summary.by_cohort.unknown).toMatchObject({ count: 1, ttd: { median: 20, p90: 20 } });
  });

  it('counts other severities only when the filter asks', async () => {
    // The Sev3 on shop is never linked (links are for Sev1/Sev2): unattributed.
    const withSev3 = await incidentSummary(t.db, filters({ severity: 'sev1,sev2,sev3' }));
    expect(withSev3).toMatchObject({ total: 7, unattributed: 2, by_cohort: { ai: { count: 3 } } });
    expect(await incidentSummary(t.db, filters({ severity: 'sev1' }))).toMatchObject({ total: 2, sev2: 0, by_cohort: { ai: { count: 1 } } });
  });

  it('keeps incidents that affected a service the filters keep', async () => {
    // pay: i2 (two services) and i3.
    expect(await incidentSummary(t.db, filters({ service: 'pay' }))).toMatchObject({ total: 2, unattributed: 1, by_cohort: { human: { count: 1 } } });
    // tier 2 is cart: i2 and i4.
    expect(await incidentSummary(t.db, filters({ tier: '2' }))).toMatchObject({ total: 2, by_cohort: { human: { count: 1 }, unknown: { count: 1 } } });
    expect(await incidentSummary(t.db, filters({ from: '2026-03-05' }))).toMatchObject({ total: 4, sev1: 1, sev2: 3 });
  });
});
