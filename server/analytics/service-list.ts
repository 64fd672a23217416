// The service list (GET /api/services): each service's attributes and, for the period, the
// production deployments CFR counts and how many failed (overall and per cohort, with Wilson
// intervals), the AI share of those whose cohort is known, its Sev1/Sev2 incidents and its
// deployments that broke a governance control; ranked by risk (docs/metrics.md "Services").
import { sql } from 'kysely';
import type { ServiceListRow } from '../api/services/schema.ts';
import type { Cohort } from '../db/schema.ts';
import type { Db } from '../db/connection.ts';
import { cohortCfr, failedInRollup } from './change-failure-rate.ts';
import { type MetricFilters, periodUnion, serviceFilter } from './filters.ts';
import { productionRollupsInScope } from './production-deployments.ts';
import { linkLevel } from './rollup-columns.ts';
import { SERVICE_SCOPE } from './rollup-scope.ts';

export type { ServiceListRow };

interface Counts {
  id: string;
  name: string;
  team: string | null;
  domain: string | null;
  tier: number | null;
  high_risk: boolean;
  deployments: number;
  failed: number;
  ai_deployments: number;
  ai_failed: number;
  human_deployments: number;
  human_failed: number;
  unknown_deployments: number;
  unknown_failed: number;
  sev1_incidents: number;
  sev2_incidents: number;
  violations: number;
}

/**
 * Every service the service filters keep, with no deployments as zeros. `deployments` and
 * `failed` are those of docs/metrics.md "Change failure rate" (production, rollback deployments
 * excluded, failed on all links), so failed / deployments is the service's CFR. Incidents are the
 * period's Sev1/Sev2 incidents that affected the service (by impact start); violations the
 * production deployments of the period with a governance finding (docs/metrics.md "Governance
 * controls": only Tier-1 and high-risk services are evaluated).
 */
export async function listServices(db: Db, filters: MetricFilters): Promise<ServiceListRow[]> {
  const { productionEnvironments } = filters.settings;
  // From the rollups per service, as the summary's CFR reads them (a year at 10 M deployments:
  // ~7 000 month rows and the edge days instead of every deployment and its links, minutes).
  const failed = failedInRollup(filters.minConfidence);
  const cohortCounts = (cohort: Cohort) =>
    sql`coalesce(sum(r.deployments - r.rollbacks) FILTER (WHERE r.cohort = ${cohort}), 0)::int AS ${sql.id(`${cohort}_deployments`)},
        coalesce(sum(${failed}) FILTER (WHERE r.cohort = ${cohort}), 0)::int AS ${sql.id(`${cohort}_failed`)}`;
  const { rows } = await sql<Counts>`
    WITH deployment_counts AS (
      SELECT r.service_id, sum(r.deployments - r.rollbacks)::int AS deployments, sum(${failed})::int AS failed,
             ${cohortCounts('ai')}, ${cohortCounts('human')}, ${cohortCounts('unknown')},
             sum(r.gov_violated)::int AS violations
      FROM ${productionRollupsInScope(filters, productionEnvironments, { perService: true })}
      GROUP BY r.service_id
    ),
    incident_counts AS (
      SELECT x.scope,
             coalesce(sum(x.incidents) FILTER (WHERE x.severity = 'sev1'), 0)::int AS sev1_incidents,
             coalesce(sum(x.incidents) FILTER (WHERE x.severity = 'sev2'), 0)::int AS sev2_incidents
      FROM (${serviceIncidents(filters)}) x
      GROUP BY x.scope
    )
    SELECT s.external_id AS id, s.name, s.team, s.domain, s.tier, s.high_risk,
           coalesce(d.deployments, 0) AS deployments, coalesce(d.failed, 0) AS failed,
           coalesce(d.ai_deployments, 0) AS ai_deployments, coalesce(d.ai_failed, 0) AS ai_failed,
           coalesce(d.human_deployments, 0) AS human_deployments, coalesce(d.human_failed, 0) AS human_failed,
           coalesce(d.unknown_deployments, 0) AS unknown_deployments, coalesce(d.unknown_failed, 0) AS unknown_failed,
           coalesce(n.sev1_incidents, 0) AS sev1_incidents, coalesce(n.sev2_incidents, 0) AS sev2_incidents,
           coalesce(d.violations, 0) AS violations
    FROM services s
    LEFT JOIN deployment_counts d ON d.service_id = s.id
    LEFT JOIN incident_counts n ON n.scope = ${SERVICE_SCOPE}
    WHERE ${serviceFilter(filters)}
  `.execute(db);
  return rankByRisk(rows.map(withRates));
}

/**
 * Sev1/Sev2 incidents per service scope (`scope`, `severity`, `incidents`) of the services the
 * filters keep: whole months from incident_rollups, the edges from incident_scopes and the facts
 * (a year's 200 000 incidents at 10 M deployments are not read one by one).
 */
function serviceIncidents(filters: MetricFilters) {
  const level = sql`${linkLevel(filters.minConfidence)}::float8`;
  const scopes = sql`SELECT ${SERVICE_SCOPE} FROM services s WHERE ${serviceFilter(filters)}`;
  return periodUnion(
    filters, 'month',
    (from, to) => sql`
      SELECT r.scope, r.severity, r.incidents FROM incident_rollups r
      WHERE r.scope IN (${scopes}) AND r.level = ${level} AND r.month >= ${from}::date AND r.month < ${to}::date AND r.severity IN ('sev1', 'sev2')`,
    // Each scope row's fact by its key (LATERAL, OFFSET 0): as a join PostgreSQL guessed 3 times
    // the scope rows and hashed all of a year's facts for a week's 5 800 (10 M deployments: 100 ms).
    (part) => sql`
      SELECT sc.scope, f.severity, 1 AS incidents
      FROM incident_scopes sc
      CROSS JOIN LATERAL (SELECT f.severity FROM incident_facts f WHERE f.incident_id = sc.incident_id AND f.level = ${level} OFFSET 0) f
      WHERE sc.scope IN (${scopes}) AND sc.impact_started_at >= ${part.from} AND sc.impact_started_at < ${part.to} AND f.severity IN ('sev1', 'sev2')`,
  );
}

function withRates(row: Counts): Omit<ServiceListRow, 'risk_rank'> {
  const rates = (prefix: string, deployments: number, failed: number) => {
    const cfr = cohortCfr(deployments, failed);
    return { [`${prefix}cfr`]: cfr.rate, [`${prefix}cfr_low`]: cfr.ci_low, [`${prefix}cfr_high`]: cfr.ci_high };
  };
  const known = row.ai_deployments + row.human_deployments;
  return {
    ...row,
    ...rates('', row.deployments, row.failed),
    ...rates('ai_', row.ai_deployments, row.ai_failed),
    ...rates('human_', row.human_deployments, row.human_failed),
    ...rates('unknown_', row.unknown_deployments, row.unknown_failed),
    ai_share: known > 0 ? row.ai_deployments / known : null,
  } as Omit<ServiceListRow, 'risk_rank'>;
}

/**
 * docs/metrics.md "Services": Sev1 incidents, then Sev2 incidents, then the lower bound of the
 * CFR's 95 % interval (a service with a handful of deployments does not outrank one that fails
 * reliably), then governance violations, all descending; ties by id.
 */
export function rankByRisk<R extends Omit<ServiceListRow, 'risk_rank'>>(rows: R[]): (R & { risk_rank: number })[] {
  const sorted = [...rows].sort(
    (a, b) =>
      b.sev1_incidents - a.sev1_incidents ||
      b.sev2_incidents - a.sev2_incidents ||
      (b.cfr_low ?? -1) - (a.cfr_low ?? -1) ||
      b.violations - a.violations ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return sorted.map((row, i) => ({ risk_rank: i + 1, ...row }));
}
