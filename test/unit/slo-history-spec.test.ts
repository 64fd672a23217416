import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { SloHistoryPoint } from '../../web/src/lib/api/types.ts';
import { sloHistoryDomain, sloHistoryNotes, sloHistoryRows, sloHistorySpec, thinBelow } from '../../web/src/lib/charts/slo-history.ts';

const ttd = { name: 'ai-ttd-15m', metric: 'ttd', cohort: 'ai', objective: 0.95, threshold: 15, window_days: 28 } as const;
const cfr = { name: 'ai-cfr-15pct', metric: 'cfr', cohort: 'ai', objective: 0.95, threshold: 0.15, window_days: 28 } as const;

function point(overrides: Partial<SloHistoryPoint> = {}): SloHistoryPoint {
  return {
    policy: '1', at: '2026-03-02T00:00:00.000Z', total: 40, good: 38, attainment: 0.95, attainment_ci_low: 0.835, attainment_ci_high: 0.986,
    budget_remaining: 0, rate: null, ci_low: null, ci_high: null, status: 'at_risk', ...overrides,
  };
}

type Loose = Record<string, any>;
const layer = (spec: Loose, name: string) => (spec.layer as Loose[]).find((l) => l.name === name)!;

describe('sloHistorySpec', () => {
  const points = [
    point(),
    point({ at: '2026-03-09T00:00:00.000Z', total: 50, good: 49, attainment: 0.98, attainment_ci_low: 0.895, attainment_ci_high: 0.996, status: 'met' }),
    // Thin: 5 judged at 95 % (fewer than 20), far below the others.
    point({ at: '2026-03-16T00:00:00.000Z', total: 5, good: 2, attainment: 0.4, attainment_ci_low: 0.118, attainment_ci_high: 0.769, status: 'breached' }),
    point({ at: '2026-03-20T00:00:00.000Z', total: 0, good: 0, attainment: 1, attainment_ci_low: null, attainment_ci_high: null, status: 'no_data' }),
  ];
  const spec = sloHistorySpec(points, ttd) as Loose;

  it('compiles, describes itself for screen readers and hides decorative marks', () => {
    expect(() => compile(spec as never)).not.toThrow();
    expect(spec.description).toContain('objective of 95 %');
    for (const name of ['band', 'target', 'line']) expect(layer(spec, name).mark.aria).toBe(false);
  });

  it('draws attainment against a rule at the objective, with the Wilson band', () => {
    expect(layer(spec, 'weeks').encoding.y.field).toBe('value');
    expect(layer(spec, 'target').data.values[0].target).toBe(0.95);
    expect(layer(spec, 'band').encoding.y.field).toBe('low');
    expect(layer(spec, 'band').encoding.y2.field).toBe('high');
  });

  it('marks thin points, leaves no-data weeks undrawn, and keeps the thin point out of the scale', () => {
    expect(thinBelow(0.95)).toBe(20);
    const rows = sloHistoryRows(points, ttd);
    expect(rows.map((r) => r.thin)).toEqual([false, false, true, false]);
    expect(rows[3]!.value).toBeNull();
    // Lowest full interval bound 0.835 − 0.02 → 0.80; the thin 40 % would have pulled it to 0.35.
    expect(sloHistoryDomain(rows, ttd)).toEqual([0.8, 1]);
    expect(spec.data.values[2].off_scale).toBe(true);
    const notes = sloHistoryNotes(rows, ttd);
    expect(notes.join(' ')).toContain('1 of 4 weeks had nothing to judge');
    expect(notes.join(' ')).toContain('fewer than 20 incidents');
  });

  it('lets thin points set the scale when every point is thin', () => {
    const rows = sloHistoryRows([point({ total: 5, good: 3, attainment: 0.6 })], ttd);
    expect(sloHistoryDomain(rows, ttd)[0]).toBeLessThanOrEqual(0.55);
  });

  it('plots a cfr policy as the rate against its threshold, with the upper bound dashed', () => {
    const cfrSpec = sloHistorySpec([point({ rate: 0.05, ci_low: 0.03, ci_high: 0.08, status: 'met', total: 300, good: 285 })], cfr) as Loose;
    expect(layer(cfrSpec, 'target').data.values[0].target).toBe(0.15);
    expect(layer(cfrSpec, 'upper_bound').encoding.y.field).toBe('high');
    expect(layer(cfrSpec, 'upper_bound').mark.strokeDash).toBeDefined();
    expect(sloHistoryDomain(sloHistoryRows([point({ rate: 0.05, ci_low: 0.03, ci_high: 0.08 })], cfr), cfr)).toEqual([0, 0.2]);
  });

  it('uses the cohort colour and follows the theme', () => {
    expect(layer(spec, 'line').mark.color).toBe('#d6604d');
    const dark = sloHistorySpec(points, ttd, { theme: 'dark' }) as Loose;
    expect(dark.config.axis.labelColor).not.toBe(spec.config.axis.labelColor);
  });
});
