import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { cfrByCohort } from './change-failure-rate.ts';
import { type MetricFilters, serviceFilter, weeksIn } from './filters.ts';
import { type Percentiles, storedIncidentFacts, percentiles } from './incident-facts.ts';
import { environmentsInScope, productionDeploymentsInScope, productionRollupsInScope } from './production-deployments.ts';
import { linkLevel } from './rollups.ts';

/** The `dora` object of GET /api/metrics/summary (api.md), durations in minutes. */
export interface Dora {
  deploys_per_week: number;
  lead_time: Percentiles;
  /** Merge-to-deploy, beside lead time, for changes whose merged_at is known. */
  merge_to_deploy: Percentiles;
  cfr: number | null;
  recovery_time: Percentiles;
  rework_rate: number | null;
}

/** metrics.md "DORA five", for the production deployments and incidents the filters keep. */
export async function dora(db: Db, filters: MetricFilters): Promise<Dora> {
  const { productionEnvironments } = await readMetricSettings(db);
  const environments = environmentsInScope(filters, productionEnvironments);
  const { rows } = await sql<{ deployments: number; rework: number; lead_time: Percentiles; merge_to_deploy: Percentiles; recovery_time: Percentiles }>`
    WITH counts AS (
      SELECT coalesce(sum(r.deployments), 0)::int AS deployments, coalesce(sum(r.rework), 0)::int AS rework
      FROM ${productionRollupsInScope(filters, productionEnvironments)}
    ),
    lead AS (
      -- every change in the deployment: deployment finished − change authored (and merged)
      SELECT extract(epoch FROM d.finished_at - c.authored_at)::float8 / 60 AS lead_time,
             extract(epoch FROM d.finished_at - c.merged_at)::float8 / 60 AS merge_to_deploy
      FROM (SELECT d.id, d.finished_at FROM ${productionDeploymentsInScope(filters, productionEnvironments)} AND d.finished_at IS NOT NULL) d
      JOIN deployment_changes dc ON dc.deployment_id = d.id
      JOIN changes c ON c.external_id = dc.change_external_id
    ),
    incident AS (${storedIncidentFacts(filters)}),
    recovery AS (
      -- time to restore of linked incidents …
      SELECT restore AS minutes FROM incident WHERE cohort <> 'unattributed' AND restore IS NOT NULL
      UNION ALL
      -- … and, for rolled-back deployments that no Sev1/Sev2 incident is linked to, the first
      -- rollback's finish − the bad deployment's finish (kept by analytics/rollups.ts)
      SELECT rc.minutes
      FROM deployment_recoveries rc JOIN services s ON s.id = rc.service_id
      WHERE rc.environment = ANY(${environments}::text[])
        AND rc.day >= ${filters.from}::date AND rc.day < ${filters.to}::date AND ${serviceFilter(filters)}
        AND (rc.max_link_confidence IS NULL OR rc.max_link_confidence < ${linkLevel(filters.minConfidence)}::float8)
    )
    SELECT counts.deployments, counts.rework,
           (SELECT ${percentiles(sql.ref('lead_time'))} FROM lead WHERE lead_time >= 0) AS lead_time,
           (SELECT ${percentiles(sql.ref('merge_to_deploy'))} FROM lead WHERE merge_to_deploy >= 0) AS merge_to_deploy,
           (SELECT ${percentiles(sql.ref('minutes'))} FROM recovery) AS recovery_time
    FROM counts
  `.execute(db);
  const row = rows[0]!;
  const cfr = await cfrByCohort(db, filters);
  return {
    deploys_per_week: row.deployments / weeksIn(filters),
    lead_time: row.lead_time,
    merge_to_deploy: row.merge_to_deploy,
    cfr: cfr.all.rate,
    recovery_time: row.recovery_time,
    rework_rate: row.deployments > 0 ? row.rework / row.deployments : null,
  };
}
