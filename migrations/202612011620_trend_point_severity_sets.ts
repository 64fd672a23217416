import { type Kysely, sql } from 'kysely';

// Trend points are now stored for four severity sets only (Sev1; Sev1–2, the default; Sev1–3;
// all), not all fifteen (analytics/incident-trend-points.ts STORED_SEVERITY_SETS): the others
// are computed from the facts when asked. Their rows go.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM incident_trend_points WHERE severities NOT IN ('sev1', 'sev1,sev2', 'sev1,sev2,sev3', 'sev1,sev2,sev3,sev4')`.execute(db);
}

// Down marks every incident dirty, so the next refresh stores every set again (as a rebuild would).
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`INSERT INTO rollup_dirty_incidents (incident_id) SELECT id FROM incidents`.execute(db);
}
