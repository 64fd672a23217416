import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Cohort } from '../db/schema.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { type MetricFilters, serviceFilter } from './filters.ts';
import { productionDeployment } from './production-deployments.ts';
import { wilsonInterval } from './wilson-interval.ts';

export interface CfrPoint {
  /** ISO week's Monday, YYYY-MM-DD (UTC). */
  week: string;
  cohort: Cohort;
  deployments: number;
  failed: number;
  rate: number;
  ci_low: number;
  ci_high: number;
}

/**
 * Weekly change failure rate per cohort (metrics.md "Change failure rate"): of production
 * deployments in the period (rollback deployments excluded), those rolled back or linked at
 * ≥ min_confidence to a Sev1/Sev2 incident — links decided on all data, not only the period —
 * with a Wilson 95 % interval.
 */
export async function cfrByWeek(db: Db, filters: MetricFilters): Promise<CfrPoint[]> {
  const { productionEnvironments } = await readMetricSettings(db);
  const environments = filters.environment ? productionEnvironments.filter((e) => e === filters.environment) : productionEnvironments;
  const { rows } = await sql<{ week: string; cohort: Cohort; deployments: number; failed: number }>`
    SELECT to_char(date_trunc('week', d.effective_at), 'YYYY-MM-DD') AS week,
           d.cohort,
           count(*)::int AS deployments,
           count(*) FILTER (WHERE d.status = 'rolled_back' OR EXISTS (
             SELECT 1 FROM incident_links l JOIN incidents i ON i.id = l.incident_id
             WHERE l.deployment_id = d.id AND l.confidence >= ${filters.minConfidence}
               AND i.severity IN ('sev1', 'sev2')))::int AS failed
    FROM deployments d
    JOIN services s ON s.id = d.service_id
    WHERE ${productionDeployment(sql.ref('d'), environments)}
      AND d.rollback_of IS NULL
      AND d.effective_at >= ${filters.from} AND d.effective_at < ${filters.to}
      AND ${serviceFilter(filters)}
    GROUP BY 1, 2
    ORDER BY 1, 2
  `.execute(db);
  return rows.map((row) => {
    const interval = wilsonInterval(row.failed, row.deployments)!;
    return { ...row, rate: row.failed / row.deployments, ci_low: interval.low, ci_high: interval.high };
  });
}

/** The default period ends at the start of the day after the latest production deployment (or today). */
export async function latestDataDay(db: Db): Promise<Date> {
  const row = await db.selectFrom('deployments').select((eb) => eb.fn.max('effective_at').as('latest')).executeTakeFirst();
  const latest = row?.latest ? new Date(row.latest) : new Date();
  return new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), latest.getUTCDate() + 1));
}
