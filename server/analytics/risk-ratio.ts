import type { RiskRatio } from '../api/metrics/schema.ts';
import { Z_95 } from './wilson-interval.ts';

export type { RiskRatio };

/** Failed and total production deployments of one cohort (docs/metrics.md "Change failure rate"). */
export interface CohortFailures {
  failed: number;
  deployments: number;
}

/**
 * Risk ratio CFR_ai / CFR_human with a 95 % log-method interval and a two-sided Fisher exact
 * p-value (docs/metrics.md "Change failure rate (CFR)" → risk ratio).
 *
 * Cells: a = AI failed, b = AI not failed, c = human failed, d = human not failed. When any
 * cell is 0, 0.5 is added to every cell (so each cohort's deployments grow by 1) and both the
 * point value and the interval use the corrected cells: a ratio of 0 or ∞ has no log interval,
 * and a point value outside its own interval would be contradictory. The p-value always uses
 * the table as observed, since the exact test needs no correction. A cohort without
 * deployments has no rate, so everything is null.
 */
export function riskRatio(ai: CohortFailures, human: CohortFailures): RiskRatio {
  checkCohort('ai', ai);
  checkCohort('human', human);
  if (ai.deployments === 0 || human.deployments === 0) {
    return { value: null, ci_low: null, ci_high: null, p_value: null };
  }
  const cells = [ai.failed, ai.deployments - ai.failed, human.failed, human.deployments - human.failed];
  const correction = cells.includes(0) ? 0.5 : 0;
  const a = ai.failed + correction;
  const n1 = ai.deployments + 2 * correction;
  const c = human.failed + correction;
  const n2 = human.deployments + 2 * correction;
  const value = a / n1 / (c / n2);
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
  return {
    value,
    ci_low: value * Math.exp(-Z_95 * se),
    ci_high: value * Math.exp(Z_95 * se),
    p_value: fisherExactTwoSided(cells[0]!, cells[1]!, cells[2]!, cells[3]!),
  };
}

function checkCohort(name: string, cohort: CohortFailures): void {
  const { failed, deployments } = cohort;
  if (!Number.isSafeInteger(failed) || !Number.isSafeInteger(deployments) || failed < 0 || failed > deployments) {
    throw new RangeError(`${name}: failed and deployments must be integers with 0 ≤ failed ≤ deployments`);
  }
}

/** R's fisher.test tolerance: tables this close to the observed probability count as "as extreme". */
const RELATIVE_TOLERANCE = 1e-7;

/**
 * Two-sided Fisher exact test of the 2×2 table [[a, b], [c, d]]: the probability, given the
 * margins, of all tables no more likely than the observed one (as R's fisher.test). Densities
 * are computed in logs, relative to the mode, so millions of deployments never overflow; the
 * distribution is unimodal, so the walk out from the mode stops where densities underflow to 0
 * and contribute nothing — O(support) at worst, about O(√n) in practice.
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const [name, count] of Object.entries({ a, b, c, d })) {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`${name} must be a non-negative integer`);
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  if (lo === hi) return 1;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((row1 + 1) * (col1 + 1)) / (row1 + row2 + 2))));
  const reference = logHypergeometric(mode, row1, row2, col1);
  const observed = Math.exp(logHypergeometric(a, row1, row2, col1) - reference) * (1 + RELATIVE_TOLERANCE);
  let total = 0;
  let extreme = 0;
  const add = (x: number): number => {
    const density = Math.exp(logHypergeometric(x, row1, row2, col1) - reference);
    total += density;
    if (density <= observed) extreme += density;
    return density;
  };
  for (let x = mode; x <= hi; x++) if (add(x) === 0) break;
  for (let x = mode - 1; x >= lo; x--) if (add(x) === 0) break;
  return Math.min(1, extreme / total);
}

/**
 * log P(X = x) for X ~ Hypergeometric(draws k from r "red" and b "blue"), written as a ratio of
 * binomial densities at p = k / (r + b) (Loader 2000, as R's dhyper). Naive log-factorials of
 * millions are ~10⁷ and lose ~10⁻⁸ of relative precision to cancellation; this form does not.
 */
function logHypergeometric(x: number, r: number, b: number, k: number): number {
  const n = r + b;
  const p = k / n;
  const q = (n - k) / n;
  return logBinomialRaw(x, r, p, q) + logBinomialRaw(k - x, b, p, q) - logBinomialRaw(k, n, p, q);
}

const LN_2PI = Math.log(2 * Math.PI);
const LN_SQRT_2PI = 0.5 * LN_2PI;

/** log of the binomial density, with p and q = 1 − p passed separately for precision near 0 and 1. */
function logBinomialRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) return n === 0 ? 0 : p < 0.1 ? -deviance(n, n * q) - n * p : n * Math.log(q);
  if (x === n) return q < 0.1 ? -deviance(n, n * p) - n * q : n * Math.log(p);
  if (x < 0 || x > n) return -Infinity;
  const lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p) - deviance(n - x, n * q);
  return lc - 0.5 * (LN_2PI + Math.log(x) + Math.log1p(-x / n));
}

/** x·ln(x / np) + np − x without cancellation when x ≈ np (Loader's bd0). */
function deviance(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = s + term / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/** Exact n! as a double for n ≤ 15 (15! < 2⁵³). */
const SMALL_FACTORIALS = Array.from({ length: 16 }, (_, n) => {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
});

/**
 * ln(n!) − [(n + ½)·ln n − n + ln √(2π)], the remainder of Stirling's formula: exact from n!
 * for small n, else its asymptotic series (terms as in R's stirlerr, accurate to ~1e-16).
 */
function stirlingError(n: number): number {
  if (n <= 15) {
    if (n === 0) return 0;
    return Math.log(SMALL_FACTORIALS[n]!) - ((n + 0.5) * Math.log(n) - n + LN_SQRT_2PI);
  }
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** ln(n!) for a non-negative integer n, precise to a few ulps of its magnitude. */
export function logFactorial(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  if (n <= 15) return Math.log(SMALL_FACTORIALS[n]!);
  return (n + 0.5) * Math.log(n) - n + LN_SQRT_2PI + stirlingError(n);
}

const SIGNIFICANCE = 0.05;

/**
 * The sentence a dashboard leads with: a difference is claimed only when the Fisher p-value is
 * below 0.05 (docs/metrics.md), otherwise it says how many deployments have been seen so far.
 */
export function riskHeadline(rr: RiskRatio, nAi: number, nHuman: number): string {
  const { value, ci_low, ci_high, p_value } = rr;
  if (value === null || ci_low === null || ci_high === null || p_value === null || p_value >= SIGNIFICANCE || value === 1) {
    return `no significant difference yet (n_ai = ${nAi}, n_human = ${nHuman})`;
  }
  const evidence = `95% CI ${formatRatio(ci_low)}–${formatRatio(ci_high)}, ${formatP(p_value)}`;
  if (value > 1) return `AI-assisted deployments fail ${value.toFixed(1)}× as often as human ones (${evidence})`;
  return `AI-assisted deployments fail less often than human ones: ${value.toFixed(2)}× the rate (${evidence})`;
}

function formatRatio(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
