// Small statistics the web app computes itself (the server has the same formula in
// server/analytics/wilson-interval.ts; docs/metrics.md "Change failure rate").

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** Wilson score 95 % interval for successes out of trials; null without trials. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): [number, number] | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
