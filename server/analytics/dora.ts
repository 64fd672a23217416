import { type RawBuilder, sql } from 'kysely';
import type { Dora } from '../api/metrics/schema.ts';
import type { Db } from '../db/connection.ts';
import type { DurationHistogramsTable } from '../db/schema.ts';
import { cfrByCohort } from './change-failure-rate.ts';
import { type BucketCount, EXACT_LIMIT, histogramPercentiles, histogramTotal, storedDurationBuckets, sumBuckets } from './duration-histogram.ts';
import { type MetricFilters, serviceFilter, weeksIn } from './filters.ts';
import { type Percentiles, percentiles, storedIncidentFacts } from './incident-facts.ts';
import { type CohortBucket, incidentBuckets } from './incident-rollups.ts';
import { environmentsInScope, productionRollupsInScope } from './production-deployments.ts';
import { rollupScope } from './rollup-scope.ts';
import { linkLevel } from './rollup-columns.ts';
import { wilsonInterval } from './wilson-interval.ts';

export type { Dora };

type Metric = DurationHistogramsTable['metric'];

interface Durations {
  percentiles: Percentiles;
  exact: boolean;
}

/**
 * docs/metrics.md "DORA five", for the production deployments and incidents the filters keep.
 * `cfr` and `incidentBuckets`: the same filters' CFR and incident buckets when the caller reads
 * them anyway (the summary), so each runs once.
 */
export async function dora(
  db: Db,
  filters: MetricFilters,
  options: { cfr?: ReturnType<typeof cfrByCohort>; incidentBuckets?: () => Promise<CohortBucket[]> } = {},
): Promise<Dora> {
  const { productionEnvironments } = filters.settings;
  const environments = environmentsInScope(filters, productionEnvironments);
  const level = linkLevel(filters.minConfidence);
  const scope = rollupScope(filters);

  // Every change in the deployment: deployment finished − change authored (and merged), as
  // analytics/derived/ keeps them per (service, day). Finished deployments: their day is
  // their effective day, and the period is whole days.
  const changeMinutes = (metric: 'lead_time' | 'merge_to_deploy') => sql`
    SELECT ${sql.ref(`cd.${metric}`)} AS m
    FROM change_durations cd JOIN services s ON s.id = cd.service_id
    WHERE cd.environment = ANY(${environments}::text[])
      AND cd.day >= ${filters.from}::date AND cd.day < ${filters.to}::date AND ${serviceFilter(filters)}`;
  // Recovery: time to restore of linked incidents …
  const restores = sql`SELECT restore AS m FROM (${storedIncidentFacts(filters)}) f WHERE cohort <> 'unattributed' AND restore IS NOT NULL`;
  // … and, for rolled-back deployments that no Sev1/Sev2 incident is linked to at min_confidence,
  // the first rollback's finish − the bad deployment's finish (kept by analytics/derived/).
  const rollbackRecoveries = sql`
    SELECT rc.minutes AS m
    FROM deployment_recoveries rc JOIN services s ON s.id = rc.service_id
    WHERE rc.environment = ANY(${environments}::text[])
      AND rc.day >= ${filters.from}::date AND rc.day < ${filters.to}::date AND ${serviceFilter(filters)}
      AND (rc.max_link_confidence IS NULL OR rc.max_link_confidence < ${level}::float8)`;

  /**
   * Percentiles of `exact` (a query of column m), from the histogram of `metric` (plus `extra`
   * buckets counted elsewhere) when there are too many values.
   */
  const durations = async (metric: Metric, exact: RawBuilder<unknown>, extra?: () => Promise<BucketCount[]>): Promise<Durations> => {
    if (scope !== null) {
      const [{ rows }, more] = await Promise.all([
        sql<BucketCount>`SELECT bucket, sum(n)::int AS n FROM (${storedDurationBuckets(filters, environments, metric, scope)}) b GROUP BY bucket`.execute(db),
        extra?.() ?? [],
      ]);
      const buckets = sumBuckets([...rows, ...more]);
      if (histogramTotal(buckets) > EXACT_LIMIT) return { percentiles: histogramPercentiles(buckets), exact: false };
    }
    const { rows } = await sql<{ p: Percentiles }>`SELECT ${percentiles(sql.ref('m'))} AS p FROM (${exact}) x WHERE m >= 0`.execute(db);
    return { percentiles: rows[0]!.p, exact: true };
  };

  const [counts, lead, merge, recovery, cfr] = await Promise.all([
    sql<{ deployments: number; rework: number }>`
      SELECT coalesce(sum(r.deployments), 0)::int AS deployments, coalesce(sum(r.rework), 0)::int AS rework
      FROM ${productionRollupsInScope(filters, productionEnvironments)}`.execute(db),
    durations('lead_time', changeMinutes('lead_time')),
    durations('merge_to_deploy', changeMinutes('merge_to_deploy')),
    durations('recovery', sql`${restores} UNION ALL ${rollbackRecoveries}`,
      async () => (await (options.incidentBuckets?.() ?? incidentBuckets(db, filters, ['restore'])))
        .filter((b) => b.metric === 'restore' && b.cohort !== 'unattributed')),
    options.cfr ?? cfrByCohort(db, filters),
  ]);
  const { deployments, rework } = counts.rows[0]!;
  const reworkInterval = wilsonInterval(rework, deployments);
  return {
    deploys_per_week: deployments / weeksIn(filters),
    lead_time: lead.percentiles,
    merge_to_deploy: merge.percentiles,
    cfr: cfr.all.rate,
    cfr_ci_low: cfr.all.ci_low,
    cfr_ci_high: cfr.all.ci_high,
    recovery_time: recovery.percentiles,
    rework_rate: deployments > 0 ? rework / deployments : null,
    rework_ci_low: reworkInterval?.low ?? null,
    rework_ci_high: reworkInterval?.high ?? null,
    durations_exact: lead.exact && merge.exact && recovery.exact,
  };
}
