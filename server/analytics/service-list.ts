// The service list (GET /api/services): each service's attributes and, for the period, the
// production deployments CFR counts, how many failed, and the AI share of those whose cohort is known.
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { cfrDeployments } from './change-failure-rate.ts';
import { type MetricFilters, serviceFilter } from './filters.ts';

export interface ServiceListRow {
  id: string;
  name: string;
  team: string | null;
  domain: string | null;
  tier: number | null;
  high_risk: boolean;
  deployments: number;
  failed: number;
  /** ai / (ai + human); null when no deployment's cohort is known. Unknown is never folded into human. */
  ai_share: number | null;
}

/**
 * Every service the service filters keep, with no deployments as zeros. `deployments` and
 * `failed` are those of docs/metrics.md "Change failure rate" (production, rollback deployments
 * excluded, failed on all links), so failed / deployments is the service's CFR.
 */
export async function listServices(db: Db, filters: MetricFilters): Promise<ServiceListRow[]> {
  const { productionEnvironments } = await readMetricSettings(db);
  const { rows } = await sql<ServiceListRow>`
    WITH c AS (${cfrDeployments(filters, productionEnvironments)})
    SELECT s.external_id AS id, s.name, s.team, s.domain, s.tier, s.high_risk,
           count(c.id)::int AS deployments,
           count(c.id) FILTER (WHERE c.failed)::int AS failed,
           (count(c.id) FILTER (WHERE c.cohort = 'ai'))::float8
             / nullif(count(c.id) FILTER (WHERE c.cohort IN ('ai', 'human')), 0) AS ai_share
    FROM services s
    LEFT JOIN c ON c.service_id = s.id
    WHERE ${serviceFilter(filters)}
    GROUP BY s.id
    ORDER BY s.external_id, s.id
  `.execute(db);
  return rows;
}
