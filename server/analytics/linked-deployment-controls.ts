// What the incident's linked deployments (at ≥ min_confidence) skipped and who made them: the
// controls they broke (docs/metrics.md "Governance controls", from the governance_findings
// rollup) and the people involved — the changes' authors and approvers, the deployments' actors.
import { sql } from 'kysely';
import type { InvolvedPeople, SkippedControl } from '../api/incidents/schema.ts';
import type { Db } from '../db/connection.ts';
import { GOVERNANCE_CONTROLS } from './governance-control-list.ts';

export type { InvolvedPeople, SkippedControl };

const linked = (incidentId: string, minConfidence: number) =>
  sql`SELECT l.deployment_id FROM incident_links l WHERE l.incident_id = ${incidentId} AND l.confidence >= ${minConfidence} AND l.confidence > 0`;

export async function skippedControls(db: Db, incidentId: string, minConfidence: number): Promise<SkippedControl[]> {
  const { rows } = await sql<SkippedControl>`
    SELECT g.control, g.deployment, g.change, g.service, g.authors, g.approvers
    FROM governance_findings g
    WHERE g.deployment_id IN (${linked(incidentId, minConfidence)})
    ORDER BY g.deployment, array_position(${GOVERNANCE_CONTROLS}::text[], g.control), g.change
  `.execute(db);
  return rows;
}

export async function involvedPeople(db: Db, incidentId: string, minConfidence: number): Promise<InvolvedPeople> {
  const { rows } = await sql<InvolvedPeople>`
    WITH d AS (SELECT d.id, d.actor, d.actor_type FROM deployments d WHERE d.id IN (${linked(incidentId, minConfidence)})),
         c AS (SELECT DISTINCT c.author, c.approvers FROM d JOIN deployment_changes dc ON dc.deployment_id = d.id JOIN changes c ON c.external_id = dc.change_external_id)
    SELECT ARRAY(SELECT DISTINCT author FROM c ORDER BY 1) AS authors,
           ARRAY(SELECT DISTINCT a FROM c, unnest(c.approvers) a ORDER BY 1) AS approvers,
           coalesce((SELECT json_agg(json_build_object('name', o.actor, 'type', o.actor_type) ORDER BY o.actor)
                     FROM (SELECT DISTINCT actor, actor_type FROM d WHERE actor IS NOT NULL) o), '[]'::json) AS operators
  `.execute(db);
  return rows[0]!;
}
