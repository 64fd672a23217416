import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Cohort } from '../db/schema.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import type { MetricFilters } from './filters.ts';
import { productionDeploymentsInScope } from './production-deployments.ts';
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

/** A cohort's change failure rate over a period, with its Wilson 95 % interval. */
export interface CohortCfr {
  deployments: number;
  failed: number;
  rate: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/**
 * Whether deployment `d` failed (metrics.md "Change failure rate"): rolled back, or linked at
 * ≥ min_confidence to a Sev1/Sev2 incident. The deployment list shows it for every deployment.
 */
export function deploymentFailed(d: RawBuilder<unknown>, minConfidence: number): RawBuilder<boolean> {
  return sql<boolean>`(${d}.status = 'rolled_back' OR EXISTS (
    SELECT 1 FROM incident_links l JOIN incidents i ON i.id = l.incident_id
    WHERE l.deployment_id = ${d}.id AND l.confidence >= ${minConfidence}
      AND i.severity IN ('sev1', 'sev2')))`;
}

/**
 * The production deployments CFR counts (metrics.md "Change failure rate"), one row each with
 * its week, cohort and whether it failed: in the period (rollback deployments excluded), failed
 * when rolled back or linked at ≥ min_confidence to a Sev1/Sev2 incident — links decided on
 * all data, not only the period. Use as a CTE.
 */
export function cfrDeployments(filters: MetricFilters, productionEnvironments: string[]): RawBuilder<unknown> {
  return sql`
    SELECT d.id, d.service_id, d.effective_at, d.cohort, ${deploymentFailed(sql.ref('d'), filters.minConfidence)} AS failed
    FROM ${productionDeploymentsInScope(filters, productionEnvironments)}
      AND d.rollback_of IS NULL
  `;
}

/** Weekly change failure rate per cohort, with Wilson 95 % intervals. */
export async function cfrByWeek(db: Db, filters: MetricFilters): Promise<CfrPoint[]> {
  const { productionEnvironments } = await readMetricSettings(db);
  const { rows } = await sql<{ week: string; cohort: Cohort; deployments: number; failed: number }>`
    WITH d AS (${cfrDeployments(filters, productionEnvironments)})
    SELECT to_char(date_trunc('week', d.effective_at), 'YYYY-MM-DD') AS week, d.cohort,
           count(*)::int AS deployments, count(*) FILTER (WHERE d.failed)::int AS failed
    FROM d
    GROUP BY 1, 2
    ORDER BY 1, 2
  `.execute(db);
  return rows.map((row) => {
    const interval = wilsonInterval(row.failed, row.deployments)!;
    return { ...row, rate: row.failed / row.deployments, ci_low: interval.low, ci_high: interval.high };
  });
}

/** The period's change failure rate per cohort (every cohort present, zero when empty) and overall. */
export async function cfrByCohort(db: Db, filters: MetricFilters): Promise<Record<Cohort | 'all', CohortCfr>> {
  const { productionEnvironments } = await readMetricSettings(db);
  const { rows } = await sql<{ cohort: Cohort | null; deployments: number; failed: number }>`
    WITH d AS (${cfrDeployments(filters, productionEnvironments)})
    SELECT d.cohort, count(*)::int AS deployments, count(*) FILTER (WHERE d.failed)::int AS failed
    FROM d
    GROUP BY ROLLUP (d.cohort)
  `.execute(db);
  const of = (cohort: Cohort | null): CohortCfr => {
    const row = rows.find((r) => r.cohort === cohort) ?? { deployments: 0, failed: 0 };
    const interval = wilsonInterval(row.failed, row.deployments);
    return {
      deployments: row.deployments,
      failed: row.failed,
      rate: row.deployments > 0 ? row.failed / row.deployments : null,
      ci_low: interval?.low ?? null,
      ci_high: interval?.high ?? null,
    };
  };
  return { ai: of('ai'), human: of('human'), unknown: of('unknown'), all: of(null) };
}

/** The default period ends at the start of the day after the latest production deployment (or today). */
export async function latestDataDay(db: Db): Promise<Date> {
  const row = await db.selectFrom('deployments').select((eb) => eb.fn.max('effective_at').as('latest')).executeTakeFirst();
  const latest = row?.latest ? new Date(row.latest) : new Date();
  return new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), latest.getUTCDate() + 1));
}
