// Whether a rate changed between two periods: the two-sided two-proportion z-test with a pooled
// standard error (the textbook test; R's prop.test(correct = FALSE) gives the same p-value).
// Used by the Overview's before/after comparison (docs/metrics.md "Before and after a date").

import type { ProportionChange } from '../api/metrics/schema.ts';

export type { ProportionChange };

/**
 * p̂ = (x₁ + x₂) / (n₁ + n₂), se = √(p̂(1 − p̂)(1/n₁ + 1/n₂)), z = (x₂/n₂ − x₁/n₁) / se,
 * p = 2 · (1 − Φ(|z|)). When p̂ is 0 or 1 both rates are equal and certain: z = 0, p = 1.
 */
export function twoProportionTest(before: { successes: number; trials: number }, after: { successes: number; trials: number }): ProportionChange {
  const { successes: x1, trials: n1 } = before;
  const { successes: x2, trials: n2 } = after;
  if (n1 <= 0 || n2 <= 0) return { difference: null, z: null, p_value: null };
  const difference = x2 / n2 - x1 / n1;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { difference, z: 0, p_value: 1 };
  const z = difference / se;
  return { difference, z, p_value: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/**
 * Complementary error function, fractional error below 1.2 × 10⁻⁷ everywhere (Numerical
 * Recipes' Chebyshev fit, erfcc): plenty for a p-value printed to two digits.
 */
export function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const tail =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? tail : 2 - tail;
}
