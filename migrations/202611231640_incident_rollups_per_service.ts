import { type Kysely, sql } from 'kysely';

// incident_rollups and incident_histograms are kept per service too (issue 5 "Performance"):
// one busy service's year held more than 5 000 incidents, so its summary and DORA recovery
// read every fact (40–60 ms each). The next refresh adds the service rows for every incident.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`INSERT INTO rollup_dirty_incidents SELECT id FROM incidents`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM incident_rollups WHERE scope LIKE 'service:%';
    DELETE FROM incident_histograms WHERE scope LIKE 'service:%';
  `.execute(db);
}
