import { describe, expect, it } from 'vitest';
import { type WhatIfInput, whatIf, whatIfCurve } from '../../server/analytics/what-if.ts';

/** 200 deployments a week; AI CFR 6 % (Wilson 4–9 %), human CFR 3 % (2–5 %), a quarter AI today. */
function makeInput(overrides: Partial<WhatIfInput> = {}): WhatIfInput {
  return {
    weeklyDeployments: 200,
    ai: { rate: 0.06, ci_low: 0.04, ci_high: 0.09 },
    human: { rate: 0.03, ci_low: 0.02, ci_high: 0.05 },
    share: 0.25,
    ...overrides,
  };
}

describe('whatIf', () => {
  it('mixes the cohort rates by share', () => {
    // 200 × (0.25 × 0.06 + 0.75 × 0.03) = 200 × 0.0375 = 7.5
    // low 200 × (0.25 × 0.04 + 0.75 × 0.02) = 5, high 200 × (0.25 × 0.09 + 0.75 × 0.05) = 12.
    const point = whatIf(makeInput());
    expect(point.share).toBe(0.25);
    expect(point.expected_failed_per_week).toBeCloseTo(7.5, 12);
    expect(point.ci_low).toBeCloseTo(5, 12);
    expect(point.ci_high).toBeCloseTo(12, 12);
  });

  it('is the human cohort alone at share 0 and the AI cohort alone at share 1', () => {
    // 200 × 0.03 = 6 (4–10); 200 × 0.06 = 12 (8–18).
    const none = whatIf(makeInput({ share: 0 }));
    expect([none.expected_failed_per_week, none.ci_low, none.ci_high]).toEqual([6, 4, 10]);
    const all = whatIf(makeInput({ share: 1 }));
    expect([all.expected_failed_per_week, all.ci_low, all.ci_high]).toEqual([12, 8, 18]);
  });

  it('rejects a share outside [0, 1] naming share, and impossible rates', () => {
    expect(() => whatIf(makeInput({ share: -0.1 }))).toThrow(RangeError);
    expect(() => whatIf(makeInput({ share: 1.5 }))).toThrow(/share/);
    expect(() => whatIf(makeInput({ share: Number.NaN }))).toThrow(/share/);
    expect(() => whatIf(makeInput({ weeklyDeployments: -1 }))).toThrow(/weeklyDeployments/);
    expect(() => whatIf(makeInput({ ai: { rate: 0.1, ci_low: 0.2, ci_high: 0.3 } }))).toThrow(/ai:/);
  });
});

describe('whatIfCurve', () => {
  it('covers shares 0, 0.1, …, 1 plus the current share, in order', () => {
    const curve = whatIfCurve(makeInput());
    expect(curve.map((p) => p.share)).toEqual([0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(curve.filter((p) => p.current).map((p) => p.share)).toEqual([0.25]);
    // Each 0.1 of share adds 200 × 0.1 × (0.06 − 0.03) = 0.6 expected failures: 6, 6.6, …, 12.
    curve.filter((p) => !p.current).forEach((p, i) => expect(p.expected_failed_per_week).toBeCloseTo(6 + 0.6 * i, 12));
    expect(curve.find((p) => p.current)!.expected_failed_per_week).toBeCloseTo(7.5, 12);
  });

  it('marks a grid share as current instead of repeating it', () => {
    const curve = whatIfCurve(makeInput({ share: 0.3 }));
    expect(curve).toHaveLength(11);
    expect(curve.filter((p) => p.current)).toEqual([
      // 200 × (0.3 × 0.06 + 0.7 × 0.03) = 7.8; low 200 × (0.012 + 0.014) = 5.2; high 200 × (0.027 + 0.035) = 12.4.
      { share: 0.3, expected_failed_per_week: expect.closeTo(7.8, 12), ci_low: expect.closeTo(5.2, 12), ci_high: expect.closeTo(12.4, 12), current: true },
    ]);
  });

  it('validates the current share too', () => {
    expect(() => whatIfCurve(makeInput({ share: 2 }))).toThrow(/share/);
  });
});
