import type { Db } from '../db/connection.ts';
import { type CohortCfr, cfrByCohort } from './change-failure-rate.ts';
import { type Dora, dora } from './dora.ts';
import { type MetricFilters, periodOf } from './filters.ts';
import { type GovernanceSummary, governanceSummary } from './governance-controls.ts';
import { type IncidentSummary, incidentSummary } from './incident-metrics.ts';
import { type CohortBucket, incidentBuckets } from './incident-rollups.ts';
import { type RiskRatio, riskHeadline, riskRatio } from './risk-ratio.ts';
import { type SloEvaluation, evaluateSlos } from './slo-evaluation.ts';
import { type Coverage, deploymentCoverage } from './tagging-coverage.ts';

/** GET /api/metrics/summary and `sevscope metrics summary --json` (docs/api.md): one object, same for both. */
export interface MetricsSummary {
  period: { from: string; to: string };
  coverage: Coverage;
  cfr: { ai: CohortCfr; human: CohortCfr; unknown: CohortCfr; risk_ratio: RiskRatio; headline: string };
  incidents: IncidentSummary;
  dora: Dora;
  slos: Pick<SloEvaluation, 'name' | 'metric' | 'cohort' | 'attainment' | 'objective' | 'budget_remaining' | 'burn_rate' | 'status'>[];
  governance: GovernanceSummary;
}

export async function metricsSummary(db: Db, filters: MetricFilters): Promise<MetricsSummary> {
  const cfrOfPeriod = cfrByCohort(db, filters);
  // Read when the incident times or DORA recovery come from histograms; then once for both.
  let buckets: Promise<CohortBucket[]> | undefined;
  const incidentBucketsOnce = () => (buckets ??= incidentBuckets(db, filters));
  const [coverage, cfr, incidents, doraFive, slos, governance] = await Promise.all([
    deploymentCoverage(db, filters),
    cfrOfPeriod,
    incidentSummary(db, filters, { buckets: incidentBucketsOnce }),
    dora(db, filters, { cfr: cfrOfPeriod, incidentBuckets: incidentBucketsOnce }),
    evaluateSlos(db, filters, { burning: 0 }),
    governanceSummary(db, filters),
  ]);
  const rr = riskRatio(cfr.ai, cfr.human);
  return {
    period: periodOf(filters),
    coverage,
    cfr: { ai: cfr.ai, human: cfr.human, unknown: cfr.unknown, risk_ratio: rr, headline: riskHeadline(rr, cfr.ai.deployments, cfr.human.deployments) },
    incidents,
    dora: doraFive,
    slos: slos.map(({ name, metric, cohort, attainment, objective, budget_remaining, burn_rate, status }) => ({ name, metric, cohort, attainment, objective, budget_remaining, burn_rate, status })),
    governance,
  };
}
