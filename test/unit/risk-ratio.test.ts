import { describe, expect, it } from 'vitest';
import { fisherExactTwoSided, logFactorial, riskHeadline, riskRatio } from '../../server/analytics/risk-ratio.ts';
import { Z_95 } from '../../server/analytics/wilson-interval.ts';

/** Exact two-sided Fisher p of [[a, b], [c, d]] by summing hypergeometric numerators in BigInt. */
function fisherExact(a: number, b: number, c: number, d: number): number {
  const choose = (n: number, k: number): bigint => {
    let result = 1n;
    for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
    return result;
  };
  const [row1, row2, col1] = [a + b, c + d, a + c];
  const weights: bigint[] = [];
  for (let x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x++) weights.push(choose(row1, x) * choose(row2, col1 - x));
  const observed = choose(row1, a) * choose(row2, c);
  const extreme = weights.filter((w) => w <= observed).reduce((sum, w) => sum + w, 0n);
  const total = choose(row1 + row2, col1);
  return Number((extreme * 10n ** 18n) / total) / 1e18;
}

/**
 * Two-sided Fisher p by walking out from the mode with the ratio P(x+1)/P(x) in plain doubles —
 * no logs, no log-factorials — for tables too large for BigInt binomials.
 */
function fisherByRecurrence(a: number, b: number, c: number, d: number): number {
  const [row1, row2, col1] = [a + b, c + d, a + c];
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const ratio = (x: number) => ((row1 - x) * (col1 - x)) / ((x + 1) * (row2 - col1 + x + 1));
  const mode = Math.floor(((row1 + 1) * (col1 + 1)) / (row1 + row2 + 2));
  const weight = new Map<number, number>([[mode, 1]]);
  for (let x = mode, w = 1; x < hi && w > 1e-300; x++) weight.set(x + 1, (w *= ratio(x)));
  for (let x = mode, w = 1; x > lo && w > 1e-300; x--) weight.set(x - 1, (w /= ratio(x - 1)));
  const observed = (weight.get(a) ?? 0) * (1 + 1e-7);
  let total = 0;
  let extreme = 0;
  for (const w of weight.values()) {
    total += w;
    if (w <= observed) extreme += w;
  }
  return extreme / total;
}

describe('fisherExactTwoSided', () => {
  it("matches Fisher's tea-tasting experiment", () => {
    // Margins 4/4/4/4: tables with x = 0..4 correct cups have weights 1, 16, 36, 16, 1 (of 70).
    // Observed x = 3 (weight 16); as or less likely: 1 + 16 + 16 + 1 = 34, so p = 34 / 70.
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(34 / 70, 12);
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(0.4857, 4);
  });

  it('matches R fisher.test(matrix(c(1, 11, 9, 3), 2))', () => {
    // R: p-value = 0.002759 (the dieting example in many textbooks).
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(0.0027594561852, 10);
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(fisherExact(1, 9, 11, 3), 12);
  });

  it('matches an exact BigInt summation on a deployment-sized table', () => {
    // 42 of 700 AI vs 12 of 400 human deployments failed. Exact summation gives 0.029158
    // (scipy.stats.fisher_exact agrees); the 0.0456 sometimes quoted for this table is wrong.
    const p = fisherExactTwoSided(42, 658, 12, 388);
    expect(p).toBeCloseTo(fisherExact(42, 658, 12, 388), 12);
    expect(p).toBeCloseTo(0.0291578, 6);
  });

  it('handles millions of deployments', () => {
    // 50 000 vs 51 000 failures in 1 000 000 deployments each. Pooled two-proportion z:
    // p̄ = 0.0505, se = √(0.0505 · 0.9495 · 2 / 10⁶) = 3.0968e-4, z = 0.001 / se = 3.229, p ≈ 0.00124;
    // the exact test is a little more conservative (scipy.stats.fisher_exact: 0.0012555).
    const p = fisherExactTwoSided(50_000, 950_000, 51_000, 949_000);
    expect(p).toBeCloseTo(fisherByRecurrence(50_000, 950_000, 51_000, 949_000), 9);
    expect(p).toBeCloseTo(0.0012555, 7);
    expect(p / 0.00124).toBeGreaterThan(1);
    expect(p / 0.00124).toBeLessThan(1.05);
    // Equal rows make the distribution symmetric, so the mirrored table is exactly as extreme.
    expect(fisherExactTwoSided(51_000, 949_000, 50_000, 950_000)).toBeCloseTo(p, 12);
  });

  it('is symmetric under swapping rows and transposing, and 1 for identical cohorts', () => {
    const p = fisherExactTwoSided(1, 9, 11, 3);
    expect(fisherExactTwoSided(11, 3, 1, 9)).toBeCloseTo(p, 14);
    expect(fisherExactTwoSided(1, 11, 9, 3)).toBeCloseTo(p, 14);
    expect(fisherExactTwoSided(6, 94, 6, 94)).toBeCloseTo(1, 12);
    expect(fisherExactTwoSided(0, 10, 0, 20)).toBe(1);
  });

  it('counts tables tied with the observed one despite rounding', () => {
    // [[1, 0], [5, 6]]: both possible tables have probability C(11,5) / C(12,6) = 462 / 924 = ½,
    // which the log densities reproduce only to rounding; the 1e-7 tolerance keeps p = 1.
    expect(fisherExactTwoSided(1, 0, 5, 6)).toBeCloseTo(1, 12);
    expect(fisherExact(1, 0, 5, 6)).toBe(1);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => fisherExactTwoSided(-1, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExactTwoSided(1.5, 2, 3, 4)).toThrow(/a must be/);
  });
});

describe('logFactorial', () => {
  it('is precise for small and very large n', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3_628_800), 14);
    let sum = 0;
    for (let i = 2; i <= 170; i++) sum += Math.log(i);
    expect(logFactorial(170)).toBeCloseTo(sum, 10);
    // lgamma(1 000 001) = 12815518.384658169 (Python math.lgamma).
    expect(logFactorial(1_000_000)).toBeCloseTo(12815518.384658169, 7);
  });
});

describe('riskRatio', () => {
  it('uses the log method on a table without zero cells', () => {
    // CFR_ai = 42 / 700 = 0.06, CFR_human = 12 / 400 = 0.03, RR = 2.
    // se = √(1/42 − 1/700 + 1/12 − 1/400) = √0.103452 = 0.321640; RR · e^(±1.96 · se) = 1.0655, 3.7540.
    const rr = riskRatio({ failed: 42, deployments: 700 }, { failed: 12, deployments: 400 });
    const se = Math.sqrt(1 / 42 - 1 / 700 + 1 / 12 - 1 / 400);
    expect(rr.value).toBeCloseTo(2, 12);
    expect(rr.ci_low).toBeCloseTo(2 * Math.exp(-Z_95 * se), 12);
    expect(rr.ci_high).toBeCloseTo(2 * Math.exp(Z_95 * se), 12);
    expect(rr.ci_low).toBeCloseTo(1.0655, 4);
    expect(rr.ci_high).toBeCloseTo(3.754, 3);
    expect(rr.p_value).toBeCloseTo(0.0291578, 6);
  });

  it('adds 0.5 to every cell when one is zero, for the value and the interval', () => {
    // 0 of 50 vs 5 of 50: corrected a = 0.5, n1 = 51, c = 5.5, n2 = 51, so RR = 0.5 / 5.5 = 1/11.
    // se = √(2 − 1/51 + 1/5.5 − 1/51) = √2.142602 = 1.463763 → CI 0.00516–1.6016.
    const rr = riskRatio({ failed: 0, deployments: 50 }, { failed: 5, deployments: 50 });
    expect(rr.value).toBeCloseTo(1 / 11, 12);
    expect(rr.ci_low).toBeCloseTo(0.00516, 5);
    expect(rr.ci_high).toBeCloseTo(1.6016, 4);
    // Exact test on the uncorrected table: rows of 50 are symmetric, P(0) = C(50,5) / C(100,5)
    // = 2 118 760 / 75 287 520, and x = 5 is as extreme, so p = 2 · 0.0281422 = 0.0562845.
    expect(rr.p_value).toBeCloseTo((2 * 2_118_760) / 75_287_520, 12);
  });

  it('corrects a cohort where every deployment failed', () => {
    // 4 of 4 vs 1 of 10: b = 0, so a = 4.5, n1 = 5, c = 1.5, n2 = 11: RR = 0.9 / (1.5 / 11) = 6.6.
    const rr = riskRatio({ failed: 4, deployments: 4 }, { failed: 1, deployments: 10 });
    expect(rr.value).toBeCloseTo(6.6, 12);
    const se = Math.sqrt(1 / 4.5 - 1 / 5 + 1 / 1.5 - 1 / 11);
    expect(rr.ci_high).toBeCloseTo(6.6 * Math.exp(Z_95 * se), 12);
  });

  it('swapping cohorts inverts the ratio and keeps the p-value', () => {
    const forward = riskRatio({ failed: 42, deployments: 700 }, { failed: 12, deployments: 400 });
    const backward = riskRatio({ failed: 12, deployments: 400 }, { failed: 42, deployments: 700 });
    expect(backward.value).toBeCloseTo(1 / forward.value!, 12);
    expect(backward.ci_low).toBeCloseTo(1 / forward.ci_high!, 12);
    expect(backward.ci_high).toBeCloseTo(1 / forward.ci_low!, 12);
    expect(backward.p_value).toBeCloseTo(forward.p_value!, 12);
    const same = riskRatio({ failed: 6, deployments: 100 }, { failed: 6, deployments: 100 });
    expect(same.value).toBe(1);
    expect(same.ci_low! * same.ci_high!).toBeCloseTo(1, 12);
  });

  it('is all null when a cohort has no deployments, and rejects impossible counts', () => {
    const empty = { value: null, ci_low: null, ci_high: null, p_value: null };
    expect(riskRatio({ failed: 0, deployments: 0 }, { failed: 3, deployments: 12 })).toEqual(empty);
    expect(riskRatio({ failed: 3, deployments: 12 }, { failed: 0, deployments: 0 })).toEqual(empty);
    expect(() => riskRatio({ failed: 5, deployments: 4 }, { failed: 0, deployments: 1 })).toThrow(/ai:/);
    expect(() => riskRatio({ failed: 1, deployments: 4 }, { failed: -1, deployments: 1 })).toThrow(/human:/);
  });
});

describe('riskHeadline', () => {
  it('states a difference in either direction only when p < 0.05', () => {
    // RR 2 (CI 1.0655–3.7540, p = 0.02916) as computed above.
    const worse = riskRatio({ failed: 42, deployments: 700 }, { failed: 12, deployments: 400 });
    expect(riskHeadline(worse, 700, 400)).toBe(
      'AI-assisted deployments fail 2.0× as often as human ones (95% CI 1.07–3.75, p = 0.029)',
    );
    // Swapped: RR 0.5, CI 1/3.7540 = 0.266 to 1/1.0655 = 0.939.
    const better = riskRatio({ failed: 12, deployments: 400 }, { failed: 42, deployments: 700 });
    expect(riskHeadline(better, 400, 700)).toBe(
      'AI-assisted deployments fail less often than human ones: 0.50× the rate (95% CI 0.266–0.939, p = 0.029)',
    );
  });

  it('reports very small p-values as p < 0.001', () => {
    const rr = riskRatio({ failed: 100, deployments: 700 }, { failed: 12, deployments: 400 });
    expect(riskHeadline(rr, 700, 400)).toMatch(/^AI-assisted deployments fail 4\.8× as often as human ones \(95% CI .*, p < 0\.001\)$/);
  });

  it('otherwise says there is no significant difference yet, with the sample sizes', () => {
    // 42/700 vs 20/400 (6 % vs 5 %) is well within chance.
    const rr = riskRatio({ failed: 42, deployments: 700 }, { failed: 20, deployments: 400 });
    expect(rr.p_value!).toBeGreaterThan(0.05);
    expect(riskHeadline(rr, 700, 400)).toBe('no significant difference yet (n_ai = 700, n_human = 400)');
    const none = riskRatio({ failed: 0, deployments: 0 }, { failed: 1, deployments: 12 });
    expect(riskHeadline(none, 0, 12)).toBe('no significant difference yet (n_ai = 0, n_human = 12)');
  });
});
