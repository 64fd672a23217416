// A classification changes one thing the derived tables hold: its incident's current AI role,
// in the incident's facts and in the classified / AI-involved counts of the monthly rollups
// that count it. The API applies that at once, by difference, instead of refreshing the
// incident's whole month and week (tens of seconds at 10 M deployments: every histogram and
// trend point of the month). The classification trigger still marks the incident dirty, so
// the next refresh recomputes it from scratch and must find the same rows.
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { aiInvolved, currentRole } from './incident-facts.ts';
import { monthOf } from './incident-rollups.ts';
import { lockRefresh } from './rollups.ts';

/** Puts an incident's latest classification into its facts and monthly rollup counts. */
export async function refreshIncidentRole(db: Db, incidentId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await lockRefresh(tx);
    // Every CTE reads the rows as they were before the UPDATE: `was` holds the old roles.
    await sql`
      WITH now AS (${currentRole(sql`${incidentId}::bigint`)}),
      was AS (SELECT f.level, f.severity, f.cohort, f.impact_started_at, f.ai_role FROM incident_facts f WHERE f.incident_id = ${incidentId}),
      facts AS (UPDATE incident_facts f SET ai_role = (SELECT ai_role FROM now) WHERE f.incident_id = ${incidentId}),
      delta AS (
        SELECT w.level, w.severity, w.cohort, ${monthOf(sql.ref('w.impact_started_at'))} AS month,
               (n.ai_role IS NOT NULL)::int - (w.ai_role IS NOT NULL)::int AS classified,
               ${aiInvolved(sql.ref('n.ai_role'))}::int - ${aiInvolved(sql.ref('w.ai_role'))}::int AS ai_involved
        FROM was w LEFT JOIN now n ON true),
      scopes AS (SELECT 'fleet' AS scope UNION ALL SELECT scope FROM incident_scopes WHERE incident_id = ${incidentId})
      UPDATE incident_rollups r SET classified = r.classified + d.classified, ai_involved = r.ai_involved + d.ai_involved
      FROM delta d, scopes sc
      WHERE (r.scope, r.level, r.month, r.severity, r.cohort) = (sc.scope, d.level, d.month, d.severity, d.cohort)
        AND (d.classified <> 0 OR d.ai_involved <> 0)
    `.execute(tx);
  });
}
