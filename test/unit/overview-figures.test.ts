import { describe, expect, it } from 'vitest';
import type { MetricsSummary, PeriodComparison } from '../../web/src/lib/api/types.ts';
import { formatDelta, formatMinutes, formatNumber } from '../../web/src/lib/format.ts';
import { comparisonRows } from '../../web/src/routes/overview/comparison-rows.ts';
import { controlViolations, sloCounts } from '../../web/src/routes/overview/headline-figures.ts';

describe('durations and decimals', () => {
  it('reads minutes in the unit people say', () => {
    expect(formatMinutes(42.4)).toBe('42 min');
    expect(formatMinutes(312)).toBe('5.2 h');
    expect(formatMinutes(4500)).toBe('3.1 days');
    expect(formatNumber(310.54, 'decimal')).toBe('310.5');
    expect(formatDelta(30, 42, 'minutes')).toBe('−12 min');
    expect(formatDelta(42.2, 42, 'minutes')).toBe('no change');
  });
});

describe('headline tallies', () => {
  it('counts SLO verdicts and sums control violations, naming the most skipped control', () => {
    const slos = (['met', 'breached', 'breached', 'no_data'] as const).map((status) => ({ status })) as MetricsSummary['slos'];
    expect(sloCounts(slos)).toEqual({ total: 4, met: 1, at_risk: 0, breached: 2, no_data: 1 });
    expect(controlViolations({ evaluated: 10, violations: { two_person_review: 2, change_documentation: 5, automated_checks: 0 } })).toEqual({
      total: 7,
      worst: { control: 'change_documentation', count: 5 },
    });
    expect(controlViolations({ evaluated: 10, violations: { two_person_review: 0 } }).worst).toBeNull();
  });
});

describe('comparisonRows', () => {
  const cohort = (deployments: number, failed: number) => ({ deployments, failed, rate: failed / deployments, ci_low: 0.01, ci_high: 0.5 });
  const times = { count: 3, ttd: { median: 20, p90: 30 }, ttrb: { median: 90, p90: 100 }, restore: { median: null, p90: null }, blast_services: { median: 1, p90: 1, max: 1 } };
  const summary = (from: string, to: string, aiFailed: number, incidents: number): MetricsSummary =>
    ({
      period: { from, to },
      cfr: { ai: cohort(16, aiFailed), human: cohort(16, 1), unknown: { deployments: 0, failed: 0, rate: null, ci_low: null, ci_high: null }, risk_ratio: { value: 2, ci_low: 1, ci_high: 4, p_value: 0.04 }, headline: '' },
      incidents: { total: incidents, sev1: incidents, sev2: 0, unattributed: 0, by_cohort: { ai: times, human: times, unknown: times }, ai_involved: 0, unclassified: 0, times_exact: true },
    }) as unknown as MetricsSummary;
  const comparison = {
    period: { from: '2026-02-02T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' },
    split: '2026-03-02T00:00:00.000Z',
    before: summary('2026-02-02T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 4, 4),
    after: summary('2026-03-02T00:00:00.000Z', '2026-03-30T00:00:00.000Z', 0, 2),
    cfr: { ai: { difference: -0.25, z: -2.14, p_value: 0.0325 }, human: { difference: 0, z: 0, p_value: 1 }, unknown: { difference: null, z: null, p_value: null } },
    governance: {},
  } as unknown as PeriodComparison;
  const rows = comparisonRows(comparison);
  const row = (key: string) => rows.find((r) => r.key === key)!;

  it('calls a rate change significant only below p = 0.05, and says when it cannot be tested', () => {
    expect(row('cfr-ai')).toMatchObject({ before: { value: '25.0%' }, after: { value: '0.0%' }, change: '−25.0 pp', significance: 'significantly lower (p = 0.03)', significant: true });
    expect(row('cfr-human')).toMatchObject({ significance: 'no significant change (p = 1.00)', significant: false });
    expect(row('cfr-unknown').significance).toBe('not testable: a part has no deployments');
    expect(row('risk-ratio').significance).toBe('not tested: compare the intervals');
  });

  it('compares incident counts by their weekly pace, since the parts may differ in length', () => {
    // 4 in four weeks before, 2 in four weeks after.
    expect(row('incidents')).toMatchObject({ before: { value: '4', detail: '1.0 a week' }, after: { value: '2', detail: '0.5 a week' }, change: '−0.5 a week' });
  });
});
