// Headline numbers for the period: per cohort, failed / deployments summed over all weeks.
import type { CfrTrendPoint, Cohort } from '../../lib/api-types.ts';
import { COHORTS } from '../../lib/cohorts.ts';

export interface CohortTotal {
  cohort: Cohort;
  deployments: number;
  failed: number;
  /** failed / deployments, or null when the cohort had no deployments. */
  rate: number | null;
}

export function cohortTotals(points: readonly CfrTrendPoint[]): CohortTotal[] {
  return COHORTS.map((cohort) => {
    let deployments = 0;
    let failed = 0;
    for (const point of points) {
      if (point.cohort !== cohort) continue;
      deployments += point.deployments;
      failed += point.failed;
    }
    return { cohort, deployments, failed, rate: deployments > 0 ? failed / deployments : null };
  });
}
