import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricFilters, parseFilters } from '../../server/analytics/filters.ts';
import { evaluateSlos } from '../../server/analytics/slo-evaluation.ts';
import { historyEnds, sloHistory } from '../../server/analytics/slo-history.ts';
import type { SloPolicy } from '../../server/db/slo-policies.repository.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

let t: TestDatabase;
// Windows end at 2026-03-29: a 28-day window starts 2026-03-01.
const filters = parseFilters({ to: '2026-03-29' }, new Date('2026-03-29T00:00:00Z'), DEFAULT_METRIC_SETTINGS);
const at = (day: number, hour = 10, minute = 0) => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

// Twenty AI deployments on shop, one a day from March 2nd; the first five caused a Sev1 each,
// an hour after they finished. TTD: 5, 10, 30, 40, unknown. Restore: 60, 60, 60, 200, 30.
const deployments = Array.from({ length: 20 }, (_, k) => makeDeployment({ service: 'shop', ai: AI, finished_at: at(2 + k) }));
const ttd = [5, 10, 30, 40, null];
const restore = [60, 60, 60, 200, 30];
const incidents = ttd.map((minutes, k) =>
  makeIncident({
    services: ['shop'], severity: 'sev1', caused_by: [deployments[k]!.id], impact_started_at: at(2 + k, 11),
    detected_at: minutes === null ? null : at(2 + k, 11, minutes),
    mitigated_at: new Date(Date.parse(at(2 + k, 11)) + restore[k]! * 60_000).toISOString(),
  }),
);
// Before the window: an AI deployment and its slow-to-detect Sev1 must not count.
const old = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-02-20T10:00:00.000Z' });
const oldIncident = makeIncident({ services: ['shop'], caused_by: [old.id], impact_started_at: '2026-02-20T11:00:00.000Z', detected_at: '2026-02-20T13:00:00.000Z' });

const policy = (fields: Partial<SloPolicy> & Pick<SloPolicy, 'name' | 'metric' | 'threshold' | 'objective'>): SloPolicy => ({
  id: '0', cohort: 'ai', severities: ['sev1', 'sev2'], window_days: 28, enabled: true, created_at: new Date(), updated_at: new Date(), ...fields,
});

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), ...deployments, ...incidents, old, oldIncident]));
});
afterAll(() => t.drop());

describe('event SLOs', () => {
  it('spends the error budget on incidents over the threshold', async () => {
    const [ttdSlo, restoreSlo] = await evaluateSlos(t.db, filters, { policies: [
      policy({ name: 'ttd', metric: 'ttd', threshold: 15, objective: 0.8 }),
      policy({ name: 'restore', metric: 'restore', threshold: 120, objective: 0.75 }),
    ] });
    // TTD: 4 judged (one unknown), 2 over 15 min. Attainment 0.5; allowed bad 0.2 × 4 = 0.8;
    // budget 1 − 2 / 0.8 = −1.5; burn rate 0.5 / 0.2 = 2.5.
    expect(ttdSlo).toMatchObject({ window: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-29T00:00:00.000Z' }, total: 4, good: 2, missing: 1, attainment: 0.5, status: 'breached' });
    expect(ttdSlo!.budget_remaining).toBeCloseTo(-1.5, 9);
    expect(ttdSlo!.burn_rate).toBeCloseTo(2.5, 9);
    expect(ttdSlo!.burning.map((b) => [b.id, b.value])).toEqual([[incidents[3]!.id, 40], [incidents[2]!.id, 30]]);
    // Restore: 5 judged, 1 over 120. Attainment 0.8; allowed 0.25 × 5 = 1.25; budget
    // 1 − 1 / 1.25 = 0.2 (under a quarter left: at risk); burn 0.2 / 0.25 = 0.8.
    expect(restoreSlo).toMatchObject({ total: 5, good: 4, attainment: 0.8, status: 'at_risk' });
    expect(restoreSlo!.budget_remaining).toBeCloseTo(0.2, 9);
    expect(restoreSlo!.burn_rate).toBeCloseTo(0.8, 9);
  });

  it('shows no data as such', async () => {
    const [human] = await evaluateSlos(t.db, filters, { policies: [policy({ name: 'human-ttd', metric: 'ttd', cohort: 'human', threshold: 15, objective: 0.9 })] });
    expect(human).toMatchObject({ total: 0, attainment: 1, status: 'no_data', burning: [] });
  });

  it('uses the policy window, not the filter period', async () => {
    // A 40-day window reaches February 17th: the old incident (TTD 120) counts too.
    const [wide] = await evaluateSlos(t.db, filters, { policies: [policy({ name: 'ttd-40d', metric: 'ttd', threshold: 15, objective: 0.8, window_days: 40 })] });
    expect(wide).toMatchObject({ total: 5, good: 2 });
    expect(wide!.burning[0]).toMatchObject({ id: oldIncident.id, value: 120 });
  });

  it('lists and counts only the burners from burningFrom, the verdict still over the whole window', async () => {
    const ttdPolicy = policy({ name: 'ttd', metric: 'ttd', threshold: 15, objective: 0.8 });
    // TTD 30 (March 4th) and 40 (March 5th) burn; from March 5th only the second.
    const [fromFifth] = await evaluateSlos(t.db, filters, { policies: [ttdPolicy], burningFrom: new Date(at(5, 0)) });
    expect(fromFifth).toMatchObject({ total: 4, good: 2, status: 'breached', burned: 1 });
    expect(fromFifth!.burning.map((b) => [b.id, b.value])).toEqual([[incidents[3]!.id, 40]]);
    // Listing one of them still counts both.
    const [one] = await evaluateSlos(t.db, filters, { policies: [ttdPolicy], burning: 1 });
    expect(one).toMatchObject({ burned: 2, burning: [{ id: incidents[3]!.id }] });
    const [later] = await evaluateSlos(t.db, filters, { policies: [ttdPolicy], burningFrom: new Date(at(6, 0)) });
    expect(later).toMatchObject({ total: 4, good: 2, burned: 0, burning: [] });
  });

  it('counts policies with different windows, severities and cohorts in one pass as each alone', async () => {
    const policies = [
      policy({ name: 'ttd-40d', metric: 'ttd', threshold: 15, objective: 0.8, window_days: 40 }),
      policy({ name: 'human-ttd', metric: 'ttd', cohort: 'human', threshold: 15, objective: 0.9 }),
      policy({ name: 'all-restore-sev1', metric: 'restore', cohort: 'all', severities: ['sev1'], threshold: 60, objective: 0.9, window_days: 7 }),
      policy({ name: 'ai-blast', metric: 'blast_services', threshold: 1, objective: 0.9 }),
    ];
    const together = await evaluateSlos(t.db, filters, { policies });
    expect(together.find((s) => s.name === 'ttd-40d')).toMatchObject({ total: 5, good: 2 });
    for (const [k, one] of policies.entries()) expect(together[k]).toEqual((await evaluateSlos(t.db, filters, { policies: [one] }))[0]);
  });

  it('evaluates the seeded defaults', async () => {
    const seeded = await evaluateSlos(t.db, filters);
    expect(seeded.map((s) => [s.name, s.status])).toEqual([
      ['ai-ttd-15m', 'breached'], // 2 bad of 4 at 95 %
      ['ai-ttrb-30m', 'breached'], // TTRb = mitigated − detected: 55, 50, 30, 160 (one unknown): 3 bad
      ['ai-blast-1-service', 'met'], // every incident hit one service
      ['ai-cfr-15pct', 'breached'], // 5 of 20 = 0.25 > 0.15
    ]);
    // The summary's form: the same verdicts without the burning incidents.
    const verdicts = await evaluateSlos(t.db, filters, { burning: 0 });
    expect(seeded.find((s) => s.name === 'ai-ttrb-30m')!.burning).toHaveLength(3);
    expect(verdicts).toEqual(seeded.map((s) => ({ ...s, burning: [] })));
  });
});

describe('ratio SLO on CFR', () => {
  it('is met only when the Wilson upper bound is within the threshold', async () => {
    // AI: 5 failed of 20 in the window: rate 0.25, Wilson upper bound 0.4687.
    const slos = await evaluateSlos(t.db, filters, { policies: [0.5, 0.3, 0.2].map((threshold) => policy({ name: `cfr-${threshold}`, metric: 'cfr', threshold, objective: 0.95 })) });
    expect(slos.map((s) => s.status)).toEqual(['met', 'at_risk', 'breached']);
    expect(slos[0]).toMatchObject({ total: 20, good: 15, rate: 0.25 });
    expect(slos[0]!.ci_high).toBeCloseTo(0.4687, 4);
  });
});

/** The history's points, and what evaluateSlos gives over the window ending at each of its ends. */
async function historyAndEvaluations(period: MetricFilters, policies: SloPolicy[]) {
  const points = await sloHistory(t.db, period, policies);
  const expected = [];
  for (const end of historyEnds(period)) {
    // With a burner listed, evaluateSlos counts the window's facts in one scan: the other path.
    const evaluations = await evaluateSlos(t.db, { ...period, to: end }, { policies, burning: 1 });
    expected.push(...evaluations.map((e, k) => ({
      policy: policies[k]!.id, at: end.toISOString(), total: e.total, good: e.good, attainment: e.attainment,
      attainment_ci_low: e.attainment_ci_low, attainment_ci_high: e.attainment_ci_high, budget_remaining: e.budget_remaining,
      rate: e.rate, ci_low: e.ci_low, ci_high: e.ci_high, status: e.status,
    })));
  }
  return { points, expected };
}

describe('SLO history', () => {
  const policies = [
    policy({ id: '1', name: 'ttd', metric: 'ttd', threshold: 15, objective: 0.8 }),
    policy({ id: '2', name: 'restore-week', metric: 'restore', cohort: 'all', severities: ['sev1'], window_days: 7, threshold: 120, objective: 0.75 }),
    policy({ id: '3', name: 'cfr-ai', metric: 'cfr', window_days: 14, threshold: 0.3, objective: 0.95 }),
    policy({ id: '4', name: 'cfr-all', metric: 'cfr', cohort: 'all', window_days: 10, threshold: 0.2, objective: 0.95 }),
  ];

  it('gives at every end the verdict evaluateSlos gives over the window ending there', async () => {
    // The period ends mid-afternoon: the last window's edges are not midnights (read from the facts).
    const period = parseFilters({ from: '2026-02-10', to: '2026-03-27T15:30:00Z' }, new Date('2026-03-29T00:00:00Z'), DEFAULT_METRIC_SETTINGS);
    const { points, expected } = await historyAndEvaluations(period, policies);
    expect(points).toHaveLength(historyEnds(period).length * policies.length);
    expect(points).toEqual(expected);
    // Not vacuous: the windows see different incidents and deployments.
    expect(new Set(points.filter((p) => p.policy === '1').map((p) => p.total))).toEqual(new Set([0, 1, 4, 5])); // 5: the window ending 9 March holds February's incident and four of March's
    expect(new Set(points.map((p) => p.status))).toEqual(new Set(['no_data', 'met', 'at_risk', 'breached']));
    expect(points.find((p) => p.policy === '4' && p.at === '2026-03-27T15:30:00.000Z')).toMatchObject({ total: 5, good: 5 }); // 17–21 March: whole days from the start's to the end's
  });

  it('counts the fleet from its day rows as evaluateSlos counts the facts, a threshold equal to a value included', async () => {
    // Whole days: every edge a midnight, the fleet's day rows are read.
    const period = parseFilters({ from: '2026-02-10', to: '2026-03-28' }, new Date('2026-03-29T00:00:00Z'), DEFAULT_METRIC_SETTINGS);
    // A TTD of exactly 30 minutes is good (value ≤ threshold), 40 is bad.
    const atAValue = [...policies, policy({ id: '5', name: 'ttd-30', metric: 'ttd', cohort: 'all', threshold: 30, objective: 0.5 })];
    const { points, expected } = await historyAndEvaluations(period, atAValue);
    expect(points).toEqual(expected);
    const last = points.find((p) => p.policy === '5' && p.at === '2026-03-28T00:00:00.000Z');
    expect(last).toMatchObject({ total: 4, good: 3 });
    // The same for shop's team, from its day rows, and for shop itself, read from the facts.
    for (const narrowed of [{ team: 'team-a' }, { service: 'shop' }]) {
      const one = await historyAndEvaluations({ ...period, ...narrowed }, atAValue);
      expect(one.points).toEqual(one.expected);
      expect(one.points).toEqual(points);
    }
    // Another team's day rows hold none of them.
    const other = await historyAndEvaluations({ ...period, team: 'team-b' }, atAValue);
    expect(other.points).toEqual(other.expected);
    expect(other.points.filter((p) => p.policy === '5').every((p) => p.total === 0)).toBe(true);
  });
});
