// The production deployments of an incident's services around it, for its timeline: from
// `hours` before the impact start (default: the link window, docs/metrics.md "Linking") to its
// end (resolved, else mitigated, else the impact start), so the rollback and the fix show too.
import { sql } from 'kysely';
import type { NearbyDeployment } from '../api/incidents/schema.ts';
import type { Db } from '../db/connection.ts';

/** At most this many, newest first: a busy service deploys a few times an hour. */
export const NEARBY_LIMIT = 200;
/** The window before impact may be at most a week. */
export const NEARBY_MAX_HOURS = 168;

export type { NearbyDeployment };

export async function nearbyDeployments(db: Db, incidentId: string, hours: number, productionEnvironments: string[]): Promise<NearbyDeployment[]> {
  const { rows } = await sql<NearbyDeployment>`
    SELECT d.external_id AS id, s.external_id AS service, d.cohort, d.status, d.effective_at AS at, d.rollback_of,
           EXISTS (SELECT 1 FROM incident_links l WHERE l.incident_id = i.id AND l.deployment_id = d.id AND l.confidence > 0) AS linked
    FROM incidents i
    JOIN incident_services isv ON isv.incident_id = i.id
    JOIN deployments d ON d.service_id = isv.service_id
    JOIN services s ON s.id = d.service_id
    WHERE i.id = ${incidentId}
      AND d.environment = ANY(${productionEnvironments}::text[])
      AND d.effective_at >= i.impact_started_at - make_interval(hours => ${hours})
      AND d.effective_at <= least(coalesce(i.resolved_at, i.mitigated_at, i.impact_started_at), i.impact_started_at + make_interval(hours => ${NEARBY_MAX_HOURS}))
    ORDER BY d.effective_at DESC, d.id DESC
    LIMIT ${NEARBY_LIMIT}
  `.execute(db);
  return rows;
}
