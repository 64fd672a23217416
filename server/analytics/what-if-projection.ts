import type { WhatIfProjection } from '../api/metrics/schema.ts';
import type { Db } from '../db/connection.ts';
import { type CohortCfr, cfrByCohort } from './change-failure-rate.ts';
import { deploymentCoverage } from './tagging-coverage.ts';
import { type MetricFilters, weeksIn } from './filters.ts';
import { wilsonInterval } from './wilson-interval.ts';
import { whatIf, whatIfCurve } from './what-if.ts';

/** docs/metrics.md "What-if": the period's weekly deployments and cohort CFRs, projected to other AI shares. */
export async function whatIfProjection(db: Db, filters: MetricFilters, target: number | null): Promise<WhatIfProjection> {
  const [cfr, coverage] = await Promise.all([cfrByCohort(db, filters), deploymentCoverage(db, filters)]);
  const weekly = coverage.deployments / weeksIn(filters);
  const known = cfr.ai.deployments + cfr.human.deployments;
  const currentShare = known > 0 ? cfr.ai.deployments / known : null;
  const shareInterval = wilsonInterval(cfr.ai.deployments, known);
  const base = {
    weekly_deployments: weekly,
    current_share: currentShare,
    current_share_ci_low: shareInterval?.low ?? null,
    current_share_ci_high: shareInterval?.high ?? null,
    cfr: { ai: cfr.ai, human: cfr.human },
  };
  if (cfr.ai.rate === null || cfr.human.rate === null || currentShare === null) {
    return { ...base, target: null, curve: [], note: `needs AI and human deployments in the period (ai ${cfr.ai.deployments}, human ${cfr.human.deployments})` };
  }
  const rate = (c: CohortCfr) => ({ rate: c.rate!, ci_low: c.ci_low!, ci_high: c.ci_high! });
  const input = { weeklyDeployments: weekly, ai: rate(cfr.ai), human: rate(cfr.human), share: currentShare };
  return { ...base, target: target === null ? null : whatIf({ ...input, share: target }), curve: whatIfCurve(input), note: null };
}
