import { type RawBuilder, sql } from 'kysely';
import type { CfrPoint, CohortCfr } from '../api/metrics/schema.ts';
import type { Db } from '../db/connection.ts';
import type { Cohort } from '../db/schema.ts';
import type { MetricFilters } from './filters.ts';
import { productionDeploymentsInScope, productionRollupsInScope } from './production-deployments.ts';
import { LINK_LEVELS, linkLevel, linkedColumn } from './rollup-columns.ts';
import { wilsonInterval } from './wilson-interval.ts';

export type { CohortCfr };

/**
 * Whether deployment `d` failed (docs/metrics.md "Change failure rate"): rolled back, or linked at
 * ≥ min_confidence to a Sev1/Sev2 incident. The deployment list shows it for every deployment.
 */
export function deploymentFailed(d: RawBuilder<unknown>, minConfidence: number): RawBuilder<boolean> {
  // A scalar subquery with LIMIT 1, not EXISTS: PostgreSQL may run an EXISTS in a select list as
  // a hash of every link (226 000 at 10 M deployments, 180 ms) even for a page of 100 rows; this
  // form looks up each row's links by index.
  return sql<boolean>`(${d}.status = 'rolled_back' OR coalesce((
    SELECT true FROM incident_links l JOIN incidents i ON i.id = l.incident_id
    WHERE l.deployment_id = ${d}.id AND l.confidence >= ${minConfidence}
      AND i.severity IN ('sev1', 'sev2') LIMIT 1), false))`;
}

/**
 * The production deployments CFR counts (docs/metrics.md "Change failure rate"), one row each with
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

/**
 * Failed deployments in a rollup row at min_confidence (docs/metrics.md "Change failure rate"):
 * those rolled back, plus those whose strongest Sev1/Sev2 link is at or above it.
 */
export function failedInRollup(minConfidence: number): RawBuilder<number> {
  const level = linkLevel(minConfidence);
  return sql<number>`(r.rolled_back + ${sql.join(LINK_LEVELS.filter((l) => l >= level).map((l) => sql.ref(`r.${linkedColumn(l)}`)), sql` + `)})`;
}

/** The CFR columns of a grouped rollup query: deployments (rollbacks excluded) and failed. */
export function cfrCounts(minConfidence: number): RawBuilder<unknown> {
  return sql`sum(r.deployments - r.rollbacks)::int AS deployments, sum(${failedInRollup(minConfidence)})::int AS failed`;
}

export function cohortCfr(deployments: number, failed: number): CohortCfr {
  const interval = wilsonInterval(failed, deployments);
  return { deployments, failed, rate: deployments > 0 ? failed / deployments : null, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null };
}

/** Weekly change failure rate per cohort, with Wilson 95 % intervals (weeks with deployments). */
export async function cfrByWeek(db: Db, filters: MetricFilters): Promise<CfrPoint[]> {
  const { productionEnvironments } = filters.settings;
  const { rows } = await sql<{ week: string; cohort: Cohort; deployments: number; failed: number }>`
    SELECT to_char(date_trunc('week', r.day), 'YYYY-MM-DD') AS week, r.cohort, ${cfrCounts(filters.minConfidence)}
    FROM ${productionRollupsInScope(filters, productionEnvironments)}
    GROUP BY 1, 2
    HAVING sum(r.deployments - r.rollbacks) > 0
    ORDER BY 1, 2
  `.execute(db);
  return rows.map((row) => {
    const cfr = cohortCfr(row.deployments, row.failed);
    return { ...row, rate: cfr.rate!, ci_low: cfr.ci_low!, ci_high: cfr.ci_high! };
  });
}

/** The period's change failure rate per cohort (every cohort present, zero when empty) and overall. */
export async function cfrByCohort(db: Db, filters: MetricFilters): Promise<Record<Cohort | 'all', CohortCfr>> {
  const { productionEnvironments } = filters.settings;
  const { rows } = await sql<{ cohort: Cohort | null; deployments: number; failed: number }>`
    SELECT r.cohort, ${cfrCounts(filters.minConfidence)}
    FROM ${productionRollupsInScope(filters, productionEnvironments)}
    GROUP BY ROLLUP (r.cohort)
  `.execute(db);
  const of = (cohort: Cohort | null) => {
    const row = rows.find((r) => r.cohort === cohort);
    return cohortCfr(row?.deployments ?? 0, row?.failed ?? 0);
  };
  return { ai: of('ai'), human: of('human'), unknown: of('unknown'), all: of(null) };
}
