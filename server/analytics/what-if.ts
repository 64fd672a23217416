import type { WhatIfCurvePoint, WhatIfPoint } from '../api/metrics/schema.ts';

export type { WhatIfCurvePoint, WhatIfPoint };

/** A cohort's change failure rate with its Wilson 95 % interval (docs/metrics.md "Change failure rate"). */
export interface CohortRate {
  rate: number;
  ci_low: number;
  ci_high: number;
}

export interface WhatIfInput {
  weeklyDeployments: number;
  ai: CohortRate;
  human: CohortRate;
  /** AI share of deployments, in [0, 1]. */
  share: number;
}

/**
 * Expected failed deployments per week if the AI share of deployments becomes `share`
 * (docs/metrics.md "What-if (mandate planning)"): weekly × (s × CFR_ai + (1 − s) × CFR_human).
 * The interval mixes the Wilson bounds the same way — low from both lows, high from both highs —
 * which is conservative: both cohorts are assumed to sit at the same end of their intervals.
 */
export function whatIf(input: WhatIfInput): WhatIfPoint {
  const { weeklyDeployments, ai, human, share } = input;
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new RangeError(`share must be between 0 and 1, got ${share}`);
  if (!Number.isFinite(weeklyDeployments) || weeklyDeployments < 0) {
    throw new RangeError(`weeklyDeployments must be a non-negative number, got ${weeklyDeployments}`);
  }
  checkRate('ai', ai);
  checkRate('human', human);
  const mix = (aiValue: number, humanValue: number) => weeklyDeployments * (share * aiValue + (1 - share) * humanValue);
  return {
    share,
    expected_failed_per_week: mix(ai.rate, human.rate),
    ci_low: mix(ai.ci_low, human.ci_low),
    ci_high: mix(ai.ci_high, human.ci_high),
  };
}

/** The what-if at shares 0, 0.1, …, 1 and at the current share, in order of share. */
export function whatIfCurve(input: WhatIfInput): WhatIfCurvePoint[] {
  const current = whatIf(input);
  const grid = Array.from({ length: 11 }, (_, i) => i / 10);
  const points: WhatIfCurvePoint[] = grid.map((share) => ({ ...whatIf({ ...input, share }), current: share === input.share }));
  if (!grid.includes(input.share)) points.push({ ...current, current: true });
  return points.sort((x, y) => x.share - y.share);
}

function checkRate(name: string, cohort: CohortRate): void {
  const { rate, ci_low, ci_high } = cohort;
  if (![rate, ci_low, ci_high].every((x) => Number.isFinite(x) && x >= 0 && x <= 1) || ci_low > rate || rate > ci_high) {
    throw new RangeError(`${name}: rate and its interval must satisfy 0 ≤ ci_low ≤ rate ≤ ci_high ≤ 1`);
  }
}
