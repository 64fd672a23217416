import { sql } from 'kysely';
import type { Db } from '../../server/db/connection.ts';

/** Every derived table's rows in a fixed order: two refresh histories agree when these are equal. */
export async function derivedSnapshot(db: Db) {
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    deployments: await rows(sql`SELECT * FROM deployment_rollups ORDER BY day, service_id, environment, cohort`),
    scopes: await rows(sql`SELECT * FROM deployment_scope_rollups ORDER BY scope, day, environment, cohort`),
    histograms: await rows(sql`SELECT * FROM duration_histograms ORDER BY scope, metric, day, environment, link_level`),
    monthHistograms: await rows(sql`SELECT * FROM duration_month_histograms ORDER BY scope, metric, month, environment, link_level`),
    findings: await rows(sql`SELECT * FROM governance_findings ORDER BY deployment_id, control, change`),
    recoveries: await rows(sql`SELECT * FROM deployment_recoveries ORDER BY deployment_id`),
    changeDurations: await rows(sql`SELECT * FROM change_durations ORDER BY service_id, day, environment, lead_time, merge_to_deploy`),
    incidents: await rows(sql`SELECT * FROM incident_facts ORDER BY level, incident_id`),
    incidentScopes: await rows(sql`SELECT * FROM incident_scopes ORDER BY scope, impact_started_at, incident_id`),
    incidentRollups: await rows(sql`SELECT * FROM incident_rollups ORDER BY scope, level, month, severity, cohort`),
    incidentHistograms: await rows(sql`SELECT * FROM incident_histograms ORDER BY scope, level, month, severity, metric, cohort`),
    incidentTrendPoints: await rows(sql`SELECT grain, scope, level, severities, period, cohort, stats::text FROM incident_trend_points ORDER BY grain, scope, level, severities, period, cohort`),
    links: await rows(sql`SELECT incident_id, deployment_id, rule, confidence FROM incident_links ORDER BY incident_id, deployment_id`),
  };
}
