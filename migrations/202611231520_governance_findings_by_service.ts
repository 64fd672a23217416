import { type Kysely, sql } from 'kysely';

// A service's findings, latest first: the findings list with a service filter walks each kept
// service's findings by time instead of everyone's (analytics/governance-controls.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX governance_findings_service_id_at_idx ON governance_findings (service_id, at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX governance_findings_service_id_at_idx`.execute(db);
}
